package org.fieldsafe.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.fieldsafe.core.crypto.Digests;
import org.fieldsafe.core.crypto.KeyPairBytes;
import org.fieldsafe.core.crypto.StudyKeys;
import org.fieldsafe.core.forms.Choice;
import org.fieldsafe.core.forms.FormDefinition;
import org.fieldsafe.core.forms.Question;
import org.fieldsafe.core.forms.QuestionType;
import org.fieldsafe.core.forms.Sensitivity;
import org.fieldsafe.core.forms.StudyBundle;
import org.fieldsafe.core.forms.StudyLoader;
import org.fieldsafe.core.json.JsonMappers;
import org.fieldsafe.core.wire.SubmissionHeader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExporterTest {
    private static final ObjectMapper JSON = JsonMappers.plain();
    private static final CsvMapper CSV = JsonMappers.csv();
    private static final Set<ExportFormat> ALL = Set.of(ExportFormat.WIDE_CSV, ExportFormat.LONG_CSV,
            ExportFormat.JSONL);
    /** The k-anonymity groups: the study's list, then the exported date question and the finalised date. */
    private static final List<String> QUASI = List.of("site", "category", "gender", "age", "interview_date",
            "finalised");
    /** Every released column that can tell a site, category or date apart (language follows the site). */
    private static final List<String> IDENTIFYING = List.of("site", "category", "gender", "age", "interview_date",
            "finalised", "language");

    private static StudyBundle bundle;
    private static KeyPairBytes research;
    private static ExportFixtures.Generated data;

    @TempDir
    Path tmp;

    @BeforeAll
    static void generate() {
        bundle = ExportFixtures.bundle();
        research = StudyKeys.generateX25519();
        data = ExportFixtures.generate(bundle, research, StudyKeys.generateX25519(), 350, 42);
    }

    private Exporter exporter() {
        return new Exporter(bundle.study(), ExportFixtures.forms(bundle), Clock.systemUTC(), 2);
    }

    private ExportManifest export(String name, ExportRequest request, List<SealedSubmission> submissions)
            throws IOException {
        return exporter().run(request, ExportFixtures.listSource(submissions), research.fingerprint(),
                research.privateKey(), new DirectorySink(tmp.resolve(name)), tmp.resolve("work"), ExportProgress.NONE);
    }

    private static ExportRequest all(boolean stableCodes) {
        return new ExportRequest("beyond-awareness", ALL, "en", ExportFilter.all(), stableCodes);
    }

    private static List<Map<String, String>> csv(Path file) throws IOException {
        try (MappingIterator<Map<String, String>> it = CSV.readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(file.toFile())) {
            return it.readAll();
        }
    }

    private static List<JsonNode> jsonl(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    /** The generated respondent-interview a row is, by the marker in its free text. */
    private static Map<String, ExportFixtures.Answered> byMarker() {
        return data.answered().stream().collect(Collectors.toMap(ExportFixtures.Answered::marker,
                Function.identity()));
    }

    private static ExportFixtures.Answered truth(Map<String, String> wideRow) {
        String text = wideRow.get("q_meaning");
        String marker = text.substring(text.indexOf("marker"), text.length() - 1);
        return byMarker().get(marker);
    }

    @Test
    void run_noDirectIdentifierCodeOrIdInAnyFile() throws IOException {
        export("a", all(false), data.submissions());
        List<String> forbidden = new ArrayList<>(data.directValues());
        data.answered().forEach(a -> {
            forbidden.add(a.person().code());
            forbidden.add(a.submissionId());
        });
        try (Stream<Path> files = Files.list(tmp.resolve("a"))) {
            List<Path> all = files.toList();
            assertThat(all).extracting(p -> p.getFileName().toString()).containsExactlyInAnyOrder(
                    "export-wide.csv", "export-long.csv", "export.jsonl", "codebook.csv", "codebook.md",
                    "manifest.json", "export-wide.do", "export-wide.sps", "export-wide.r");
            for (Path f : all) {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                for (String value : forbidden) {
                    assertThat(text).as("%s in %s", value, f.getFileName()).doesNotContain(value);
                }
            }
        }
        assertThat(csv(tmp.resolve("a/export-wide.csv")).get(0)).doesNotContainKeys("name", "address");
        assertThat(Files.readString(tmp.resolve("a/codebook.csv"))).contains("left out: direct identifier");
    }

    @Test
    void run_agesOnlyAsBandsAndDatesOnlyAsMonths() throws IOException {
        export("a", all(false), data.submissions());
        List<String> bands = List.of("<18", "18-24", "25-34", "35-49", "50-64", "65+");
        assertThat(bundle.study().anonymisationOrDefault().bandLabels()).isEqualTo(bands);
        List<Map<String, String>> wide = csv(tmp.resolve("a/export-wide.csv"));
        assertThat(wide).isNotEmpty();
        for (Map<String, String> row : wide) {
            assertThat(row.get("age")).isIn(bands);
            assertThat(row.get("age")).isEqualTo(bundle.study().anonymisationOrDefault().band(truth(row).person().age()));
            assertThat(row.get("interview_date")).matches("201[78]-\\d\\d");
            assertThat(row.get("finalised")).matches("201[78]-\\d\\d");
        }
        for (Map<String, String> row : csv(tmp.resolve("a/export-long.csv"))) {
            if (row.get("question_id").equals("age")) {
                assertThat(row.get("answer")).isIn(bands);
            }
            if (row.get("question_id").equals("interview_date")) {
                assertThat(row.get("answer")).matches("\\d{4}-\\d\\d");
            }
        }
        for (JsonNode row : jsonl(tmp.resolve("a/export.jsonl"))) {
            assertThat(row.get("answers").get("age").textValue()).isIn(bands);
        }
    }

    @Test
    void run_pseudonymsConsistentWithinOneExportAndDifferentBetweenTwo() throws IOException {
        export("a", all(false), data.submissions());
        export("b", all(false), data.submissions());
        Map<String, String> respondentA = new HashMap<>();
        Map<String, String> interviewA = new HashMap<>();
        List<Map<String, String>> wideA = csv(tmp.resolve("a/export-wide.csv"));
        for (Map<String, String> row : wideA) {
            ExportFixtures.Answered t = truth(row);
            assertThat(row.get("respondent")).matches("R-[0-9a-f]{12}");
            assertThat(row.get("interview")).matches("I-[0-9a-f]{12}");
            String before = respondentA.putIfAbsent(t.person().code(), row.get("respondent"));
            assertThat(before == null ? row.get("respondent") : before).isEqualTo(row.get("respondent"));
            String beforeI = interviewA.putIfAbsent(t.submissionId(), row.get("interview"));
            assertThat(beforeI == null ? row.get("interview") : beforeI).isEqualTo(row.get("interview"));
        }
        // distinct people and interviews get distinct pseudonyms
        assertThat(new HashSet<>(respondentA.values())).hasSize(respondentA.size());
        assertThat(new HashSet<>(interviewA.values())).hasSize(interviewA.size());
        // the data has repeated respondents and joint interviews, and both show up consistently
        assertThat(wideA.stream().map(r -> r.get("respondent")).distinct().count()).isLessThan(wideA.size());
        assertThat(wideA.stream().map(r -> r.get("interview")).distinct().count()).isLessThan(wideA.size());
        // long CSV and JSON Lines use the same pseudonyms for the same answers
        Map<String, String> meaningByPair = new HashMap<>();
        wideA.forEach(r -> meaningByPair.put(r.get("interview") + "/" + r.get("respondent"), r.get("q_meaning")));
        int seen = 0;
        for (Map<String, String> row : csv(tmp.resolve("a/export-long.csv"))) {
            String pair = row.get("interview") + "/" + row.get("respondent");
            assertThat(meaningByPair).containsKey(pair);
            if (row.get("question_id").equals("q_meaning")) {
                assertThat(row.get("answer")).isEqualTo(meaningByPair.get(pair));
                seen++;
            }
        }
        assertThat(seen).isEqualTo(wideA.size());
        for (JsonNode row : jsonl(tmp.resolve("a/export.jsonl"))) {
            assertThat(meaningByPair.get(row.get("interview").textValue() + "/" + row.get("respondent").textValue()))
                    .isEqualTo(row.get("answers").get("q_meaning").textValue());
        }
        // a second export shares no pseudonym with the first
        Set<String> b = new HashSet<>();
        for (Map<String, String> row : csv(tmp.resolve("b/export-wide.csv"))) {
            b.add(row.get("respondent"));
            b.add(row.get("interview"));
        }
        assertThat(b).isNotEmpty().doesNotContainAnyElementsOf(respondentA.values())
                .doesNotContainAnyElementsOf(interviewA.values());
    }

    @Test
    void run_kAnonymityHoldsInExportedRowsAndSuppressionMatchesManifest() throws IOException {
        ExportManifest m = export("a", all(false), data.submissions());
        List<Map<String, String>> wide = csv(tmp.resolve("a/export-wide.csv"));
        Map<List<String>, Long> groups = wide.stream().collect(Collectors.groupingBy(
                r -> IDENTIFYING.stream().map(r::get).toList(), Collectors.counting()));
        int k = bundle.study().kAnonymity();
        assertThat(k).isEqualTo(5);
        assertThat(groups.values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(k));
        assertThat(m.kAchieved()).isEqualTo(groups.values().stream().mapToLong(Long::longValue).min().orElseThrow());
        // the expected suppression, computed independently from what was generated, at the levels the export chose
        long expectedSuppressed = TruthGroups.suppressed(bundle.study(), m.generalisation().levels(), data, k);
        assertThat(expectedSuppressed).isPositive();
        assertThat(m.counts().respondentsSuppressed()).isEqualTo(expectedSuppressed);
        assertThat(m.counts().respondentsExported()).isEqualTo(wide.size())
                .isEqualTo(data.answered().size() - expectedSuppressed);
        assertThat(m.suppression().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(expectedSuppressed);
        m.suppression().keySet().forEach(size -> assertThat(size).isLessThan(k));
        assertThat(csv(tmp.resolve("a/export-long.csv")).stream().map(r -> r.get("respondent")).distinct().count())
                .isEqualTo(wide.stream().map(r -> r.get("respondent")).distinct().count());
        assertThat(jsonl(tmp.resolve("a/export.jsonl"))).hasSize(wide.size());
        assertThat(m.counts().read()).isEqualTo(data.submissions().size());
        assertThat(m.counts().interviewsExported())
                .isEqualTo(wide.stream().map(r -> r.get("interview")).distinct().count());
    }

    @Test
    void run_tamperedAndWrongKeyEnvelopesListedNotExported() throws IOException {
        List<SealedSubmission> subs = new ArrayList<>(data.submissions().subList(0, 60));
        SealedSubmission victim = subs.get(3);
        JsonNode tree = JSON.readTree(victim.envelope());
        com.fasterxml.jackson.databind.node.ObjectNode research =
                (com.fasterxml.jackson.databind.node.ObjectNode) tree.get("parts").get("research");
        String ct = research.get("ciphertext").textValue();
        research.put("ciphertext", (ct.charAt(0) == 'A' ? "B" : "A") + ct.substring(1));
        subs.set(3, new SealedSubmission(victim.submissionId(), victim.header(), JSON.writeValueAsBytes(tree)));
        KeyPairBytes other = StudyKeys.generateX25519();
        ExportFixtures.Generated foreign = ExportFixtures.generate(bundle, other, other, 1, 7);
        subs.add(foreign.submissions().get(0));
        ExportRequest r = new ExportRequest("beyond-awareness", ALL, "en", ExportFilter.all(), true);
        ExportManifest m = export("a", r, subs);
        assertThat(m.unopenable()).extracting(ExportManifest.Unopenable::submissionId)
                .containsExactlyInAnyOrder(victim.submissionId(), foreign.submissions().get(0).submissionId());
        assertThat(m.counts().unopenable()).isEqualTo(2);
        assertThat(m.counts().read()).isEqualTo(61);
        long inData = m.counts().respondentsExported() + m.counts().respondentsSuppressed();
        long openable = data.answered().stream().filter(t -> subs.stream().limit(60)
                .anyMatch(s -> s.submissionId().equals(t.submissionId()))
                && !t.submissionId().equals(victim.submissionId())).count();
        assertThat(inData).isEqualTo(openable);
        Set<String> victimMarkers = data.answered().stream().filter(t -> t.submissionId().equals(victim.submissionId()))
                .map(ExportFixtures.Answered::marker).collect(Collectors.toSet());
        String all = Files.readString(tmp.resolve("a/export-long.csv")) + Files.readString(tmp.resolve("a/export.jsonl"));
        for (String marker : victimMarkers) {
            assertThat(all).doesNotContain(marker + ".");
        }
        // the foreign interview's own marker repeats one of the data's (both count from 0): the manifest's
        // unopenable list and the counts above show it was not exported
    }

    @Test
    void run_manifestHashesMatchFilesAndManifestIsWritten() throws IOException {
        ExportManifest m = export("a", all(false), data.submissions());
        assertThat(m.files().keySet()).containsExactlyInAnyOrder("export-wide.csv", "export-long.csv",
                "export.jsonl", "codebook.csv", "codebook.md", "export-wide.do", "export-wide.sps", "export-wide.r");
        for (Map.Entry<String, ExportManifest.FileEntry> e : m.files().entrySet()) {
            byte[] bytes = Files.readAllBytes(tmp.resolve("a").resolve(e.getKey()));
            assertThat(e.getValue().sha256()).isEqualTo(Digests.sha256Hex(bytes));
            assertThat(e.getValue().bytes()).isEqualTo(bytes.length);
        }
        ExportManifest written = JSON.readValue(tmp.resolve("a/manifest.json").toFile(), ExportManifest.class);
        assertThat(written).isEqualTo(m);
        assertThat(m.settings().respondentCodes()).isEqualTo("per-export");
        assertThat(m.settings().quasiIdentifiers()).isEqualTo(QUASI);
        assertThat(m.settings().leftOut()).contains("name", "address");
        assertThat(m.forms()).extracting(ExportManifest.FormRef::id).containsExactly("consent", "interview");
        assertThat(m.kRequired()).isEqualTo(5);
        try (Stream<Path> left = Files.list(tmp.resolve("work"))) {
            assertThat(left).as("the spool is deleted").isEmpty();
        }
    }

    @Test
    void run_reportsProgressAndCopiesWithdrawnCount() throws IOException {
        List<String> progress = java.util.Collections.synchronizedList(new ArrayList<>());
        SealedSource list = ExportFixtures.listSource(data.submissions());
        SealedSource withWithdrawn = new SealedSource() {
            @Override
            public long count() throws IOException {
                return list.count();
            }

            @Override
            public void forEach(SealedConsumer consumer) throws IOException {
                list.forEach(consumer);
            }

            @Override
            public long withdrawn() {
                return 3;
            }
        };
        ExportManifest m = exporter().run(all(false), withWithdrawn, research.fingerprint(), research.privateKey(),
                new DirectorySink(tmp.resolve("a")), tmp.resolve("work"),
                (phase, done, total) -> progress.add(phase + " " + done + "/" + total));
        assertThat(m.counts().withdrawn()).isEqualTo(3);
        long rows = data.answered().size();
        int n = data.submissions().size();
        assertThat(progress).contains("open " + n + "/" + n, "write 0/" + rows, "write " + rows + "/" + rows,
                "done " + n + "/" + n);
        assertThat(progress.indexOf("write 0/" + rows)).isGreaterThan(progress.indexOf("open " + n + "/" + n));
        assertThat(progress.get(progress.size() - 1)).startsWith("done");
    }

    @Test
    void run_researchPartsOfOtherShapes_fieldsNotUsedIgnoredBrokenOnesListed() throws IOException {
        List<SealedSubmission> subs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            // the form as a bare id, no redactions, fallback texts or stoppedEarly, an unknown extra field
            subs.add(ExportFixtures.sealRaw(bundle, research, "NP-KAN", "CS", Map.of("form", "interview",
                    "language", "ne", "extra", List.of(1, 2), "respondents", List.of(Map.of("code",
                            "NP-KAN-CS-00" + i, "category", "CS", "answers", Map.of("age", "41", "gender", "male",
                                    "q_meaning", "shape-test-" + i, "name", "Leaked Name"))))));
        }
        SealedSubmission noRespondents = ExportFixtures.sealRaw(bundle, research, "NP-KAN", "CS",
                Map.of("language", "ne", "respondents", List.of()));
        SealedSubmission notAnObject = ExportFixtures.sealRaw(bundle, research, "NP-KAN", "CS", List.of("x"));
        subs.add(noRespondents);
        subs.add(notAnObject);
        ExportManifest m = export("a", all(false), subs);
        assertThat(m.counts().respondentsExported()).isEqualTo(5);
        assertThat(m.unopenable()).extracting(ExportManifest.Unopenable::submissionId)
                .containsExactlyInAnyOrder(noRespondents.submissionId(), notAnObject.submissionId());
        List<Map<String, String>> wide = csv(tmp.resolve("a/export-wide.csv"));
        assertThat(wide).allSatisfy(r -> {
            assertThat(r.get("age")).isEqualTo("35-49");
            assertThat(r.get("language")).isEqualTo("en"); // the header's, not the research part's "ne"
        });
        assertThat(Files.readString(tmp.resolve("a/export-long.csv"))).doesNotContain("Leaked Name");
    }

    @Test
    void run_quasiIdentifierOnlyInConsent_consentAnswerStandsIn() throws IOException {
        List<SealedSubmission> subs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            subs.add(ExportFixtures.sealRaw(bundle, research, "IN-BHD", "DB", Map.of("language", "hi",
                    "respondents", List.of(Map.of("code", "IN-BHD-DB-00" + i, "category", "DB",
                            "consent", Map.of("age", 19 + i % 2, "respondent_code", "IN-BHD-DB-00" + i),
                            "answers", Map.of("gender", "female", "q_meaning", "consent-age-" + i))))));
        }
        ExportManifest m = export("a", all(false), subs);
        assertThat(m.counts().respondentsExported()).isEqualTo(5);
        List<Map<String, String>> wide = csv(tmp.resolve("a/export-wide.csv"));
        assertThat(wide).extracting(r -> r.get("age")).containsOnly("18-24");
        assertThat(Files.readString(tmp.resolve("a/export-long.csv"))).contains(",age,en,18-24")
                .doesNotContain("IN-BHD-DB-00");
    }

    @Test
    void export_quasiIdentifierNotInStudyList_joinedIntoGroups() throws IOException {
        // version 2 of the interview asks a quasi-identifier the study's list [site, category, gender, age] omits
        FormDefinition v1 = bundle.form("interview").orElseThrow();
        List<Question> questions = new ArrayList<>(v1.questions());
        questions.add(new Question("birthplace", QuestionType.SELECT_ONE, Map.of("en", "Born where?"), null, false,
                Sensitivity.QUASI_IDENTIFIER, null, null, null, List.of(new Choice("here", Map.of("en", "Here")),
                new Choice("abroad", Map.of("en", "Abroad"))), List.of(), null));
        FormDefinition v2 = new FormDefinition(v1.id(), v1.kind(), v1.consentForm(), v1.masterLanguage(), v1.title(),
                questions, v1.languages());
        List<ExportForm> forms = new ArrayList<>(ExportFixtures.forms(bundle));
        forms.add(new ExportForm(2, v2));
        SubmissionHeader.FormRef ref = new SubmissionHeader.FormRef("interview", 2, v2.sha256());
        List<SealedSubmission> subs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            // one group of six under the study's list; the one born abroad is alone once birthplace counts
            subs.add(ExportFixtures.sealRaw(bundle, research, ref, "NP-KAN", "CS", Map.of("language", "en",
                    "respondents", List.of(Map.of("code", "NP-KAN-CS-00" + i, "category", "CS", "answers",
                            Map.of("age", 41, "gender", "male", "birthplace", i == 5 ? "abroad" : "here"))))));
        }
        ExportManifest m = new Exporter(bundle.study(), forms, Clock.systemUTC(), 2).run(all(false),
                ExportFixtures.listSource(subs), research.fingerprint(), research.privateKey(),
                new DirectorySink(tmp.resolve("a")), tmp.resolve("work"), ExportProgress.NONE);
        assertThat(m.settings().quasiIdentifiers()).containsExactly("site", "category", "gender", "age",
                "birthplace", "interview_date", "finalised");
        assertThat(m.counts().respondentsExported()).isEqualTo(5);
        assertThat(m.counts().respondentsSuppressed()).isEqualTo(1);
        assertThat(csv(tmp.resolve("a/export-wide.csv"))).extracting(r -> r.get("birthplace")).containsOnly("here");
        assertThat(Files.readString(tmp.resolve("a/codebook.csv"))).contains("birthplace")
                .contains("quasi-identifier of the k-anonymity groups");
    }

    @Test
    void export_researchPartCategoryOrLanguage_neverOverridesHeader() throws IOException {
        List<SealedSubmission> subs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            // header: site TH-SAN, category CS, language en; two research parts claim category RH and language th
            String claimed = i < 2 ? "RH" : "CS";
            subs.add(ExportFixtures.sealRaw(bundle, research, "TH-SAN", "CS", Map.of("language", i < 2 ? "th" : "en",
                    "respondents", List.of(Map.of("code", "TH-SAN-CS-00" + i, "category", claimed, "answers",
                            Map.of("category", claimed, "age", 30, "gender", "female", "q_meaning", "lie-" + i))))));
        }
        // a research part with a second respondent the header does not have: no header category to give it
        SealedSubmission extra = ExportFixtures.sealRaw(bundle, research, "TH-SAN", "CS", Map.of("language", "en",
                "respondents", List.of(Map.of("code", "TH-SAN-CS-005", "category", "CS", "answers",
                        Map.of("age", 30, "gender", "female")), Map.of("code", "TH-SAN-RH-001", "category", "RH",
                        "answers", Map.of("age", 30, "gender", "female")))));
        subs.add(extra);
        ExportManifest m = export("a", all(false), subs);
        // one group of five by the header: had the claims counted, CS would have 3 and RH 2, all suppressed
        assertThat(m.counts().respondentsExported()).isEqualTo(5);
        assertThat(m.counts().respondentsSuppressed()).isZero();
        assertThat(m.kAchieved()).isEqualTo(5);
        assertThat(m.unopenable()).extracting(ExportManifest.Unopenable::submissionId)
                .containsExactly(extra.submissionId());
        assertThat(csv(tmp.resolve("a/export-wide.csv"))).hasSize(5).allSatisfy(r -> {
            assertThat(r.get("category")).isEqualTo("CS");
            assertThat(r.get("category_answer")).isEqualTo("CS");
            assertThat(r.get("language")).isEqualTo("en");
        });
        assertThat(jsonl(tmp.resolve("a/export.jsonl"))).hasSize(5).allSatisfy(j -> {
            assertThat(j.get("category").asText()).isEqualTo("CS");
            assertThat(j.get("language").asText()).isEqualTo("en");
        });
        assertThat(Files.readString(tmp.resolve("a/export-long.csv"))).doesNotContain(",RH,").doesNotContain(",th,");
    }

    @Test
    void run_stableCodesKeepRespondentCodes() throws IOException {
        // a study whose export keeps site and category as collected: the codes show nothing the groups do not
        org.fieldsafe.core.forms.Study siteKept = ExportFixtures.withoutHierarchy(bundle.study(), "site", 100);
        ExportManifest m = new Exporter(siteKept, ExportFixtures.forms(bundle), Clock.systemUTC(), 2).run(all(true),
                ExportFixtures.listSource(data.submissions()), research.fingerprint(), research.privateKey(),
                new DirectorySink(tmp.resolve("a")), tmp.resolve("work"), ExportProgress.NONE);
        assertThat(m.generalisation().levels()).containsEntry("site", "as collected")
                .containsEntry("category", "as collected");
        assertThat(m.settings().respondentCodes()).isEqualTo("stable");
        assertThat(csv(tmp.resolve("a/export-wide.csv"))).isNotEmpty().allSatisfy(row -> {
            assertThat(row.get("respondent")).isEqualTo(truth(row).person().code());
            assertThat(row.get("interview")).matches("I-[0-9a-f]{12}");
        });
    }

    @Test
    void run_stableCodesSiteGeneralised_codesWithheldAsPseudonyms() throws IOException {
        ExportManifest m = export("a", all(true), data.submissions());
        assertThat(m.generalisation().levels().get("site")).isNotEqualTo("as collected");
        assertThat(m.settings().respondentCodes()).isEqualTo(Exporter.STABLE_WITHHELD);
        Map<String, String> pseudonymOfCode = new HashMap<>();
        List<Map<String, String>> rows = csv(tmp.resolve("a/export-wide.csv"));
        assertThat(rows).isNotEmpty();
        for (Map<String, String> row : rows) {
            assertThat(row.get("respondent")).matches("R-[0-9a-f]{12}");
            // the same respondent keeps one pseudonym throughout the export (joint and repeated interviews)
            String code = truth(row).person().code();
            assertThat(pseudonymOfCode.computeIfAbsent(code, c -> row.get("respondent")))
                    .isEqualTo(row.get("respondent"));
        }
        String all = Files.readString(tmp.resolve("a/export-wide.csv")) + Files.readString(tmp.resolve("a/export"
                + "-long.csv")) + Files.readString(tmp.resolve("a/export.jsonl"));
        assertThat(all).doesNotContainPattern("(BD-DHK|KH-SVR|IN-BHD|NP-KAN|NP-RAP|TH-CNX|TH-SAN)-(RH|DB|CS)-\\d{3}");
        assertThat(Files.readString(tmp.resolve("a/codebook.csv"))).contains("withheld");
    }

    @Test
    void run_filtersBySiteFormAndDate() throws IOException {
        Instant from = Instant.parse("2018-01-01T00:00:00Z");
        ExportFilter filter = new ExportFilter(Set.of("KH-SVR", "TH-CNX"), Set.of("interview"), from, null);
        ExportManifest m = export("a", new ExportRequest("beyond-awareness", Set.of(ExportFormat.WIDE_CSV), "en",
                filter, false), data.submissions());
        List<Map<String, String>> wide = csv(tmp.resolve("a/export-wide.csv"));
        long inFilter = data.submissions().stream().filter(s -> Set.of("KH-SVR", "TH-CNX").contains(s.header().site())
                && !Instant.parse(s.header().finalisedAt()).isBefore(from)).count();
        assertThat(m.counts().filteredOut()).isEqualTo(data.submissions().size() - inFilter);
        assertThat(m.filter().sites()).containsExactly("KH-SVR", "TH-CNX");
        assertThat(m.filter().from()).isEqualTo("2018-01-01T00:00:00Z");
        // the sites at the level the export chose (the search may widen them)
        assertThat(wide).allSatisfy(r -> {
            assertThat(r.get("site")).isIn("KH-SVR", "TH-CNX", "KH", "TH", "South-East Asia", "*");
            assertThat(r.get("finalised")).isEqualTo("2018-01");
        });
        assertThat(m.files()).containsOnlyKeys("export-wide.csv", "codebook.csv", "codebook.md", "export-wide.do",
                "export-wide.sps", "export-wide.r");
    }

    @Test
    void run_codebookInChosenLanguageWithFallbackMarked() throws IOException {
        export("a", new ExportRequest("beyond-awareness", Set.of(ExportFormat.LONG_CSV), "km", null, false),
                data.submissions().subList(0, 10));
        List<Map<String, String>> book = csv(tmp.resolve("a/codebook.csv"));
        Map<String, Map<String, String>> byId = book.stream().filter(r -> !r.get("question_id").isEmpty())
                .collect(Collectors.toMap(r -> r.get("question_id"), Function.identity()));
        assertThat(byId.get("indicators").get("column")).contains("indicators__debt_bondage");
        assertThat(byId.get("indicators").get("export")).isEqualTo("one 0/1 column per choice");
        assertThat(byId.get("age").get("export")).startsWith("as its age band (<18, 18-24");
        assertThat(byId.get("name").get("column")).isEmpty();
        assertThat(byId.get("q_meaning").get("sensitivity")).isEqualTo("sensitive");
        assertThat(book).anySatisfy(r -> assertThat(r.get("label_language")).isEqualTo("km"));
        String md = Files.readString(tmp.resolve("a/codebook.md"));
        assertThat(md).startsWith("# Codebook: ").contains("| column | question_id |");
    }

    @Test
    void run_codebookLabelASpreadsheetWouldRun_quotedInCodebookCsv() throws Exception {
        // a translator's label (or a hostile one) that a spreadsheet would read as a formula
        Path study = tmp.resolve("study");
        try (var files = Files.walk(ExportFixtures.STUDY_DIR)) {
            for (Path from : files.toList()) {
                Path to = study.resolve(ExportFixtures.STUDY_DIR.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to);
                }
            }
        }
        Path km = study.resolve("translations/km.yaml");
        String hostile = "=HYPERLINK(\"http://example.org/x\",\"open\")";
        Files.writeString(km, Files.readString(km).replaceFirst("(?m)^(\\s*q_causes\\.label: ).*$",
                "$1'" + hostile + "'"));
        StudyBundle changed = StudyLoader.load(study);
        new Exporter(changed.study(), ExportFixtures.forms(changed), Clock.systemUTC(), 2).run(
                new ExportRequest("beyond-awareness", Set.of(ExportFormat.LONG_CSV), "km", null, false),
                ExportFixtures.listSource(data.submissions().subList(0, 5)), research.fingerprint(),
                research.privateKey(), new DirectorySink(tmp.resolve("a")), tmp.resolve("work"), ExportProgress.NONE);

        List<Map<String, String>> book = csv(tmp.resolve("a/codebook.csv"));
        assertThat(book).filteredOn(r -> r.get("question_id").equals("q_causes")).singleElement()
                .satisfies(r -> assertThat(r.get("label")).isEqualTo("'" + hostile));
        assertThat(book).allSatisfy(r -> r.values().forEach(cell ->
                assertThat(cell).doesNotStartWith("=").doesNotStartWith("@").doesNotStartWith("+")));
    }

    @Test
    void run_wideCsvSplitsSelectMultipleIntoZeroOneColumns() throws IOException {
        export("a", all(false), data.submissions());
        List<Map<String, String>> wide = csv(tmp.resolve("a/export-wide.csv"));
        assertThat(wide.get(0)).containsKeys("indicators__debt_bondage", "indicators__none", "category_answer");
        // the generator leaves indicators out when none was picked: not asked, code .a in every 0/1 column
        assertThat(wide).allSatisfy(r -> assertThat(r.get("indicators__none")).isIn("0", ".a"));
        assertThat(wide).anySatisfy(r -> assertThat(r.get("indicators__debt_bondage")).isEqualTo("1"));
        assertThat(wide).anySatisfy(r -> assertThat(r.get("q_causes")).contains("\"quoted\", with a comma\nand"));
    }

    @Test
    void run_requestNotFittingTheStudy_rejectedBeforeReading() {
        Exporter e = exporter();
        SealedSource never = new SealedSource() {
            @Override
            public long count() {
                throw new AssertionError("read");
            }

            @Override
            public void forEach(SealedConsumer c) {
                throw new AssertionError("read");
            }
        };
        for (ExportRequest r : List.of(
                new ExportRequest("other-study", ALL, "en", null, false),
                new ExportRequest("beyond-awareness", ALL, "xx", null, false),
                new ExportRequest("beyond-awareness", ALL, "en", new ExportFilter(Set.of("ZZ-ZZZ"), null, null,
                        null), false),
                new ExportRequest("beyond-awareness", ALL, "en", new ExportFilter(null, Set.of("nope"), null,
                        null), false))) {
            assertThatThrownBy(() -> e.run(r, never, research.fingerprint(), research.privateKey(),
                    new DirectorySink(tmp.resolve("x")), tmp, ExportProgress.NONE))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        KeyPairBytes other = StudyKeys.generateX25519();
        assertThatThrownBy(() -> e.run(all(false), never, research.fingerprint(), other.privateKey(),
                new DirectorySink(tmp.resolve("x")), tmp, ExportProgress.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not the research key");
    }
}
