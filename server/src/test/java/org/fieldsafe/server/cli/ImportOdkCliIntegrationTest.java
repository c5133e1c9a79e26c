package org.fieldsafe.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.fieldsafe.core.json.JsonMappers;
import org.fieldsafe.core.wire.Progress;
import org.fieldsafe.export.ExportFormat;
import org.fieldsafe.server.Envelopes;
import org.fieldsafe.server.FileScan;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.app.Browser;
import org.fieldsafe.server.console.ConsoleBrowser;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * {@code admin submissions import-odk} against a running server (issue 18, point 4): an ODK Central CSV zip and a
 * KoboToolbox CSV export of an earlier wave (fixtures/odk-import, with groups, a nested group and a
 * select_multiple) imported into the fixture study {@code wave-study}, sealed on import, then exported by the data
 * manager with their answers; the same export again stores nothing; each bad input is refused by file, row and
 * column and writes nothing; no answer is in the server's data directory in plaintext.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImportOdkCliIntegrationTest {
    private static final Path FIXTURES = Path.of(ResourceHelpers.resourceFilePath("fixtures/odk-import"));
    private static final TestApp APP = TestApp.onForms(FIXTURES.resolve("forms"));
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;
    private static final String STUDY = "wave-study";
    private static final Path XLSFORM = FIXTURES.resolve("wave1.xlsx");
    private static final Path CENTRAL = FIXTURES.resolve("wave1-central.zip");
    private static final Path KOBO = FIXTURES.resolve("wave1-kobo.csv");
    /** Answers of the fixtures (invented): none may be stored in plaintext, nor be printed in a problem. */
    private static final List<String> ANSWERS = List.of("Sokha Marigold", "The broker kept my passport",
            "Recruiters promised garment work", "KH-SVR-RH-101", "Amina Copperleaf", "kiln owner", "BD-DHK-RH-201");
    private static final Map<String, String> PASSWORDS = new HashMap<>();

    /** Audit entries of stored submissions and imports (logins and the context fetch are audited too). */
    private static final String STORED = "event LIKE 'submission%'";

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() {
        String admin = APP.adminToken();
        PASSWORDS.put("import-dm", APP.createUser(admin, "import-dm", "data_manager", List.of()).password());
        PASSWORDS.put("import-coord", APP.createUser(admin, "import-coord", "coordinator", List.of()).password());
        assertThat(APP.postStudyKeys(admin, STUDY, Envelopes.newStudyKeys()).statusCode()).isEqualTo(201);
    }

    private CliRun admin(String user, String... args) {
        Map<String, String> env = new HashMap<>();
        env.put("FIELDSAFE_ADMIN_HOME", dir.resolve("home-" + user).toString());
        env.put("FIELDSAFE_SERVER", APP.baseUrl());
        env.put("FIELDSAFE_USER", user);
        env.put("FIELDSAFE_PASSWORD", PASSWORDS.get(user));
        env.put("FIELDSAFE_PASSPHRASE_RESEARCH", Envelopes.PASSPHRASE);
        return CliRun.of(env, args);
    }

    private CliRun importOdk(Path export, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("submissions", "import-odk", export.toString(),
                "--xlsform", XLSFORM.toString(), "--study", STUDY, "--form", "interview"));
        args.addAll(List.of(more));
        return admin("import-dm", args.toArray(String[]::new));
    }

    private static int imported(String source) {
        return APP.count("imported_submissions", "source = '" + source + "'");
    }

    @Test
    void importOdk_centralZip_sealedOnImportAndExportedWithTheirAnswers() throws IOException {
        CliRun run = importOdk(CENTRAL);
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("4 row(s) read from wave1-central.zip (odk-central)")
                .contains("1 row(s) not imported: no participation consent");
        assertThat(imported("odk-central")).isEqualTo(3);
        assertThat(APP.count("audit_log", "event = 'submissions.imported' AND subject LIKE '%odk-central%'"))
                .isPositive();
        // the row with a name has an identity part; the header says it was imported, not sealed on a device
        String envelope = APP.services().database().read(h -> h.createQuery("SELECT s.envelope FROM submissions s"
                + " JOIN imported_submissions i ON i.submission_id = s.id WHERE i.instance_id = :id")
                .bind("id", "uuid:6f1c2a70-0b8e-4d55-9d61-2a3f3c1d8e01").mapTo(String.class).one());
        assertThat(envelope).contains("\"deviceId\":\"imported\"").contains("\"identity\"").doesNotContain("Sokha");
        // the 16-year-old's consent is asserted as the device asserts it: a minor, with guardian consent and assent
        String minor = APP.services().database().read(h -> h.createQuery("SELECT s.envelope FROM submissions s"
                + " JOIN imported_submissions i ON i.submission_id = s.id WHERE i.instance_id = :id")
                .bind("id", "uuid:3c4d5e60-7a8b-4c9d-8e0f-1a2b3c4d5e04").mapTo(String.class).one());
        assertThat(minor).contains("\"minor\":true").contains("\"guardianConsent\":true")
                .contains("\"childAssent\":true").doesNotContain("\"identity\"");

        Progress progress = APP.read(APP.get("/studies/" + STUDY + "/progress", APP.adminToken()), Progress.class);
        assertThat(progress.imported()).isGreaterThanOrEqualTo(3);
        assertThat(progress.rows()).anySatisfy(row -> {
            assertThat(row.site()).isEqualTo("KH-SVR");
            assertThat(row.category()).isEqualTo("RH");
            assertThat(row.imported()).isEqualTo(2);
        });

        Path out = dir.resolve("export");
        CliRun export = admin("import-dm", "export", "--study", STUDY, "--out", out.toString(), "--format",
                "long,wide");
        assertThat(export.exit()).as(export.err()).isZero();
        String longCsv = Files.readString(out.resolve(ExportFormat.LONG_CSV.fileName()));
        assertThat(longCsv).contains("The broker kept my passport, and we slept in the packing shed")
                .contains("We stayed on the trawler for months without wages").contains("farming")
                .doesNotContain("Sokha Marigold").doesNotContain("KH-SVR-RH-101");
        JsonNode manifest = JsonMappers.plain().readTree(out.resolve("manifest.json").toFile());
        assertThat(manifest.get("imported").get("interviews").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(manifest.get("imported").get("lacks").toString()).contains("not sealed on a device")
                .contains("no device-side consent gate");
    }

    @Test
    void importOdk_sameExportTwice_storesNothingNew() {
        CliRun first = importOdk(CENTRAL);
        assertThat(first.exit()).as(first.err()).isZero();
        int submissions = APP.count("submissions");
        int audit = APP.count("audit_log", "event = 'submission.received'");
        CliRun again = importOdk(CENTRAL);
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out()).contains("Imported 0 submission(s)")
                .contains("3 row(s) imported before: nothing stored again");
        assertThat(APP.count("submissions")).isEqualTo(submissions);
        assertThat(APP.count("audit_log", "event = 'submission.received'")).isEqualTo(audit);
        assertThat(imported("odk-central")).isEqualTo(3);
    }

    @Test
    @Order(1)
    void importOdk_koboCsv_dryRunWritesNothingThenImports() throws IOException {
        int before = APP.count("submissions");
        CliRun dry = importOdk(KOBO, "--dry-run");
        assertThat(dry.exit()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("Dry run, nothing imported: 3 row(s) read from wave1-kobo.csv (kobo)")
                .contains("Would import 2 submission(s)");
        assertThat(APP.count("submissions")).isEqualTo(before);

        CliRun run = importOdk(KOBO);
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("Imported 2 submission(s)").contains("1 row(s) not imported");
        assertThat(imported("kobo")).isEqualTo(2);
        assertThat(APP.count("submissions", "site = 'BD-DHK'")).isEqualTo(2);

        Path out = dir.resolve("export");
        CliRun export = admin("import-dm", "export", "--study", STUDY, "--out", out.toString(), "--site", "BD-DHK",
                "--format", "long");
        assertThat(export.exit()).as(export.err()).isZero();
        assertThat(Files.readString(out.resolve(ExportFormat.LONG_CSV.fileName())))
                .contains("A cousin sold my debt to the kiln owner").contains("420.75").contains("domestic");
    }

    @Test
    @Order(2)
    void importOdk_badInputs_rowNamedProblemsAndNothingWritten() throws IOException {
        String csv = Files.readString(FIXTURES.resolve("central").resolve("wave1.csv"));
        Map<String, Path> bad = new java.util.LinkedHashMap<>();
        bad.put("wave1.csv column interview_grp-daily_pay: not a field of wave1.xlsx",
                zip("unknown-column.zip", Map.of("wave1.csv", csv.replace("interview_grp-daily_wage",
                        "interview_grp-daily_pay"))));
        bad.put("wave1.csv row 3, column interview_grp-work-work_types: not one of the choices of work_types",
                zip("bad-choice.zip", Map.of("wave1.csv", csv.replace(",DB,domestic,", ",DB,cooking,"))));
        bad.put("wave1.csv row 3, column interview_grp-work-arrival_date: not a date (YYYY-MM-DD)",
                zip("bad-date.zip", Map.of("wave1.csv", csv.replace(",2022-11-03,", ",03/11/2022,"))));
        bad.put("wave1.csv row 2, column consent_grp-age: not a whole number (integer)",
                zip("bad-number.zip", Map.of("wave1.csv", csv.replace(",verbal,34,", ",verbal,thirty-four,"))));
        bad.put("wave1-household.csv: a repeat table", zip("repeat.zip", Map.of("wave1.csv", csv,
                "wave1-household.csv", "member_name,member_age,PARENT_KEY,KEY\nA,3,uuid:x,uuid:x/household[1]\n")));
        bad.put("neither an ODK Central CSV zip", zip("neither.zip", Map.of("data.csv", "a,b\n1,2\n")));
        int submissions = APP.count("submissions");
        int audit = APP.count("audit_log", STORED);
        for (Map.Entry<String, Path> input : bad.entrySet()) {
            CliRun run = importOdk(input.getValue());
            assertThat(run.exit()).as(input.getValue().toString()).isNotZero();
            assertThat(run.err()).as(input.getValue().toString()).contains(input.getKey())
                    .contains("nothing imported");
            ANSWERS.forEach(answer -> assertThat(run.err()).doesNotContain(answer));
        }
        // both problems of one file at once
        CliRun two = importOdk(zip("two.zip", Map.of("wave1.csv", csv.replace(",DB,domestic,", ",DB,cooking,")
                .replace(",2022-11-03,", ",03/11/2022,"))));
        assertThat(two.err()).contains("column interview_grp-work-work_types").contains("arrival_date")
                .contains("2 problem(s)");
        // the wrong form: the consent form, and an XLSForm of another form whose fields are not the study's
        CliRun consent = admin("import-dm", "submissions", "import-odk", CENTRAL.toString(), "--xlsform",
                XLSFORM.toString(), "--study", STUDY, "--form", "consent");
        assertThat(consent.exit()).isNotZero();
        assertThat(consent.err()).contains("Form consent is not an interview form");
        Path otherXlsForm = Path.of(ResourceHelpers.resourceFilePath("fixtures/xlsform/plain-odk.xlsx"));
        CliRun other = admin("import-dm", "submissions", "import-odk", CENTRAL.toString(), "--xlsform",
                otherXlsForm.toString(), "--study", STUDY, "--form", "interview");
        assertThat(other.exit()).isNotZero();
        assertThat(other.err()).contains("wave1.csv column consent_grp-participation: not a field of plain-odk.xlsx");
        // a coordinator may not import (the API refuses them; data managers only)
        CliRun coordinator = admin("import-coord", "submissions", "import-odk", CENTRAL.toString(), "--xlsform",
                XLSFORM.toString(), "--study", STUDY, "--form", "interview");
        assertThat(coordinator.exit()).isNotZero();
        assertThat(coordinator.err()).startsWith("error: ");

        assertThat(APP.count("submissions")).isEqualTo(submissions);
        assertThat(APP.count("audit_log", STORED)).isEqualTo(audit);
    }

    @Test
    void importOdk_dataDirectory_holdsNoAnswerInPlaintext() throws IOException {
        assertThat(importOdk(CENTRAL).exit()).isZero();
        assertThat(importOdk(KOBO).exit()).isZero();
        assertThat(imported("odk-central") + imported("kobo")).isEqualTo(5);
        assertThat(FileScan.found(APP.dataDir, ANSWERS)).isEmpty();
        // the search can find what is there: the instance ids are stored in the clear
        assertThat(FileScan.found(APP.dataDir, List.of("uuid:6f1c2a70-0b8e-4d55-9d61-2a3f3c1d8e01"))).hasSize(1);
    }

    @Test
    void importOdk_rowsBreakingTheFormsRules_rowNamedAndNothingWritten() throws IOException {
        String csv = Files.readString(FIXTURES.resolve("central").resolve("wave1.csv"));
        // the interview form's constraint (household_size 1-30), the consent form's relevant (guardian consent only
        // below 18) and the interview form's required q_meaning, as the field app enforces them
        Path broken = zip("rules.zip", Map.of("wave1.csv", csv.replace(",5,12.5,", ",45,12.5,")
                .replace(",signature,51,,,", ",signature,51,yes,,")
                .replace(",We stayed on the trawler for months without wages,", ",,")));
        int submissions = APP.count("submissions");
        int audit = APP.count("audit_log", STORED);
        CliRun run = importOdk(broken);
        assertThat(run.exit()).isNotZero();
        assertThat(run.err()).contains("wave1.csv row 2, question household_size: the answer breaks the constraint")
                .contains("wave1.csv row 3, question guardian_consent: answered although not relevant")
                .contains("wave1.csv row 5, question q_meaning: required but not answered")
                .contains("3 problem(s)").contains("nothing imported");
        ANSWERS.forEach(answer -> assertThat(run.err()).doesNotContain(answer));
        assertThat(APP.count("submissions")).isEqualTo(submissions);
        assertThat(APP.count("audit_log", STORED)).isEqualTo(audit);
    }

    @Test
    void importOdk_freeText_redactedAsTheDeviceDoes_countedPerKind() throws IOException {
        String csv = Files.readString(FIXTURES.resolve("central").resolve("wave1.csv"));
        // the respondent's own name (a direct identifier of the row) and a phone number in a free-text answer
        Path named = zip("named.zip", Map.of("wave1.csv", csv.replace(
                "The broker kept my passport, and we slept in the packing shed",
                "Marigold said the broker kept my passport; call 012 345 678 or broker@example.org")
                .replace("uuid:6f1c2a70-0b8e-4d55-9d61-2a3f3c1d8e01", "uuid:0d5e6f70-8192-4a3b-8c4d-5e6f708192a3")));
        CliRun run = importOdk(named, "--dry-run");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("Redacted in free-text answers, as the field app does: name 1, phone 1, "
                + "email 1").doesNotContain("Marigold").doesNotContain("012 345 678");
        // the fixture's own answers name nobody: nothing to redact, no line
        CliRun plain = importOdk(CENTRAL, "--dry-run");
        assertThat(plain.exit()).as(plain.err()).isZero();
        assertThat(plain.out()).doesNotContain("Redacted");
    }

    @Test
    void progress_importedInterviews_consoleLineAndAdminProgressShowTheCount() throws Exception {
        assertThat(importOdk(CENTRAL).exit()).isZero();
        assertThat(importOdk(KOBO).exit()).isZero();
        int imported = APP.count("imported_submissions");
        assertThat(imported).isPositive();

        CliRun progress = admin("import-coord", "progress", "--study", STUDY);
        assertThat(progress.exit()).as(progress.err()).isZero();
        assertThat(progress.out()).contains("i " + imported + " of the received were imported from an earlier wave's "
                + "export").doesNotContain("received from ODK Collect");

        try (Browser b = Browser.start()) {
            ConsoleBrowser.login(b, APP.baseUrl(), "import-coord", PASSWORDS.get("import-coord"));
            ConsoleBrowser.go(b, "coordinator/progress");
            String line = b.wait.until(d -> d.findElement(By.id("progress-imported"))).getText();
            assertThat(line).isEqualTo(ConsoleBrowser.text("coordinator", "coordinator.progress.imported")
                    .replace("{count}", String.valueOf(imported)));
            assertThat(b.driver.getPageSource()).doesNotContain("Sokha Marigold");
        }
    }

    private Path zip(String name, Map<String, String> files) throws IOException {
        Path out = dir.resolve(name);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out))) {
            for (Map.Entry<String, String> f : new java.util.TreeMap<>(files).entrySet()) {
                zip.putNextEntry(new ZipEntry(f.getKey()));
                zip.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return out;
    }
}
