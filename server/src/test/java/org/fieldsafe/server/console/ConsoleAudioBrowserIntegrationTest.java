package org.fieldsafe.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.fieldsafe.server.Envelopes;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.UploadFixture;
import org.fieldsafe.server.app.Browser;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.fieldsafe.server.export.SealedInterviews;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Audio in QDPX exports from the console, without a terminal (session 7): the principal investigator grants a data
 * manager audio on the audio grants screen (choices refused by the page first, the grant listed, revoked after a
 * confirmation, a grant revoked meanwhile refused by the API in words); other roles have no such screen. The data
 * manager's export screen offers the recordings only with QDPX, says before the start whether they hold a live grant,
 * shows the API's 403 in words when they do not, and with a grant the finished export says how many recordings the
 * QDPX file holds. Six interviews with recordings, really sealed, are on the server.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ConsoleAudioBrowserIntegrationTest {
    private static final TestApp APP = new TestApp();
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;
    private static final UploadFixture UPLOADS = new UploadFixture(APP);
    private static final String S = "/studies/" + TestApp.STUDY;
    private static final int RECORDINGS = 6;

    private static String piPassword;
    private static String dmPassword;
    private static String otherDmPassword;

    @BeforeAll
    static void setUp() throws Exception {
        UPLOADS.setUp();
        piPassword = APP.createUser(UPLOADS.admin, "pi-audio", "principal_investigator", List.of()).password();
        dmPassword = APP.createUser(UPLOADS.admin, "dm-audio", "data_manager", List.of()).password();
        otherDmPassword = APP.createUser(UPLOADS.admin, "dm-nogrant", "data_manager", List.of()).password();
        APP.createUser(UPLOADS.admin, "co-audio", "coordinator", List.of());
        for (int i = 1; i <= RECORDINGS; i++) {
            byte[] recording = new byte[70_000 + i];
            new Random(i).nextBytes(recording);
            System.arraycopy("RIFF".getBytes(StandardCharsets.US_ASCII), 0, recording, 0, 4);
            System.arraycopy("WAVE".getBytes(StandardCharsets.US_ASCII), 0, recording, 8, 4);
            SealedInterviews.WithRecording sealed = SealedInterviews.interview(UPLOADS, "KH-SVR-RH-" + (500 + i), "RH",
                    30, "Plain answer " + i, recording);
            assertThat(UPLOADS.put(sealed.envelope()).statusCode()).isEqualTo(201);
            HttpResponse<String> put = UPLOADS.putAttachment(sealed.id(), "recording", sealed.sealedRecording());
            assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
        }
    }

    private static String text(String key) {
        return ConsoleBrowser.text("pi", key);
    }

    private static String data(String key) {
        return ConsoleBrowser.text("data", key);
    }

    private static void choose(Browser b, String label, String value) {
        new Select(b.field(label)).selectByValue(value);
    }

    /** The grants table's row of {@code user}'s grant for {@code reason} (its words). */
    private static WebElement row(Browser b, String user, String reason) {
        return b.wait.ignoring(StaleElementReferenceException.class).until(d -> d.findElements(
                By.cssSelector("table.audio-grants tbody tr")).stream()
                .filter(r -> r.getText().startsWith(user + " ") && r.getText().contains(reason)).findFirst()
                .orElse(null));
    }

    @Test
    void pi_grantsAudioToADataManager_listsIt_revokesAfterConfirming_seesTheApisRefusalInWords() throws Exception {
        try (Browser b = Browser.start()) {
            ConsoleBrowser.login(b, APP.baseUrl(), "pi-audio", piPassword);
            b.driver.findElement(By.cssSelector("nav.console-nav")).findElement(By.linkText(text("pi.nav.audio")))
                    .click();
            b.heading(text("pi.audio.title"));
            b.waitForText(text("pi.audio.listTitle"));
            int grants = APP.count("audio_export_grants");
            int revoked = APP.count("audio_export_grants", "revoked_at IS NOT NULL");
            // nothing chosen and too many days: said by the page, each linked to its field; nothing granted
            b.field(text("pi.audio.days")).clear();
            b.field(text("pi.audio.days")).sendKeys("31");
            b.button(text("pi.audio.submit")).click();
            b.waitForText(text("pi.audio.userEmpty"));
            assertThat(b.driver.findElement(By.cssSelector(".error-summary")).getText())
                    .contains(text("pi.audio.reasonEmpty"), text("pi.audio.invalid.days").replace("{max}", "30"));
            assertThat(b.driver.findElement(By.cssSelector(".error-summary a")).getAttribute("href"))
                    .endsWith("#audio-user");
            assertThat(APP.count("audio_export_grants")).isEqualTo(grants);
            // the study's data managers and herself to choose from; the coordinator is not offered
            List<String> offered = new Select(b.field(text("pi.audio.user"))).getOptions().stream()
                    .map(o -> o.getAttribute("value")).toList();
            assertThat(offered).contains("dm-audio", "dm-nogrant", "pi-audio").doesNotContain("co-audio");

            String verification = text("pi.reason.transcript_verification");
            choose(b, text("pi.audio.user"), "dm-audio");
            choose(b, text("pi.audio.reason"), "transcript_verification");
            b.field(text("pi.audio.days")).clear();
            b.field(text("pi.audio.days")).sendKeys("7");
            b.button(text("pi.audio.submit")).click();
            b.waitForText(text("pi.audio.granted").replace("{user}", "dm-audio").split("\\{when}")[0]);
            assertThat(row(b, "dm-audio", verification).getText()).contains("pi-audio",
                    text("pi.audio.state.live"));
            assertThat(APP.lastAuditSubject("export.audio.granted")).contains("user:dm-audio")
                    .contains("reason:transcript_verification");
            ConsoleBrowser.screenshot(b, "pi", "audio-grants");

            // revoking asks first: Cancel revokes nothing, the focus is on the question meanwhile
            row(b, "dm-audio", verification).findElement(By.tagName("button")).click();
            String question = text("pi.audio.revokeQuestion").replace("{user}", "dm-audio");
            b.wait.until(d -> question.equals(d.switchTo().activeElement().getText()));
            ConsoleBrowser.screenshot(b, "pi", "audio-grants-revoke");
            b.button(ConsoleBrowser.text("pi", "pi.cancel")).click();
            assertThat(APP.count("audio_export_grants", "revoked_at IS NOT NULL")).isEqualTo(revoked);
            WebElement revoke = row(b, "dm-audio", verification).findElement(By.tagName("button"));
            assertThat(revoke.getAttribute("aria-label")).startsWith(text("pi.audio.revokeFor")
                    .replace("{user}", "dm-audio").split("\\{when}")[0]);
            revoke.click();
            b.button(text("pi.audio.revokeYes")).click();
            b.waitForText(text("pi.audio.revoked").replace("{user}", "dm-audio"));
            b.wait.until(d -> row(b, "dm-audio", verification).getText()
                    .contains(text("pi.audio.state.revoked")));
            assertThat(APP.lastAuditSubject("export.audio.revoked")).contains("user:dm-audio");

            // a grant to herself, revoked over the API while the question is open: the API's 409 in words
            choose(b, text("pi.audio.user"), "pi-audio");
            choose(b, text("pi.audio.reason"), "speech_analysis");
            b.button(text("pi.audio.submit")).click();
            String you = text("pi.audio.you").replace("{user}", "pi-audio");
            b.waitForText(text("pi.audio.granted").replace("{user}", you).split("\\{when}")[0]);
            row(b, you, text("pi.reason.speech_analysis")).findElement(By.tagName("button")).click();
            String own = null;
            for (JsonNode g : APP.read(APP.get(S + "/exports/audio-grants", APP.login("pi-audio", piPassword)),
                    JsonNode.class)) {
                own = "pi-audio".equals(g.get("user").asText()) ? g.get("id").asText() : own;
            }
            assertThat(APP.send("DELETE", S + "/exports/audio-grants/" + own, APP.login("pi-audio", piPassword),
                    null, null).statusCode()).isEqualTo(204);
            b.button(text("pi.audio.revokeYes")).click();
            b.waitForText(text("problem.audio-grant-revoked"));
            assertThat(b.driver.getPageSource()).doesNotContain("Audio grant revoked already");
            ConsoleBrowser.screenshot(b, "pi", "audio-grants-refused");
        }
    }

    @Test
    void otherRoles_haveNoAudioGrantsScreen() throws Exception {
        try (Browser b = Browser.start()) {
            ConsoleBrowser.login(b, APP.baseUrl(), "dm-nogrant", otherDmPassword);
            assertThat(b.driver.findElement(By.cssSelector("nav.console-nav")).getText())
                    .doesNotContain(text("pi.nav.audio"));
            b.driver.executeScript("location.hash = '#/pi/audio-grants';");
            b.heading(ConsoleBrowser.text("shell", "shell.notFound"));
        }
    }

    @Test
    void dataManager_asksForRecordingsOnlyWithQdpx_toldWithoutGrant_exportsThemWithOne() throws Exception {
        try (Browser b = Browser.start()) {
            // no grant: said before the start, and the API's 403 in words when asked anyway; no job
            ConsoleBrowser.login(b, APP.baseUrl(), "dm-nogrant", otherDmPassword);
            ConsoleBrowser.go(b, "data/exports");
            b.heading(data("data.exports.title"));
            WebElement qdpx = b.field(data("data.format.qdpx"));
            if (qdpx.isSelected()) {
                qdpx.click();
            }
            assertThat(b.driver.findElements(By.id("export-audio"))).isEmpty();
            qdpx.click();
            b.waitForText(data("data.exports.audioNoGrant"));
            b.field(data("data.exports.audio")).click();
            b.field(data("data.exports.passphrase")).sendKeys(Envelopes.PASSPHRASE);
            b.button(data("data.exports.submit")).click();
            b.waitForText(data("problem.audio-grant-missing"));
            assertThat(b.driver.findElement(By.cssSelector(".error-summary a")).getAttribute("href"))
                    .endsWith("#export-audio");
            assertThat(b.driver.getPageSource()).doesNotContain("live audio grant for you and this study");
            assertThat(b.driver.findElement(By.id("export-audio-error")).getText())
                    .isEqualTo(data("data.exports.audioUntick"));
            assertThat(APP.read(APP.get("/exports", APP.login("dm-nogrant", otherDmPassword)), JsonNode.class))
                    .isEmpty();
            ConsoleBrowser.screenshot(b, "data", "exports-audio-refused");
            ConsoleBrowser.logout(b);

            // with a grant: the page names it, and the finished export counts the QDPX file's recordings
            HttpResponse<String> granted = APP.postJson(S + "/exports/audio-grants", APP.login("pi-audio", piPassword),
                    Map.of("user", "dm-audio", "reason", "speech_analysis", "days", 3));
            assertThat(granted.statusCode()).as(granted.body()).isEqualTo(201);
            ConsoleBrowser.login(b, APP.baseUrl(), "dm-audio", dmPassword);
            ConsoleBrowser.go(b, "data/exports");
            b.heading(data("data.exports.title"));
            qdpx = b.field(data("data.format.qdpx"));
            if (!qdpx.isSelected()) {
                qdpx.click();
            }
            b.waitForText(data("data.exports.audioGranted").replace("{by}", "pi-audio").split("\\{when}")[0]);
            ConsoleBrowser.screenshot(b, "data", "exports-audio");
            b.field(data("data.exports.audio")).click();
            b.field(data("data.exports.passphrase")).sendKeys(Envelopes.PASSPHRASE);
            b.button(data("data.exports.submit")).click();
            String recordings = data("data.manifest.recordings.other").replace("{n}", String.valueOf(RECORDINGS))
                    .split(" \\(")[0];
            b.wait.until(d -> d.findElement(By.tagName("body")).getText().contains(recordings));
            assertThat(b.driver.findElement(By.cssSelector("li.recordings")).getText()).contains("pi-audio");
            ConsoleBrowser.screenshot(b, "data", "export-recordings");
        }
        assertThat(APP.lastAuditSubject("export.requested")).contains("audio:true audio_grant:");
    }
}
