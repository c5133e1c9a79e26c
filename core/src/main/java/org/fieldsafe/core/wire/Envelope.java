package org.fieldsafe.core.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * A sealed submission, as a device uploads it ({@code PUT /api/v1/submissions/{id}}) and as the server stores
 * it: a cleartext {@link SubmissionHeader} and up to three sealed parts ({@code research}, {@code identity},
 * {@code referral}). Optionally, {@code attachments} describes sealed files (audio recordings) uploaded
 * separately after the envelope (docs/sealing.md, "Attachments"); it is left out of the JSON when null, so an
 * envelope without attachments has the same bytes as before attachments existed.
 */
public record Envelope(SubmissionHeader header, Map<String, SealedPart> parts,
                       @JsonInclude(JsonInclude.Include.NON_NULL) List<Attachment> attachments) {

    /** An envelope without attachments. */
    public Envelope(SubmissionHeader header, Map<String, SealedPart> parts) {
        this(header, parts, null);
    }

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

    /**
     * A sealed attachment's descriptor: {@code name} (lower-case word, unique in the envelope), the
     * {@code questionId} whose answer it is, the number of {@code chunks}, {@code plaintextBytes} and
     * {@code sealedBytes}, the SHA-256 (lower-case hex) of the sealed bytes, the 8-byte {@code noncePrefix}
     * (base64) and the content key wrapped per recipient (the research recipients).
     */
    public record Attachment(String name, String questionId, int chunks, long plaintextBytes, long sealedBytes,
                             String sha256, String noncePrefix, List<WrappedKey> recipients) {
    }
}
