package org.fieldsafe.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.fieldsafe.core.crypto.Pseudonyms;
import org.fieldsafe.core.crypto.SealedPartException;
import org.fieldsafe.core.crypto.TranscriptSealing;
import org.fieldsafe.core.forms.Anonymisation;
import org.fieldsafe.core.forms.Generalisation;
import org.fieldsafe.core.forms.QuestionType;
import org.fieldsafe.core.forms.Study;
import org.fieldsafe.core.json.JsonMappers;
import org.fieldsafe.core.wire.Envelope;
import org.fieldsafe.core.wire.SubmissionHeader;
import org.fieldsafe.core.wire.SubmissionImport;
import org.fieldsafe.export.generalise.Criteria;
import org.fieldsafe.export.generalise.Hierarchy;

/**
 * The anonymised export engine (DESIGN.md section 9): opens the research parts of a study's sealed submissions
 * with the research private key, generalises quasi-identifiers, pseudonymises codes and interview ids,
 * suppresses k-anonymity groups smaller than the study's k, and writes the chosen formats, the codebook and the
 * manifest to a sink.
 *
 * <p>Constant memory: pass 1 opens the submissions in parallel with a bounded number in flight
 * ({@link ParallelOpener}), anonymises each interview's rows on the worker threads and appends them to encrypted
 * spools in {@code workDir} (one per thread), keeping only a count per quasi-identifier group (bounded by the
 * product of the generalised values, not by the number of rows); pass 2 streams the spools back (decrypting and
 * rendering each row in every requested format on one reader thread per spool, through a bounded queue) and
 * writes each row unless its group is smaller than k. No list of rows
 * exists anywhere; only submissions that fail to open are listed (they go into the manifest).
 */
public final class Exporter {
    private static final ObjectMapper MANIFEST_JSON = JsonMappers.indented();
    private static final ObjectReader RESEARCH_JSON = JsonMappers.exactDecimals().readerFor(ResearchPart.class);
    private static final int PROGRESS_EVERY = 1000;
    /** The manifest's respondent codes when stable codes were granted but withheld (site or category generalised). */
    static final String STABLE_WITHHELD = "per-export (stable codes withheld: site or category generalised)";

    private final Study study;
    private final List<ExportForm> forms;
    private final Map<String, ExportForm> byRef = new HashMap<>();
    private final Map<String, String> sha256ByRef = new HashMap<>();
    private final Clock clock;
    private final int threads;

    /**
     * @param study the study definition
     * @param forms every stored version of the study's forms (interview and consent forms)
     * @param clock for the manifest's time
     */
    public Exporter(Study study, List<ExportForm> forms, Clock clock) {
        this(study, forms, clock, ParallelOpener.defaultThreads());
    }

    /** As above, opening on {@code threads} worker threads. */
    public Exporter(Study study, List<ExportForm> forms, Clock clock, int threads) {
        this.study = Objects.requireNonNull(study, "study");
        this.forms = List.copyOf(forms);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.threads = threads;
        for (ExportForm f : this.forms) {
            byRef.put(f.id() + "@" + f.version(), f);
            sha256ByRef.put(f.id() + "@" + f.version(), f.sha256());
        }
    }

    /**
     * Runs one export. Submissions whose research part fails to open are listed in the manifest, never
     * exported. The private key is only read, never kept; the caller zeroes it afterwards.
     *
     * @param researchKeyId      the research key's id (fingerprint)
     * @param researchPrivateKey the research key's 32 private bytes
     * @param workDir            a directory for the encrypted spool (the spool is deleted afterwards)
     * @return the manifest, also written to the sink as {@code manifest.json}
     * @throws IllegalArgumentException when the request does not fit the study (other study, unknown language,
     *                                  site or form, a quasi-identifier no form asks) or the private key is not
     *                                  the key {@code researchKeyId}
     * @throws IOException              when the source or the sink fails
     */
    public ExportManifest run(ExportRequest r, SealedSource source, String researchKeyId, byte[] researchPrivateKey,
                              ExportSink sink, Path workDir, ExportProgress progress) throws IOException {
        try (Opened opened = open(r, source, researchKeyId, researchPrivateKey, workDir, progress)) {
            return opened.write(sink, Set.of());
        }
    }

