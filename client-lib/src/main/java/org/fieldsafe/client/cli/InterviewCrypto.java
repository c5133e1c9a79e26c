package org.fieldsafe.client.cli;

import java.util.List;
import org.fieldsafe.client.ClientException;
import org.fieldsafe.client.ClientException.Reason;
import org.fieldsafe.client.interview.DraftCipher;
import org.fieldsafe.client.interview.EnvelopeSealer;
import org.fieldsafe.client.store.StoredKey;

/**
 * Where {@code client interview} gets its sealer and its draft cipher. Until core's {@code Sealing} and
 * {@code PassphraseCipher} are on this branch there is none: an interview is refused before it starts
 * (nothing could be kept safely) and {@code :pause} is not offered. Tests install their own.
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

    static volatile SealerFactory sealers = UNAVAILABLE;
    static volatile DraftCipher drafts;

    private InterviewCrypto() {
    }
}
