package org.fieldsafe.server.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldsafe.server.app.FieldAppBrowserIntegrationTest.text;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.fieldsafe.client.FieldsafeClient;
import org.fieldsafe.client.app.AppServer;
import org.fieldsafe.core.crypto.AttachmentSealing;
import org.fieldsafe.core.crypto.KeyPairBytes;
import org.fieldsafe.core.crypto.PasswordHasher;
import org.fieldsafe.core.json.JsonMappers;
import org.fieldsafe.core.wire.Envelope;
import org.fieldsafe.server.Envelopes;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Recording in the field app, in real Chromium with its fake microphone: with recording consent the enumerator
 * starts the recorder on the recording question, sees the level meter and the elapsed time move, stops it, seals
 * and syncs; the server holds the recording sealed and the research key opens it to a WebM file; and no plaintext
 * of it is anywhere in the device home, the browser's profile or the server's data directory.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class FieldAppRecordingBrowserIntegrationTest {
    private static final String STUDY = "beyond-awareness";
    private static final TestApp APP = TestApp.onForms(Path.of("..", "forms"));
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;
    private static final PasswordHasher.Cost TEST_COST = new PasswordHasher.Cost(8192, 1, 1);
    private static final String APP_PASSPHRASE = "tonle sap 2026";
    private static final String DRAFT_PASSPHRASE = "mekong draft 77";
    private static final byte[] EBML = {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3};
    private static final ObjectMapper JSON = JsonMappers.lenient();
    private static final String STATE = "const i = document.querySelector('.interview');"
            + "if (!i || i.getAttribute('aria-busy') === 'true') return 'busy';"
            + "const f = i.querySelector('form.question');"
            + "return f ? 'q:' + f.dataset.question : 'h:' + (i.querySelector('h1') || {}).textContent;";

    @TempDir
    Path deviceHome;

    private static String state(Browser b) {
        b.wait.until(d -> !"busy".equals(b.driver.executeScript(STATE)));
        return (String) b.driver.executeScript(STATE);
    }

    /** Save and continue by keyboard, with the answer typed or chosen when given. */
    private static void step(Browser b, String value) {
        String before = state(b);
        if (value != null) {
            List<WebElement> choice = b.driver.findElements(By.cssSelector("form.question input[name=answer][value='"
                    + value + "']"));
            if (choice.isEmpty()) {
                WebElement field = b.driver.findElement(By.cssSelector("form.question [name=answer]"));
                field.clear();
                field.sendKeys(value);
            } else if (!choice.get(0).isSelected()) {
                choice.get(0).sendKeys(Keys.SPACE);
            }
        }
        b.driver.findElement(By.cssSelector("form.question button[type=submit]")).sendKeys(Keys.ENTER);
        b.wait.until(d -> {
            Object now = b.driver.executeScript(STATE);
            return !"busy".equals(now) && (!before.equals(now)
                    || !d.findElements(By.cssSelector(".interview .error-summary")).isEmpty());
        });
        assertThat(b.driver.findElements(By.cssSelector(".interview .error-summary"))).as(before).isEmpty();
    }

    /** Answers the questions named (skipping the others) until a screen none of them is on, or {@code until}. */
    private static void answer(Browser b, Map<String, String> answers, String until) {
        for (int i = 0; ; i++) {
            String s = state(b);
            if (!s.startsWith("q:") || s.equals("q:" + until)) {
                return;
            }
            assertThat(i).as("still answering at " + s).isLessThan(80);
            step(b, answers.get(s.substring(2)));
        }
    }

    @Test
    void fieldApp_recordingWithConsent_sealedAsItArrives_syncedOpensToWebm_noPlaintextAnywhere() throws Exception {
        String admin = APP.adminToken();
        Envelopes.StudyKeys keys = Envelopes.newStudyKeys();
        assertThat(APP.postStudyKeys(admin, STUDY, keys).statusCode()).isEqualTo(201);
        APP.createUser(admin, "enum-app-rec", "enumerator", List.of("KH-SVR"));
        String code = APP.enrolmentCode(admin, STUDY, "KH-SVR", "enum-app-rec").code();
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        Path profile;
        try (AppServer app = AppServer.start(new AppServer.Options(deviceHome, AppServer.LOOPBACK, 0, "en",
                TEST_COST, FieldsafeClient.Settings.defaults()));
             Browser b = Browser.start("--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                     "--autoplay-policy=no-user-gesture-required")) {
            profile = b.profile;
            b.driver.get(app.launchUri().toString());
            FieldAppBrowserIntegrationTest.setPassphrase(b, "en", APP_PASSPHRASE);
            FieldAppBrowserIntegrationTest.enrolAndPull(b, "en", APP.baseUrl(), code);

            b.button(text("en", "app.nav.interview")).click();
            b.heading(text("en", "interview.startTitle"));
            new org.openqa.selenium.support.ui.Select(b.field(text("en", "interview.language"))).selectByValue("en");
            b.field(text("en", "interview.draftPassphrase")).sendKeys(DRAFT_PASSPHRASE);
            b.field(text("en", "interview.draftAgain")).sendKeys(DRAFT_PASSPHRASE + Keys.ENTER);
            b.wait.until(d -> state(b).startsWith("q:"));
            answer(b, Map.of("participation", "yes", "recording_consent", "yes", "consent_mode", "verbal", "age",
                    "34", "respondent_code", "KH-SVR-RH-012", "interviewer", "enum-app-rec", "consent_date", today,
                    "research_partner", "Partner KH", "category", "RH", "interview_date", today), "recording");
            assertThat(state(b)).isEqualTo("q:recording");

            // the recorder on the recording question: start by keyboard; the interview goes on while it records
            b.button(text("en", "recorder.start")).sendKeys(Keys.ENTER);
            b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#recorder-level")));
            assertThat(state(b)).isEqualTo("q:q_meaning");
            WebElement said = b.driver.findElement(By.cssSelector(".recorder-said"));
            assertThat(said.getAttribute("aria-live")).isEqualTo("polite");
            String started = text("en", "recorder.started");
            b.wait.until(d -> said.getText().equals(started));
            b.wait.until(d -> Double.parseDouble(d.findElement(By.cssSelector("#recorder-level"))
                    .getDomProperty("value")) > 0.01);
            b.wait.until(d -> d.findElement(By.cssSelector(".recorder-elapsed")).getText().equals("0:04"));
            b.screenshot("recorder-en");
            b.button(text("en", "recorder.stop")).sendKeys(Keys.ENTER);
            String kept = text("en", "recorder.kept");
            b.wait.until(d -> d.findElement(By.cssSelector(".recorder")).getText().contains(kept));
            assertThat(said.getText()).startsWith(text("en", "recorder.stopped").split("\\{time}")[0]);

            // the rest of the interview, seal, sync
            answer(b, Map.of("disclosure_check", "no", "indicators", "none"), null);
            b.heading(text("en", "interview.reviewTitle"));
            b.button(text("en", "interview.seal")).sendKeys(Keys.ENTER);
            b.heading(text("en", "interview.sealedTitle"));
            b.driver.findElement(By.xpath("//div[contains(@class,'interview')]//button[normalize-space()="
                    + Browser.literal(text("en", "app.nav.sync")) + "]")).click();
            b.button(text("en", "sync.start")).click();
            b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#job-outcome.ok")));
        }

        // the server holds the recording sealed, complete; the research key opens it to a WebM file
        String id = APP.services().database().read(h -> h.createQuery("SELECT submission_id FROM attachments")
                .mapTo(String.class).one());
        Envelope envelope = JSON.readValue(APP.services().submissionStore().envelope(id).orElseThrow(),
                Envelope.class);
        Envelope.Attachment descriptor = envelope.attachments().get(0);
        assertThat(descriptor.name()).isEqualTo("recording");
        ByteArrayOutputStream stored = new ByteArrayOutputStream();
        APP.services().database().read(h -> h.createQuery("SELECT data FROM attachment_chunks WHERE submission_id ="
                        + " :id ORDER BY start_offset").bind("id", id).mapTo(String.class).list())
                .forEach(c -> stored.writeBytes(Base64.getDecoder().decode(c)));
        KeyPairBytes research = keys.pairs().get("research");
        byte[] webm = AttachmentSealing.open(envelope.header(), descriptor, stored.toByteArray(),
                research.fingerprint(), research.privateKey());
        assertThat(Arrays.copyOf(webm, 4)).as("a WebM (EBML) file").isEqualTo(EBML);
        assertThat(webm.length).as("about four seconds of Opus").isGreaterThan(4000);

        // no plaintext of the recording anywhere: its EBML header and a 64-byte run from its middle
        byte[] header = Arrays.copyOf(webm, 32);
        byte[] run = Arrays.copyOfRange(webm, webm.length / 2, webm.length / 2 + 64);
        List<String> found = new ArrayList<>();
        for (Path root : List.of(deviceHome, profile, APP.dataDir)) {
            Bytes.filesContaining(root, header).forEach(f -> found.add("the WebM header in " + f));
            Bytes.filesContaining(root, run).forEach(f -> found.add("a run of the recording in " + f));
        }
        assertThat(found).as("plaintext recording on disk").isEmpty();
    }
}
