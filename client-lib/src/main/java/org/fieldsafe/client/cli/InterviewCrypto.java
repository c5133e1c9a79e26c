package org.fieldsafe.client.cli;

import java.util.List;
import org.fieldsafe.client.ClientException;
import org.fieldsafe.client.ClientException.Reason;
import org.fieldsafe.client.interview.DraftCipher;
import org.fieldsafe.client.interview.EnvelopeSealer;
import org.fieldsafe.client.interview.PassphraseDraftCipher;
import org.fieldsafe.client.interview.StudyKeySealer;
import org.fieldsafe.client.store.StoredKey;

/**
 * Where {@code client interview} gets its sealer (core's {@code Sealing} to the pinned study keys) and its draft
 * cipher (core's {@code PassphraseCipher}). Tests may install stand-ins; {@link #UNAVAILABLE} refuses.
 */
final class InterviewCrypto {
    /** Makes the sealer for the pinned study keys. */
    interface SealerFactory {
        EnvelopeSealer forKeys(List<StoredKey> studyKeys) throws ClientException;
    }

    static final SealerFactory UNAVAILABLE = keys -> {
        throw new ClientException(Reason.USAGE, "sealing is not available in this build of the client, so no"
                + " interview can be kept; nothing was written");
    };

    static final SealerFactory STUDY_KEYS = StudyKeySealer::new;

    static volatile SealerFactory sealers = STUDY_KEYS;
    static volatile DraftCipher drafts = new PassphraseDraftCipher();

    private InterviewCrypto() {
    }
}
