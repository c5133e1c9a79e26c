package org.fieldsafe.core.crypto;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import org.fieldsafe.core.wire.Envelope;
import org.fieldsafe.core.wire.SubmissionHeader;

/**
 * Seals and opens attachments (audio recordings) in fixed-size chunks (docs/sealing.md, "Attachments").
 * A fresh 32-byte content key; the plaintext is cut into {@link #CHUNK_BYTES} chunks (the last may be shorter,
 * an empty file is one empty chunk); chunk {@code i} is AES-256-GCM with nonce = the 8-byte random
 * {@code noncePrefix} + {@code i} as 4 bytes big-endian, associated data
 * {@code fieldsafe/v1/attachment/<submissionId>/<name>/<i>/<last|more>}, tag appended. The sealed bytes are the
 * chunks concatenated. The content key is wrapped to each recipient like a part ({@link Sealing#wrapKey}) with
 * {@code info = fieldsafe/v1/attachment/<name>} and associated data = the header bytes, a line feed and the
 * descriptor line ({@link #descriptorLine}), so the descriptor (sizes, chunk count, sealed SHA-256, nonce prefix)
 * and the header are bound to the key.
 */
public final class AttachmentSealing {
    /** Plaintext bytes per chunk (64 KiB). */
    public static final int CHUNK_BYTES = 64 * 1024;
    /** GCM tag bytes appended to each chunk. */
    public static final int TAG_BYTES = 16;
    /** The sealed size of a full chunk. */
    public static final int SEALED_CHUNK_BYTES = CHUNK_BYTES + TAG_BYTES;
    public static final String INFO_PREFIX = "fieldsafe/v1/attachment/";
    /** Attachment names: a lower-case word, also a URL path segment. */
    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private static final int CONTENT_KEY_BYTES = 32;
    private static final int PREFIX_BYTES = 8;

    private AttachmentSealing() {
    }

    /** The number of chunks of a plaintext of {@code plaintextBytes}. */
    public static long chunkCount(long plaintextBytes) {
        return Math.max(1, (plaintextBytes + CHUNK_BYTES - 1) / CHUNK_BYTES);
    }

    /** The sealed size of a plaintext of {@code plaintextBytes}. */
    public static long sealedSize(long plaintextBytes) {
        return plaintextBytes + chunkCount(plaintextBytes) * TAG_BYTES;
    }

