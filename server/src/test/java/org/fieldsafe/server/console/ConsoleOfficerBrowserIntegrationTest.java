package org.fieldsafe.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.fieldsafe.client.FieldsafeClient;
import org.fieldsafe.client.sync.Outcome;
import org.fieldsafe.client.sync.SyncProgress;
import org.fieldsafe.server.Envelopes;
import org.fieldsafe.server.InterviewSyncEndToEndIntegrationTest;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.app.Browser;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * The safeguarding officer's console in real Chromium against a real server on the reference study: a disclosing
 * interview is sealed on a device and synced; the officer of KH-SVR finds its case in the queue, opens it, meets a
 * stale version in words, acknowledges it, opens the sealed referral part with the safeguarding passphrase, refers it
 * to a service the respondent consented to and closes it; the officer of TH-SAN cannot reach it (the queue lacks it,
 * the case's address shows "not found"). No answer, name, address or respondent code is in any screen's DOM, but the
 * referral part on the case screen while it is open.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ConsoleOfficerBrowserIntegrationTest {
    private static final String STUDY = "beyond-awareness";
    private static final TestApp APP = TestApp.onForms(Path.of("..", "forms"));
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;
    private static final String CODE = "KH-SVR-RH-061";
    /** What the interview holds that no console screen may show (the code only inside the opened referral part). */
    private static final List<String> ANSWERS = List.of("Sreyneang Kheav", "Phum Prey Kdouch",
            "zq heron meaning answer", "zq heron causes answer", "zq heron protection answer", "more schools");

    @Test
    void officer_acknowledgesRefersAndClosesTheirSitesCase_otherSitesOfficerCannotReachIt(@TempDir Path deviceHome,
                                                                                          @TempDir Path work)
            throws Exception {
        // the server's clock at the real time, less a day and an hour (advanced below), so that the referral date the
        // page proposes (the browser's today) lies between the case's opening and the server's today
        APP.clock.advance(Duration.between(APP.clock.instant(), Instant.now().minus(Duration.ofHours(25))));
        String admin = APP.adminToken();
        assertThat(APP.postStudyKeys(admin, STUDY, Envelopes.newStudyKeys()).statusCode()).isEqualTo(201);
        APP.createUser(admin, "enum-kh1", "enumerator", List.of("KH-SVR"));
        String khPassword = APP.createUser(admin, "officer-kh", "safeguarding_officer", List.of("KH-SVR")).password();
        String thPassword = APP.createUser(admin, "officer-th", "safeguarding_officer", List.of("TH-SAN")).password();
        try (FieldsafeClient client = FieldsafeClient.open(deviceHome)) {
            client.enrol(URI.create(APP.baseUrl()), APP.enrolmentCode(admin, STUDY, "KH-SVR", "enum-kh1").code(),
                    "kh-laptop-1");
            client.pull();
        }
        Path answers = work.resolve("answers.json");
        Files.writeString(answers, InterviewSyncEndToEndIntegrationTest.answersFile(CODE, ANSWERS.get(0),
                ANSWERS.get(2), ANSWERS.get(3), ANSWERS.get(4)));
        InterviewSyncEndToEndIntegrationTest.interview(deviceHome, answers);
        try (FieldsafeClient client = FieldsafeClient.open(deviceHome)) {
            assertThat(client.sync(SyncProgress.NONE).outcomes()).extracting(Outcome::kind)
                    .containsExactly(Outcome.Kind.SENT);
        }
        // a day and an hour later the urgent case (24 h to acknowledge) is overdue
        APP.clock.advance(Duration.ofHours(25));
        String officerToken = APP.login("officer-kh", khPassword);
        JsonNode cases = APP.read(APP.get("/studies/" + STUDY + "/referrals", officerToken), JsonNode.class);
        assertThat(cases).hasSize(1);
        String caseId = cases.get(0).get("id").asText();

        try (Browser b = Browser.start()) {
            ConsoleBrowser.login(b, APP.baseUrl(), "officer-kh", khPassword);
            ConsoleBrowser.go(b, "officer/cases");
            b.heading(text("officer.queue.title"));
            WebRow row = new WebRow(b, caseId);
            assertThat(row.text()).contains("KH-SVR").contains(text("officer.state.new"))
                    .contains(text("officer.urgency.urgent"))
                    .contains(text("officer.queue.overdue").replace("{hours}", "1").replace("{minutes}", "0"));
            // said in words, in bold, and counted above the table: not by colour alone
            assertThat(b.driver.findElement(By.cssSelector("tr[data-case='" + caseId + "'] strong.overdue"))
                    .getText()).startsWith(text("officer.queue.overdue").substring(0, 8));
            assertThat(b.driver.findElement(By.cssSelector("main .notice")).getText())
                    .isEqualTo(text("officer.queue.overdueCount").replace("{n}", "1"));
            noSecrets(b, "queue", true);
            ConsoleBrowser.screenshot(b, "officer", "queue");

            b.driver.findElement(By.cssSelector("tr[data-case='" + caseId + "'] a")).click();
            b.heading(text("officer.case.title"));
            b.waitForText(text("officer.event.opened"));
            noSecrets(b, "case", true);
            ConsoleBrowser.screenshot(b, "officer", "case");

            // someone acknowledges the case meanwhile: the page's version is stale, said in words, and reloaded
            assertThat(APP.postJson("/referrals/" + caseId + "/state", officerToken, Map.of("state", "acknowledged",
                    "version", 1)).statusCode()).isEqualTo(200);
            b.button(text("officer.action.acknowledge")).click();
            b.waitForText(text("officer.case.stale"));
            b.wait.until(d -> d.findElement(By.cssSelector("dd[data-field='state']")).getText()
                    .equals(text("officer.state.acknowledged")));
            ConsoleBrowser.screenshot(b, "officer", "case-stale");

            // services involving the authorities are not offered before the part says the respondent consented
            assertThat(new Select(b.field(text("officer.refer.service"))).getOptions())
                    .extracting(o -> o.getAttribute("value")).containsExactly("kh-child-helpline", "kh-lscw");
            b.driver.findElement(By.id("part-passphrase")).sendKeys(Envelopes.PASSPHRASE);
            b.button(text("officer.part.open")).click();
            b.wait.until(d -> d.findElement(By.cssSelector(".referral-part .part-code")).getText().equals(CODE));
            assertThat(b.driver.findElement(By.cssSelector(".referral-part")).getText()).contains("phone")
                    .contains("evenings");
            assertThat(b.driver.getPageSource()).contains(CODE);
            noSecrets(b, "case with its referral part", false);
            ConsoleBrowser.screenshot(b, "officer", "case-part");

            Select service = new Select(b.field(text("officer.refer.service")));
            assertThat(service.getOptions()).extracting(o -> o.getAttribute("value"))
                    .containsExactly("kh-child-helpline");
            service.selectByValue("kh-child-helpline");
            b.driver.findElement(By.id("refer-passphrase")).sendKeys(Envelopes.PASSPHRASE);
            b.button(text("officer.action.refer")).click();
            b.waitForText(text("officer.done.referred"));
            assertThat(b.driver.getCurrentUrl()).doesNotContain("horse");
            assertThat((String) b.driver.executeScript("return JSON.stringify(localStorage) + "
                    + "JSON.stringify(sessionStorage);")).doesNotContain(Envelopes.PASSPHRASE).doesNotContain(CODE);

            new Select(b.field(text("officer.close.outcome"))).selectByValue("support_received");
            b.button(text("officer.action.close")).click();
            b.waitForText(text("officer.done.closed"));
            b.wait.until(d -> d.findElement(By.cssSelector("dd[data-field='state']")).getText()
                    .equals(text("officer.state.closed")));
            assertThat(b.driver.findElement(By.cssSelector(".case-history")).getText())
                    .contains(text("officer.event.acknowledged")).contains(text("officer.event.read"))
                    .contains(text("officer.event.referred")).contains(text("officer.event.closed"));
            ConsoleBrowser.screenshot(b, "officer", "case-closed");

            // leaving the screen drops the opened part from the page
            ConsoleBrowser.go(b, "officer/cases");
            b.heading(text("officer.queue.title"));
            assertThat(new WebRow(b, caseId).text()).contains(text("officer.state.closed"));
            noSecrets(b, "queue after the case", true);

            JsonNode closed = APP.read(APP.get("/referrals/" + caseId, officerToken), JsonNode.class);
            assertThat(closed.get("state").asText()).isEqualTo("closed");
            assertThat(closed.get("referredService").asText()).isEqualTo("kh-child-helpline");
            assertThat(closed.get("outcome").asText()).isEqualTo("support_received");
            assertThat(closed.get("closedBy").asText()).isEqualTo("officer-kh");

            ConsoleBrowser.logout(b);
            ConsoleBrowser.login(b, APP.baseUrl(), "officer-th", thPassword);
            ConsoleBrowser.go(b, "officer/cases");
            b.heading(text("officer.queue.title"));
            b.waitForText(text("officer.queue.empty"));
            assertThat(b.driver.findElements(By.cssSelector("tr[data-case='" + caseId + "']"))).isEmpty();
            ConsoleBrowser.screenshot(b, "officer", "queue-other-site");
            ConsoleBrowser.go(b, "officer/cases/" + caseId);
            b.heading(text("officer.case.notFound"));
            noSecrets(b, "another site's case", true);
            ConsoleBrowser.screenshot(b, "officer", "case-not-found");
        }
        assertThat(APP.count("audit_log", "event = 'referral.denied' AND actor = 'officer-th' AND subject = 'case:"
                + caseId + " action:show cause:other-site'")).isOne();
    }

    private static String text(String key) {
        return ConsoleBrowser.text("officer", key);
    }

    /** Asserts that the page's DOM holds none of the interview's answers, name or address (nor its code, if asked). */
    private static void noSecrets(Browser b, String screen, boolean codeToo) {
        String page = b.driver.getPageSource();
        for (String secret : ANSWERS) {
            assertThat(page).as(screen).doesNotContain(secret);
        }
        if (codeToo) {
            assertThat(page).as(screen).doesNotContain(CODE).doesNotContain("evenings");
        }
    }

    /** The queue's row of a case. */
    private record WebRow(Browser b, String caseId) {
        String text() {
            return b.wait.until(d -> d.findElement(By.cssSelector("tr[data-case='" + caseId + "']"))).getText();
        }
    }
}
