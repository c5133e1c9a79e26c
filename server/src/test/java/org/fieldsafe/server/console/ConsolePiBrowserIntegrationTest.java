package org.fieldsafe.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fieldsafe.core.wire.Envelope;
import org.fieldsafe.core.wire.IdentityRequest;
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
import org.openqa.selenium.WebElement;

/**
 * The principal investigator's console in real Chromium against a real server (issue 16, point 5): a withdrawal
 * (code typed twice, what will be destroyed shown first, then confirmed) after which the data manager's next export
 * lacks the respondent; an identity read with a reason; a stable-code grant; the identity key's holders (one removed
 * and added again, its one-time secret shown once) and a passphrase change. The respondent code typed and the
 * identity part read appear nowhere in the page once the screen is left, nor in browser storage.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ConsolePiBrowserIntegrationTest {
    private static final TestApp APP = new TestApp();
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;
    private static final UploadFixture UPLOADS = new UploadFixture(APP);
    private static final String S = "/studies/" + TestApp.STUDY;
    private static final String WITHDRAWN = "KH-SVR-RH-151";
    private static final String WITHDRAWN_ANSWER = "Withdrawn kingfisher lantern answer zq";
    private static final String KEPT_ANSWER = "Kept heron river answer 1 zq";
    private static final String NAME = "Vanna Sreypov Kingfisher";
    private static final String NEW_PASSPHRASE = "a new identity passphrase 2026";

    private static String piPassword;
    private static String dmPassword;
    private static String withIdentity;

    @BeforeAll
    static void setUp() throws Exception {
        UPLOADS.setUp();
        piPassword = APP.createUser(UPLOADS.admin, "pi-console", "principal_investigator", List.of()).password();
        APP.createUser(UPLOADS.admin, "pi-second", "principal_investigator", List.of());
        dmPassword = APP.createUser(UPLOADS.admin, "dm-console", "data_manager", List.of()).password();
        for (int i = 1; i <= 6; i++) {
            String answer = i == 1 ? KEPT_ANSWER : "Kept heron river answer " + i + " zq";
            assertThat(UPLOADS.put(SealedInterviews.interview(UPLOADS, "KH-SVR-RH-" + (100 + i), "RH", 20 + i,
                    answer)).statusCode()).isEqualTo(201);
        }
        assertThat(UPLOADS.put(SealedInterviews.interview(UPLOADS, WITHDRAWN, "RH", 27, WITHDRAWN_ANSWER))
                .statusCode()).isEqualTo(201);
        byte[] research = "{\"answers\":{\"q_meaning\":\"x\"}}".getBytes(StandardCharsets.UTF_8);
        byte[] identity = APP.json.writeValueAsBytes(Map.of("respondents", List.of(Map.of("code", "KH-SVR-RH-171",
                "answers", Map.of("full_name", NAME)))));
        withIdentity = UPLOADS.putSealed("KH-SVR-RH-171", Map.of(Envelope.RESEARCH, research, Envelope.IDENTITY,
                identity));
    }

    @Test
    void pi_withdrawalWithUnindexedOdkSubmissions_showsTheCountInWordsAndOffersTheOdkPassphrase() throws Exception {
        // two ODK Collect submissions no ODK key holder has opened yet: the server cannot tell whose they are
        for (String id : List.of("odk-unindexed-1", "odk-unindexed-2")) {
            APP.services().database().write(h -> h.createUpdate("INSERT INTO openrosa_submissions (id, study_id, "
                    + "form_id, form_version, instance_id, device_id, site, enumerator, manifest, manifest_sha256, "
                    + "lacks, state, received_at, completed_at) VALUES (:id, :study, 'interview', '1', :instance, "
                    + "'odk-device', 'KH-SVR', 'enum1', '{}', 'sha', '[]', 'complete', 0, 0)")
                    .bind("id", id).bind("instance", "uuid:" + id).bind("study", TestApp.STUDY).execute());
        }
        int withdrawals = APP.count("withdrawals");
        try (Browser b = Browser.start()) {
            ConsoleBrowser.login(b, APP.baseUrl(), "pi-console", piPassword);
            ConsoleBrowser.go(b, "pi/withdrawal");
            b.heading(text("pi.withdraw.title"));
            b.field(text("pi.withdraw.code")).sendKeys("KH-SVR-RH-106");
            b.field(text("pi.withdraw.codeAgain")).sendKeys("KH-SVR-RH-106");
            b.button(text("pi.withdraw.preview")).click();
            b.waitForText(text("pi.withdraw.openRosaUnindexed.other").replace("{n}", "2"));
            assertThat(b.field(text("pi.withdraw.odkKey")).getAttribute("type")).isEqualTo("password");

            // withdrawing without the passphrase: the server's 409 said for a person - the count in the language's
            // plural form, no API field or CLI flag, no "submission(s)" - and under the field what to do there,
            // not the summary's sentence again; nothing written
            b.button(text("pi.withdraw.confirm")).click();
            String refused = text("pi.withdraw.openRosaRefused.other").replace("{n}", "2");
            b.waitForText(refused);
            String main = b.driver.findElement(By.tagName("main")).getText();
            assertThat(main).doesNotContain("odkPassphrase", "--odk-key", "submission(s)", "OpenRosa");
            assertThat(main.split(java.util.regex.Pattern.quote(refused), -1)).hasSize(2);
            assertThat(b.driver.findElement(By.id("withdraw-odk-key-error")).getText())
                    .isEqualTo(text("pi.withdraw.odkKeyNeeded"));
            assertThat(b.driver.findElements(By.id("withdraw-odk-key"))).hasSize(1);
            ConsoleBrowser.screenshot(b, "pi", "withdrawal-odk-unindexed");
            assertThat(APP.count("withdrawals")).isEqualTo(withdrawals);
        } finally {
            APP.services().database().write(h -> h.createUpdate(
                    "DELETE FROM openrosa_submissions WHERE id IN ('odk-unindexed-1', 'odk-unindexed-2')").execute());
        }
    }

    @Test
    void pi_withdrawsReadsIdentityGrantsAndChangesPassphrase() throws Exception {
        try (Browser b = Browser.start()) {
            ConsoleBrowser.login(b, APP.baseUrl(), "pi-console", piPassword);

            // withdrawal: a mismatch first, then the code twice, the preview, the confirmation
            ConsoleBrowser.go(b, "pi/withdrawal");
            b.heading(text("pi.withdraw.title"));
            b.field(text("pi.withdraw.code")).sendKeys(WITHDRAWN);
            b.field(text("pi.withdraw.codeAgain")).sendKeys("KH-SVR-RH-115");
            b.button(text("pi.withdraw.preview")).click();
            b.waitForText(text("pi.withdraw.codeMismatch"));
            b.field(text("pi.withdraw.codeAgain")).clear();
            b.field(text("pi.withdraw.codeAgain")).sendKeys(WITHDRAWN);
            b.button(text("pi.withdraw.preview")).click();
            b.waitForText(text("pi.withdraw.previewTitle"));
            assertThat(b.driver.findElement(By.cssSelector("dl.withdraw-preview")).getText())
                    .contains(text("pi.withdraw.received") + "\n1");
            assertThat(APP.count("withdrawals")).isZero();
            ConsoleBrowser.screenshot(b, "pi", "withdrawal-preview");
            b.button(text("pi.withdraw.confirm")).click();
            b.waitForText(text("pi.withdraw.doneTitle"));
            ConsoleBrowser.screenshot(b, "pi", "withdrawal-done");
            assertThat(APP.count("withdrawals")).isEqualTo(1);
            assertNowhereInPage(b, WITHDRAWN);

            // identity read with a reason, then the part is gone from the page once the screen is left
            ConsoleBrowser.go(b, "pi/identity");
            b.heading(text("pi.identity.title"));
            b.field(text("pi.identity.submission")).sendKeys(withIdentity);
            new org.openqa.selenium.support.ui.Select(b.field(text("pi.identity.reason")))
                    .selectByVisibleText(text("pi.reason.recontact"));
            b.field(text("pi.identity.passphrase")).sendKeys(Envelopes.PASSPHRASE);
            b.button(text("pi.identity.submit")).click();
            b.waitForText(text("pi.identity.partTitle"));
            b.waitForText(NAME);
            assertThat(b.field(text("pi.identity.passphrase")).getAttribute("value")).isEmpty();
            ConsoleBrowser.screenshot(b, "pi", "identity");
            assertThat(APP.lastAuditSubject("identity.read")).contains("reason:recontact");

            // a stable-code grant
            ConsoleBrowser.go(b, "pi/stable-codes");
            assertNowhereInPage(b, NAME);
            assertNowhereInPage(b, WITHDRAWN);
            b.heading(text("pi.grants.title"));
            new org.openqa.selenium.support.ui.Select(b.field(text("pi.grants.reason")))
                    .selectByVisibleText(text("pi.reason.follow_up"));
            b.button(text("pi.grants.submit")).click();
            String grant = b.wait.until(d -> d.findElement(By.cssSelector("code.grant-id"))).getText();
            b.waitForText(text("pi.grants.state.usable"));
            ConsoleBrowser.screenshot(b, "pi", "stable-codes");

            // key holders: remove the second PI's copy, add it again (secret shown once), change own passphrase
            ConsoleBrowser.go(b, "keys");
            b.heading(text("pi.custody.title"));
            b.button(ConsoleBrowser.text("pi", "pi.custody.revoke").replace("{user}", "pi-second")).click();
            b.waitForText(text("pi.custody.revoked"));
            assertThat(APP.count("study_key_holders", "username = 'pi-second'")).isZero();
            addHolder(b, "pi-second");
            WebElement secret = b.wait.until(d -> d.findElement(By.cssSelector(".one-time-secret code.secret")));
            assertThat(secret.getText()).hasSizeGreaterThan(20);
            assertThat(b.field(text("pi.custody.yourPassphrase")).getAttribute("value")).isEmpty();
            ConsoleBrowser.screenshot(b, "pi", "keys-secret");
            b.button(text("pi.custody.secretDone")).click();
            changePassphrase(b, Envelopes.PASSPHRASE, NEW_PASSPHRASE);
            b.waitForText(text("pi.custody.changed"));
            ConsoleBrowser.screenshot(b, "pi", "keys");
            assertNowhereInPage(b, NEW_PASSPHRASE);
            String pi = APP.login("pi-console", piPassword);
            assertThat(identityRead(pi, Envelopes.PASSPHRASE).statusCode()).isEqualTo(422);
            assertThat(identityRead(pi, NEW_PASSPHRASE).statusCode()).isEqualTo(200);

            // the data manager's next export (over the API) lacks the withdrawn respondent
            JsonNode job = export(APP.login("dm-console", dmPassword), grant);
            assertThat(job.get("manifest").get("counts").get("withdrawn").asLong()).isEqualTo(1);
            String longCsv = download(APP.login("dm-console", dmPassword), job.get("id").asText(), "export-long.csv");
            assertThat(longCsv).contains(KEPT_ANSWER).doesNotContain(WITHDRAWN_ANSWER).doesNotContain(WITHDRAWN);
        }
    }

    private static void addHolder(Browser b, String user) {
        new org.openqa.selenium.support.ui.Select(b.driver.findElement(By.id("grant-purpose")))
                .selectByValue("identity");
        b.field(text("pi.custody.newHolder")).sendKeys(user);
        b.field(text("pi.custody.yourPassphrase")).sendKeys(Envelopes.PASSPHRASE);
        b.button(text("pi.custody.grantSubmit")).click();
    }

    private static void changePassphrase(Browser b, String current, String next) {
        new org.openqa.selenium.support.ui.Select(b.driver.findElement(By.id("custody-purpose")))
                .selectByValue("identity");
        b.field(text("pi.custody.current")).sendKeys(current);
        b.field(text("pi.custody.next")).sendKeys(next);
        b.field(text("pi.custody.again")).sendKeys(next);
        b.button(text("pi.custody.changeSubmit")).click();
    }

    /** Neither the page's markup, any field's value nor browser storage holds {@code secret}. */
    static void assertNowhereInPage(Browser b, String secret) {
        Object found = b.driver.executeScript("const s = arguments[0];"
                + "const values = [...document.querySelectorAll('input, textarea, select')].map(i => i.value);"
                + "return document.documentElement.outerHTML.includes(s) || values.some(v => v.includes(s))"
                + " || localStorage.length > 0 || sessionStorage.length > 0 || location.href.includes(s);", secret);
        assertThat(found).as("in the page or storage: " + secret).isEqualTo(false);
    }

    private static String text(String key) {
        return ConsoleBrowser.text("pi", key);
    }

    private static HttpResponse<String> identityRead(String token, String passphrase) {
        return APP.postJson(S + "/submissions/" + withIdentity + "/identity", token,
                new IdentityRequest(passphrase.toCharArray(), "recontact"));
    }

    private static JsonNode export(String dm, String grant) throws InterruptedException {
        Map<String, Object> body = new HashMap<>();
        body.put("passphrase", Envelopes.PASSPHRASE);
        body.put("formats", List.of("long"));
        body.put("stableCodesGrant", grant);
        HttpResponse<String> started = APP.postJson(S + "/exports", dm, body);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String id = APP.read(started, JsonNode.class).get("id").asText();
        for (int i = 0; i < 300; i++) {
            JsonNode job = APP.read(APP.get("/exports/" + id, dm), JsonNode.class);
            if (job.get("state").asText().equals("done")) {
                return job;
            }
            assertThat(job.get("state").asText()).isIn("queued", "running");
            Thread.sleep(100);
        }
        throw new AssertionError("the export did not finish");
    }

    private static String download(String dm, String id, String name) throws Exception {
        HttpResponse<String> file = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(APP.baseUrl()
                        + "/api/v1/exports/" + id + "/files/" + name)).header("Authorization", "Bearer " + dm).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(file.statusCode()).isEqualTo(200);
        return file.body();
    }
}
