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
    private static final List<String> QUASI = List.of("site", "category", "gender", "age");

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
        long asCollected = TruthGroups.suppressed(study, TruthGroups.asCollected(), SYNTHETIC.answered(), 5);
        assertThat(asCollected).as("suppressed without generalisation").isGreaterThan(47);

        ExportManifest m = export(study, request(0), SYNTHETIC);

        List<Map<String, String>> rows = wide();
        assertThat(groups(rows).values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(5));
        long suppressed = 94 - rows.size();
        assertThat(suppressed * 100).isLessThanOrEqualTo(5L * 94);
        assertThat(m.counts().respondentsSuppressed()).isEqualTo(suppressed);
        assertThat(m.generalisation().levels()).containsOnlyKeys("site", "category", "gender", "age")
                .containsEntry("category", "as collected");
        assertThat(m.generalisation().limitMet()).isTrue();
        assertThat(m.generalisation().nodesChecked()).isLessThanOrEqualTo(m.generalisation().latticeNodes() + 1);
        // the same suppression recomputed from what was generated, at the levels the manifest names
        assertThat(TruthGroups.suppressed(study, m.generalisation().levels(), SYNTHETIC.answered(), 5))
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
        long asCollected = TruthGroups.suppressed(BUNDLE.study(), TruthGroups.asCollected(), set.answered(), 5);
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
}
