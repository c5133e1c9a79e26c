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
        requireRecipients(name, recipients);
        return seal(header, name, questionId, plaintext, sealedOut, recipients,
                Secrets.randomBytes(CONTENT_KEY_BYTES), Secrets.randomBytes(PREFIX_BYTES));
    }

    /** The one-shot seal with a given content key and nonce prefix (tests compare it with the streaming one). */
    static Envelope.Attachment seal(SubmissionHeader header, String name, String questionId, InputStream plaintext,
                                    OutputStream sealedOut, List<RecipientKey> recipients, byte[] contentKey,
                                    byte[] prefix) {
        try (Sealer sealer = new Sealer(header.submissionId(), name, questionId, sealedOut, contentKey, prefix)) {
            plaintext.transferTo(sealer);
            sealer.finish();
            return sealer.descriptor(header, recipients);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A streaming seal: the plaintext arrives in pieces of any size (a recorder's chunks) and each full chunk is
     * sealed and written as soon as the next byte shows it is not the last; {@link Sealer#finish} seals the last
     * one. At most one chunk of plaintext is held, in memory only. The sealed bytes are exactly those of
     * {@link #seal(SubmissionHeader, String, String, InputStream, OutputStream, List)} for the same bytes, key and
     * nonce prefix (the one-shot seal is this class fed at once). The chunks are bound to {@code submissionId}, so
     * the header given to {@link Sealer#descriptor} must carry that id.
     *
     * @throws IllegalArgumentException for a name that is not a lower-case word or a blank submission id
     */
    public static Sealer sealer(String submissionId, String name, String questionId, OutputStream sealedOut) {
        return new Sealer(submissionId, name, questionId, sealedOut, Secrets.randomBytes(CONTENT_KEY_BYTES),
                Secrets.randomBytes(PREFIX_BYTES));
    }

    /** A streaming seal of one attachment ({@link #sealer}); {@link #close} forgets its content key. */
    public static final class Sealer extends OutputStream {
        private final String submissionId;
        private final String name;
        private final String questionId;
        private final OutputStream out;
        private final byte[] contentKey;
        private final byte[] prefix;
        private final byte[] buffer = new byte[CHUNK_BYTES];
        private final MessageDigest sha = sha256();
        private int buffered;
        private int index;
        private long plaintextBytes;
        private long sealedBytes;
        private String digest;
        private boolean closed;

        Sealer(String submissionId, String name, String questionId, OutputStream out, byte[] contentKey,
               byte[] prefix) {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("attachment name must be a lower-case word: " + name);
            }
            if (submissionId == null || submissionId.isBlank()) {
                throw new IllegalArgumentException("attachment " + name + " needs its submission id");
            }
            this.submissionId = submissionId;
            this.name = name;
            this.questionId = questionId;
            this.out = out;
            this.contentKey = contentKey.clone();
            this.prefix = prefix.clone();
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        /** Takes plaintext bytes; seals and writes every chunk that more bytes follow. */
        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            open();
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            while (len > 0) {
                if (buffered == CHUNK_BYTES) {
                    sealChunk(false);
                }
                int n = Math.min(len, CHUNK_BYTES - buffered);
                System.arraycopy(b, off, buffer, buffered, n);
                buffered += n;
                off += n;
                len -= n;
            }
        }

        /** Seals the last chunk (an empty recording is one empty chunk); nothing may be written after. */
        public void finish() throws IOException {
            open();
            sealChunk(true);
            digest = HexFormat.of().formatHex(sha.digest());
        }

        /** Whether {@link #finish} was called. */
        public boolean finished() {
            return digest != null;
        }

        /** Plaintext bytes taken so far. */
        public long plaintextBytes() {
            return plaintextBytes + (digest == null ? buffered : 0);
        }

        /** Sealed bytes written so far. */
        public long sealedBytes() {
            return sealedBytes;
        }

        /**
         * After {@link #finish}: the descriptor, its content key wrapped to {@code recipients} bound to the header
         * (which must carry the submission id the chunks were sealed for) and the descriptor line.
         */
        public Envelope.Attachment descriptor(SubmissionHeader header, List<RecipientKey> recipients) {
            if (digest == null || closed) {
                throw new IllegalStateException("attachment " + name + " is not finished");
            }
            if (!submissionId.equals(header.submissionId())) {
                throw new IllegalArgumentException("attachment " + name + " was sealed for another submission");
            }
            requireRecipients(name, recipients);
            String prefixB64 = Base64.getEncoder().encodeToString(prefix);
            Envelope.Attachment unwrapped = new Envelope.Attachment(name, questionId, index, plaintextBytes,
                    sealedBytes, digest, prefixB64, List.of());
            return new Envelope.Attachment(name, questionId, index, plaintextBytes, sealedBytes, digest, prefixB64,
                    Sealing.wrapKey(contentKey, info(name), recipients, keyAad(header, unwrapped)));
        }

        /** Forgets the content key and the plaintext held; the output stream is the caller's to close. */
        @Override
        public void close() {
            closed = true;
            Arrays.fill(contentKey, (byte) 0);
            Arrays.fill(buffer, (byte) 0);
            buffered = 0;
        }

        private void open() {
            if (closed || digest != null) {
                throw new IllegalStateException("attachment " + name + " is " + (closed ? "closed" : "finished"));
            }
        }

        private void sealChunk(boolean last) throws IOException {
            byte[] sealed;
            try {
                sealed = Sealing.gcm(Cipher.ENCRYPT_MODE, contentKey, nonce(prefix, index),
                        chunkAad(submissionId, name, index, last)).doFinal(buffer, 0, buffered);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("sealing failed: " + e.getMessage(), e);
            }
            out.write(sealed);
            sha.update(sealed);
            plaintextBytes += buffered;
            sealedBytes += sealed.length;
            index++;
            Arrays.fill(buffer, 0, buffered, (byte) 0);
            buffered = 0;
        }
    }

    private static void requireRecipients(String name, List<RecipientKey> recipients) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("attachment name must be a lower-case word: " + name);
        }
        if (recipients == null || recipients.isEmpty()) {
            throw new IllegalArgumentException("attachment " + name + " has no recipients");
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
     * Unwraps an attachment's content key with the private key of recipient {@code keyId}, for reading single chunks
     * in any order ({@link ChunkOpener#open}): what a player that seeks needs (the server's listening desk). The
     * private key is not kept; the opener holds the content key of this one attachment until it is closed.
     *
     * @throws SealedPartException for a key that is not a recipient or an altered header or descriptor
     */
    public static ChunkOpener chunkOpener(SubmissionHeader header, Envelope.Attachment attachment, String keyId,
                                          byte[] privateKey) throws SealedPartException {
        if (header == null || attachment == null || attachment.name() == null) {
            throw new SealedPartException("not an attachment");
        }
        byte[] contentKey = Sealing.unwrapKey(attachment.recipients(), info(attachment.name()),
                keyAad(header, attachment), keyId, privateKey, "the attachment " + attachment.name());
        byte[] prefix;
        try {
            prefix = Base64.getDecoder().decode(attachment.noncePrefix());
        } catch (IllegalArgumentException e) {
            prefix = new byte[0];
        }
        if (prefix.length != PREFIX_BYTES) {
            Arrays.fill(contentKey, (byte) 0);
            throw new SealedPartException("the attachment " + attachment.name() + " has a bad nonce prefix");
        }
        return new ChunkOpener(header.submissionId(), attachment, contentKey, prefix);
    }

    /**
     * The attachment's content key, unwrapped with recipient {@code keyId}'s private key, wrapped again to
     * {@code recipients} with the same info and associated data (header and descriptor line), so that a key that was
     * not offered on the device (a study-level transcription key) can open this one recording: the returned keys
     * replace the descriptor's {@code recipients} for {@link #chunkOpener} or {@link #open}.
     *
     * @throws SealedPartException for a key that is not a recipient or an altered header or descriptor
     */
    public static List<Envelope.WrappedKey> rewrapKey(SubmissionHeader header, Envelope.Attachment attachment,
                                                      String keyId, byte[] privateKey,
                                                      List<RecipientKey> recipients) throws SealedPartException {
        requireRecipients(attachment == null ? null : attachment.name(), recipients);
        byte[] contentKey = Sealing.unwrapKey(attachment.recipients(), info(attachment.name()),
                keyAad(header, attachment), keyId, privateKey, "the attachment " + attachment.name());
        try {
            return Sealing.wrapKey(contentKey, info(attachment.name()), recipients, keyAad(header, attachment));
        } finally {
            Arrays.fill(contentKey, (byte) 0);
        }
    }

    /**
     * Opens one chunk at a time of one attachment with its unwrapped content key ({@link #chunkOpener}). Each chunk
     * is authenticated on its own (bound to submission, name, index and whether it is the last), so a chunk that was
     * altered, swapped or moved fails; whole-file checks (the sealed SHA-256) are {@link #open}'s.
     * {@link #close} forgets the content key.
     */
    public static final class ChunkOpener implements AutoCloseable {
        private final String submissionId;
        private final Envelope.Attachment attachment;
        private final byte[] contentKey;
        private final byte[] prefix;
        private volatile boolean closed;

        private ChunkOpener(String submissionId, Envelope.Attachment attachment, byte[] contentKey, byte[] prefix) {
            this.submissionId = submissionId;
            this.attachment = attachment;
            this.contentKey = contentKey;
            this.prefix = prefix;
        }

        /** The attachment this opener reads. */
        public Envelope.Attachment attachment() {
            return attachment;
        }

        /** Where chunk {@code index} starts in the sealed bytes. */
        public static long sealedOffset(int index) {
            return (long) index * SEALED_CHUNK_BYTES;
        }

        /** The sealed length of chunk {@code index} (the last one may be shorter). */
        public long sealedLength(int index) {
            return plainLength(index) + TAG_BYTES;
        }

        /** The plaintext length of chunk {@code index}. */
        public int plainLength(int index) {
            if (index < 0 || index >= attachment.chunks()) {
                throw new IndexOutOfBoundsException("no chunk " + index);
            }
            return (int) Math.min(CHUNK_BYTES, attachment.plaintextBytes() - (long) index * CHUNK_BYTES);
        }

        /** The plaintext of chunk {@code index}, given its sealed bytes. */
        public byte[] open(int index, byte[] sealedChunk) throws SealedPartException {
            if (closed) {
                throw new IllegalStateException("the opener of " + attachment.name() + " is closed");
            }
            boolean last = index == attachment.chunks() - 1;
            try {
                return Sealing.gcm(Cipher.DECRYPT_MODE, contentKey, nonce(prefix, index),
                        chunkAad(submissionId, attachment.name(), index, last)).doFinal(sealedChunk);
            } catch (GeneralSecurityException e) {
                throw new SealedPartException("chunk " + index + " of the attachment " + attachment.name()
                        + " cannot be opened: it was altered or moved", e);
            }
        }

        @Override
        public void close() {
            closed = true;
            Arrays.fill(contentKey, (byte) 0);
        }
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

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