    /**
     * Pass 1 and the generalisation search of one export, kept (its encrypted spool in {@code workDir}, its
     * pseudonyms) until closed, so that its files can be written again with a data manager's redaction decisions
     * ({@link Opened#write}) without the research key. Same parameters and failures as {@link #run}.
     */
    public Opened open(ExportRequest r, SealedSource source, String researchKeyId, byte[] researchPrivateKey,
                       Path workDir, ExportProgress progress) throws IOException {
        String language = r.language() == null ? study.masterLanguage() : r.language();
        ExportLayout layout = new ExportLayout(forms, study.anonymisationOrDefault());
        Anonymisation a = layout.anonymisation();
        validate(r, language, layout);
        List<Hierarchy> hierarchies = Release.hierarchies(study, layout);
        Generalisation.LDiversity lDiversity = a.generalisation() == null ? null : a.generalisation().lDiversity();
        Criteria criteria = criteria(r, a, lDiversity);
        ExportProgress p = progress == null ? ExportProgress.NONE : progress;
        ParallelOpener opener = new ParallelOpener(threads, researchKeyId, researchPrivateKey);
        Tally tally = new Tally();
        Pseudonyms pseudonyms = new Pseudonyms();
        SpoolSet spool = null;
        Recordings recordings = null;
        try {
            spool = new SpoolSet(workDir);
            SpoolSet spools = spool;
            RowBuilder builder = new RowBuilder(layout, pseudonyms, r.stableCodes());
            boolean qdpx = r.formats().contains(ExportFormat.QDPX);
            recordings = recordings(r, source);
            Recordings audio = recordings;
            tally.read = opener.run(source, s -> accept(s, r.filter(), tally),
                    (s, envelope, plaintext) -> spool(builder, spools, tally, envelope.header(), plaintext,
                            lDiversity, withRecordings(texts(s, qdpx, researchKeyId, researchPrivateKey, tally),
                                    audio, envelope, researchKeyId, researchPrivateKey)),
                    tally::unopenable, p);
            Release release = Release.search(a.quasiIdentifiers(), hierarchies, criteria, tally.groups,
                    tally.sensitive, tally.languages);
            return new Opened(r, language, layout, lDiversity, criteria, p, tally, pseudonyms, spool, release,
                    source.withdrawn(), source.outsideFilter(), source.openRosa(), workDir, recordings);
        } catch (IOException | RuntimeException | Error e) {
            try (pseudonyms; SpoolSet opened = spool; Recordings forgotten = recordings) {
                throw e;
            }
        }
    }

    /**
     * One export after pass 1: writes its files (pass 2), again when asked, with the text scan's replacements whose
     * ids are in {@code kept} left as written; and reads back the replacements for a data manager's review. Closing
     * it deletes the spool and forgets the pseudonyms.
     */
    public final class Opened implements AutoCloseable {
        private final ExportRequest r;
        private final String language;
        private final ExportLayout layout;
        private final Generalisation.LDiversity lDiversity;
        private final Criteria criteria;
        private final ExportProgress p;
        private final Tally tally;
        private final Pseudonyms pseudonyms;
        private final SpoolSet spool;
        private final Release release;
        private final long withdrawn;
        private final long outsideFilter;
        private final ExportManifest.OpenRosa openRosa;
        private final Path workDir;
        private final TextScan scan = TextScan.of(study);
        private final UnaryOperator<String> codes;
        private final boolean withheld;
        private final Recordings recordings;

        private Opened(ExportRequest r, String language, ExportLayout layout, Generalisation.LDiversity lDiversity,
                       Criteria criteria, ExportProgress p, Tally tally, Pseudonyms pseudonyms, SpoolSet spool,
                       Release release, long withdrawn, long outsideFilter, ExportManifest.OpenRosa openRosa,
                       Path workDir, Recordings recordings) {
            this.r = r;
            this.recordings = recordings;
            this.language = language;
            this.layout = layout;
            this.lDiversity = lDiversity;
            this.criteria = criteria;
            this.p = p;
            this.tally = tally;
            this.pseudonyms = pseudonyms;
            this.spool = spool;
            this.release = release;
            this.withdrawn = withdrawn;
            this.outsideFilter = outsideFilter;
            this.openRosa = openRosa;
            this.workDir = workDir;
            // a stable code such as KH-SVR-RH-001 shows its site and category: where the export generalises either,
            // the code would undo it, so this export's pseudonyms stand in for the codes (the grant is spent all the
            // same: the manifest and codebook say the codes were withheld and why)
            this.withheld = r.stableCodes() && (release.generalises(Anonymisation.SITE)
                    || release.generalises(Anonymisation.CATEGORY));
            this.codes = withheld ? code -> pseudonyms.of("R-", "respondent", code) : UnaryOperator.identity();
        }

