package org.fieldsafe.server.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.util.List;
import org.fieldsafe.core.crypto.odk.OdkRsaKeys;
import org.fieldsafe.server.OdkKeyFixture;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.UploadFixture;
import org.fieldsafe.server.Envelopes;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.auth.Role;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The study's ODK RSA key: created once, wrapped for a research key holder, claimed and unlocked like the others. */
@ExtendWith(DropwizardExtensionsSupport.class)
class OdkKeysIntegrationTest {
    private static final TestApp APP = new TestApp();
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;
    private static final UploadFixture FIXTURE = new UploadFixture(APP);
    private static final OdkKeyFixture ODK = new OdkKeyFixture();

    @BeforeAll
    static void setUp() {
        FIXTURE.setUp();
    }

    @Test
    void create_researchHolder_claimsAndUnlocksTheRsaKey_devicesDoNotPinIt() throws Exception {
        HttpResponse<String> refused = new OdkKeyFixture().post(APP, FIXTURE.admin, TestApp.STUDY, "odk-nobody");
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(APP.problem(refused).get("detail").toString()).contains("holder");
        int keysBefore = APP.count("study_keys");

        ODK.setUp(APP, FIXTURE.admin, TestApp.STUDY, "odk-dm");

        assertThat(APP.count("study_keys")).isEqualTo(keysBefore + 1);
        assertThat(APP.get("/studies/" + TestApp.STUDY + "/odk-key", FIXTURE.admin).body())
                .contains(OdkRsaKeys.base64PublicKey(ODK.pair.publicKey())).contains("RSA-2048");
        assertThat(APP.lastAuditSubject("study.odk-key.created")).contains(ODK.pair.fingerprint());
        assertThat(APP.get("/sync/manifest", FIXTURE.device.deviceToken()).body())
                .doesNotContain(ODK.pair.fingerprint());
        FieldsafePrincipal holder = new FieldsafePrincipal("odk-dm", Role.DATA_MANAGER, List.of(), "x", null);
        try (UnlockedKey key = APP.services().custody().unlock(TestApp.STUDY, "odk",
                Envelopes.PASSPHRASE.toCharArray(), holder, "export")) {
            assertThat(OdkRsaKeys.publicKeyOf(key.privateKey())).isEqualTo(ODK.pair.publicKey());
        }
        HttpResponse<String> again = new OdkKeyFixture().post(APP, FIXTURE.admin, TestApp.STUDY, "odk-dm");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(APP.count("study_keys")).isEqualTo(keysBefore + 1);
    }

    @Test
    void create_publicKeyNotRsa2048_is422AndWritesNothing() {
        OdkKeyFixture fixture = new OdkKeyFixture();
        var bad = fixture.request("odk-dm");
        bad = new org.fieldsafe.core.wire.StudyKeysRequest.Key("odk", "RSA-2048", "AAAA", bad.fingerprint(),
                bad.wrappedPrivateKey(), bad.holder());
        int keysBefore = APP.count("study_keys");

        HttpResponse<String> response = APP.postJson("/studies/" + TestApp.STUDY + "/odk-key", FIXTURE.admin, bad);

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(APP.problem(response).get("detail").toString()).contains("publicKey");
        assertThat(APP.count("study_keys")).isEqualTo(keysBefore);
    }
}
