package org.fieldsafe.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.fieldsafe.core.forms.CoverageRow;
import org.fieldsafe.core.forms.FormsFixtures;
import org.fieldsafe.core.forms.StudyBundle;
import org.fieldsafe.core.forms.StudyLoader;
import org.fieldsafe.core.forms.TranslationCoverage;
import org.fieldsafe.core.forms.TranslationOverlay;
import org.fieldsafe.core.forms.TranslationState;
import org.fieldsafe.core.json.JsonMappers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code admin forms translations export|import} on a copy of the reference study; no server involved. */
class TranslationsCommandTest {
    private static final Path REFERENCE = Path.of("..", "forms", "beyond-awareness");
    private static final CsvMapper CSV = JsonMappers.csv();
    private static final CsvSchema TEMPLATE = CsvSchema.builder()
            .addColumn("key").addColumn("master").addColumn("translation").setUseHeader(true).build();

    @TempDir
    Path tmp;

    private Path study;

    private record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void copyStudy() throws IOException {
        study = tmp.resolve("beyond-awareness");
        FormsFixtures.copy(REFERENCE, study);
    }

    private Run admin(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = AdminCli.run(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Run export(String form, String lang, String... more) {
        return admin(Stream.concat(Stream.of("forms", "translations", "export", "--study-dir", study.toString(),
                "--form", form, "--lang", lang), Stream.of(more)).toArray(String[]::new));
    }

    private Run importFile(String form, String lang, Path file) {
        return admin("forms", "translations", "import", "--study-dir", study.toString(), "--form", form,
                "--lang", lang, file.toString());
    }

    private static List<Map<String, String>> readCsv(String csv) throws IOException {
        try (MappingIterator<Map<String, String>> it = CSV.readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv)) {
            return it.readAll();
        }
    }

    private static String writeCsv(List<Map<String, String>> rows) throws IOException {
        return CSV.writer(TEMPLATE).writeValueAsString(rows);
    }

    private static CoverageRow coverage(StudyBundle bundle, String form, String lang) {
        return TranslationCoverage.of(bundle).stream()
                .filter(r -> r.formId().equals(form) && r.language().equals(lang)).findFirst().orElseThrow();
    }

    private Path overlay(String lang) {
        return study.resolve("translations").resolve(lang + ".yaml");
    }

    @Test
    void exportImport_csvForLahu_createsDraftOverlayWithTwoTexts() throws Exception {
        assertThat(overlay("lhu")).doesNotExist();
        Run export = export("consent", "lhu");
        assertThat(export.exit()).as(export.err()).isZero();
        List<Map<String, String>> rows = readCsv(export.out());
        assertThat(rows).isNotEmpty();
        assertThat(rows.get(0)).containsOnlyKeys("key", "master", "translation").containsEntry("key", "title");
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.get("master")).isNotBlank();
            assertThat(r.get("translation")).isEmpty();
        });

        rows.get(0).put("translation", "Lahu title, \"quoted\"");
        rows.get(1).put("translation", "Lahu text\non two lines");
        Path filled = tmp.resolve("consent-lhu.csv");
        Files.writeString(filled, writeCsv(rows));
        Run imported = importFile("consent", "lhu", filled);

        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.err()).isEmpty();
        assertThat(imported.out()).isEqualTo("imported 2 texts for form consent in lhu (draft): coverage 2/"
                + rows.size() + "\n");
        assertThat(overlay("lhu")).exists();
        StudyBundle bundle = StudyLoader.load(study);
        assertThat(coverage(bundle, "consent", "lhu"))
                .isEqualTo(new CoverageRow("consent", "lhu", TranslationState.DRAFT, 2, rows.size()));
        assertThat(coverage(bundle, "interview", "lhu").state()).isEqualTo(TranslationState.MISSING);
        TranslationOverlay lhu = StudyLoader.readOverlay(overlay("lhu"), bundle);
        assertThat(lhu.name()).isEqualTo("Lahu");
        assertThat(lhu.forms().get("consent").texts()).containsExactlyInAnyOrderEntriesOf(Map.of(
                rows.get(0).get("key"), "Lahu title, \"quoted\"", rows.get(1).get("key"), "Lahu text\non two lines"));
        assertThat(study.resolve("translations")).isDirectoryNotContaining("glob:**.tmp");

        Run again = export("consent", "lhu");
        assertThat(readCsv(again.out()).get(0)).containsEntry("translation", "Lahu title, \"quoted\"");
    }

    @Test
    void importXliff_bengaliRoundTrip_keepsExistingTexts() throws Exception {
        StudyBundle before = StudyLoader.load(study);
        TranslationOverlay bnBefore = StudyLoader.readOverlay(overlay("bn"), before);
        Path xlf = tmp.resolve("consent-bn.xlf");

        Run export = export("consent", "bn", "--format", "xliff", "--out", xlf.toString());
        assertThat(export.exit()).as(export.err()).isZero();
        assertThat(Files.readString(xlf)).contains("original=\"consent\"").contains("target-language=\"bn\"");
        Run imported = importFile("consent", "bn", xlf);

        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.err()).isEmpty();
        CoverageRow consentBefore = coverage(before, "consent", "bn");
        assertThat(imported.out()).isEqualTo("imported " + consentBefore.translated()
                + " texts for form consent in bn (draft): coverage " + consentBefore.translated() + "/"
                + consentBefore.total() + "\n");
        StudyBundle after = StudyLoader.load(study);
        TranslationOverlay bnAfter = StudyLoader.readOverlay(overlay("bn"), after);
        assertThat(bnAfter).isEqualTo(bnBefore);
        assertThat(TranslationCoverage.of(after)).isEqualTo(TranslationCoverage.of(before));
        assertThat(after.form("consent").orElseThrow().sha256()).isEqualTo(before.form("consent").orElseThrow().sha256());
    }

    @Test
    void import_unknownKey_refusedAndNothingWritten() throws Exception {
        List<Map<String, String>> rows = readCsv(export("consent", "lhu").out());
        rows.get(0).put("translation", "Lahu title");
        Map<String, String> typo = new LinkedHashMap<>();
        typo.put("key", "age.lable");
        typo.put("master", "");
        typo.put("translation", "Lahu age");
        rows.add(typo);
        Path filled = tmp.resolve("consent-lhu.csv");
        Files.writeString(filled, writeCsv(rows));
        byte[] bn = Files.readAllBytes(overlay("bn"));

        Run imported = importFile("consent", "lhu", filled);

        assertThat(imported.exit()).isEqualTo(1);
        assertThat(imported.out()).isEmpty();
        assertThat(imported.err()).isEqualTo("error: 1 key(s) in " + filled + " name no text of form consent: "
                + "age.lable; nothing written\n");
        assertThat(overlay("lhu")).doesNotExist();
        assertThat(Files.readAllBytes(overlay("bn"))).isEqualTo(bn);
    }

    @Test
    void importXliff_otherTargetLanguage_refused() throws Exception {
        Path xlf = tmp.resolve("consent-km.xliff");
        assertThat(export("consent", "km", "--format", "xliff", "--out", xlf.toString()).exit()).isZero();
        byte[] bn = Files.readAllBytes(overlay("bn"));

        Run imported = importFile("consent", "bn", xlf);

        assertThat(imported.exit()).isEqualTo(1);
        assertThat(imported.err()).isEqualTo("error: " + xlf + " has target language 'km', not 'bn'; "
                + "nothing written\n");
        assertThat(Files.readAllBytes(overlay("bn"))).isEqualTo(bn);
    }

    @Test
    void export_unknownForm_failsWithClearMessage() {
        Run export = export("consnet", "lhu");

        assertThat(export.exit()).isEqualTo(1);
        assertThat(export.out()).isEmpty();
        assertThat(export.err()).isEqualTo(
                "error: No form 'consnet' in study beyond-awareness (forms: consent, interview)\n");
    }

    @Test
    void export_masterOrUnknownLanguage_failsWithClearMessage() {
        Run master = export("consent", "en");
        assertThat(master.exit()).isEqualTo(1);
        assertThat(master.err()).startsWith("error: 'en' is the master language of study beyond-awareness");

        Run unknown = export("consent", "fr");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).isEqualTo("error: Language 'fr' is not one of the languages of study "
                + "beyond-awareness (en, bn, km, hi, ne, th, lhu)\n");
    }

    @Test
    void translationsImport_reviewed_setsState() throws Exception {
        // CSV: the translator's round trip says so with --state reviewed
        Path csv = tmp.resolve("consent-km.csv");
        assertThat(export("consent", "km", "--out", csv.toString()).exit()).isZero();
        Run reviewed = admin("forms", "translations", "import", "--study-dir", study.toString(), "--form", "consent",
                "--lang", "km", "--state", "reviewed", csv.toString());
        assertThat(reviewed.exit()).as(reviewed.err()).isZero();
        assertThat(reviewed.out()).isEqualTo("imported 47 texts for form consent in km (reviewed): coverage 47/47\n");
        StudyBundle after = StudyLoader.load(study);
        assertThat(after.form("consent").orElseThrow().languages()).containsEntry("km", TranslationState.REVIEWED);
        assertThat(after.form("interview").orElseThrow().languages()).containsEntry("km", TranslationState.DRAFT);

        // XLIFF: a reviewed language is exported signed-off; a CAT tool's signed-off (or final) targets import as
        // reviewed, translated ones as complete, the exported needs-review-translation as draft
        Path xlf = tmp.resolve("consent-bn.xlf");
        assertThat(export("consent", "bn", "--format", "xliff", "--out", xlf.toString()).exit()).isZero();
        String draft = Files.readString(xlf);
        assertThat(draft).contains("state=\"needs-review-translation\"").doesNotContain("signed-off");
        Files.writeString(xlf, draft.replace("needs-review-translation", "signed-off"));
        assertThat(importFile("consent", "bn", xlf).out()).contains("in bn (reviewed): coverage 47/47");
        assertThat(export("consent", "bn", "--format", "xliff").out()).contains("state=\"signed-off\"")
                .doesNotContain("needs-review-translation");
        Files.writeString(xlf, draft.replace("needs-review-translation", "translated"));
        assertThat(importFile("consent", "bn", xlf).out()).contains("in bn (complete)");
        Files.writeString(xlf, draft.replaceFirst("needs-review-translation", "final")
                .replace("needs-review-translation", "signed-off"));
        assertThat(importFile("consent", "bn", xlf).out()).contains("in bn (reviewed)");

        // reviewed needs every text: a half translation is refused and nothing is written
        byte[] kmBefore = Files.readAllBytes(overlay("km"));
        Path half = tmp.resolve("half.csv");
        List<Map<String, String>> rows = readCsv(Files.readString(csv));
        rows.subList(20, rows.size()).forEach(r -> r.put("translation", ""));
        Files.writeString(half, writeCsv(rows));
        Run refused = admin("forms", "translations", "import", "--study-dir", study.toString(), "--form", "consent",
                "--lang", "km", "--state", "reviewed", half.toString());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("forms.consent.state: state reviewed but 27 text(s) missing in 'km'")
                .contains("left as it was");
        assertThat(Files.readAllBytes(overlay("km"))).isEqualTo(kmBefore);
        assertThat(admin("forms", "translations", "import", "--study-dir", study.toString(), "--form", "consent",
                "--lang", "km", "--state", "final", csv.toString()).err())
                .isEqualTo("error: --state 'final' is not one of draft, complete, reviewed; nothing written\n");
    }

    @Test
    void formsCheck_reportsStatePerFormLanguage() throws Exception {
        Path csv = tmp.resolve("consent-km.csv");
        assertThat(export("consent", "km", "--out", csv.toString()).exit()).isZero();
        assertThat(admin("forms", "translations", "import", "--study-dir", study.toString(), "--form", "consent",
                "--lang", "km", "--state", "reviewed", csv.toString()).exit()).isZero();
        Path studyYaml = study.resolve("study.yaml");
        String yaml = Files.readString(studyYaml);
        Files.writeString(studyYaml, yaml.replace("allowed_states: [complete, reviewed, draft]",
                "allowed_states: [complete, reviewed]"));

        Run check = admin("forms", "check", tmp.toString());
        assertThat(check.exit()).as(check.err()).isZero();
        assertThat(check.out()).contains("  interviews may use translations that are complete or reviewed"
                        + " (study.yaml interview_languages; the master language always)")
                .containsPattern("\\n  consent +en +complete +47/47 +allowed\\n")
                .containsPattern("\\n  consent +km +reviewed +47/47 +allowed\\n")
                .containsPattern("\\n  interview +km +draft +75/75 +refused\\n")
                .containsPattern("\\n  consent +bn +draft +47/47 +refused\\n")
                .containsPattern("\\n  consent +lhu +missing +0/47 +refused\\n");
    }
}
