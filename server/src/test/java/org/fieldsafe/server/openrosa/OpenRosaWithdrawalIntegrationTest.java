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
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fieldsafe.core.crypto.odk.CollectStyleEncryption;
import org.fieldsafe.core.wire.KeyGrant;
import org.fieldsafe.core.wire.KeyGrantRequest;
import org.fieldsafe.core.wire.PassphraseChange;
import org.fieldsafe.server.Envelopes;
import org.fieldsafe.server.FileScan;
import org.fieldsafe.server.OdkKeyFixture;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.UploadFixture;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Withdrawal reaches ODK Collect's submissions (issue 18): their respondent code is inside ODK's encryption, so the
 * server indexes them (the code's keyed hash) when a holder of the ODK key opens them - here a principal
 * investigator who holds it (the study lets principal investigators hold the research key) and gives its passphrase
 * with the withdrawal. Then the respondent's encrypted files are gone from the data directory, a re-upload of the
 * instance is 410 and the export leaves it out.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class OpenRosaWithdrawalIntegrationTest {
    private static final TestApp APP = TestApp.onForms(formsWithPiHoldingResearch());
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;
    private static final UploadFixture FIXTURE = new UploadFixture(APP);
    private static final OdkKeyFixture ODK = new OdkKeyFixture();
    private static final String S = "/openrosa/studies/" + TestApp.STUDY;
    private static final String W = "/studies/" + TestApp.STUDY + "/withdrawals";
    private static String dm;
    private static String pi;
    private static String piPassword;
    private static CollectClient collect;

    static Path formsWithPiHoldingResearch() {
        Path root = OpenRosaExportIntegrationTest.formsWithRespondentCode();
        Path study = root.resolve("test-study/study.yaml");
        try {
            Files.writeString(study, Files.readString(study).replace("research: [data_manager]",
                    "research: [data_manager, principal_investigator]"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return root;
    }

    @BeforeAll
    static void setUp() {
        FIXTURE.setUp();
        dm = APP.login("odkw-dm", ODK.setUp(APP, FIXTURE.admin, TestApp.STUDY, "odkw-dm"));
        piPassword = APP.createUser(FIXTURE.admin, "odkw-pi", "principal_investigator", List.of()).password();
        pi = APP.login("odkw-pi", piPassword);
        // the data manager gives the principal investigator a copy of the ODK key, who sets their own passphrase
        HttpResponse<String> granted = APP.postJson("/studies/" + TestApp.STUDY + "/keys/odk/holders", dm,
                new KeyGrantRequest("odkw-pi", Envelopes.PASSPHRASE.toCharArray()));
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(201);
        String secret = APP.read(granted, KeyGrant.class).oneTimeSecret();
        HttpResponse<String> claimed = APP.postJson("/studies/" + TestApp.STUDY + "/keys/odk/passphrase", pi,
                new PassphraseChange(secret.toCharArray(), Envelopes.PASSPHRASE.toCharArray()));
        assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(200);
        collect = new CollectClient(APP, FIXTURE.device.deviceId(), FIXTURE.device.deviceToken());
    }

    private static CollectStyleEncryption.Encrypted post(String version, String code, String answer) {
        String id = "uuid:" + UUID.randomUUID();
        CollectStyleEncryption.Encrypted sub = CollectStyleEncryption.encrypt(ODK.publicKey(), "interview", version,
                id, OpenRosaExportIntegrationTest.instance(version, id, "yes", code, answer), Map.of());
        HttpResponse<String> posted = collect.post(S + "/submission", sub.manifestXml(), sub.files(), false);
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
        return sub;
    }

    /** The encrypted bytes as the server stores them (base64), and the manifest's RSA-wrapped AES key. */
    private static List<String> storedSecrets(CollectStyleEncryption.Encrypted sub) {
        String manifest = new String(sub.manifestXml(), java.nio.charset.StandardCharsets.UTF_8);
        String wrappedKey = manifest.replaceAll("(?s).*<base64EncryptedKey>([^<]+)</base64EncryptedKey>.*", "$1");
        Map<String, String> secrets = new HashMap<>();
        sub.files().forEach((name, bytes) -> secrets.put(name, Base64.getEncoder().encodeToString(bytes)));
        secrets.put("key", wrappedKey);
        return List.copyOf(secrets.values());
    }

    @Test
    void withdraw_openRosaSubmission_filesShreddedResubmissionGoneExportExcludes() throws Exception {
        String version = collect.get(S + "/formList").body()
                .replaceAll("(?s).*<version>([^<]+)</version>.*", "$1");
        CollectStyleEncryption.Encrypted withdrawing = post(version, "KH-SVR-RH-010", "odk withdrawn answer");
        CollectStyleEncryption.Encrypted staying = post(version, "KH-SVR-RH-011", "odk staying answer");
        List<String> gone = storedSecrets(withdrawing);
        List<String> kept = storedSecrets(staying);
        assertThat(FileScan.found(APP.dataDir, gone)).as("stored as received").containsExactlyInAnyOrderElementsOf(gone);

        // nobody has opened them yet: the server cannot tell whose they are, so it refuses and says how to proceed
        HttpResponse<String> refused = APP.postJson(W, pi, Map.of("respondentCode", "KH-SVR-RH-010"));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(refused.body()).contains("withdrawal-openrosa-unindexed").contains("2 OpenRosa")
                .contains("odkPassphrase").doesNotContain("KH-SVR-RH-010");
        JsonNode preview = APP.read(APP.postJson(W + "/preview", pi, Map.of("respondentCode", "KH-SVR-RH-010")),
                JsonNode.class);
        assertThat(preview.get("openRosa").asInt()).isZero();
        assertThat(preview.get("openRosaUnindexed").asInt()).isEqualTo(2);
        // admin withdraw says the same before asking anything
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int exit = org.fieldsafe.server.cli.AdminCli.run(new String[] {"withdraw", "--study", TestApp.STUDY,
                "--respondent", "KH-SVR-RH-010", "--yes"}, Map.of("FIELDSAFE_SERVER", APP.baseUrl(),
                "FIELDSAFE_USER", "odkw-pi", "FIELDSAFE_PASSWORD", piPassword),
                new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true),
                new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(exit).isNotZero();
        assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("2 ODK Collect (OpenRosa) "
                + "submission(s) of this study have not been opened").contains("--odk-key")
                .doesNotContain("KH-SVR-RH-010");

        // with the ODK key's passphrase the server indexes them for this request and shreds the respondent's
        HttpResponse<String> withdrawn = APP.postJson(W, pi, Map.of("respondentCode", "KH-SVR-RH-010",
                "odkPassphrase", Envelopes.PASSPHRASE));
        assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(201);
        assertThat(APP.read(withdrawn, JsonNode.class).get("openRosa").asInt()).isEqualTo(1);
        assertThat(APP.count("audit_log", "event = 'openrosa.indexed' AND subject LIKE '%submissions:2'")).isOne();
        assertThat(APP.count("audit_log", "event = 'respondent.withdrawn' AND subject LIKE '%openrosa:1 "
                + "openrosa-files:1%'")).isOne();
        assertThat(FileScan.found(APP.dataDir, gone)).as("shredded").isEmpty();
        assertThat(FileScan.found(APP.dataDir, kept)).as("another respondent's").containsExactlyInAnyOrderElementsOf(kept);

        // Collect retrying the same instance is told it is gone for good; nothing is stored again
        HttpResponse<String> again = collect.post(S + "/submission", withdrawing.manifestXml(), withdrawing.files(),
                false);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(410);
        assertThat(FileScan.found(APP.dataDir, gone)).isEmpty();

        // the data manager's export leaves it out and counts it
        JsonNode job = OpenRosaExportIntegrationTest.longExport(APP, dm);
        String exportId = job.get("id").asText();
        JsonNode openRosa = job.get("manifest").get("openRosa");
        assertThat(openRosa.get("withdrawn").asLong()).isEqualTo(1);
        assertThat(openRosa.get("unopenable").asLong()).isZero();
        String longCsv = APP.get("/exports/" + exportId + "/files/export-long.csv", dm).body();
        assertThat(longCsv).doesNotContain("odk withdrawn answer");
    }
}
