package org.fieldsafe.export;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import java.util.zip.ZipEntry;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.fieldsafe.core.crypto.SpoolCipher;
import org.fieldsafe.core.forms.CodebookCode;
import org.fieldsafe.core.forms.Study;

/**
 * Writes a QDPX file (REFI-QDA Project Exchange 1.0, {@code ../shared/refi-qda/Project.xsd}): a zip of
 * {@code Sources/<guid>.txt} text sources, written as the rows come, and {@code project.qde} at the end, written with
 * the JDK's StAX {@link XMLStreamWriter}: the study's starter codebook as codes, the case variables, one case per
 * respondent (its variable values and the sources of its interviews) and every source.
 *
 * <p>Each text source is deflated (and its CRC-32 computed) where its row is rendered, on pass 2's reader threads
 * ({@link #encode}), and added to the zip as it is ({@link ZipArchiveOutputStream#addRawArchiveEntry}): the one
 * writing thread only copies bytes. The compressed text exists in memory only, never on disk outside the export.
 *
 * <p>Constant memory: what the project file lists is spooled to files encrypted with a key that exists only in this
 * process (like the export's own spool): the sources in one file, the cases in {@value #BUCKETS} files by a hash of
 * the respondent's pseudonym, so that the sources of a respondent interviewed more than once come together while
 * only one bucket is in memory. A joint interview's transcripts and translations are written once, linked to every
 * released respondent's case (the rows of an interview come one after the other from their spool).
 */
final class QdpxSink implements AutoCloseable {
    static final String NS = "urn:QDA-XML:project:1.0";
    static final String PROJECT = "project.qde";
    static final String SOURCES = "Sources/";
    static final int BUCKETS = 16;
    static final int LEVEL = Deflater.BEST_SPEED;
    private static final String PURPOSE = "export-qdpx";
    /**
     * The spools' segment size: seventeen of them are open at once (sources, {@value #BUCKETS} case buckets), and a
     * spool's encrypting stream holds two buffers of a segment each, so 1 MiB segments would keep 34 MiB of heap.
     */
    private static final int SPOOL_SEGMENT = 1 << 16;

    private final HashedFile file;
    private final Study study;
    private final TextSources texts;
    private final Instant now;
    private final ZipArchiveOutputStream zip;
    private final SpoolCipher cipher = new SpoolCipher(SPOOL_SEGMENT);
    private final Path sourceFile;
    private final DataOutputStream sources;
    private final Path[] caseFiles = new Path[BUCKETS];
    private final DataOutputStream[] cases = new DataOutputStream[BUCKETS];
    private final Map<Integer, String> lastInterview = new LinkedHashMap<>();
    private final Map<Integer, List<String>> lastParts = new LinkedHashMap<>();
    private long sourceCount;
    private final Map<String, Long> byKind = new LinkedHashMap<>();
    private long caseCount;
    private int codeCount;
    private QdpxAudio audio;

    QdpxSink(HashedFile file, Study study, TextSources texts, Path workDir, Instant now) throws IOException {
        this.file = file;
        this.study = study;
        this.texts = texts;
        this.now = now;
        this.zip = new ZipArchiveOutputStream(new KeepOpenStream(file.stream()));
        zip.setEncoding(StandardCharsets.UTF_8.name());
        // text sources come deflated at this level (encode); it is the level of the project file and recordings too:
        // the fastest takes about 40 % less time than the default for about 10 % more bytes (interview texts in
        // Bengali, Khmer, Devanagari and Thai)
        zip.setLevel(LEVEL);
        Files.createDirectories(workDir);
        this.sourceFile = Files.createTempFile(workDir, "qdpx-sources-", ".spool");
        this.sources = spoolOut(sourceFile);
        for (int i = 0; i < BUCKETS; i++) {
            caseFiles[i] = Files.createTempFile(workDir, "qdpx-cases-", ".spool");
            cases[i] = spoolOut(caseFiles[i]);
        }
        for (String kind : List.of(SourceText.ANSWERS, SourceText.TRANSCRIPT, SourceText.TRANSLATION)) {
            byKind.put(kind, 0L);
        }
    }

    private DataOutputStream spoolOut(Path f) throws IOException {
        return new DataOutputStream(new BufferedOutputStream(cipher.encrypt(Files.newOutputStream(f), PURPOSE),
                1 << 14));
    }

    /** A zip entry of this export, dated at the export's time. */
    ZipArchiveEntry entry(String name) {
        ZipArchiveEntry entry = new ZipArchiveEntry(name);
        entry.setTime(now.toEpochMilli());
        return entry;
    }