        /** Writes every file of the export and its manifest to {@code sink}; the manifest. */
        public synchronized ExportManifest write(ExportSink sink, Set<String> kept) throws IOException {
            tally.startPass2();
            Anonymisation a = layout.anonymisation();
            List<ExportFormat> formats = new ArrayList<>(new TreeSet<>(r.formats()));
            TextSources texts = new TextSources(study, layout, language);
            List<RowRenderer> renderers = formats.stream().map(f -> RowRenderer.of(f, layout, texts)).toList();
            Map<String, ExportManifest.FileEntry> files = new TreeMap<>();
            List<ExportManifest.Replacement> replaced = new ArrayList<>();
            long[] keptCount = {0};
            QdpxSink qdpx = formats.contains(ExportFormat.QDPX) ? new QdpxSink(HashedFile.create(sink,
                    ExportFormat.QDPX.fileName()), study, texts, workDir, Instant.now(clock)) : null;
            try {
                if (qdpx != null && recordings != null) {
                    qdpx.audio(new QdpxAudio(recordings, r.audio(), workDir, Instant.now(clock)));
                }
                writeRows(spool, formats, sink, tally, files, p,
                        row -> prepare(row, renderers, kept), renderers, qdpx, found -> {
                            for (Located l : found) {
                                if (l.found().kept()) {
                                    keptCount[0]++;
                                } else {
                                    replaced.add(l.replacement());
                                }
                            }
                        });
            } finally {
                if (qdpx != null) {
                    qdpx.close();
                }
            }
            String codeSetting = !r.stableCodes() ? "per-export" : withheld ? STABLE_WITHHELD : "stable";
            Codebook codebook = new Codebook(study, layout, language, codeSetting, release.levels());
            files.put(Codebook.CSV, codebook.writeCsv(sink));
            files.put(Codebook.MARKDOWN, codebook.writeMarkdown(sink, criteria.k()));
            if (formats.contains(ExportFormat.WIDE_CSV)) {
                SyntaxFiles.write(sink, SyntaxFiles.variables(study, layout, codebook), files);
            }
            replaced.sort(Comparator.comparing(ExportManifest.Replacement::id));
            ExportManifest.Redactions redactions = scan == null ? null
                    : new ExportManifest.Redactions(replaced.size(), keptCount[0], List.copyOf(replaced));
            ExportManifest manifest = manifest(codeSetting, r, language, a, layout, formats, tally, withdrawn,
                    outsideFilter, files, GeneralisationReport.of(release, study.kAnonymity(), lDiversity),
                    openRosa, redactions, qdpx == null ? null : qdpx.counts(tally.textsUnopenable.get()));
            try (OutputStream out = sink.create(ExportFormat.MANIFEST)) {
                MANIFEST_JSON.writeValue(out, manifest);
            }
            p.update("done", tally.read, tally.read);
            return manifest;
        }

        /**
         * Every replacement the text scan makes in the released rows, with its original value and context, for the
         * data manager's review (read back from the encrypted spool, held nowhere else), sorted by id; those in
         * {@code kept} marked kept.
         */
        public synchronized List<TextScan.Found> review(Set<String> kept) throws IOException {
            List<TextScan.Found> out = new ArrayList<>();
            if (scan == null) {
                return out;
            }
            spool.forEach(row -> release.released(row.group()) ? scanRow(release.apply(row, codes), kept).found()
                    : List.<Located>of(), (index, found) -> found.forEach(l -> out.add(l.found())));
            out.sort(Comparator.comparing(TextScan.Found::id));
            return out;
        }

        private Prepared prepare(ExportRow row, List<RowRenderer> renderers, Set<String> kept) {
            long size = release.size(row.group());
            if (!release.released(row.group())) {
                return new Prepared(row.interview(), size, null, List.of());
            }
            ScannedRow scanned = scanRow(release.apply(row, codes), kept);
            byte[][] rendered = new byte[renderers.size()][];
            for (int i = 0; i < rendered.length; i++) {
                rendered[i] = renderers.get(i).render(scanned.row());
            }
            return new Prepared(row.interview(), size, rendered, scanned.found());
        }

