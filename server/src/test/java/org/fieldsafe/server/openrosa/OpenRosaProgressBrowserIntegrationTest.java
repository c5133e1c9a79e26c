package org.fieldsafe.server.openrosa;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fieldsafe.core.crypto.odk.CollectStyleEncryption;
import org.fieldsafe.core.wire.NewUser;
import org.fieldsafe.server.OdkKeyFixture;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.UploadFixture;
import org.fieldsafe.server.app.Browser;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.fieldsafe.server.console.ConsoleBrowser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The coordinator's progress screen marks ODK Collect submissions (issue 18): they are not in the site x category
 * table (their category and respondent are inside ODK's encryption), so the screen counts them per site beside it,
 * with what they lack against an interview from the field app in words - and never their content.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class OpenRosaProgressBrowserIntegrationTest {
    private static final TestApp APP = new TestApp();
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;
    private static final String SECRET_ANSWER = "Crossed at the river gate at night";

    private static String text(String key) {
        return ConsoleBrowser.text("coordinator", key);
    }

    @Test
    void progress_collectSubmissions_countedPerSiteWithWhatTheyLack_noContent() throws Exception {
        UploadFixture fixture = new UploadFixture(APP);
        fixture.setUp();
        OdkKeyFixture odk = new OdkKeyFixture();
        odk.setUp(APP, fixture.admin, TestApp.STUDY, "odk-progress-dm");
        CollectClient collect = new CollectClient(APP, fixture.device.deviceId(), fixture.device.deviceToken());
        String submission = "/openrosa/studies/" + TestApp.STUDY + "/submission";
        for (boolean complete : List.of(true, true, false)) {
            String instance = "uuid:" + UUID.randomUUID();
            CollectStyleEncryption.Encrypted sub = CollectStyleEncryption.encrypt(odk.publicKey(), "interview", "1",
                    instance, OpenRosaSubmissionIntegrationTest.instanceXml(instance, SECRET_ANSWER),
                    Map.of("rec.m4a", "recorded audio bytes".getBytes(StandardCharsets.UTF_8)));
            HttpResponse<String> posted = complete
                    ? collect.post(submission, sub.manifestXml(), sub.files(), false)
                    : collect.post(submission, sub.manifestXml(), CollectClient.only(sub.files(), "rec.m4a.enc"), true);
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
        }
        NewUser coordinator = APP.createUser(fixture.admin, "coord-odk", "coordinator", List.of());

        try (Browser b = Browser.start()) {
            ConsoleBrowser.login(b, APP.baseUrl(), coordinator.username(), coordinator.password());
            ConsoleBrowser.go(b, "coordinator/progress");
            WebElement odkSection = b.wait.until(d -> d.findElement(By.id("progress-odk")));
            String shown = odkSection.getText();
            assertThat(shown).contains(text("coordinator.progress.odkTitle"))
                    .contains(text("coordinator.progress.odk").replace("{received}", "3").replace("{incomplete}", "1"))
                    .contains(text("coordinator.progress.lack.device-consent-gate"))
                    .contains(text("coordinator.progress.lack.aead-header"))
                    .contains(text("coordinator.progress.lack.forgeable-md5-signature"));
            List<WebElement> rows = odkSection.findElements(By.cssSelector("tbody tr"));
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).getText()).contains("KH-SVR").contains("3");
            // no imported interviews in this study: no such line
            assertThat(b.driver.findElements(By.id("progress-imported"))).isEmpty();
            assertThat(b.driver.getPageSource()).doesNotContain(SECRET_ANSWER);
            ConsoleBrowser.screenshot(b, "coordinator", "progress-odk");
        }

        // admin progress says the same below its table
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int exit = org.fieldsafe.server.cli.AdminCli.run(new String[] {"progress", "--study", TestApp.STUDY},
                Map.of("FIELDSAFE_SERVER", APP.baseUrl(), "FIELDSAFE_USER", coordinator.username(),
                        "FIELDSAFE_PASSWORD", coordinator.password()),
                new java.io.PrintStream(out, true, StandardCharsets.UTF_8),
                new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("o 3 received from ODK Collect over OpenRosa (1 still waiting for files)")
                .contains("Per site: KH-SVR: 3.")
                .contains("They lack: device-consent-gate, aead-header, forgeable-md5-signature.")
                .doesNotContain(SECRET_ANSWER);
    }
}