    /** Writes the released interviews' recordings too, as audio sources with their transcripts attached. */
    void audio(QdpxAudio recordings) {
        this.audio = recordings;
    }

    /**
     * One released respondent row, encoded on a reader thread: the interview and respondent pseudonyms, the case's
     * variable values and the texts ({@link TextSources#render rendered}): the answers first, then the interview's
     * transcripts and translations.
     */
    static byte[] encode(ExportRow row, TextSources texts) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(out, row.interview());
            write(out, row.respondent());
            List<String> values = texts.variableValues(row);
            out.writeInt(values.size());
            for (String v : values) {
                write(out, v);
            }
            List<SourceText> parts = new ArrayList<>();
            parts.add(texts.answers(row));
            parts.addAll(row.parts());
            out.writeInt(parts.size());
            for (SourceText part : parts) {
                write(out, part.kind());
                write(out, part.language());
                out.writeInt(part.version());
                if (Recordings.KIND.equals(part.kind())) {
                    write(out, part.text()); // a reference to a recording, read when the recording is written
                } else {
                    Deflated.of(texts.render(row, part)).write(out);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * A text source's UTF-8 bytes deflated (raw, as a zip entry holds them), with the CRC-32 and size of the bytes
     * before compression: what {@link ZipArchiveOutputStream#addRawArchiveEntry} needs.
     */
    record Deflated(byte[] data, long crc, long size) {
        /** Each reader thread keeps its own deflater (its native state is set up once, not per text). */
        private static final ThreadLocal<Deflater> DEFLATER = ThreadLocal.withInitial(() -> new Deflater(LEVEL, true));

        static Deflated of(String text) {
            byte[] plain = text.getBytes(StandardCharsets.UTF_8);
            CRC32 crc = new CRC32();
            crc.update(plain);
            Deflater deflater = DEFLATER.get();
            deflater.reset();
            deflater.setInput(plain);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 2 + 64);
            byte[] buffer = new byte[Math.max(64, Math.min(plain.length + 64, 1 << 16))];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return new Deflated(out.toByteArray(), crc.getValue(), plain.length);
        }

        void write(DataOutputStream out) throws IOException {
            out.writeLong(crc);
            out.writeLong(size);
            out.writeInt(data.length);
            out.write(data);
        }

        static Deflated read(DataInputStream in) throws IOException {
            long crc = in.readLong();
            long size = in.readLong();
            int n = in.readInt();
            if (n < 0 || size < 0) {
                throw new IOException("the QDPX spool is not readable");
            }
            return new Deflated(in.readNBytes(n), crc, size);
        }

        /** The text again (for a transcript's time marks when the export carries audio). */
        String text() throws IOException {
            Inflater inflater = new Inflater(true);
            try {
                inflater.setInput(data);
                byte[] plain = new byte[Math.toIntExact(size)];
                int at = 0;
                while (at < plain.length && !inflater.finished()) {
                    int n = inflater.inflate(plain, at, plain.length - at);
                    if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                        break;
                    }
                    at += n;
                }
                if (at != plain.length) {
                    throw new IOException("the QDPX spool is not readable");
                }
                return new String(plain, StandardCharsets.UTF_8);
            } catch (DataFormatException e) {
                throw new IOException("the QDPX spool is not readable", e);
            } finally {
                inflater.end();
            }
        }
    }

    /** Writes one {@link #encode}d row read from spool {@code spool}: its text sources now, its case for later. */
    void write(int spool, byte[] encoded) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded));
        String interview = read(in);
        String respondent = read(in);
        List<String> values = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) {
            values.add(read(in));
        }
        int count = in.readInt();
        boolean sameInterview = interview.equals(lastInterview.get(spool));
        List<String> guids = new ArrayList<>();
        List<String> parts = sameInterview ? lastParts.get(spool) : new ArrayList<>();
        List<SourceText> recordings = new ArrayList<>();
        List<WrittenText> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String kind = read(in);
            String language = read(in);
            int version = in.readInt();
            if (Recordings.KIND.equals(kind)) {
                String ref = read(in);
                if (!sameInterview && audio != null) {
                    recordings.add(new SourceText(kind, language, version, ref));
                }
                continue;
            }
            Deflated text = Deflated.read(in);
            if (SourceText.ANSWERS.equals(kind)) {
                guids.add(source(interview + " " + respondent + " answers (" + language + ")", kind, text));
            } else if (!sameInterview) {
                String guid = source(interview + " " + kind + " " + language + " v" + version, kind, text);
                parts.add(guid);
                texts.add(new WrittenText(guid, kind, language, version, text));
            }
        }
        if (!recordings.isEmpty()) {
            List<QdpxAudio.Text> transcripts = new ArrayList<>();
            for (WrittenText t : texts) {
                transcripts.add(new QdpxAudio.Text(t.guid(), t.kind(), t.language(), t.version(), t.text().text()));
            }
            parts.addAll(audio.write(zip, this::entry, interview, recordings, transcripts));
        }
        guids.addAll(parts);
        lastInterview.put(spool, interview);
        lastParts.put(spool, parts);
        DataOutputStream bucket = cases[Math.floorMod(respondent.hashCode(), BUCKETS)];
        write(bucket, respondent);
        bucket.writeInt(values.size());
        for (String v : values) {
            write(bucket, v);
        }
        bucket.writeInt(guids.size());
        for (String g : guids) {
            write(bucket, g);
        }
    }

    /** A transcript or translation written as the text source {@code guid}. */
    private record WrittenText(String guid, String kind, String language, int version, Deflated text) {
    }

    /** Adds a text source's file, deflated, to the zip and spools its entry of the project file; its guid. */
    private String source(String name, String kind, Deflated text) throws IOException {
        String guid = UUID.randomUUID().toString();
        ZipArchiveEntry entry = entry(SOURCES + guid + ".txt");
        entry.setMethod(ZipEntry.DEFLATED);
        entry.setCrc(text.crc());
        entry.setSize(text.size());
        entry.setCompressedSize(text.data().length);
        zip.addRawArchiveEntry(entry, new ByteArrayInputStream(text.data()));
        write(sources, guid);
        write(sources, name);
        write(sources, kind);
        sourceCount++;
        byKind.merge(kind, 1L, Long::sum);
        return guid;
    }

    /** Writes {@code project.qde} and ends the zip; the file's hash and size. The spools are deleted. */
    ExportManifest.FileEntry finish() throws IOException {
        try {
            sources.close();
            for (DataOutputStream c : cases) {
                c.close();
            }
            zip.putArchiveEntry(entry(PROJECT));
            // the XML writer writes a byte at a time: buffered, the deflater gets them in blocks, not one by one
            OutputStream project = new BufferedOutputStream(new KeepOpenStream(zip), 1 << 16);
            writeProject(project);
            project.flush();
            zip.closeArchiveEntry();
            zip.finish();
            return file.finish();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write the QDPX project file", e);
        } finally {
            close();
        }
    }

    /** Deletes the spools (whether or not {@link #finish} ran); their key is forgotten. Idempotent. */
    @Override
    public void close() throws IOException {
        try {
            sources.close();
            for (DataOutputStream c : cases) {
                c.close();
            }
        } finally {
            cipher.close();
            if (audio != null) {
                audio.close();
            }
            Files.deleteIfExists(sourceFile);
            for (Path p : caseFiles) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * What the QDPX file holds, for the manifest (after {@link #finish}); {@code textsUnopenable}: transcripts and
     * translations that did not open with the research key (left out).
     */
    ExportManifest.Qdpx counts(long textsUnopenable) {
        return new ExportManifest.Qdpx(caseCount, byKind.get(SourceText.ANSWERS), byKind.get(SourceText.TRANSCRIPT),
                byKind.get(SourceText.TRANSLATION), textsUnopenable, codeCount,
                audio == null ? ExportManifest.Qdpx.NO_AUDIO : ExportManifest.Qdpx.AUDIO,
                audio == null ? null : audio.manifest());
    }

    private void writeProject(OutputStream out) throws XMLStreamException, IOException {
        XMLStreamWriter x = XMLOutputFactory.newInstance().createXMLStreamWriter(out, "UTF-8");
        x.writeStartDocument("UTF-8", "1.0");
        x.setDefaultNamespace(NS);
        x.writeStartElement(NS, "Project");
        x.writeDefaultNamespace(NS);
        x.writeAttribute("name", texts.text(study.title()));
        x.writeAttribute("origin", "Fieldsafe export of study " + study.id());
        x.writeAttribute("creationDateTime", now.toString());
        List<CodebookCode> codes = study.codebookOrEmpty();
        if (!codes.isEmpty()) {
            x.writeStartElement(NS, "CodeBook");
            x.writeStartElement(NS, "Codes");
            for (CodebookCode c : codes) {
                code(x, c);
            }
            x.writeEndElement();
            x.writeEndElement();
        }
        List<String> variableGuids = new ArrayList<>();
        x.writeStartElement(NS, "Variables");
        for (String v : texts.variables()) {
            String guid = guid("variable", v);
            variableGuids.add(guid);
            x.writeStartElement(NS, "Variable");
            x.writeAttribute("guid", guid);
            x.writeAttribute("name", v);
            x.writeAttribute("typeOfVariable", "Text");
            element(x, "Description", texts.describe(v));
            x.writeEndElement();
        }
        x.writeEndElement();
        writeCases(x, variableGuids);
        if (sourceCount > 0 || audio != null && audio.count() > 0) {
            x.writeStartElement(NS, "Sources");
            try (DataInputStream in = spoolIn(sourceFile)) {
                for (long i = 0; i < sourceCount; i++) {
                    String guid = read(in);
                    String name = read(in);
                    String kind = read(in);
                    x.writeStartElement(NS, "TextSource");
                    x.writeAttribute("guid", guid);
                    x.writeAttribute("name", name);
                    x.writeAttribute("plainTextPath", "internal://" + guid + ".txt");
                    x.writeAttribute("creationDateTime", now.toString());
                    element(x, "Description", kind);
                    x.writeEndElement();
                }
            }
            if (audio != null) {
                audio.writeSources(x);
            }
            x.writeEndElement();
        }
        x.writeEndElement();
        x.writeEndDocument();
        x.flush();
        x.close();
    }

    /** One case per respondent, bucket by bucket: its variable values and every source of its interviews. */
    private void writeCases(XMLStreamWriter x, List<String> variableGuids) throws XMLStreamException, IOException {
        boolean open = false;
        for (Path bucket : caseFiles) {
            Map<String, Case> byRespondent = new LinkedHashMap<>();
            try (DataInputStream in = spoolIn(bucket)) {
                while (true) {
                    String respondent;
                    try {
                        respondent = read(in);
                    } catch (EOFException end) {
                        break;
                    }
                    List<String> values = new ArrayList<>();
                    for (int i = in.readInt(); i > 0; i--) {
                        values.add(read(in));
                    }
                    Case c = byRespondent.computeIfAbsent(respondent, r -> new Case(values, new ArrayList<>()));
                    for (int i = in.readInt(); i > 0; i--) {
                        c.sources().add(read(in));
                    }
                }
            }
            for (Map.Entry<String, Case> e : byRespondent.entrySet()) {
                if (!open) {
                    x.writeStartElement(NS, "Cases");
                    open = true;
                }
                x.writeStartElement(NS, "Case");
                x.writeAttribute("guid", UUID.randomUUID().toString());
                x.writeAttribute("name", e.getKey());
                List<String> values = e.getValue().values();
                for (int i = 0; i < values.size() && i < variableGuids.size(); i++) {
                    x.writeStartElement(NS, "VariableValue");
                    x.writeStartElement(NS, "VariableRef");
                    x.writeAttribute("targetGUID", variableGuids.get(i));
                    x.writeEndElement();
                    element(x, "TextValue", values.get(i));
                    x.writeEndElement();
                }
                for (String source : e.getValue().sources()) {
                    x.writeStartElement(NS, "SourceRef");
                    x.writeAttribute("targetGUID", source);
                    x.writeEndElement();
                }
                x.writeEndElement();
                caseCount++;
            }
        }
        if (open) {
            x.writeEndElement();
        }
    }

    private record Case(List<String> values, List<String> sources) {
    }

    private void code(XMLStreamWriter x, CodebookCode c) throws XMLStreamException {
        codeCount++;
        x.writeStartElement(NS, "Code");
        x.writeAttribute("guid", guid("code", c.id()));
        x.writeAttribute("name", texts.text(c.label()));
        x.writeAttribute("isCodable", "true");
        if (c.description() != null) {
            element(x, "Description", texts.text(c.description()));
        }
        for (CodebookCode child : c.children()) {
            code(x, child);
        }
        x.writeEndElement();
    }

    /** A guid that stays the same for the same study's code or variable in every export (it carries no data). */
    private String guid(String kind, String id) {
        return UUID.nameUUIDFromBytes((study.id() + ":" + kind + ":" + id).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    private static void element(XMLStreamWriter x, String name, String text) throws XMLStreamException {
        x.writeStartElement(NS, name);
        x.writeCharacters(text == null ? "" : text);
        x.writeEndElement();
    }

    private DataInputStream spoolIn(Path f) throws IOException {
        return new DataInputStream(new BufferedInputStream(cipher.decrypt(Files.newInputStream(f), PURPOSE), 1 << 14));
    }

    static void write(DataOutputStream out, String s) throws IOException {
        byte[] b = (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    static String read(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("the QDPX spool is not readable");
        }
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }
}