        /** The row with its free-text answers scanned (as it is when the study has no redaction lists). */
        private ScannedRow scanRow(ExportRow row, Set<String> kept) {
            if (scan == null) {
                return new ScannedRow(row, List.of());
            }
            Map<String, Object> answers = new LinkedHashMap<>(row.answers());
            List<Located> found = new ArrayList<>();
            for (Map.Entry<String, Object> e : answers.entrySet()) {
                if (!(e.getValue() instanceof String text) || !freeText(e.getKey())) {
                    continue;
                }
                String source = row.interview() + "/" + row.respondent() + "/" + e.getKey();
                TextScan.Scanned s = scan.scan(source, text, kept);
                if (!s.found().isEmpty()) {
                    e.setValue(s.text());
                    for (TextScan.Found f : s.found()) {
                        found.add(new Located(new ExportManifest.Replacement(f.id(), row.interview(),
                                row.respondent(), e.getKey(), f.kind(), f.offset(), f.length()), f));
                    }
                }
            }
            // transcripts and translations (QDPX text sources) are scanned like typed free text
            List<SourceText> parts = new ArrayList<>(row.parts());
            for (int i = 0; i < parts.size(); i++) {
                SourceText part = parts.get(i);
                if (Recordings.KIND.equals(part.kind())) {
                    continue; // a reference to a recording, not text: audio is not scanned (voices identify)
                }
                String name = part.kind() + "-" + part.language() + "-v" + part.version();
                TextScan.Scanned s = scan.scan(row.interview() + "/" + row.respondent() + "/" + name, part.text(),
                        kept);
                if (!s.found().isEmpty()) {
                    parts.set(i, new SourceText(part.kind(), part.language(), part.version(), s.text()));
                    for (TextScan.Found f : s.found()) {
                        found.add(new Located(new ExportManifest.Replacement(f.id(), row.interview(),
                                row.respondent(), name, f.kind(), f.offset(), f.length()), f));
                    }
                }
            }
            if (found.isEmpty()) {
                return new ScannedRow(row, List.of());
            }
            return new ScannedRow(new ExportRow(row.interview(), row.respondent(), row.site(), row.category(),
                    row.form(), row.formVersion(), row.language(), row.finalised(), row.group(), answers,
                    row.missing(), List.copyOf(parts)), found);
        }

        private boolean freeText(String questionId) {
            return layout.item(questionId).map(i -> i.question().type() == QuestionType.TEXT
                    || i.question().type() == QuestionType.SHORT_TEXT).orElse(false);
        }

        @Override
        public void close() throws IOException {
            try (Pseudonyms forgotten = pseudonyms; Recordings keyForgotten = recordings) {
                spool.close();
            }
        }
    }

    /** A replacement with its source, for the manifest, and what the review shows. */
    private record Located(ExportManifest.Replacement replacement, TextScan.Found found) {
    }

    private record ScannedRow(ExportRow row, List<Located> found) {
    }

    private void validate(ExportRequest r, String language, ExportLayout layout) {
        if (!study.id().equals(r.studyId())) {
            throw new IllegalArgumentException("the request is for study " + r.studyId() + ", not " + study.id());
        }
        if (!study.languages().containsKey(language)) {
            throw new IllegalArgumentException("'" + language + "' is not a language of the study");
        }
        for (String site : r.filter().sites()) {
            if (study.site(site).isEmpty()) {
                throw new IllegalArgumentException("'" + site + "' is not a site of the study");
            }
        }
        for (String formId : r.filter().formIds()) {
            if (forms.stream().noneMatch(f -> f.id().equals(formId))) {
                throw new IllegalArgumentException("'" + formId + "' is not a form of the study");
            }
        }
        Generalisation g = layout.anonymisation().generalisation();
        if (g != null && g.lDiversity() != null && layout.item(g.lDiversity().attribute())
                .filter(i -> i.treatment().exported()).isEmpty()) {
            throw new IllegalArgumentException("the study's l-diversity names '" + g.lDiversity().attribute()
                    + "', which is not an exported interview question");
        }
        for (String name : layout.anonymisation().quasiIdentifiers()) {
            if (!Anonymisation.SITE.equals(name) && !Anonymisation.CATEGORY.equals(name)
                    && !ExportLayout.FINALISED.equals(name) && layout.quasiIdentifier(name).isEmpty()) {
                throw new IllegalArgumentException("the study's anonymisation names the quasi-identifier '" + name
                        + "', which no form asks");
            }
        }
    }

