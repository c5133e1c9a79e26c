package org.fieldsafe.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.fieldsafe.core.crypto.AttachmentSealing;
import org.fieldsafe.core.crypto.KeyPairBytes;
import org.fieldsafe.core.crypto.RecipientKey;
import org.fieldsafe.core.crypto.SealedPartException;
import org.fieldsafe.core.crypto.StudyKeys;
import org.fieldsafe.core.json.JsonMappers;
import org.fieldsafe.core.util.AudioContainer;
import org.fieldsafe.core.wire.Envelope;
import org.fieldsafe.core.wire.SubmissionHeader;

/**
 * The recordings of a QDPX export with audio (docs/export.md, "Audio"). In pass 1 (worker threads, research key at
 * hand) each recording stored whole has its content key unwrapped with the research key and wrapped again to a key
 * pair of this export alone, made here and held only in memory; the recording's reference (submission, header and
 * descriptor with that wrapping) travels through the encrypted spool as a part of kind {@link #KIND}. In pass 2 -
 * also when the files are written again after a data manager's review, when the research key is long gone - each
 * recording is read back and opened one 64 KiB chunk at a time straight into the QDPX zip: no plaintext recording is
 * written anywhere else, and never more than one chunk is in memory. {@link #close} forgets the key pair.
 */
final class Recordings implements AutoCloseable {
    /** The kind of the spooled part that refers to a recording. */
    static final String KIND = "recording";
    private static final ObjectMapper JSON = JsonMappers.plain();

    private final SealedRecordings source;
    private final KeyPairBytes key = StudyKeys.generateX25519();
    private final String keyId = key.fingerprint();
    private final AtomicLong unopenable = new AtomicLong();

    Recordings(SealedRecordings source) {
        this.source = source;
    }

    /** What a recording part holds (the descriptor's recipients: this export's key only). */
    record Ref(String submissionId, SubmissionHeader header, Envelope.Attachment attachment) {
    }

    /** Opens the zip entry of a recording once its extension is known. */
    @FunctionalInterface
    interface EntryStart {
        void start(String extension) throws IOException;
    }

    /** A recording written into the zip: its file's extension and its plaintext bytes. */
    record Written(String extension, long bytes) {
    }

    /**
     * Pass 1, on a worker thread: the submission's recordings stored whole, as parts of kind {@link #KIND} (named by
     * the recording's name). A recording whose key does not open with the research key is counted and left out.
     */
    List<SourceText> parts(Envelope envelope, String researchKeyId, byte[] researchPrivateKey) throws IOException {
        if (envelope.attachments() == null || envelope.attachments().isEmpty()) {
            return List.of();
        }
        SubmissionHeader header = envelope.header();
        List<SourceText> out = new ArrayList<>();
        for (Envelope.Attachment a : envelope.attachments()) {
            if (!source.complete(header.submissionId(), a.name())) {
                continue;
            }
            try {
                List<Envelope.WrappedKey> ours = AttachmentSealing.rewrapKey(header, a, researchKeyId,
                        researchPrivateKey, List.of(new RecipientKey(keyId, key.publicKey())));
                Envelope.Attachment rewrapped = new Envelope.Attachment(a.name(), a.questionId(), a.chunks(),
                        a.plaintextBytes(), a.sealedBytes(), a.sha256(), a.noncePrefix(), ours);
                out.add(new SourceText(KIND, a.name(), 0,
                        JSON.writeValueAsString(new Ref(header.submissionId(), header, rewrapped))));
            } catch (SealedPartException | RuntimeException e) {
                unopenable.incrementAndGet();
            }
        }
        return out;
    }

    /**
     * Pass 2: opens the recording a part refers to chunk by chunk into {@code out}, which {@code start} is first
     * given the recording's extension (told from its first chunk) to open the zip entry with.
     *
     * @throws IOException when a chunk does not open (the export then fails: a half-written entry is never kept)
     */
    Written write(String ref, EntryStart start, OutputStream out) throws IOException {
        Ref r = JSON.readValue(ref, Ref.class);
        Envelope.Attachment a = r.attachment();
        String extension = AudioContainer.UNKNOWN.extension();
        long bytes = 0;
        byte[] privateKey = key.privateKey();
        try (AttachmentSealing.ChunkOpener opener = opener(r, privateKey)) {
            if (a.chunks() == 0) {
                start.start(extension);
            }
            for (int index = 0; index < a.chunks(); index++) {
                byte[] plain = opener.open(index, source.sealed(r.submissionId(), a.name(),
                        AttachmentSealing.ChunkOpener.sealedOffset(index), (int) opener.sealedLength(index)));
                if (index == 0) {
                    extension = AudioContainer.of(plain).extension();
                    start.start(extension);
                }
                out.write(plain);
                bytes += plain.length;
                Arrays.fill(plain, (byte) 0);
            }
        } catch (SealedPartException | IllegalStateException | IndexOutOfBoundsException e) {
            throw new IOException("a recording does not open with the export's key", e);
        }
        if (bytes != a.plaintextBytes()) {
            throw new IOException("a recording is not as long as its descriptor says");
        }
        return new Written(extension, bytes);
    }

    private AttachmentSealing.ChunkOpener opener(Ref r, byte[] privateKey) throws SealedPartException {
        try {
            return AttachmentSealing.chunkOpener(r.header(), r.attachment(), keyId, privateKey);
        } finally {
            Arrays.fill(privateKey, (byte) 0);
        }
    }

    /** Recordings left out in pass 1 because their key did not open with the research key. */
    long unopenable() {
        return unopenable.get();
    }

    @Override
    public void close() {
        key.destroy();
    }
}
