package org.fieldsafe.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.fieldsafe.core.crypto.KeyPairBytes;
import org.fieldsafe.core.crypto.StudyKeys;
import org.fieldsafe.core.forms.Anonymisation;
import org.fieldsafe.core.forms.Generalisation;
import org.fieldsafe.core.forms.Study;
import org.fieldsafe.core.forms.StudyBundle;
import org.fieldsafe.core.json.JsonMappers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13 point 1: generalise before suppressing, on the synthetic 94-interview study and the 350-interview set. */
class GeneralisationExportTest {
    private static final CsvMapper CSV = JsonMappers.csv();
    private static final ObjectMapper JSON = JsonMappers.plain();
    /** Every released column that can tell a site, category or date apart (language follows the site). */
    private static final List<String> QUASI = List.of("site", "category", "gender", "age", "interview_date",
            "finalised", "language");
    private static final List<String> SITES = List.of("BD-DHK", "KH-SVR", "IN-BHD", "NP-KAN", "NP-RAP", "TH-CNX",
            "TH-SAN");

    private static final StudyBundle BUNDLE = ExportFixtures.bundle();
    private static final KeyPairBytes RESEARCH = StudyKeys.generateX25519();
    private static final ExportFixtures.Generated SYNTHETIC = SyntheticStudy.generate(BUNDLE, RESEARCH,
            StudyKeys.generateX25519(), 2017);

    @TempDir
    Path tmp;

    private ExportManifest export(Study study, ExportRequest request, ExportFixtures.Generated data)
            throws IOException {
        return new Exporter(study, ExportFixtures.forms(BUNDLE), Clock.systemUTC(), 2).run(request,
                ExportFixtures.listSource(data.submissions()), RESEARCH.fingerprint(), RESEARCH.privateKey(),
                new DirectorySink(tmp.resolve("out")), tmp.resolve("work"), ExportProgress.NONE);
    }

    private static ExportRequest request(int k) {
        return new ExportRequest("beyond-awareness", Set.of(ExportFormat.WIDE_CSV), "en", null, false, k);
    }

    private List<Map<String, String>> wide() throws IOException {
        try (MappingIterator<Map<String, String>> it = CSV.readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(tmp.resolve("out/export-wide.csv").toFile())) {
            return it.readAll();
        }
    }

    /** Respondents per combination of quasi-identifiers, recomputed from the exported file. */
    private static Map<List<String>, Long> groups(List<Map<String, String>> rows) {
        return rows.stream().collect(Collectors.groupingBy(r -> QUASI.stream().map(r::get).toList(),
                Collectors.counting()));
    }

    @Test
    void syntheticStudy_table3Counts_94Interviews() {
        assertThat(SYNTHETIC.submissions()).hasSize(94);
        Map<String, Long> bySiteCategory = SYNTHETIC.answered().stream().collect(Collectors.groupingBy(
                a -> a.person().site() + "/" + a.person().category(), Collectors.counting()));
        assertThat(bySiteCategory).containsEntry("IN-BHD/RH", 7L).containsEntry("IN-BHD/CS", 3L)
                .containsEntry("NP-KAN/RH", 3L).containsEntry("NP-RAP/DB", 2L).containsEntry("TH-SAN/RH", 8L);
        assertThat(SYNTHETIC.answered()).allSatisfy(a -> assertThat(a.person().age()).isBetween(15, 75));
    }

