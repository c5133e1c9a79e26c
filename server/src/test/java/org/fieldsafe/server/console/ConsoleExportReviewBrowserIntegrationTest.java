package org.fieldsafe.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.util.List;
import java.util.Map;
import org.fieldsafe.server.Envelopes;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.UploadFixture;
import org.fieldsafe.server.app.Browser;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.fieldsafe.server.export.ExportReviewIntegrationTest;
import org.fieldsafe.server.export.SealedInterviews;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * The data manager's review of a held export in real Chromium against a real server whose study lists a village and
 * an organisation: the export of an answer naming both and a phone is held; the data manager opens the review from
 * the export's page, sees each replacement with its original in context, keeps one original, accepts all the others
 * and releases the export, after which its page lists the files.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ConsoleExportReviewBrowserIntegrationTest {
    private static final TestApp APP = TestApp.onForms(ExportReviewIntegrationTest.formsWithRedaction());
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;
    private static final UploadFixture UPLOADS = new UploadFixture(APP);

    private static String text(String key) {
        return ConsoleBrowser.text("data", key);
    }

    private static org.openqa.selenium.WebElement release(Browser b) {
        return b.driver.findElement(By.xpath("//button[normalize-space()=" + Browser.literal(
                text("data.review.release")) + "]"));
    }

    @Test
    void dataManager_reviewsHeldExport_keepsOneOriginal_acceptsTheRest_releases() throws Exception {
        UPLOADS.setUp();
        String password = APP.createUser(UPLOADS.admin, "dm-review", "data_manager", List.of()).password();
        for (int i = 1; i <= 6; i++) {
            String answer = i == 1 ? ExportReviewIntegrationTest.ANSWER : "Plain console answer " + i + " zq";
            assertThat(UPLOADS.put(SealedInterviews.interview(UPLOADS, "KH-SVR-RH-" + (400 + i), "RH", 20 + i,
                    answer)).statusCode()).isEqualTo(201);
        }
        String dm = APP.login("dm-review", password);
        String id = APP.read(APP.postJson("/studies/" + TestApp.STUDY + "/exports", dm,
                Map.of("passphrase", Envelopes.PASSPHRASE, "formats", List.of("jsonl"))), JsonNode.class)
                .get("id").asText();
        for (int i = 0; i < 300 && !APP.read(APP.get("/exports/" + id, dm), JsonNode.class).get("state").asText()
                .equals("review"); i++) {
            Thread.sleep(100);
        }

        try (Browser b = Browser.start()) {
            ConsoleBrowser.login(b, APP.baseUrl(), "dm-review", password);
            ConsoleBrowser.go(b, "data/exports/" + id);
            b.waitForText(text("data.job.review"));
            b.driver.findElement(By.linkText(text("data.job.reviewLink"))).click();
            b.heading(text("data.review.title"));
            b.waitForText(ExportReviewIntegrationTest.ORGANISATION_AS_SAID);
            assertThat(b.driver.findElements(By.cssSelector("table.review tbody tr"))).hasSize(3);
            assertThat(b.driver.findElement(By.cssSelector("table.review")).getText())
                    .contains("PHUM THMEY", "+855 12 345 678", text("data.review.kind.place"));
            assertThat(release(b).isEnabled()).isFalse();
            // each kind, "Organisation" too, on one line (the narrow column once broke it)
            @SuppressWarnings("unchecked")
            List<Object> kinds = (List<Object>) b.driver.executeScript("return [...document.querySelectorAll("
                    + "'table.review td.review-kind')].map(td => { const r = document.createRange();"
                    + " r.selectNodeContents(td); return td.textContent.trim() + ':'"
                    + " + new Set([...r.getClientRects()].map(x => Math.round(x.top))).size; })");
            assertThat(kinds).contains(text("data.review.kind.organisation") + ":1")
                    .allSatisfy(line -> assertThat((String) line).endsWith(":1"));
            ConsoleBrowser.screenshot(b, "data-manager", "review");

            b.driver.findElement(By.xpath("//button[@aria-label=" + Browser.literal(text("data.review.keep")
                    + ": PHUM THMEY") + "]")).click();
            b.waitForText(text("data.review.decision.keep"));
            b.button(text("data.review.acceptAll")).click();
            b.wait.until(d -> release(b).isEnabled());
            release(b).click();
            b.waitForText(text("data.review.released"));
        }
        JsonNode job = APP.read(APP.get("/exports/" + id, dm), JsonNode.class);
        assertThat(job.get("state").asText()).isEqualTo("done");
        // accept all decides the others: the kept original stays as written
        assertThat(job.get("manifest").get("redactions").get("replaced").asInt()).isEqualTo(2);
        assertThat(job.get("manifest").get("redactions").get("kept").asInt()).isEqualTo(1);
        assertThat(APP.count("audit_log", "event = 'export.review.kept'")).isEqualTo(1);
    }
}
