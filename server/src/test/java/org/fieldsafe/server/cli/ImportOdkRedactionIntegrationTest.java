package org.fieldsafe.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.fieldsafe.export.ExportFormat;
import org.fieldsafe.server.Envelopes;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An imported row's free text is sealed redacted, as the field app seals it (issue 18): the respondent's own name
 * (a direct identifier of the row), a phone number and an e-mail address become placeholders in the research part,
 * so the export shows the placeholders and never the values. Its own app: the other import tests count what the
 * fixture export stores.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ImportOdkRedactionIntegrationTest {
    private static final Path FIXTURES = Path.of(ResourceHelpers.resourceFilePath("fixtures/odk-import"));
    private static final TestApp APP = TestApp.onForms(FIXTURES.resolve("forms"));
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;

    @TempDir
    Path dir;

    @Test
    void importOdk_freeTextNamingTheRespondent_sealedRedacted_exportShowsPlaceholders() throws Exception {
        String admin = APP.adminToken();
        String password = APP.createUser(admin, "redact-dm", "data_manager", List.of()).password();
        assertThat(APP.postStudyKeys(admin, "wave-study", Envelopes.newStudyKeys()).statusCode()).isEqualTo(201);
        String csv = Files.readString(FIXTURES.resolve("central").resolve("wave1.csv")).replace(
                "The broker kept my passport, and we slept in the packing shed",
                "Marigold said the broker kept my passport; call 012 345 678 or broker@example.org");
        Path zip = dir.resolve("named.zip");
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            out.putNextEntry(new ZipEntry("wave1.csv"));
            out.write(csv.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        Map<String, String> env = Map.of("FIELDSAFE_ADMIN_HOME", dir.resolve("home").toString(),
                "FIELDSAFE_SERVER", APP.baseUrl(), "FIELDSAFE_USER", "redact-dm", "FIELDSAFE_PASSWORD", password,
                "FIELDSAFE_PASSPHRASE_RESEARCH", Envelopes.PASSPHRASE);
        CliRun run = CliRun.of(env, "submissions", "import-odk", zip.toString(), "--xlsform",
                FIXTURES.resolve("wave1.xlsx").toString(), "--study", "wave-study", "--form", "interview");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("Imported 3 submission(s)")
                .contains("Redacted in free-text answers, as the field app does: name 1, phone 1, email 1")
                .doesNotContain("Marigold");

        Path out = dir.resolve("export");
        CliRun export = CliRun.of(env, "export", "--study", "wave-study", "--out", out.toString(), "--format", "long");
        assertThat(export.exit()).as(export.err()).isZero();
        String longCsv = Files.readString(out.resolve(ExportFormat.LONG_CSV.fileName()));
        assertThat(longCsv).contains("[NAME] said the broker kept my passport; call [PHONE] or [EMAIL]")
                .doesNotContain("Marigold").doesNotContain("012 345 678").doesNotContain("broker@example.org");
    }
}
