package org.fieldsafe.export;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.fieldsafe.core.crypto.SpoolCipher;

/**
 * The audio of a QDPX export with a principal investigator's grant (docs/export.md, "Audio"): each recording of a
 * released interview as {@code Sources/<guid>.<ext>} (its own container), streamed into the zip by {@link Recordings},
 * and an {@code AudioSource} for it carrying the interview's transcripts and translations as {@code Transcript}s
 * (their {@code plainTextPath} the text source files already written) with a {@code SyncPoint} per time mark of the
 * text as exported. What the project file needs of them is spooled encrypted (a key held in memory only) until
 * {@link QdpxSink} writes the project file.
 */
final class QdpxAudio implements AutoCloseable {
    private static final String PURPOSE = "export-qdpx-audio";

    private final Recordings recordings;
    private final ExportRequest.Audio grant;
    private final Instant now;
    private final SpoolCipher cipher = new SpoolCipher();
    private final Path spoolFile;
    private final DataOutputStream spool;
    private long count;
    private long bytes;

    QdpxAudio(Recordings recordings, ExportRequest.Audio grant, Path workDir, Instant now) throws IOException {
        this.recordings = recordings;
        this.grant = grant;
        this.now = now;
        Files.createDirectories(workDir);
        this.spoolFile = Files.createTempFile(workDir, "qdpx-audio-", ".spool");
        this.spool = new DataOutputStream(new BufferedOutputStream(cipher.encrypt(Files.newOutputStream(spoolFile),
                PURPOSE), 1 << 14));
    }

    /** A transcript or translation of the interview, already written as the text source {@code guid}. */
    record Text(String guid, String kind, String language, int version, String text) {
    }

    /**
     * Writes the interview's recordings (the parts of kind {@link Recordings#KIND}) into the zip and spools their
     * audio sources with {@code texts} attached; the audio sources' guids, for the respondents' cases.
     */
    List<String> write(ZipArchiveOutputStream zip, Function<String, ZipArchiveEntry> entry, String interview,
                       List<SourceText> parts, List<Text> texts) throws IOException {
        List<String> guids = new ArrayList<>();
        for (SourceText part : parts) {
            String guid = UUID.randomUUID().toString();
            Recordings.Written written = recordings.write(part.text(),
                    extension -> zip.putArchiveEntry(entry.apply(QdpxSink.SOURCES + guid + "." + extension)),
                    new KeepOpenStream(zip));
            zip.closeArchiveEntry();
            count++;
            bytes += written.bytes();
            guids.add(guid);
            write(guid);
            write(interview + " " + part.language() + " (audio)");
            write(written.extension());
            spool.writeInt(texts.size());
            for (Text t : texts) {
                write(t.guid());
                write(t.kind() + " " + t.language() + " v" + t.version());
                List<TimeMarks.Mark> marks = TimeMarks.of(t.text());
                spool.writeInt(marks.size());
                for (TimeMarks.Mark m : marks) {
                    spool.writeLong(m.millis());
                    spool.writeInt(m.position());
                }
            }
        }
        return guids;
    }

    /** The spooled audio sources as {@code AudioSource} elements (inside the project's {@code Sources}). */
    void writeSources(XMLStreamWriter x) throws IOException, XMLStreamException {
        spool.close();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(cipher.decrypt(
                Files.newInputStream(spoolFile), PURPOSE), 1 << 14))) {
            for (long i = 0; i < count; i++) {
                String guid = read(in);
                String name = read(in);
                String extension = read(in);
                x.writeStartElement(QdpxSink.NS, "AudioSource");
                x.writeAttribute("guid", guid);
                x.writeAttribute("name", name);
                x.writeAttribute("path", "internal://" + guid + "." + extension);
                x.writeAttribute("creationDateTime", now.toString());
                for (int t = in.readInt(); t > 0; t--) {
                    String textGuid = read(in);
                    String textName = read(in);
                    x.writeStartElement(QdpxSink.NS, "Transcript");
                    x.writeAttribute("guid", UUID.randomUUID().toString());
                    x.writeAttribute("name", textName);
                    x.writeAttribute("plainTextPath", "internal://" + textGuid + ".txt");
                    for (int s = in.readInt(); s > 0; s--) {
                        x.writeEmptyElement(QdpxSink.NS, "SyncPoint");
                        x.writeAttribute("guid", UUID.randomUUID().toString());
                        x.writeAttribute("timeStamp", Long.toString(in.readLong()));
                        x.writeAttribute("position", Integer.toString(in.readInt()));
                    }
                    x.writeEndElement();
                }
                x.writeEndElement();
            }
        }
    }

    /** How many audio sources were written. */
    long count() {
        return count;
    }

    /** For the manifest's {@code qdpx.recordings}. */
    ExportManifest.Recordings manifest() {
        return new ExportManifest.Recordings(count, bytes, recordings.unopenable(), grant.grantId(),
                grant.grantedBy());
    }

    /** Deletes the spool and forgets its key. Idempotent. */
    @Override
    public void close() throws IOException {
        try {
            spool.close();
        } finally {
            cipher.close();
            Files.deleteIfExists(spoolFile);
        }
    }

    private void write(String s) throws IOException {
        QdpxSink.write(spool, s);
    }

    private static String read(DataInputStream in) throws IOException {
        return QdpxSink.read(in);
    }
}
