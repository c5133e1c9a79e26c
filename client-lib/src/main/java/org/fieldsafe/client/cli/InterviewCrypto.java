package org.fieldsafe.client.cli;

import java.util.List;
import org.fieldsafe.client.ClientException;
import org.fieldsafe.client.interview.DraftCipher;
import org.fieldsafe.client.interview.EnvelopeSealer;
import org.fieldsafe.client.interview.PassphraseDraftCipher;
import org.fieldsafe.client.interview.StudyKeySealer;
import org.fieldsafe.client.store.StoredKey;

/**
 * Where {@code client interview} gets its sealer (core's {@code Sealing} to the pinned study keys) and its draft
 * cipher (core's {@code PassphraseCipher}). Tests may install stand-ins.
 */
final class InterviewCrypto {
    /** Makes the sealer for the pinned study keys. */
    interface SealerFactory {
        EnvelopeSealer forKeys(List<StoredKey> studyKeys) throws ClientException;
    }

    static final SealerFactory STUDY_KEYS = StudyKeySealer::new;

    static volatile SealerFactory sealers = STUDY_KEYS;
    static volatile DraftCipher drafts = new PassphraseDraftCipher();

    private InterviewCrypto() {
    }
}
