package org.fieldsafe.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fieldsafe.core.crypto.KeyPairBytes;
import org.fieldsafe.core.crypto.StudyKeys;
import org.fieldsafe.core.forms.StudyBundle;
import org.fieldsafe.core.json.JsonMappers;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 point 2: real engines read the files. GNU PSPP runs the .sps against the exported CSV and R runs the
 * script (both installed by .ci/run; under CI=true a missing engine fails the test, elsewhere it is skipped); the
 * .do file is parsed (no Stata here).
 */
class SyntaxFilesEngineTest {
    private static final Pattern STATA_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,31}");
    private static final StudyBundle STUDY = ExportFixtures.bundle();
    private static final KeyPairBytes KEY = StudyKeys.generateX25519();
    private static final ExportFixtures.Generated DATA = SyntheticStudy.generate(STUDY, KEY,
            StudyKeys.generateX25519(), 94);

    @TempDir
    static Path dir;

    @BeforeAll
    static void export() throws IOException {
        new Exporter(STUDY.study(), ExportFixtures.forms(STUDY), Clock.systemUTC(), 2).run(
                new ExportRequest("beyond-awareness", Set.of(ExportFormat.WIDE_CSV), "km", null, false),
                ExportFixtures.listSource(DATA.submissions()), KEY.fingerprint(), KEY.privateKey(),
                new DirectorySink(dir.resolve("out")), dir.resolve("work"), ExportProgress.NONE);
    }

    private static Path out(String name) {
        return dir.resolve("out").resolve(name);
    }

    /** The engine's path, or: skipped locally, failed under CI (where .ci/run installs it). */
    private static void requireTool(String tool) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", "command -v " + tool).start();
        boolean present = p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError(tool + " is not installed; .ci/run installs it (apt-get install -y pspp"
                    + " r-base-core)");
        }
        Assumptions.assumeTrue(present, tool + " is not installed here");
    }

    private static String run(Path cwd, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        return output;
    }

    /** Gender's choice labels in Khmer, in form order. */
    private static List<String> genderLabels() {
        return STUDY.form("interview").orElseThrow().question("gender").orElseThrow().choices().stream()
                .map(c -> c.label().get("km")).toList();
    }

    private static List<Map<String, String>> wide() throws IOException {
        try (MappingIterator<Map<String, String>> it = JsonMappers.csv().readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(out("export-wide.csv").toFile())) {
            return it.readAll();
        }
    }

    @Test
    void sps_runInPspp_readsTheCsvWithVariableAndValueLabels() throws Exception {
        requireTool("pspp");
        Files.writeString(out("check.sps"), "INCLUDE FILE='export-wide.sps'.\nDISPLAY DICTIONARY.\n"
                + "FREQUENCIES VARIABLES=gender disclosure_check.\nDESCRIPTIVES VARIABLES=form_version.\n");
        String output = run(out(""), "pspp", "-O", "format=txt", "-o", "pspp.txt", "check.sps");
        String listing = Files.readString(out("pspp.txt"), StandardCharsets.UTF_8) + output;
        assertThat(listing).doesNotContainIgnoringCase("error").doesNotContainIgnoringCase("warning");
        // the Khmer label of the first topic question and the Khmer value labels of gender
        String meaning = STUDY.form("interview").orElseThrow().question("q_meaning").orElseThrow().label().get("km");
        assertThat(listing).contains(meaning.substring(0, 12)).contains(genderLabels().get(0))
                .contains(genderLabels().get(3)).contains("not chosen");
        assertThat(listing).containsPattern("form version\\s*\\|\\s*" + wide().size() + "\\|");
        Files.delete(out("check.sps"));
        Files.delete(out("pspp.txt"));
    }

    @Test
    void rScript_runInRscript_labelledFactorsAndKhmerTextIntact() throws Exception {
        requireTool("Rscript");
        Path check = dir.resolve("check.R");
        // the first row with Khmer text (the language column is * where the site is generalised)
        List<Map<String, String>> rows = wide();
        int khmerRow = java.util.stream.IntStream.range(0, rows.size())
                .filter(i -> rows.get(i).get("q_meaning").contains("ការងារ")).findFirst().orElseThrow();
        Files.writeString(check, "source('export-wide.r')\n"
                + "r <- c(paste('rows', nrow(d)), paste('gender_factor', is.factor(d[['gender']])),\n"
                + "  paste('gender_levels', paste(levels(d[['gender']]), collapse = '|')),\n"
                + "  paste('disclosure_factor', is.factor(d[['disclosure_check']])),\n"
                + "  paste('label', attr(d[['q_meaning']], 'label')),\n"
                + "  paste('na_skipped', sum(is.na(d[['q_causes']]))),\n"
                + "  paste('km', d[['q_meaning']][" + (khmerRow + 1) + "]))\n"
                + "con <- file('r-out.txt', open = 'w', encoding = 'UTF-8')\n"
                + "writeLines(enc2utf8(r), con)\nclose(con)\n");
        run(out(""), "Rscript", "--vanilla", check.toString());
        List<String> lines = Files.readAllLines(out("r-out.txt"), StandardCharsets.UTF_8);
        List<Map<String, String>> wide = wide();
        assertThat(lines).contains("rows " + wide.size(), "gender_factor TRUE", "disclosure_factor TRUE");
        assertThat(lines).contains("gender_levels " + String.join("|", genderLabels()) + "|any (generalised)");
        String meaning = STUDY.form("interview").orElseThrow().question("q_meaning").orElseThrow().label().get("km");
        assertThat(lines.stream().filter(l -> l.startsWith("label ")).findFirst().orElseThrow())
                .startsWith("label " + meaning.substring(0, 12));
        long skipped = wide.stream().filter(r -> r.get("q_causes").equals(".b")).count();
        assertThat(skipped).isPositive();
        assertThat(lines).contains("na_skipped " + skipped);
        String khmer = wide.get(khmerRow).get("q_meaning");
        assertThat(khmer).contains("ការងារ");
        assertThat(lines).contains("km " + khmer);
        Files.delete(out("r-out.txt"));
    }

    @Test
    void doFile_parsed_labelsDefinedForEveryColumnAndNamesStataValid() throws IOException {
        String doFile = Files.readString(out("export-wide.do"), StandardCharsets.UTF_8);
        List<String> header = List.copyOf(wide().get(0).keySet());
        Set<String> seen = new HashSet<>();
        for (String name : header) {
            assertThat(name).matches(STATA_NAME);
            assertThat(seen.add(name.toLowerCase(java.util.Locale.ROOT))).as(name).isTrue();
        }
        // 33 characters in the form: cut to Stata's 32, and the codebook maps the column to its question
        assertThat(header).contains("indicators__deceptive_recruitmen").doesNotContain(
                "indicators__deceptive_recruitment");
        assertThat(Files.readString(out("codebook.csv"))).containsPattern(
                "(?m)^\"?[^\n]*indicators__deceptive_recruitmen[^\n]*\"?,indicators,interview,select_multiple");
        List<String> labelled = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^label variable (\\S+) `\"(.*)\"'$").matcher(doFile);
        while (m.find()) {
            labelled.add(m.group(1));
            assertThat(m.group(2)).isNotBlank();
        }
        assertThat(labelled).containsAll(header);
        Matcher define = Pattern.compile("(?m)^label define (\\S+) (.*), replace$").matcher(doFile);
        List<String> defined = new ArrayList<>();
        while (define.find()) {
            assertThat(define.group(1)).matches(STATA_NAME);
            defined.add(define.group(2));
        }
        assertThat(defined).anySatisfy(d -> assertThat(d).contains("1 `\"" + genderLabels().get(0) + "\"'")
                .contains("2 `\"" + genderLabels().get(1) + "\"'"));
        assertThat(doFile).contains("import delimited using \"export-wide.csv\"");
        Matcher values = Pattern.compile("(?m)^label values (\\S+) (\\S+)$").matcher(doFile);
        int n = 0;
        while (values.find()) {
            n++;
        }
        assertThat(n).isGreaterThanOrEqualTo(defined.size());
    }
}
