package org.fieldsafe.client.fieldwork;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fieldsafe.client.ClientException;
import org.fieldsafe.client.ClientException.Reason;
import org.fieldsafe.core.crypto.AttachmentSealing;
import org.fieldsafe.core.crypto.RecipientKey;
import org.fieldsafe.core.wire.Envelope;
import org.fieldsafe.core.wire.SubmissionHeader;
import org.fieldsafe.core.wire.SubmissionIds;

/**
 * The recordings the field app streams while an interview is open (docs/field-app.md, "Recording"). Each is sealed
 * as its bytes arrive ({@link AttachmentSealing.Sealer}) into {@code <home>/recordings/<draft>.<name>.sealed}: only
 * sealed chunks reach the disk; the content key and at most one chunk of plaintext stay in memory. The chunks are
 * bound to a submission id fixed when the first recording starts, and sealing the interview uses that id.
 * <p>
 * The key lives only in memory, so a recording is kept only while its interview stays open: pausing the interview,
 * a crash or a killed app leaves sealed chunks nobody can open. They are deleted (when the interview closes, or
 * when it is next opened after a crash), and the interview reports the recording <em>dropped</em> (an empty marker
 * file {@code <draft>.dropped}) until it is sealed or discarded. A respondent's stop or a discard shreds them.
 */
public final class LiveRecordings {
    /** The most plaintext one recording may hold (about 24 hours at 24 kbit/s). */
    public static final long MAX_BYTES = 256L * 1024 * 1024;
    static final String DIRECTORY = "recordings";

    /** What the recorder of an interview shows. */
    public enum State { NONE, RECORDING, STOPPED }

    /** The recorder's state: the recording now (if any), its plaintext bytes so far, and whether one was dropped. */
    public record Status(State state, String name, long bytes, boolean dropped) {
    }

    private record Live(String questionId, Path file, OutputStream out, AttachmentSealing.Sealer sealer) {
    }

    private final Path dir;
    private final String prefix;
    private final Map<String, Live> live = new LinkedHashMap<>();
    private String submissionId;
    private boolean dropped;

    LiveRecordings(Path home, String draftId) {
        this.dir = home.resolve(DIRECTORY);
        this.prefix = draftId != null ? draftId : UUID.randomUUID().toString();
        // sealed chunks of this draft left by a crash or a killed app: their key is gone, so they are dropped
        List<Path> leftover = files();
        dropped = Files.exists(marker()) || !leftover.isEmpty();
        leftover.forEach(LiveRecordings::delete);
    }

    /** The recorder's state now. */
    public synchronized Status status() {
        for (Map.Entry<String, Live> e : live.entrySet()) {
            Live l = e.getValue();
            return new Status(l.sealer().finished() ? State.STOPPED : State.RECORDING, e.getKey(),
                    l.sealer().plaintextBytes(), dropped);
        }
        return new Status(State.NONE, null, 0, dropped);
    }

    /** Whether no recording is held. */
    synchronized boolean empty() {
        return live.isEmpty();
    }

    /** Whether a recording of this attachment name is held (recording or stopped). */
    public synchronized boolean holds(String name) {
        return live.containsKey(name);
    }

    /** Starts recording attachment {@code name} (the answer to audio question {@code questionId}). */
    synchronized Status start(String name, String questionId) throws ClientException {
        if (!live.isEmpty()) {
            throw new ClientException(Reason.USAGE, "this interview holds a recording already");
        }
        if (submissionId == null) {
            submissionId = SubmissionIds.next();
        }
        try {
            Files.createDirectories(dir);
            try {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the home's own protection applies
            }
            Path file = dir.resolve(prefix + "." + name + ".sealed");
            OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            live.put(name, new Live(questionId, file, out,
                    AttachmentSealing.sealer(submissionId, name, questionId, out)));
        } catch (IOException e) {
            throw new ClientException(Reason.STORE, "the recording could not be started: " + e.getMessage(), e);
        }
        return status();
    }

    /** Seals what arrived of the recording running now (each full chunk goes to disk sealed). */
    synchronized Status append(byte[] bytes) throws ClientException {
        Live l = recording();
        if (l.sealer().plaintextBytes() + bytes.length > MAX_BYTES) {
            throw new ClientException(Reason.USAGE, "the recording is longer than this device keeps; stop it");
        }
        try {
            l.sealer().write(bytes);
        } catch (IOException e) {
            throw new ClientException(Reason.STORE, "the recording could not be written: " + e.getMessage(), e);
        }
        return status();
    }

    /** Stops the recording running now: its last chunk is sealed; it is kept until the interview is sealed. */
    synchronized Status stop() throws ClientException {
        finish(recording());
        return status();
    }

    /** The submission id the recordings are bound to; null when none was started. */
    synchronized String submissionId() {
        return submissionId;
    }

    /** Descriptors and sealed bytes of the recordings, for the envelope {@code header} (finishing any running). */
    synchronized RecordingAttachments.Sealed take(SubmissionHeader header, List<RecipientKey> keys)
            throws ClientException {
        List<Envelope.Attachment> descriptors = new ArrayList<>();
        Map<String, byte[]> sealed = new LinkedHashMap<>();
        for (Map.Entry<String, Live> e : live.entrySet()) {
            Live l = e.getValue();
            if (!l.sealer().finished()) {
                finish(l);
            }
            descriptors.add(l.sealer().descriptor(header, keys));
            try {
                sealed.put(e.getKey(), Files.readAllBytes(l.file()));
            } catch (IOException ex) {
                throw new ClientException(Reason.STORE, "the recording could not be read back: " + ex.getMessage(),
                        ex);
            }
        }
        return new RecordingAttachments.Sealed(descriptors, sealed, List.of());
    }

    /** After sealing into the outbox, or a respondent's stop or a discard: forgets the keys and deletes the files. */
    synchronized void shred() {
        forget();
        dropped = false;
        delete(marker());
    }

    /** The interview closes unsealed (paused): the key is forgotten, so the recording is dropped and said so. */
    synchronized void drop() {
        if (live.isEmpty()) {
            return;
        }
        forget();
        dropped = true;
        try {
            Files.createDirectories(dir);
            Files.write(marker(), new byte[0]);
        } catch (IOException e) {
            // the marker only words a message; the sealed chunks are gone either way
        }
    }

    private void forget() {
        for (Live l : live.values()) {
            l.sealer().close();
            try {
                l.out().close();
            } catch (IOException e) {
                // deleted next
            }
            delete(l.file());
        }
        live.clear();
    }

    private Live recording() throws ClientException {
        return live.values().stream().filter(l -> !l.sealer().finished()).findFirst().orElseThrow(
                () -> new ClientException(Reason.USAGE, "no recording is running in this interview; start one"));
    }

    private static void finish(Live l) throws ClientException {
        try {
            l.sealer().finish();
            l.out().close();
        } catch (IOException e) {
            throw new ClientException(Reason.STORE, "the recording could not be finished: " + e.getMessage(), e);
        }
    }

    private Path marker() {
        return dir.resolve(prefix + ".dropped");
    }

    private List<Path> files() {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, prefix + ".*.sealed")) {
            files.forEach(out::add);
        } catch (IOException e) {
            // nothing to clear
        }
        return out;
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // sealed bytes without their key: unreadable if the delete fails
        }
    }
}
