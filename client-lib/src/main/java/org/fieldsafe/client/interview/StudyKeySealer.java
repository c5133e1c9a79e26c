package org.fieldsafe.client.interview;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fieldsafe.client.ClientException;
import org.fieldsafe.client.ClientException.Reason;
import org.fieldsafe.client.keys.StoredKey;
import org.fieldsafe.core.crypto.RecipientKey;
import org.fieldsafe.core.crypto.Sealing;
import org.fieldsafe.core.wire.Envelope;
import org.fieldsafe.core.wire.SubmissionHeader;

/**
 * Seals with core's {@link Sealing} to the study keys pinned on this device: {@code research} to the research
 * keys, {@code identity} to the identity keys, {@code referral} to the safeguarding keys.
 */
public final class StudyKeySealer implements EnvelopeSealer {
    private static final Map<String, String> PURPOSE_OF_PART = Map.of(Envelope.RESEARCH, "research",
            Envelope.IDENTITY, "identity", Envelope.REFERRAL, "safeguarding");

    private final Map<String, List<RecipientKey>> byPurpose = new HashMap<>();

    /** Refuses keys whose fingerprint is not their public key's. */
    public StudyKeySealer(List<StoredKey> pinned) throws ClientException {
        for (StoredKey k : pinned) {
            RecipientKey key;
            try {
                key = new RecipientKey(k.fingerprint(), Base64.getDecoder().decode(k.publicKey()));
            } catch (IllegalArgumentException e) {
                throw new ClientException(Reason.INTEGRITY, "the pinned " + k.purpose() + " key is not base64");
            }
            if (!key.isConsistent()) {
                throw new ClientException(Reason.INTEGRITY, "the pinned " + k.purpose() + " key does not match its"
                        + " fingerprint; enrol the device again");
            }
            byPurpose.computeIfAbsent(k.purpose(), p -> new ArrayList<>()).add(key);
        }
    }

    @Override
    public Envelope seal(SubmissionHeader header, Map<String, byte[]> parts) throws ClientException {
        Map<String, List<RecipientKey>> recipients = new HashMap<>();
        for (String part : parts.keySet()) {
            String purpose = PURPOSE_OF_PART.get(part);
            List<RecipientKey> keys = byPurpose.get(purpose);
            if (keys == null || keys.isEmpty()) {
                throw new ClientException(Reason.USAGE, "no " + purpose + " study key is pinned on this device, so"
                        + " the " + part + " part cannot be sealed; pull the forms (fieldsafe client forms pull);"
                        + " nothing was written");
            }
            recipients.put(part, keys);
        }
        return Sealing.seal(header, parts, recipients);
    }
}
