package org.fieldsafe.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fieldsafe.server.Envelopes;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.UploadFixture;
import org.fieldsafe.server.app.Browser;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.fieldsafe.server.export.SealedInterviews;
import org.fieldsafe.server.referral.ReferralFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The data manager's console in real Chromium against a real server: twelve really sealed interviews (and one
 * disclosure that opened a referral case) are on the server; the data manager starts an export in the page, follows
 * its progress to the manifest in words, and downloads every file through the page's links: the test hashes the
 * bytes itself and finds the SHA-256 the manifest lists (and the page shows). The case counts show by site, category
 * and state. No answer or respondent code is in any screen's DOM.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ConsoleDataManagerBrowserIntegrationTest {
    private static final TestApp APP = new TestApp();
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;
    private static final UploadFixture UPLOADS = new UploadFixture(APP);
    private static final List<String> CODES = new ArrayList<>();
    private static final List<String> ANSWERS = new ArrayList<>();

    @Test
    void dataManager_runsAnExport_downloadsFilesWhoseHashesMatchTheManifest_seesCaseCounts() throws Exception {
        UPLOADS.setUp();
        String password = APP.createUser(UPLOADS.admin, "dm-console", "data_manager", List.of()).password();
        for (int i = 1; i <= 12; i++) {
            String code = "KH-SVR-RH-" + (200 + i);
            String answer = "Zq kingfisher console answer " + i;
            CODES.add(code);
            ANSWERS.add(answer);
            assertThat(UPLOADS.put(SealedInterviews.interview(UPLOADS, code, "RH", 30 + i, answer)).statusCode())
                    .isEqualTo(201);
        }
        String disclosed = "KH-SVR-RH-299";
        CODES.add(disclosed);
        ReferralFixtures.upload(UPLOADS, UPLOADS.target, UPLOADS.device.deviceToken(), disclosed, "refer", "urgent",
                false, Map.of("kh-shelter", true), "Zq call the cousin at the ferry");
        ANSWERS.add("Zq call the cousin at the ferry");

        try (Browser b = Browser.start()) {
            ConsoleBrowser.login(b, APP.baseUrl(), "dm-console", password);
            ConsoleBrowser.go(b, "data/exports");
            b.heading(text("data.exports.title"));
            b.waitForText(text("data.exports.none"));
            noSecrets(b, "exports");
            ConsoleBrowser.screenshot(b, "data", "exports");

            // a looser k than the study's is refused by the server, in the error summary linked to the field
            b.field(text("data.exports.k")).sendKeys("2");
            b.field(text("data.exports.passphrase")).sendKeys(Envelopes.PASSPHRASE);
            b.button(text("data.exports.submit")).click();
            b.waitForText(text("problem.export-invalid"));
            assertThat(b.driver.findElement(By.cssSelector(".error-summary a")).getAttribute("href"))
                    .endsWith("#export-k");
            assertThat(b.field(text("data.exports.passphrase")).getAttribute("value")).isEmpty();
            ConsoleBrowser.screenshot(b, "data", "exports-refused");

            b.field(text("data.exports.k")).clear();
            b.field(text("data.exports.passphrase")).sendKeys(Envelopes.PASSPHRASE);
            b.button(text("data.exports.submit")).click();
            b.heading(text("data.job.title"));
            b.wait.until(d -> d.findElement(By.cssSelector(".export-state")).getText()
                    .contains(text("data.state.done")));
            String exportId = b.driver.getCurrentUrl().replaceAll(".*#/data/exports/", "");
            JsonNode counts = APP.read(APP.get("/exports/" + exportId, APP.login("dm-console", password)),
                    JsonNode.class).get("manifest").get("counts");
            assertThat(counts.get("interviewsExported").asInt()).isPositive();
            assertThat(b.driver.findElement(By.cssSelector(".manifest")).getText())
                    .contains(fill(text("data.manifest.exported"), Map.of("interviews",
                            counts.get("interviewsExported").asText(), "respondents",
                            counts.get("respondentsExported").asText())))
                    .contains(fill(text("data.manifest.suppressed"), Map.of("n",
                            counts.get("respondentsSuppressed").asText())).replaceAll("\\{groups\\}.*", ""))
                    .contains(text("data.manifest.levels"));
            noSecrets(b, "export");
            ConsoleBrowser.screenshot(b, "data", "export");
            // at 200 % zoom the manifest and the file table still fit the window's width (tables scroll in their box)
            b.zoom(2.0);
            assertThat(b.scrollsSideways()).isFalse();
            ConsoleBrowser.screenshot(b, "data", "export-zoom-200");
            b.zoom(1.0);

            Map<String, byte[]> downloaded = new LinkedHashMap<>();
            for (WebElement link : b.driver.findElements(By.cssSelector("table.export-files a[download]"))) {
                downloaded.put(link.getText(), fetch(b, link.getAttribute("href")));
            }
            assertThat(downloaded).containsKeys("manifest.json", "export-wide.csv", "export-long.csv",
                    "export.jsonl", "codebook.csv");
            JsonNode files = APP.json.readTree(downloaded.get("manifest.json")).get("files");
            assertThat(files.size()).isEqualTo(downloaded.size() - 1);
            downloaded.forEach((name, bytes) -> {
                if (name.equals("manifest.json")) {
                    return;
                }
                String sha256 = sha256(bytes);
                assertThat(files.get(name).get("sha256").asText()).as(name).isEqualTo(sha256);
                assertThat(b.driver.findElement(By.cssSelector("tr[data-file='" + name + "'] .sha256")).getText())
                        .as(name).isEqualTo(sha256);
            });
            // the export holds the answers (pseudonymised codes): it is the files that carry them, not the page
            assertThat(new String(downloaded.get("export-long.csv"), java.nio.charset.StandardCharsets.UTF_8))
                    .contains(ANSWERS.get(0));

            ConsoleBrowser.go(b, "data/exports");
            b.wait.until(d -> !d.findElements(By.cssSelector("table.export-list a[href$='" + exportId + "']"))
                    .isEmpty());
            noSecrets(b, "exports with one");

            ConsoleBrowser.go(b, "data/cases");
            b.heading(text("data.counts.title"));
            WebElement cell = b.wait.until(d -> d.findElement(By.xpath("//table[contains(@class,'case-counts')]"
                    + "//tr[th[normalize-space()='KH-SVR']]/td[@data-state='new']")));
            assertThat(cell.getText()).isEqualTo("1");
            noSecrets(b, "case counts");
            ConsoleBrowser.screenshot(b, "data", "case-counts");

            // the officer's screens are not the data manager's: the route is not offered
            ConsoleBrowser.go(b, "data/cases");
            b.driver.executeScript("location.hash = '#/officer/cases';");
            b.heading(ConsoleBrowser.text("shell", "shell.notFound"));
        }
    }

    private static String text(String key) {
        return ConsoleBrowser.text("data", key);
    }

    private static String fill(String text, Map<String, String> params) {
        String out = text;
        for (Map.Entry<String, String> p : params.entrySet()) {
            out = out.replace("{" + p.getKey() + "}", p.getValue());
        }
        return out;
    }

    /** The bytes behind a link of the page, fetched by the page itself (its session cookie), base64 across. */
    private static byte[] fetch(Browser b, String href) {
        Object result = b.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.ok ? r.arrayBuffer() : null)"
                + ".then(buf => { if (!buf) { done(null); return; } let s = ''; const a = new Uint8Array(buf);"
                + "for (let i = 0; i < a.length; i += 0x8000) { s += String.fromCharCode.apply(null, "
                + "a.subarray(i, i + 0x8000)); } done(btoa(s)); }).catch(() => done(null));", href);
        assertThat(result).as(href).isNotNull();
        return Base64.getDecoder().decode((String) result);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Asserts that the page's DOM holds none of the interviews' answers or respondent codes. */
    private static void noSecrets(Browser b, String screen) {
        String page = b.driver.getPageSource();
        for (String secret : ANSWERS) {
            assertThat(page).as(screen).doesNotContain(secret);
        }
        for (String code : CODES) {
            assertThat(page).as(screen).doesNotContain(code);
        }
    }
}
