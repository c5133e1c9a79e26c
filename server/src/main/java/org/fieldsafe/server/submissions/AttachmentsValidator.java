package org.fieldsafe.server.submissions;

import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.fieldsafe.core.crypto.AttachmentSealing;
import org.fieldsafe.core.wire.Envelope;
import org.fieldsafe.core.wire.SubmissionHeader;

/**
 * The optional {@code attachments} descriptors of an envelope, checked without opening them (docs/sealing.md,
 * "Attachments"): names lower-case words and distinct, sizes and chunk count consistent with the chunking, a
 * lower-case hex SHA-256, an 8-byte nonce prefix, every recipient the study's research key, and recording consent
 * from every respondent.
 */
final class AttachmentsValidator {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern QUESTION = Pattern.compile("[a-z][a-z0-9_]{0,127}");

    private AttachmentsValidator() {
    }

    static void check(Envelope envelope, String researchKeyId) {
        List<Envelope.Attachment> attachments = envelope.attachments();
        if (attachments == null) {
            return;
        }
        HeaderValidator.require(!attachments.isEmpty(), "attachments");
        for (SubmissionHeader.RespondentAssertion r : envelope.header().respondents()) {
            HeaderValidator.require(r.consent() != null && r.consent().recording(), "attachments");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < attachments.size(); i++) {
            String field = "attachments[" + i + "]";
            Envelope.Attachment a = attachments.get(i);
            HeaderValidator.require(a != null, field);
            HeaderValidator.require(a.name() != null && AttachmentSealing.NAME.matcher(a.name()).matches()
                    && names.add(a.name()), field + ".name");
            HeaderValidator.require(a.questionId() != null && QUESTION.matcher(a.questionId()).matches(),
                    field + ".questionId");
            HeaderValidator.require(a.plaintextBytes() >= 0, field + ".plaintextBytes");
            HeaderValidator.require(a.chunks() == AttachmentSealing.chunkCount(a.plaintextBytes()), field + ".chunks");
            HeaderValidator.require(a.sealedBytes() == AttachmentSealing.sealedSize(a.plaintextBytes()),
                    field + ".sealedBytes");
            HeaderValidator.require(a.sha256() != null && SHA256.matcher(a.sha256()).matches(), field + ".sha256");
            HeaderValidator.require(decodesTo(a.noncePrefix(), 8), field + ".noncePrefix");
            HeaderValidator.require(a.recipients() != null && !a.recipients().isEmpty(), field + ".recipients");
            Set<String> seen = new HashSet<>();
            for (int j = 0; j < a.recipients().size(); j++) {
                String recipient = field + ".recipients[" + j + "]";
                Envelope.WrappedKey key = a.recipients().get(j);
                HeaderValidator.require(key != null, recipient);
                HeaderValidator.require(researchKeyId != null && researchKeyId.equals(key.keyId())
                        && seen.add(key.keyId()), recipient + ".keyId");
                HeaderValidator.require(decodesTo(key.enc(), 32), recipient + ".enc");
                HeaderValidator.require(decodesTo(key.wrappedKey(), 48), recipient + ".wrappedKey");
            }
        }
    }

    private static boolean decodesTo(String base64, int length) {
        if (base64 == null) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(base64).length == length;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
