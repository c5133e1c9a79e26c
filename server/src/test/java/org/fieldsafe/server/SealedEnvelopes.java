package org.fieldsafe.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.fieldsafe.core.crypto.AttachmentSealing;
import org.fieldsafe.core.crypto.KeyPairBytes;
import org.fieldsafe.core.crypto.RecipientKey;
import org.fieldsafe.core.crypto.Sealing;
import org.fieldsafe.core.crypto.SealedPartException;
import org.fieldsafe.core.wire.Envelope;
import org.fieldsafe.core.wire.SubmissionHeader;
import org.fieldsafe.server.json.ServerJson;

/**
 * Envelopes sealed for real with the test study keys ({@link Envelopes.StudyKeys#pairs()}), so tests can open
 * their parts - or show they no longer open after shredding.
 */
public final class SealedEnvelopes {
    private static final ObjectMapper JSON = ServerJson.api();

    private SealedEnvelopes() {
    }

    /** A sealed envelope: its bytes as uploaded, and the sealed attachment bytes (null without an attachment). */
    public record Sealed(String id, byte[] bytes, byte[] attachment) {
        public Envelope envelope() {
            return read(bytes);
        }
    }

    /**
     * An envelope with {@code research} and {@code identity} parts for the respondents with these code hashes (a
     * joint interview for two), each part's plaintext naming {@code secret}; with a 1,000-byte recording when
     * {@code recording}.
     */
    public static Sealed seal(Envelopes.Target target, Envelopes.StudyKeys keys, String secret, boolean recording,
                              String... codeHashes) {
        return seal(target, keys, "2026-03-01T07:30:00Z", secret, recording, codeHashes);
    }

    /** As {@link #seal(Envelopes.Target, Envelopes.StudyKeys, String, boolean, String...)}, finalised then. */
    public static Sealed seal(Envelopes.Target target, Envelopes.StudyKeys keys, String finalisedAt, String secret,
                              boolean recording, String... codeHashes) {
        return seal(target, keys, finalisedAt, "RH", secret, recording, codeHashes);
    }

    /** As above, the respondents in {@code category}. */
    public static Sealed seal(Envelopes.Target target, Envelopes.StudyKeys keys, String finalisedAt, String category,
                              String secret, boolean recording, String... codeHashes) {
        String id = UUID.randomUUID().toString();
        SubmissionHeader.ConsentAssertion consent = new SubmissionHeader.ConsentAssertion(true, recording, "verbal",
                false, null, null);
        List<SubmissionHeader.RespondentAssertion> respondents = new ArrayList<>();
        for (String hash : codeHashes) {
            respondents.add(new SubmissionHeader.RespondentAssertion(hash, category, consent));
        }
        SubmissionHeader header = new SubmissionHeader(1, id, target.study(), target.form(), target.consentForm(),
                target.site(), target.deviceId(), target.enumerator(), finalisedAt, "km", respondents,
                null, List.of(Envelope.IDENTITY, Envelope.RESEARCH));
        Map<String, byte[]> plaintexts = new TreeMap<>();
        plaintexts.put(Envelope.RESEARCH, ("{\"answers\":\"research " + secret + "\"}").getBytes(StandardCharsets.UTF_8));
        plaintexts.put(Envelope.IDENTITY, ("{\"answers\":\"identity " + secret + "\"}").getBytes(StandardCharsets.UTF_8));
        Map<String, List<RecipientKey>> recipients = new TreeMap<>();
        recipients.put(Envelope.RESEARCH, List.of(recipient(keys, "research")));
        recipients.put(Envelope.IDENTITY, List.of(recipient(keys, "identity")));
        Envelope envelope = Sealing.seal(header, plaintexts, recipients);
        byte[] attachment = null;
        if (recording) {
            ByteArrayOutputStream sealed = new ByteArrayOutputStream();
            Envelope.Attachment descriptor = AttachmentSealing.seal(header, "recording", "q_recording",
                    ("audio " + secret).repeat(50).getBytes(StandardCharsets.UTF_8), sealed,
                    List.of(recipient(keys, "research")));
            envelope = new Envelope(header, envelope.parts(), List.of(descriptor));
            attachment = sealed.toByteArray();
        }
        try {
            return new Sealed(id, JSON.writeValueAsBytes(envelope), attachment);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens a part with the study's private key of {@code purpose}; fails when shredded. */
    public static byte[] open(Envelope envelope, String part, Envelopes.StudyKeys keys, String purpose)
            throws SealedPartException {
        KeyPairBytes pair = keys.pairs().get(purpose);
        return Sealing.open(envelope, part, pair.fingerprint(), pair.privateKey());
    }

    /** The secret strings of one sealed part, as the envelope holds them (base64): nonce, ciphertext, enc, wrapped keys. */
    public static List<String> secrets(Envelope.SealedPart part) {
        List<String> out = new ArrayList<>(List.of(part.nonce(), part.ciphertext()));
        part.recipients().forEach(r -> {
            out.add(r.enc());
            out.add(r.wrappedKey());
        });
        return out;
    }

    /**
     * Every secret string of an envelope: its parts' ({@link #secrets(Envelope.SealedPart)}), its attachments' nonce
     * prefixes, encs and wrapped keys, and the sealed attachment bytes in base64 (as the attachment chunks hold them).
     */
    public static List<String> secrets(Sealed sealed) {
        Envelope e = sealed.envelope();
        List<String> out = new ArrayList<>();
        e.parts().values().forEach(p -> out.addAll(secrets(p)));
        if (e.attachments() != null) {
            e.attachments().forEach(a -> {
                out.add(a.noncePrefix());
                a.recipients().forEach(r -> {
                    out.add(r.enc());
                    out.add(r.wrappedKey());
                });
            });
            out.add(java.util.Base64.getEncoder().encodeToString(sealed.attachment()));
        }
        return out;
    }

    public static Envelope read(byte[] bytes) {
        try {
            return JSON.readValue(bytes, Envelope.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RecipientKey recipient(Envelopes.StudyKeys keys, String purpose) {
        return RecipientKey.of(keys.pairs().get(purpose).publicKey());
    }
}