    @Test
    void run_synthetic94AtK5_atMostFivePercentSuppressedAndEveryReleasedGroupHasK() throws IOException {
        Study study = BUNDLE.study();
        long asCollected = TruthGroups.suppressed(study, TruthGroups.asCollected(), SYNTHETIC, 5);
        assertThat(asCollected).as("suppressed without generalisation").isGreaterThan(47);

        ExportManifest m = export(study, request(0), SYNTHETIC);

        List<Map<String, String>> rows = wide();
        assertThat(groups(rows).values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(5));
        long suppressed = 94 - rows.size();
        assertThat(suppressed * 100).isLessThanOrEqualTo(5L * 94);
        assertThat(m.counts().respondentsSuppressed()).isEqualTo(suppressed);
        assertThat(m.generalisation().levels()).containsOnlyKeys("site", "category", "gender", "age",
                        "interview_date", "finalised")
                .containsEntry("category", "as collected");
        assertThat(m.generalisation().limitMet()).isTrue();
        assertThat(m.generalisation().nodesChecked()).isLessThanOrEqualTo(m.generalisation().latticeNodes() + 1);
        // the same suppression recomputed from what was generated, at the levels the manifest names
        assertThat(TruthGroups.suppressed(study, m.generalisation().levels(), SYNTHETIC, 5))
                .isEqualTo(suppressed);
        assertThat(m.generalisation().summary().get(0)).startsWith("Quasi-identifiers generalised to: site ");
        String manifest = java.nio.file.Files.readString(tmp.resolve("out/manifest.json"));
        assertThat(JSON.readTree(manifest).get("generalisation").get("levels").get("site").asText())
                .isEqualTo(m.generalisation().levels().get("site"));
    }

    @Test
    void run_350InterviewSet_lossFallsFrom39PercentToAtMostFive() throws IOException {
        ExportFixtures.Generated set = ExportFixtures.generate(BUNDLE, RESEARCH, StudyKeys.generateX25519(), 350, 42);
        int respondents = set.answered().size();
        long asCollected = TruthGroups.suppressed(BUNDLE.study(), TruthGroups.asCollected(), set, 5);
        assertThat(100.0 * asCollected / respondents).isBetween(35.0, 45.0);

        ExportManifest m = export(BUNDLE.study(), request(0), set);

        long suppressed = m.counts().respondentsSuppressed();
        assertThat(100.0 * suppressed / respondents).isLessThanOrEqualTo(5.0);
        assertThat(m.counts().respondentsExported()).isEqualTo(respondents - suppressed);
        assertThat(groups(wide()).values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(5));
        if (suppressed > 0) {
            assertThat(m.generalisation().summary()).anySatisfy(s -> assertThat(s)
                    .matches("\\d+ respondent\\(s\\) of category (RH|DB|CS) suppressed: their groups had fewer than "
                            + "k = 5 members .*"));
        }
    }

    @Test
    void run_stricterK_everyGroupMeetsItAndManifestSaysSo() throws IOException {
        ExportManifest m = export(BUNDLE.study(), request(12), SYNTHETIC);
        assertThat(m.kRequired()).isEqualTo(12);
        assertThat(m.generalisation().kStudy()).isEqualTo(5);
        assertThat(m.generalisation().kApplied()).isEqualTo(12);
        assertThat(groups(wide()).values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(12));
        assertThat(m.generalisation().summary()).anySatisfy(s -> assertThat(s).contains("stricter than the study's 5"));
    }

    @Test
    void run_looserK_refusedNothingWritten() {
        assertThatThrownBy(() -> export(BUNDLE.study(), request(3), SYNTHETIC))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("looser than the study's k = 5");
        assertThat(tmp.resolve("out/export-wide.csv")).doesNotExist();
    }

    @Test
    void run_lDiversity_everyReleasedGroupShowsLDistinctValues() throws IOException {
        Study study = BUNDLE.study();
        Anonymisation a = study.anonymisation();
        Generalisation g = a.generalisation();
        Study withL = ExportFixtures.withAnonymisation(study, new Anonymisation(a.quasiIdentifiers(), a.ageBands(),
                a.dates(), new Generalisation(g.hierarchies(), g.regions(), 50,
                new Generalisation.LDiversity("disclosure_check", 2))));

        ExportManifest m = export(withL, request(0), SYNTHETIC);

        List<Map<String, String>> rows = wide();
        Map<List<String>, Set<String>> values = rows.stream().collect(Collectors.groupingBy(
                r -> QUASI.stream().map(r::get).toList(), Collectors.mapping(r -> r.get("disclosure_check"),
                        Collectors.toSet())));
        assertThat(values).isNotEmpty();
        assertThat(values.values()).allSatisfy(v -> assertThat(v).hasSizeGreaterThanOrEqualTo(2));
        assertThat(m.generalisation().l()).isEqualTo(2);
        assertThat(m.generalisation().lAttribute()).isEqualTo("disclosure_check");
    }

