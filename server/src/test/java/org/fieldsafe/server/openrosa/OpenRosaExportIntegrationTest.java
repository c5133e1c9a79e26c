package org.fieldsafe.server.openrosa;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.fieldsafe.core.crypto.odk.CollectStyleEncryption;
import org.fieldsafe.server.Envelopes;
import org.fieldsafe.server.OdkKeyFixture;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.UploadFixture;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * ODK Collect to the data manager's export (issue 18, points 4 and 5): submissions encrypted as Collect encrypts
 * them, posted over OpenRosa, opened only by the export with the holder's ODK key, consent re-checked from the
 * decrypted answers, marked in the manifest. The fixture study's consent form gets a respondent code question, as
 * the reference study's has (the XForm gates the interview on it).
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class OpenRosaExportIntegrationTest {
    private static final TestApp APP = TestApp.onForms(formsWithRespondentCode());
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;
    private static final UploadFixture FIXTURE = new UploadFixture(APP);
    private static final OdkKeyFixture ODK = new OdkKeyFixture();
    private static final String S = "/openrosa/studies/" + TestApp.STUDY;
    private static String dmPassword;
    private static CollectClient collect;

    static Path formsWithRespondentCode() {
        try {
            Path root = Files.createTempDirectory("openrosa-forms");
            try (Stream<Path> files = Files.walk(TestApp.FIXTURE_FORMS)) {
                for (Path file : files.toList()) {
                    Path target = root.resolve(TestApp.FIXTURE_FORMS.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(file, target);
                    }
                }
            }
            Files.writeString(root.resolve("test-study/consent.yaml"), "  - id: respondent_code\n"
                    + "    type: short_text\n    label: {en: \"Respondent's code\"}\n    required: true\n",
                    StandardOpenOption.APPEND);
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeAll
    static void setUp() {
        FIXTURE.setUp();
        dmPassword = ODK.setUp(APP, FIXTURE.admin, TestApp.STUDY, "odk-dm");
        collect = new CollectClient(APP, FIXTURE.device.deviceId(), FIXTURE.device.deviceToken());
    }

    static String instance(String version, String instanceId, String participation, String code, String answer) {
        return "<?xml version='1.0' ?><data id=\"interview\" version=\"" + version + "\"><consent><participation>"
                + participation + "</participation><respondent_code>" + code + "</respondent_code></consent>"
                + "<interview><age>34</age><q_meaning>" + answer + "</q_meaning></interview><meta><instanceID>"
                + instanceId + "</instanceID></meta></data>";
    }

    /** A long-format export by {@code dm} with the test passphrase, once done: its job view. */
    static JsonNode longExport(TestApp app, String dm) throws InterruptedException {
        HttpResponse<String> started = app.postJson("/studies/" + TestApp.STUDY + "/exports", dm,
                Map.of("passphrase", Envelopes.PASSPHRASE, "formats", List.of("long")));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String exportId = app.read(started, JsonNode.class).get("id").asText();
        JsonNode job = null;
        for (int i = 0; i < 600; i++) {
            job = app.read(app.get("/exports/" + exportId, dm), JsonNode.class);
            if (!List.of("queued", "running").contains(job.get("state").asText())) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("done");
        return job;
    }

    @Test
    void export_collectSubmissions_dataManagerGetsTheirAnswers_nonConsentedLeftOutAndCounted() throws Exception {
        // a respondent who withdrew (recorded by the principal investigator before their interview arrived) is left
        // out of the export too (once OpenRosa submissions are stored, a withdrawal waits until they are indexed)
        String pi = APP.login("odk-pi", APP.createUser(FIXTURE.admin, "odk-pi", "principal_investigator",
                List.of()).password());
        HttpResponse<String> withdrawal = APP.postJson("/studies/" + TestApp.STUDY + "/withdrawals", pi,
                Map.of("respondentCode", "KH-SVR-RH-004", "notYetReceived", true));
        assertThat(withdrawal.statusCode()).as(withdrawal.body()).isBetween(200, 299);
        HttpResponse<String> list = collect.get(S + "/formList");
        String version = list.body().replaceAll("(?s).*<version>([^<]+)</version>.*", "$1");
        for (int i = 0; i < 7; i++) {
            String id = "uuid:" + UUID.randomUUID();
            // 0-3 and 6 consented (five, so k = 5 keeps them), 4 withdraws later, 5 declined
            String xml = instance(version, id, i == 5 ? "no" : "yes", "KH-SVR-RH-00" + i, "odk answer " + i);
            CollectStyleEncryption.Encrypted sub = CollectStyleEncryption.encrypt(ODK.publicKey(), "interview",
                    version, id, xml, Map.of());
            HttpResponse<String> posted = collect.post(S + "/submission", sub.manifestXml(), sub.files(), false);
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
        }
        String dm = APP.login("odk-dm", dmPassword);

        JsonNode job = longExport(APP, dm);
        String exportId = job.get("id").asText();
        JsonNode openRosa = job.get("manifest").get("openRosa");
        assertThat(openRosa.get("received").asLong()).isEqualTo(7);
        assertThat(openRosa.get("opened").asLong()).isEqualTo(5);
        assertThat(openRosa.get("withdrawn").asLong()).isEqualTo(1);
        assertThat(openRosa.get("excludedNoConsent").asLong()).isEqualTo(1);
        assertThat(openRosa.get("lacks").toString()).contains("device-consent-gate").contains("aead-header")
                .contains("forgeable-md5-signature");
        HttpResponse<String> longCsv = APP.get("/exports/" + exportId + "/files/export-long.csv", dm);
        assertThat(longCsv.statusCode()).as(longCsv.body()).isEqualTo(200);
        assertThat(longCsv.body()).contains("odk answer 0").contains("odk answer 6").doesNotContain("odk answer 4")
                .doesNotContain("odk answer 5");

        // the offline export (--key, opened on the data manager's machine) cannot reach them: refused, saying why
        Path out = Files.createTempDirectory("odk-offline").resolve("out");
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int exit = org.fieldsafe.server.cli.AdminCli.run(new String[] {"export", "--study", TestApp.STUDY, "--out",
                out.toString(), "--key", out.resolveSibling("research.key").toString()},
                Map.of("FIELDSAFE_SERVER", APP.baseUrl(), "FIELDSAFE_USER", "odk-dm", "FIELDSAFE_PASSWORD",
                        dmPassword, "FIELDSAFE_PASSPHRASE_RESEARCH", Envelopes.PASSPHRASE),
                new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true),
                new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(exit).isNotZero();
        assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("7 ODK Collect (OpenRosa) "
                + "submission(s), which --key cannot open").contains("Leave out --key");

        // the export indexed every submission it opened: a later withdrawal finds one without any key
        HttpResponse<String> later = APP.postJson("/studies/" + TestApp.STUDY + "/withdrawals", pi,
                Map.of("respondentCode", "KH-SVR-RH-001"));
        assertThat(later.statusCode()).as(later.body()).isEqualTo(201);
        assertThat(APP.read(later, JsonNode.class).get("openRosa").asInt()).isEqualTo(1);
    }
}
