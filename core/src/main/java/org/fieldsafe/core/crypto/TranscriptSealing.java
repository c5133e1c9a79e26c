package org.fieldsafe.core.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import org.fieldsafe.core.wire.Envelope;
import org.fieldsafe.core.wire.SubmissionHeader;

/**
 * Seals and opens a transcript or translation of a submission as a sealed text part (docs/sealing.md,
 * "Transcripts and translations"): a fresh 32-byte content key, AES-256-GCM over the text's UTF-8 bytes with a
 * random 12-byte nonce, the content key wrapped per recipient with HPKE exactly like an envelope part
 * ({@link Sealing#wrapKey}) with {@code info = fieldsafe/v1/text/<kind>}. The associated data of both is the
 * submission's header bytes ({@link Sealing#headerBytes}), a line feed and the part line
 * {@code fieldsafe/v1/text/<kind>/<language>/<version>}, so a part moved to another submission, kind, language or
 * version does not open. The sealed form is an {@link Envelope.SealedPart} (nonce, ciphertext, recipients).
 */
public final class TranscriptSealing {
    /** The kind of a part in the source language. */
    public static final String TRANSCRIPT = "transcript";
    /** The kind of a part in a target language. */
    public static final String TRANSLATION = "translation";
    public static final Set<String> KINDS = Set.of(TRANSCRIPT, TRANSLATION);
    /** A language code: a BCP 47-like tag of lower-case primary subtag and optional subtags ({@code km}, {@code en}, {@code pt-BR}). */
    public static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}");
    public static final String INFO_PREFIX = "fieldsafe/v1/text/";

    private static final com.fasterxml.jackson.databind.ObjectMapper STORED_JSON =
            org.fieldsafe.core.json.JsonMappers.sorted();
    private static final int CONTENT_KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;

    private TranscriptSealing() {
    }

    /** Whether {@code kind}, {@code language} and {@code version} name a valid part. */
    public static boolean validPart(String kind, String language, int version) {
        return kind != null && KINDS.contains(kind) && language != null && LANGUAGE.matcher(language).matches()
                && version >= 1;
    }

    /**
     * Seals {@code text} as part ({@code kind}, {@code language}, {@code version}) of the submission whose header is
     * {@code header}, for {@code recipients} (the research key and, when the study has one, its transcription key).
     *
     * @throws IllegalArgumentException for an invalid kind, language or version, no recipients or a recipient
     *                                  whose key id is not its key's fingerprint
     */
    public static Envelope.SealedPart seal(SubmissionHeader header, String kind, String language, int version,
                                           String text, List<RecipientKey> recipients) {
        requirePart(kind, language, version);
        if (text == null) {
            throw new IllegalArgumentException("no text to seal");
        }
        byte[] aad = aad(header, kind, language, version);
        byte[] contentKey = Secrets.randomBytes(CONTENT_KEY_BYTES);
        byte[] plaintext = text.getBytes(StandardCharsets.UTF_8);
        try {
            byte[] nonce = Secrets.randomBytes(NONCE_BYTES);
            byte[] ciphertext = Sealing.gcm(Cipher.ENCRYPT_MODE, contentKey, nonce, aad).doFinal(plaintext);
            Base64.Encoder b64 = Base64.getEncoder();
            return new Envelope.SealedPart(b64.encodeToString(nonce), b64.encodeToString(ciphertext),
                    Sealing.wrapKey(contentKey, info(kind), recipients, aad));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing failed: " + e.getMessage(), e);
        } finally {
            Arrays.fill(contentKey, (byte) 0);
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /**
     * Opens a sealed text part with the private key of recipient {@code keyId}; {@code kind}, {@code language} and
     * {@code version} are where the part is stored (not read from the part). Fails, without output, for a key that
     * is not a recipient, a private key that is not {@code keyId}'s, and any change of header, kind, language,
     * version, nonce, ciphertext or wrapped key.
     */
    public static String open(SubmissionHeader header, String kind, String language, int version,
                              Envelope.SealedPart sealed, String keyId, byte[] privateKey)
            throws SealedPartException {
        if (header == null || sealed == null || !validPart(kind, language, version)) {
            throw new SealedPartException("not a sealed text part");
        }
        String what = "the " + kind + " " + language + " v" + version;
        byte[] aad = aad(header, kind, language, version);
        byte[] contentKey = Sealing.unwrapKey(sealed.recipients(), info(kind), aad, keyId, privateKey, what);
        try {
            Base64.Decoder b64 = Base64.getDecoder();
            byte[] nonce = b64.decode(sealed.nonce());
            if (nonce.length != NONCE_BYTES) {
                throw new SealedPartException(what + " cannot be opened: it was altered or the key is wrong");
            }
            byte[] plaintext = Sealing.gcm(Cipher.DECRYPT_MODE, contentKey, nonce, aad)
                    .doFinal(b64.decode(sealed.ciphertext()));
            try {
                return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(plaintext)).toString();
            } finally {
                Arrays.fill(plaintext, (byte) 0);
            }
        } catch (GeneralSecurityException | IllegalArgumentException | NullPointerException
                 | java.nio.charset.CharacterCodingException e) {
            throw new SealedPartException(what + " cannot be opened: it was altered or the key is wrong", e);
        } finally {
            Arrays.fill(contentKey, (byte) 0);
        }
    }

    /** The stored bytes of a sealed text part: its JSON ({@code nonce}, {@code ciphertext}, {@code recipients}), UTF-8. */
    public static byte[] toBytes(Envelope.SealedPart sealed) {
        try {
            return STORED_JSON.writeValueAsBytes(sealed);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("sealed part is not serialisable", e);
        }
    }

    /** Reads stored bytes ({@link #toBytes}); fails like an altered part for bytes that are not a sealed part. */
    public static Envelope.SealedPart fromBytes(byte[] stored) throws SealedPartException {
        try {
            Envelope.SealedPart part = STORED_JSON.readValue(stored, Envelope.SealedPart.class);
            if (part == null || part.nonce() == null || part.ciphertext() == null || part.recipients() == null) {
                throw new SealedPartException("not a sealed text part");
            }
            return part;
        } catch (java.io.IOException e) {
            throw new SealedPartException("not a sealed text part", e);
        }
    }

    /** As {@link #open(SubmissionHeader, String, String, int, Envelope.SealedPart, String, byte[])} over stored bytes. */
    public static String open(SubmissionHeader header, String kind, String language, int version, byte[] stored,
                              String keyId, byte[] privateKey) throws SealedPartException {
        return open(header, kind, language, version, fromBytes(stored), keyId, privateKey);
    }

    /** The part line bound as associated data: {@code fieldsafe/v1/text/<kind>/<language>/<version>}. */
    public static String partLine(String kind, String language, int version) {
        return INFO_PREFIX + kind + "/" + language + "/" + version;
    }

    static byte[] aad(SubmissionHeader header, String kind, String language, int version) {
        byte[] h = Sealing.headerBytes(header);
        byte[] p = ("\n" + partLine(kind, language, version)).getBytes(StandardCharsets.UTF_8);
        byte[] aad = Arrays.copyOf(h, h.length + p.length);
        System.arraycopy(p, 0, aad, h.length, p.length);
        return aad;
    }

    private static byte[] info(String kind) {
        return (INFO_PREFIX + kind).getBytes(StandardCharsets.UTF_8);
    }

    private static void requirePart(String kind, String language, int version) {
        if (!validPart(kind, language, version)) {
            throw new IllegalArgumentException("a text part needs kind transcript or translation, a language code"
                    + " and a version of at least 1");
        }
    }
}
