package org.fieldsafe.server.submissions;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fieldsafe.core.wire.Envelope;
import org.fieldsafe.core.wire.SubmissionHeader;
import org.fieldsafe.core.util.Base64Fields;

/**
 * The sealed parts of an envelope, checked without opening them: names known, sorted in {@code header.parts} and
 * equal to the parts present, {@code research} present, {@code referral} present exactly when the header has
 * triage, byte fields decoding to the sizes of AES-256-GCM and HPKE (X25519), and every recipient the study key
 * of the part's purpose.
 */
final class PartsValidator {
    /** Which study key opens which part. */
    static final Map<String, String> PURPOSE_OF_PART = Map.of(
            Envelope.RESEARCH, "research",
            Envelope.IDENTITY, "identity",
            Envelope.REFERRAL, "safeguarding");
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BYTES = 16;
    private static final int ENC_BYTES = 32;
    private static final int WRAPPED_KEY_BYTES = 32 + TAG_BYTES;

    private PartsValidator() {
    }

    static void check(Envelope envelope, Map<String, String> fingerprints) {
        SubmissionHeader h = envelope.header();
        List<String> listed = h.parts();
        HeaderValidator.require(listed != null && listed.stream().allMatch(Envelope.PART_NAMES::contains)
                && sortedAndDistinct(listed), "header.parts");
        HeaderValidator.require(listed.contains(Envelope.RESEARCH), "header.parts");
        Map<String, Envelope.SealedPart> parts = envelope.parts();
        HeaderValidator.require(parts != null && parts.keySet().equals(new HashSet<>(listed)), "parts");
        HeaderValidator.require(h.triage() != null || !parts.containsKey(Envelope.REFERRAL), "header.triage");
        HeaderValidator.require(h.triage() == null || parts.containsKey(Envelope.REFERRAL), "header.parts");
        for (String name : listed) {
            part(name, parts.get(name), fingerprints.get(PURPOSE_OF_PART.get(name)));
        }
        AttachmentsValidator.check(envelope, fingerprints.get(PURPOSE_OF_PART.get(Envelope.RESEARCH)));
    }

    private static void part(String name, Envelope.SealedPart part, String keyId) {
        String field = "parts." + name;
        HeaderValidator.require(part != null, field);
        HeaderValidator.require(decodesTo(part.nonce(), NONCE_BYTES), field, ".nonce");
        // valid base64 of at least a tag, checked without materialising the decoded bytes (BENCHMARKS.md (n))
        HeaderValidator.require(Base64Fields.decodedLength(part.ciphertext()) >= TAG_BYTES, field, ".ciphertext");
        HeaderValidator.require(part.recipients() != null && !part.recipients().isEmpty(), field, ".recipients");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < part.recipients().size(); i++) {
            String recipient = field + ".recipients[" + i + "]";
            Envelope.WrappedKey key = part.recipients().get(i);
            HeaderValidator.require(key != null, recipient);
            HeaderValidator.require(keyId != null && keyId.equals(key.keyId()) && seen.add(key.keyId()),
                    recipient, ".keyId");
            HeaderValidator.require(decodesTo(key.enc(), ENC_BYTES), recipient, ".enc");
            HeaderValidator.require(decodesTo(key.wrappedKey(), WRAPPED_KEY_BYTES), recipient, ".wrappedKey");
        }
    }

    private static boolean sortedAndDistinct(List<String> names) {
        List<String> sorted = new ArrayList<>(new java.util.TreeSet<>(names));
        return sorted.equals(names);
    }

    private static boolean decodesTo(String base64, int length) {
        byte[] bytes = Base64Fields.decodeOrNull(base64);
        return bytes != null && bytes.length == length;
    }
}
