package org.fieldsafe.core.wire;

import java.util.List;
import java.util.Map;

/**
 * A sealed submission, as a device uploads it ({@code PUT /api/v1/submissions/{id}}) and as the server stores
 * it: a cleartext {@link SubmissionHeader} and up to three sealed parts ({@code research}, {@code identity},
 * {@code referral}). See docs/sealing.md.
 */
public record Envelope(SubmissionHeader header, Map<String, SealedPart> parts) {

    /** Part names. */
    public static final String RESEARCH = "research";
    public static final String IDENTITY = "identity";
    public static final String REFERRAL = "referral";
    public static final List<String> PART_NAMES = List.of(RESEARCH, IDENTITY, REFERRAL);

    /**
     * One sealed part: AES-256-GCM ciphertext (with tag) of the part's JSON under a fresh content key, whose
     * associated data is the header's canonical bytes; the content key wrapped per recipient with HPKE.
     * Byte fields are base64 (standard alphabet, with padding).
     */
    public record SealedPart(String nonce, String ciphertext, List<WrappedKey> recipients) {
    }

    /**
     * The content key sealed to one recipient key with HPKE base mode: {@code keyId} is the recipient public
     * key's fingerprint, {@code enc} the encapsulated key, {@code wrappedKey} the HPKE ciphertext.
     */
    public record WrappedKey(String keyId, String enc, String wrappedKey) {
    }
}