    /** The k applied (the study's, or a stricter one asked for), l and the suppression limit. */
    private Criteria criteria(ExportRequest r, Anonymisation a, Generalisation.LDiversity l) {
        if (r.k() != 0 && r.k() < study.kAnonymity()) {
            throw new IllegalArgumentException("k = " + r.k() + " is looser than the study's k = "
                    + study.kAnonymity() + "; an export may only ask for a stricter k");
        }
        Generalisation g = a.generalisation();
        return new Criteria(Math.max(r.k(), study.kAnonymity()), l == null ? 0 : l.l(),
                g == null ? 100 : g.maxSuppressedPercent());
    }

    private boolean accept(SealedSubmission s, ExportFilter filter, Tally tally) {
        SubmissionHeader h = s.header();
        if (h == null) {
            tally.unopenable(s.submissionId(), "no stored header");
            return false;
        }
        boolean in = study.id().equals(h.study())
                && (filter.sites().isEmpty() || filter.sites().contains(h.site()))
                && (filter.formIds().isEmpty() || h.form() != null && filter.formIds().contains(h.form().id()))
                && inRange(h.finalisedAt(), filter);
        if (!in) {
            tally.filteredOut++;
        } else if (SubmissionImport.DEVICE_ID.equals(h.deviceId())) {
            tally.imported.incrementAndGet();
        }
        return in;
    }

    private static boolean inRange(String finalisedAt, ExportFilter filter) {
        if (filter.from() == null && filter.to() == null) {
            return true;
        }
        try {
            Instant t = Instant.parse(finalisedAt);
            return (filter.from() == null || !t.isBefore(filter.from()))
                    && (filter.to() == null || t.isBefore(filter.to()));
        } catch (DateTimeParseException | NullPointerException e) {
            return false;
        }
    }

    /** Pass 1, on a worker thread: one opened research part to anonymised rows, appended to the thread's spool. */
    private void spool(RowBuilder builder, SpoolSet spools, Tally tally, SubmissionHeader h,
                       byte[] plaintext, Generalisation.LDiversity l, List<SourceText> texts) throws IOException {
        String ref = h.form() == null ? null : h.form().id() + "@" + h.form().version();
        ExportForm form = ref == null ? null : byRef.get(ref);
        if (form == null || !sha256ByRef.get(ref).equals(h.form().sha256())) {
            tally.unopenable(h.submissionId(), "the interview's form version is not one the server holds");
            return;
        }
        ExportForm consent = h.consentForm() == null ? null
                : byRef.get(h.consentForm().id() + "@" + h.consentForm().version());
        List<ExportRow> rows;
        try {
            ResearchPart research = RESEARCH_JSON.readValue(plaintext);
            rows = builder.rows(h, form.definition(), form.version(),
                    consent == null ? null : consent.definition(), research);
        } catch (IOException | RuntimeException e) {
            tally.unopenable(h.submissionId(), "the research part does not have the documented shape");
            return;
        }
        if (!texts.isEmpty()) {
            rows = rows.stream().map(row -> row.withParts(texts)).toList();
        }
        spools.current().append(Spool.encode(rows), rows.size());
        for (ExportRow row : rows) {
            tally.groups.merge(row.group(), 1L, Long::sum);
            tally.languages.computeIfAbsent(Release.siteInGroup(row.site(), row.group()),
                    x -> ConcurrentHashMap.newKeySet()).add(Objects.toString(row.language(), ""));
            if (l != null) {
                tally.sensitive.computeIfAbsent(row.group(), g -> ConcurrentHashMap.newKeySet())
                        .add(RowRenderer.text(row.answers().get(l.attribute())));
            }
        }
        tally.forms.add(ref);
        if (consent != null) {
            tally.forms.add(consent.id() + "@" + consent.version());
        }
    }