    /** Every file of the export as text; the XLSX workbook's zip entries unpacked (its cells are compressed). */
    private String everyFile() throws IOException {
        StringBuilder all = new StringBuilder();
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(tmp.resolve("out"))) {
            for (Path f : files.toList()) {
                if (f.toString().endsWith(".xlsx")) {
                    try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(f.toFile())) {
                        for (java.util.zip.ZipEntry e : java.util.Collections.list(zip.entries())) {
                            all.append(new String(zip.getInputStream(e).readAllBytes(),
                                    java.nio.charset.StandardCharsets.UTF_8));
                        }
                    }
                } else {
                    all.append(new String(java.nio.file.Files.readAllBytes(f), java.nio.charset.StandardCharsets.UTF_8));
                }
                all.append('\n');
            }
        }
        return all.toString();
    }

    @Test
    void run_siteGeneralised_noSiteCodeSiteOnlyLanguageOrSiteBearingCodeInAnyFile() throws IOException {
        // stable codes granted (KH-SVR-RH-001 carries site and category); Lahu is spoken at Sannimit only
        assertThat(SYNTHETIC.submissions()).anySatisfy(sub -> assertThat(sub.header().language()).isEqualTo("lhu"));
        ExportManifest m = export(BUNDLE.study(), new ExportRequest("beyond-awareness", Set.of(ExportFormat.WIDE_CSV,
                ExportFormat.LONG_CSV, ExportFormat.JSONL, ExportFormat.WIDE_CSV_BOM, ExportFormat.XLSX), "en", null,
                true, 0), SYNTHETIC);

        assertThat(m.generalisation().levels().get("site")).isNotEqualTo("as collected");
        assertThat(m.counts().respondentsExported()).isPositive();
        assertThat(m.settings().respondentCodes()).isEqualTo(Exporter.STABLE_WITHHELD);
        String all = everyFile();
        for (String site : SITES) {
            assertThat(all).as("site code " + site).doesNotContain(site);
        }
        assertThat(all).doesNotContainPattern("\\b(RH|DB|CS)-\\d{3}\\b").doesNotContain("lhu");
        assertThat(wide()).allSatisfy(r -> assertThat(r.get("language")).isEqualTo("*"));
    }

    @Test
    void run_siteAsCollected_languageIsTheSitesLanguagesNeverSplitsAGroup() throws IOException {
        Study siteKept = ExportFixtures.withoutHierarchy(BUNDLE.study(), "site", 60);

        export(siteKept, request(0), SYNTHETIC);

        List<Map<String, String>> rows = wide();
        assertThat(rows).isNotEmpty();
        Map<String, Set<String>> languagesBySite = rows.stream().collect(Collectors.groupingBy(r -> r.get("site"),
                Collectors.mapping(r -> r.get("language"), Collectors.toSet())));
        assertThat(languagesBySite.values()).allSatisfy(v -> assertThat(v).hasSize(1));
        // one value for all of Sannimit: its released interviews' languages (Lahu; Thai too when its Thai-speaking
        // duty bearers or civil society are released), never telling one interview from another of the site
        assertThat(rows).filteredOn(r -> r.get("site").equals("TH-SAN")).isNotEmpty()
                .allSatisfy(r -> assertThat(r.get("language")).isIn("lhu", "lhu th"));
        assertThat(rows).filteredOn(r -> r.get("site").equals("KH-SVR"))
                .allSatisfy(r -> assertThat(r.get("language")).isEqualTo("km"));
        assertThat(groups(rows).values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(5));
    }

    @Test
    void run_synthetic94_kOverEveryIdentifyingFieldOfTheJsonLines() throws IOException {
        ExportManifest m = export(BUNDLE.study(), new ExportRequest("beyond-awareness", Set.of(ExportFormat.JSONL),
                "en", null, false, 0), SYNTHETIC);
        Map<List<String>, Long> groups = new java.util.HashMap<>();
        for (String line : java.nio.file.Files.readAllLines(tmp.resolve("out/export.jsonl"))) {
            com.fasterxml.jackson.databind.JsonNode j = JSON.readTree(line);
            com.fasterxml.jackson.databind.JsonNode answers = j.get("answers");
            groups.merge(List.of(j.get("site").asText(), j.get("category").asText(), j.get("language").asText(),
                    j.get("finalised").asText(), answers.path("gender").asText(), answers.path("age").asText(),
                    answers.path("interview_date").asText()), 1L, Long::sum);
        }
        assertThat(groups.values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(m.counts().respondentsExported()).isPositive();
        assertThat(groups.values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(5));
    }

    @Test
    void run_finalisedDate_aQuasiIdentifierReleasedAtTheChosenLevel() throws IOException {
        ExportManifest m = export(BUNDLE.study(), request(0), SYNTHETIC);
        assertThat(m.settings().quasiIdentifiers()).endsWith("interview_date", "finalised");
        String level = m.generalisation().levels().get("finalised");
        String pattern = switch (level) {
            case "as collected" -> "\\d{4}-\\d{2}";
            case "quarter" -> "\\d{4}-Q[1-4]";
            case "year" -> "\\d{4}";
            default -> "\\*";
        };
        assertThat(wide()).isNotEmpty().allSatisfy(r -> {
            assertThat(r.get("finalised")).matches(pattern);
            assertThat(r.get("interview_date")).matches(pattern);
        });
        assertThat(String.join(" ", m.generalisation().summary())).contains("finalised " + level);
        // the same suppression recomputed from what was generated, dates included, at the manifest's levels
        assertThat(TruthGroups.suppressed(BUNDLE.study(), m.generalisation().levels(), SYNTHETIC, 5))
                .isEqualTo(m.counts().respondentsSuppressed());
    }

    @Test
    void run_consentAnswers_everyoneItemsLabelledColumnsMinorsOnlyItemsNever() throws IOException {
        assertThat(SYNTHETIC.answered()).anySatisfy(a -> assertThat(a.person().age()).isLessThan(18));
        Study study = BUNDLE.study();
        // both ways: the study's generalisation, and age pinned to its bands as collected (<18 shown as such)
        Study ageAsCollected = ExportFixtures.withoutHierarchy(study, "age", 50);
        for (Study s : List.of(study, ageAsCollected)) {
            export(s, new ExportRequest("beyond-awareness", Set.of(ExportFormat.WIDE_CSV, ExportFormat.LONG_CSV,
                    ExportFormat.JSONL), "en", null, false, 0), SYNTHETIC);
            List<Map<String, String>> rows = wide();
            assertThat(rows).isNotEmpty().allSatisfy(r -> {
                assertThat(r.get("participation")).isEqualTo("yes");
                assertThat(r.get("recording_consent")).isEqualTo("no");
                assertThat(r.get("consent_mode")).isEqualTo("verbal");
            });
            String codebook = java.nio.file.Files.readString(tmp.resolve("out/codebook.csv"));
            assertThat(codebook).contains("participation,participation,consent,select_one,")
                    .contains("consent_mode,consent_mode,consent,select_one,");
            assertThat(java.nio.file.Files.readString(tmp.resolve("out/export-wide.do")))
                    .contains("consent_mode").contains("Other personal mark");
            assertThat(java.nio.file.Files.readString(tmp.resolve("out/export-wide.sps")))
                    .contains("consent_mode").contains("Other personal mark");
            assertThat(everyFile()).doesNotContain("guardian_consent").doesNotContain("child_assent");
            java.nio.file.Files.walk(tmp.resolve("out")).sorted(java.util.Comparator.reverseOrder())
                    .forEach(f -> f.toFile().delete());
        }
    }
}
