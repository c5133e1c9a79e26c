package org.fieldsafe.client.fieldwork;

import java.util.List;
import java.util.Objects;
import org.fieldsafe.client.ClientException;
import org.fieldsafe.client.interview.DraftCipher;
import org.fieldsafe.client.interview.EnvelopeSealer;
import org.fieldsafe.client.interview.PassphraseDraftCipher;
import org.fieldsafe.client.interview.StudyKeySealer;
import org.fieldsafe.client.keys.StoredKey;

/**
 * How interviews on this device are sealed (core's {@code Sealing} to the pinned study keys) and how their drafts
 * are encrypted (core's {@code PassphraseCipher}); handed to {@code FieldsafeClient} through its constructor, so a
 * test can give stand-ins. A null {@code drafts} means a build without draft encryption: no draft is kept.
 */
public record InterviewCrypto(SealerFactory sealers, DraftCipher drafts) {
    /** Makes the sealer for the pinned study keys. */
    public interface SealerFactory {
        EnvelopeSealer forKeys(List<StoredKey> studyKeys) throws ClientException;
    }

    public InterviewCrypto {
        Objects.requireNonNull(sealers, "sealers");
    }

    /** The real sealer and draft cipher. */
    public static InterviewCrypto standard() {
        return new InterviewCrypto(StudyKeySealer::new, new PassphraseDraftCipher());
    }
}