    /**
     * On a worker thread, for a QDPX export only: the submission's latest non-draft transcripts and translations,
     * opened with the research key (a part that does not open is counted, never exported; its text is never read).
     */
    private static List<SourceText> texts(SealedSubmission s, boolean wanted, String keyId, byte[] privateKey,
                                          Tally tally) {
        if (!wanted || s.texts().isEmpty()) {
            return List.of();
        }
        List<SourceText> out = new ArrayList<>();
        for (SealedSubmission.TextPart part : s.texts()) {
            try {
                out.add(new SourceText(part.kind(), part.language(), part.version(), TranscriptSealing.open(
                        s.header(), part.kind(), part.language(), part.version(), part.sealed(), keyId, privateKey)));
            } catch (SealedPartException e) {
                tally.textsUnopenable.incrementAndGet();
            }
        }
        return List.copyOf(out);
    }

    /**
     * The recordings of an export that asks for audio (docs/export.md, "Audio"); null when it does not.
     *
     * @throws IllegalArgumentException when it does and the source holds no recordings (an offline export)
     */
    private static Recordings recordings(ExportRequest r, SealedSource source) {
        if (r.audio() == null) {
            return null;
        }
        if (source.recordings() == null) {
            throw new IllegalArgumentException("audio is exported from the server's stored recordings only");
        }
        return new Recordings(source.recordings());
    }

    /** On a worker thread: the submission's texts, and its recordings when the export carries audio. */
    private static List<SourceText> withRecordings(List<SourceText> texts, Recordings recordings, Envelope envelope,
                                                   String keyId, byte[] privateKey) throws IOException {
        if (recordings == null) {
            return texts;
        }
        List<SourceText> parts = recordings.parts(envelope, keyId, privateKey);
        if (parts.isEmpty()) {
            return texts;
        }
        List<SourceText> out = new ArrayList<>(texts);
        out.addAll(parts);
        return List.copyOf(out);
    }

    /** Pass 2: every spooled row to each format's file, unless its group is smaller than k. */
    private static void writeRows(SpoolSet spool, List<ExportFormat> formats, ExportSink sink, Tally tally,
                                  Map<String, ExportManifest.FileEntry> files, ExportProgress p,
                                  java.util.function.Function<ExportRow, Prepared> prepare,
                                  List<RowRenderer> renderers, QdpxSink qdpx,
                                  java.util.function.Consumer<List<Located>> found) throws IOException {
        List<HashedFile> out = new ArrayList<>();
        Map<Integer, XlsxSink> xlsx = new HashMap<>();
        int qdpxAt = formats.indexOf(ExportFormat.QDPX);
        for (int i = 0; i < formats.size(); i++) {
            if (i == qdpxAt) {
                out.add(null);
                continue;
            }
            HashedFile file = HashedFile.create(sink, formats.get(i).fileName());
            if (formats.get(i) == ExportFormat.XLSX) {
                xlsx.put(i, new XlsxSink(file));
                xlsx.get(i).write(renderers.get(i).header());
            } else {
                file.stream().write(renderers.get(i).header());
            }
            out.add(file);
        }
        long total = spool.rows();
        p.update("write", 0, total);
        long[] done = {0};
        String[] lastInterview = new String[spool.size()];
        boolean[] counted = new boolean[spool.size()];
        spool.forEach(prepare, (index, row) -> {
            if (!row.interview().equals(lastInterview[index])) {
                lastInterview[index] = row.interview();
                counted[index] = false;
            }
            if (row.rendered() == null) {
                tally.suppressed++;
                tally.suppressionBySize.merge((int) row.groupSize(), 1L, Long::sum);
            } else {
                for (int i = 0; i < out.size(); i++) {
                    if (i == qdpxAt) {
                        qdpx.write(index, row.rendered()[i]);
                    } else if (xlsx.containsKey(i)) {
                        xlsx.get(i).write(row.rendered()[i]);
                    } else {
                        out.get(i).stream().write(row.rendered()[i]);
                    }
                }
                found.accept(row.found());
                tally.exported++;
                tally.kAchieved = tally.kAchieved == 0 ? (int) row.groupSize()
                        : (int) Math.min(tally.kAchieved, row.groupSize());
                if (!counted[index]) {
                    counted[index] = true;
                    tally.interviewsExported++;
                }
            }
            if (++done[0] % PROGRESS_EVERY == 0) {
                p.update("write", done[0], total);
            }
        });
        p.update("write", done[0], total);
        for (int i = 0; i < formats.size(); i++) {
            files.put(formats.get(i).fileName(), i == qdpxAt ? qdpx.finish()
                    : xlsx.containsKey(i) ? xlsx.get(i).finish() : out.get(i).finish());
        }
    }

