package org.fieldsafe.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.UploadFixture;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code admin keys odk} and {@code admin enrol --odk} against a running server (issue 18). */
@ExtendWith(DropwizardExtensionsSupport.class)
class OdkCliIntegrationTest {
    private static final TestApp APP = new TestApp();
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;
    private static final UploadFixture FIXTURE = new UploadFixture(APP);

    @BeforeAll
    static void setUp() {
        FIXTURE.setUp();
    }

    private static CliRun admin(String user, String password, Map<String, String> extraEnv, String... args) {
        return CliRun.asUser(APP.baseUrl(), user, password, extraEnv, args);
    }

    @Test
    void keysOdk_holderClaimsIt_enrolOdkPrintsAppUserAndWritesTheQr(@TempDir Path dir) throws Exception {
        String dmPassword = APP.createUser(FIXTURE.admin, "cli-odk-dm", "data_manager", List.of()).password();
        CliRun created = admin("admin", TestApp.ADMIN_PASSWORD, Map.of(), "keys", "odk", "--study", TestApp.STUDY,
                "--holder", "cli-odk-dm");
        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(created.out()).contains("ODK key of " + TestApp.STUDY + " created");
        String secret = created.out().replaceAll("(?s).*shown only now: (\\S+).*", "$1");

        CliRun claimed = admin("cli-odk-dm", dmPassword, Map.of("FIELDSAFE_PASSPHRASE", secret,
                "FIELDSAFE_NEW_PASSPHRASE", "the holder's odk passphrase"), "keys", "passphrase", "--study",
                TestApp.STUDY, "--purpose", "odk");
        assertThat(claimed.exit()).as(claimed.err()).isZero();
        assertThat(APP.lastAuditSubject("key.holder.claimed")).contains("purpose:odk");

        APP.createUser(FIXTURE.admin, "cli-odk-enum", "enumerator", List.of("KH-SVR"));
        Path qr = dir.resolve("collect.svg");
        CliRun enrolled = admin("admin", TestApp.ADMIN_PASSWORD, Map.of(), "enrol", "--study", TestApp.STUDY,
                "--site", "KH-SVR", "--enumerator", "cli-odk-enum", "--odk", "--qr", qr.toString());
        assertThat(enrolled.exit()).as(enrolled.err()).isZero();
        assertThat(enrolled.out()).contains("username:").contains("settings QR payload:")
                .contains("/api/v1/openrosa/studies/" + TestApp.STUDY);
        assertThat(Files.readString(qr)).startsWith("<svg");

        CliRun qrAlone = admin("admin", TestApp.ADMIN_PASSWORD, Map.of(), "enrol", "--study", TestApp.STUDY,
                "--site", "KH-SVR", "--enumerator", "cli-odk-enum", "--qr", qr.toString());
        assertThat(qrAlone.exit()).isEqualTo(1);
        assertThat(qrAlone.err()).contains("--qr needs --odk");
    }
}
