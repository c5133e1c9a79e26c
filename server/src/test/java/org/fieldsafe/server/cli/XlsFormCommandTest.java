package org.fieldsafe.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.fieldsafe.core.forms.FormsFixtures;
import org.fieldsafe.core.forms.StudyBundle;
import org.fieldsafe.core.forms.StudyLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code admin forms import-xlsform / export-xlsform} on copies of the test and reference studies. */
class XlsFormCommandTest {
    private static final Path FIXTURES = Path.of("src", "test", "resources", "fixtures");
    private static final Path REFERENCE = Path.of("..", "forms", "beyond-awareness");

    @TempDir
    Path tmp;

    private Path copy(Path from) throws IOException {
        Path study = tmp.resolve(from.getFileName());
        FormsFixtures.copy(from, study);
        return study;
    }

    private static CliRun admin(String... args) {
        return CliRun.of(Map.of(), args);
    }

    /** Every file of the folder with its bytes, to show that nothing was written. */
    private static Map<Path, String> snapshot(Path dir) throws IOException {
        Map<Path, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p), Files.readString(p));
            }
        }
        return out;
    }

    @Test
    void importXlsform_validFile_writesTheFormAndItsTranslations() throws Exception {
        Path study = copy(FIXTURES.resolve("forms").resolve("test-study"));
        CliRun run = admin("forms", "import-xlsform", FIXTURES.resolve("xlsform").resolve("all-columns.xlsx")
                .toString(), "--study-dir", study.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        StudyBundle loaded = StudyLoader.load(study);
        String sha = loaded.form("household").orElseThrow().sha256();
        assertThat(run.out()).contains("imported form household (interview, 9 questions)").contains("sha256 " + sha)
                .contains("household.yaml").contains("km.yaml").contains("bn.yaml");
        assertThat(run.err()).contains("note: survey row 6: the group's");
        assertThat(admin("forms", "check", tmp.toString()).exit()).isZero();
    }

    @Test
    void importXlsform_unsupportedFeatures_listsEveryRowExitsNonZeroAndWritesNothing() throws Exception {
        Path study = copy(FIXTURES.resolve("forms").resolve("test-study"));
        Map<Path, String> before = snapshot(study);
        CliRun run = admin("forms", "import-xlsform", FIXTURES.resolve("xlsform").resolve("unsupported.xlsx")
                .toString(), "--study-dir", study.toString());
        assertThat(run.exit()).isNotZero();
        assertThat(run.err()).contains("survey row 3, column type: `geopoint` is not supported")
                .contains("survey row 11, column choice_filter:").contains("settings row 2, column kind:")
                .contains("25 problem(s) in ").contains("nothing written");
        assertThat(run.err().lines().filter(l -> l.matches("(survey|choices|settings|external_choices).*")))
                .hasSize(25);
        assertThat(snapshot(study)).isEqualTo(before);
    }

    @Test
    void importXlsform_formOfTheStudyWithoutReplace_isRefusedAndWritesNothing() throws Exception {
        Path study = copy(REFERENCE);
        Path xlsx = tmp.resolve("consent.xlsx");
        assertThat(admin("forms", "export-xlsform", "--study-dir", study.toString(), "--form", "consent", "--out",
                xlsx.toString()).exit()).isZero();
        Map<Path, String> before = snapshot(study);
        CliRun run = admin("forms", "import-xlsform", xlsx.toString(), "--study-dir", study.toString());
        assertThat(run.exit()).isNotZero();
        assertThat(run.err()).contains("has a form 'consent' already").contains("--replace").contains("nothing"
                + " written");
        assertThat(snapshot(study)).isEqualTo(before);
    }

    @Test
    void exportXlsform_thenImportWithReplace_keepsTheHash() throws Exception {
        Path study = copy(REFERENCE);
        String sha = StudyLoader.load(study).form("interview").orElseThrow().sha256();
        Path xlsx = tmp.resolve("interview.xlsx");
        CliRun export = admin("forms", "export-xlsform", "--study-dir", study.toString(), "--form", "interview",
                "--out", xlsx.toString());
        assertThat(export.exit()).as(export.err()).isZero();
        assertThat(export.out()).contains("wrote form interview").contains(sha).contains(xlsx.toString());

        CliRun imported = admin("forms", "import-xlsform", xlsx.toString(), "--study-dir", study.toString(),
                "--replace");
        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("replaced form interview").contains("sha256 " + sha);
        assertThat(StudyLoader.load(study).form("interview").orElseThrow().sha256()).isEqualTo(sha);
    }

    @Test
    void exportXlsform_unknownForm_exitsNonZeroAndWritesNothing() throws Exception {
        Path study = copy(REFERENCE);
        Path xlsx = tmp.resolve("nope.xlsx");
        CliRun run = admin("forms", "export-xlsform", "--study-dir", study.toString(), "--form", "nope", "--out",
                xlsx.toString());
        assertThat(run.exit()).isNotZero();
        assertThat(run.err()).contains("No form 'nope'");
        assertThat(xlsx).doesNotExist();
    }

    @Test
    void importXlsform_notAnXlsxFile_exitsNonZeroAndWritesNothing() throws Exception {
        Path study = copy(FIXTURES.resolve("forms").resolve("test-study"));
        Map<Path, String> before = snapshot(study);
        Path csv = tmp.resolve("form.xlsx");
        Files.writeString(csv, "type,name,label\ntext,a,A\n");
        CliRun run = admin("forms", "import-xlsform", csv.toString(), "--study-dir", study.toString());
        assertThat(run.exit()).isNotZero();
        assertThat(run.err()).contains("file: cannot be read as an .xlsx workbook").contains("nothing written");
        assertThat(admin("forms", "import-xlsform", tmp.resolve("form.csv").toString(), "--study-dir",
                study.toString()).err()).contains("An XLSForm is an .xlsx file");
        assertThat(snapshot(study)).isEqualTo(before);
    }
}