    /**
     * A spooled row ready to write: its group's size and, unless suppressed (null), its bytes in each format and the
     * text scan's replacements in it.
     */
    private record Prepared(String interview, long groupSize, byte[][] rendered, List<Located> found) {
    }

    private ExportManifest manifest(String codeSetting, ExportRequest r, String language, Anonymisation a,
                                    ExportLayout layout,
                                    List<ExportFormat> formats, Tally tally, long withdrawn, long outsideFilter,
                                    Map<String, ExportManifest.FileEntry> files,
                                    ExportManifest.Generalised generalisation, ExportManifest.OpenRosa openRosa,
                                    ExportManifest.Redactions redactions, ExportManifest.Qdpx qdpx) {
        ExportFilter f = r.filter();
        ExportManifest.Filter filter = new ExportManifest.Filter(new TreeSet<>(f.sites()).stream().toList(),
                new TreeSet<>(f.formIds()).stream().toList(), f.from() == null ? null : f.from().toString(),
                f.to() == null ? null : f.to().toString());
        ExportManifest.Settings settings = new ExportManifest.Settings(codeSetting, a.quasiIdentifiers(),
                a.bandLabels(), a.dates(), layout.leftOut(), Codebook.derivedColumns(codeSetting));
        List<ExportManifest.FormRef> formRefs = new ArrayList<>();
        for (String ref : tally.forms) {
            ExportForm form = byRef.get(ref);
            formRefs.add(new ExportManifest.FormRef(form.id(), form.version(), sha256ByRef.get(ref)));
        }
        formRefs.sort(Comparator.comparing(ExportManifest.FormRef::id)
                .thenComparingInt(ExportManifest.FormRef::version));
        List<ExportManifest.Unopenable> unopenable = new ArrayList<>(tally.unopenable);
        unopenable.sort(Comparator.comparing(ExportManifest.Unopenable::submissionId));
        ExportManifest.Counts counts = new ExportManifest.Counts(tally.read, tally.filteredOut, unopenable.size(),
                withdrawn, tally.interviewsExported, tally.exported, tally.suppressed);
        return new ExportManifest(study.id(), study.sha256(),
                Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString(), language,
                formats.stream().map(ExportFormat::wire).toList(), filter, settings, formRefs, counts,
                generalisation.kApplied(), tally.kAchieved, new TreeMap<>(tally.suppressionBySize), unopenable,
                files, ExclusionReasons.of(counts, filter, outsideFilter, generalisation.kApplied(),
                        a.quasiIdentifiers(), tally.suppressionBySize), generalisation,
                new ExportManifest.Imported(tally.imported.get(), SubmissionImport.LACKS), openRosa, redactions, qdpx);
    }

    /** The counters of one run. Pass 1's shared state is concurrent; pass 2 runs on one thread. */
    private static final class Tally {
        long read;
        volatile long filteredOut;
        final java.util.concurrent.atomic.AtomicLong imported = new java.util.concurrent.atomic.AtomicLong();
        final java.util.concurrent.atomic.AtomicLong textsUnopenable = new java.util.concurrent.atomic.AtomicLong();
        final Map<String, Long> groups = new ConcurrentHashMap<>();
        final Map<String, Set<String>> sensitive = new ConcurrentHashMap<>();
        /** Each site and base group ({@link Release#siteInGroup}) to the languages its interviews were run in. */
        final Map<String, Set<String>> languages = new ConcurrentHashMap<>();
        final Set<String> forms = ConcurrentHashMap.newKeySet();
        final List<ExportManifest.Unopenable> unopenable = Collections.synchronizedList(new ArrayList<>());
        final Map<Integer, Long> suppressionBySize = new TreeMap<>();
        long exported;
        long suppressed;
        long interviewsExported;
        int kAchieved;

        /** Resets pass 2's counters before the files are written (again). */
        void startPass2() {
            suppressionBySize.clear();
            exported = 0;
            suppressed = 0;
            interviewsExported = 0;
            kAchieved = 0;
        }

        void unopenable(String submissionId, String reason) {
            unopenable.add(new ExportManifest.Unopenable(submissionId, reason));
        }
    }
}