    /**
     * Seals {@code plaintext} (read to its end) into {@code sealedOut} and returns its descriptor.
     *
     * @throws IllegalArgumentException for a name that is not a lower-case word or no recipients
     * @throws UncheckedIOException     when reading or writing fails
     */
    public static Envelope.Attachment seal(SubmissionHeader header, String name, String questionId,
                                           InputStream plaintext, OutputStream sealedOut,
                                           List<RecipientKey> recipients) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("attachment name must be a lower-case word: " + name);
        }
        if (recipients == null || recipients.isEmpty()) {
            throw new IllegalArgumentException("attachment " + name + " has no recipients");
        }
        byte[] contentKey = Secrets.randomBytes(CONTENT_KEY_BYTES);
        byte[] prefix = Secrets.randomBytes(PREFIX_BYTES);
        MessageDigest sha = sha256();
        try {
            byte[] current = readChunk(plaintext);
            long plaintextBytes = 0;
            long sealedBytes = 0;
            int index = 0;
            while (true) {
                byte[] next = current.length == CHUNK_BYTES ? readChunk(plaintext) : new byte[0];
                boolean last = current.length < CHUNK_BYTES || next.length == 0;
                byte[] sealed = Sealing.gcm(Cipher.ENCRYPT_MODE, contentKey, nonce(prefix, index),
                        chunkAad(header.submissionId(), name, index, last)).doFinal(current);
                sealedOut.write(sealed);
                sha.update(sealed);
                plaintextBytes += current.length;
                sealedBytes += sealed.length;
                index++;
                if (last) {
                    break;
                }
                current = next;
            }
            String digest = HexFormat.of().formatHex(sha.digest());
            String prefixB64 = Base64.getEncoder().encodeToString(prefix);
            Envelope.Attachment unwrapped = new Envelope.Attachment(name, questionId, index, plaintextBytes,
                    sealedBytes, digest, prefixB64, List.of());
            return new Envelope.Attachment(name, questionId, index, plaintextBytes, sealedBytes, digest, prefixB64,
                    Sealing.wrapKey(contentKey, info(name), recipients, keyAad(header, unwrapped)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing failed: " + e.getMessage(), e);
        } finally {
            Arrays.fill(contentKey, (byte) 0);
        }
    }

    /** Seals a byte array; returns the descriptor, the sealed bytes written to {@code sealedOut}. */
    public static Envelope.Attachment seal(SubmissionHeader header, String name, String questionId,
                                           byte[] plaintext, ByteArrayOutputStream sealedOut,
                                           List<RecipientKey> recipients) {
        return seal(header, name, questionId, new ByteArrayInputStream(plaintext), sealedOut, recipients);
    }

    /**
     * Opens a sealed attachment with the private key of recipient {@code keyId}, writing the plaintext chunk by
     * chunk to {@code plaintextOut}. On a {@link SealedPartException} the output already written must be
     * discarded (a later chunk, or the end, failed). Fails for a key that is not a recipient, a descriptor or
     * header that was altered, and any altered, swapped, dropped, added or truncated chunk.
     */
    public static void open(SubmissionHeader header, Envelope.Attachment attachment, InputStream sealed,
                            OutputStream plaintextOut, String keyId, byte[] privateKey)
            throws SealedPartException, IOException {
        if (header == null || attachment == null || attachment.name() == null) {
            throw new SealedPartException("not an attachment");
        }
        String what = "the attachment " + attachment.name();
        byte[] contentKey = Sealing.unwrapKey(attachment.recipients(), info(attachment.name()),
                keyAad(header, attachment), keyId, privateKey, what);
        try {
            byte[] prefix = Base64.getDecoder().decode(attachment.noncePrefix());
            if (prefix.length != PREFIX_BYTES) {
                throw new SealedPartException(what + " has a bad nonce prefix");
            }
            MessageDigest sha = sha256();
            long sealedTotal = 0;
            long plainTotal = 0;
            for (int index = 0; index < attachment.chunks(); index++) {
                boolean last = index == attachment.chunks() - 1;
                byte[] chunk = sealed.readNBytes(SEALED_CHUNK_BYTES);
                if (chunk.length < TAG_BYTES || (!last && chunk.length != SEALED_CHUNK_BYTES)) {
                    throw new SealedPartException(what + " is truncated");
                }
                sha.update(chunk);
                sealedTotal += chunk.length;
                byte[] plain = Sealing.gcm(Cipher.DECRYPT_MODE, contentKey, nonce(prefix, index),
                        chunkAad(header.submissionId(), attachment.name(), index, last)).doFinal(chunk);
                plainTotal += plain.length;
                plaintextOut.write(plain);
            }
            if (sealed.read() != -1) {
                throw new SealedPartException(what + " has bytes after its last chunk");
            }
            if (sealedTotal != attachment.sealedBytes() || plainTotal != attachment.plaintextBytes()
                    || !HexFormat.of().formatHex(sha.digest()).equals(attachment.sha256())) {
                throw new SealedPartException(what + " does not match its descriptor");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SealedPartException(what + " cannot be opened: it was altered or the key is wrong", e);
        } finally {
            Arrays.fill(contentKey, (byte) 0);
        }
    }

    /** Opens sealed bytes in memory; no output on failure. */
    public static byte[] open(SubmissionHeader header, Envelope.Attachment attachment, byte[] sealed, String keyId,
                              byte[] privateKey) throws SealedPartException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            open(header, attachment, new ByteArrayInputStream(sealed), out, keyId, privateKey);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The descriptor line bound into the key wrapping:
     * {@code fieldsafe/v1/attachment/<name>/<questionId>/<chunks>/<plaintextBytes>/<sealedBytes>/<sha256>/<noncePrefix>}.
     */
    public static String descriptorLine(Envelope.Attachment a) {
        return INFO_PREFIX + a.name() + "/" + a.questionId() + "/" + a.chunks() + "/" + a.plaintextBytes() + "/"
                + a.sealedBytes() + "/" + a.sha256() + "/" + a.noncePrefix();
    }

    static byte[] chunkAad(String submissionId, String name, int index, boolean last) {
        return (INFO_PREFIX + submissionId + "/" + name + "/" + index + "/" + (last ? "last" : "more"))
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] keyAad(SubmissionHeader header, Envelope.Attachment a) {
        byte[] h = Sealing.headerBytes(header);
        byte[] d = ("\n" + descriptorLine(a)).getBytes(StandardCharsets.UTF_8);
        byte[] aad = Arrays.copyOf(h, h.length + d.length);
        System.arraycopy(d, 0, aad, h.length, d.length);
        return aad;
    }

    private static byte[] info(String name) {
        return (INFO_PREFIX + name).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] nonce(byte[] prefix, int index) {
        return ByteBuffer.allocate(12).put(prefix).putInt(index).array();
    }

    private static byte[] readChunk(InputStream in) throws IOException {
        return in.readNBytes(CHUNK_BYTES);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
