package org.fieldsafe.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fieldsafe.client.FieldsafeClient;
import org.fieldsafe.client.app.AppServer;
import org.fieldsafe.core.crypto.PasswordHasher;
import org.fieldsafe.core.forms.Study;
import org.fieldsafe.core.forms.StudyLoader;
import org.fieldsafe.core.json.JsonMappers;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The field app in real Chromium against a real Fieldsafe server serving the reference study: an enumerator sets the
 * app passphrase, enrols, pulls and reads the home screen in Khmer, keyboard first; quick-hide blanks every study
 * text at once and locks until the passphrase is given. Screenshots of enrol, home and sync in six languages go to
 * {@code target/screenshots/}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class FieldAppBrowserIntegrationTest {
    private static final String STUDY = "beyond-awareness";
    private static final TestApp APP = TestApp.onForms(Path.of("..", "forms"));
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;
    private static final PasswordHasher.Cost TEST_COST = new PasswordHasher.Cost(8192, 1, 1);
    private static final String PASSPHRASE = "tonle sap 2026";
    private static final ObjectMapper JSON = JsonMappers.plain();

    @TempDir
    Path deviceHome;

    /** The app's own words in {@code lang}, from the same files the app serves. */
    static String text(String lang, String key) throws IOException {
        try (InputStream in = AppServer.class.getClassLoader()
                .getResourceAsStream("org/fieldsafe/client/app/web/i18n/" + lang + ".json")) {
            JsonNode value = JSON.readTree(in).path("texts").path(key);
            return value.isTextual() ? value.asText() : text("en", key);
        }
    }

    private AppServer startApp() throws Exception {
        return AppServer.start(new AppServer.Options(deviceHome, AppServer.LOOPBACK, 0, "en", TEST_COST,
                FieldsafeClient.Settings.defaults()));
    }

    private String enrolmentCode(String enumerator) {
        String admin = APP.adminToken();
        APP.createUser(admin, enumerator, "enumerator", List.of("KH-SVR"));
        return APP.enrolmentCode(admin, STUDY, "KH-SVR", enumerator).code();
    }

    static void language(Browser b, String current, String lang) throws IOException {
        new Select(b.field(text(current, "app.language"))).selectByValue(lang);
        b.button(text(current, "app.languageApply")).click();
        // Lahu has no texts of its own: the page stays English and says so in a banner
        b.wait.until(d -> "lhu".equals(lang)
                ? d.findElement(By.cssSelector(".fallback-banner")).isDisplayed()
                : lang.equals(d.findElement(By.tagName("main")).getAttribute("lang")));
    }

    static void setPassphrase(Browser b, String lang) throws IOException {
        setPassphrase(b, lang, PASSPHRASE);
    }

    static void setPassphrase(Browser b, String lang, String passphrase) throws IOException {
        b.heading(text(lang, "lock.setTitle"));
        b.field(text(lang, "lock.passphrase")).sendKeys(passphrase);
        b.field(text(lang, "lock.again")).sendKeys(passphrase + Keys.ENTER);
    }

    /** The enrol screen filled in with the server's address and the code, then the forms pulled. */
    static void enrolAndPull(Browser b, String lang, String server, String code) throws IOException {
        b.heading(text(lang, "enrol.title"));
        b.field(text(lang, "enrol.server")).sendKeys(server);
        b.field(text(lang, "enrol.code")).sendKeys(code + Keys.ENTER);
        pull(b, lang);
    }

    static void pull(Browser b, String lang) throws IOException {
        b.heading(text(lang, "pull.title"));
        b.button(text(lang, "pull.start")).click();
        b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#job-outcome.ok")));
    }

    @Test
    void fieldApp_enrolPullAndHomeInKhmer_quickHideLeavesNoStudyText() throws Exception {
        String code = enrolmentCode("enum-app-km");
        Study study = StudyLoader.load(Path.of("..", "forms", STUDY)).study();
        Path profile;
        try (AppServer app = startApp(); Browser b = Browser.start()) {
            profile = b.profile;
            b.driver.get(app.launchUri().toString());
            b.heading(text("en", "lock.setTitle"));
            assertThat(b.driver.getCurrentUrl()).as("the launch secret leaves the address bar")
                    .isEqualTo(app.origin() + "/");
            language(b, "en", "km");

            // GOV.UK error summary: shown first, in Khmer, linking to the field
            b.heading(text("km", "lock.setTitle"));
            b.button(text("km", "lock.set")).click();
            WebElement summary = b.wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector(".error-summary")));
            assertThat(summary.getText()).contains(text("km", "errors.title"), text("km", "lock.empty"));
            assertThat(b.driver.switchTo().activeElement()).isEqualTo(summary);
            summary.findElement(By.linkText(text("km", "lock.empty"))).sendKeys(Keys.ENTER);
            assertThat(b.driver.switchTo().activeElement().getAttribute("id")).isEqualTo("passphrase");
            setPassphrase(b, "km");

            enrolAndPull(b, "km", APP.baseUrl(), code);
            assertThat(b.driver.findElement(By.cssSelector("ol.steps")).getText()).contains(text("km", "pull.done")
                    .replace("{detail}", "2"));
            b.button(text("km", "app.nav.home")).click();

            WebElement h1 = b.heading(text("km", "home.title"));
            assertThat(h1.findElement(By.tagName("span")).getAttribute("lang")).isEqualTo("km");
            assertThat(b.driver.getTitle()).isEqualTo(study.publicTitle().get("km"));
            WebElement title = b.driver.findElement(By.cssSelector(".app-title"));
            assertThat(title.getText()).isEqualTo(study.publicTitle().get("km"));
            assertThat(title.getAttribute("lang")).isEqualTo("km");
            assertThat(b.driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("km");
            List<String> formTitles = new ArrayList<>();
            for (WebElement row : b.driver.findElements(By.cssSelector("tbody th span"))) {
                assertThat(row.getAttribute("lang")).isEqualTo("km");
                formTitles.add(row.getText());
            }
            assertThat(formTitles).hasSize(2);
            String page = b.driver.findElement(By.tagName("main")).getText();
            assertThat(page).contains("KH-SVR").contains(text("km", "home.directory"))
                    .contains(text("km", "home.state.draft"));
            assertThat(page).doesNotContain(study.title().get("en"));

            // nothing in the browser's storage
            assertThat(b.driver.executeScript("return window.localStorage.length + window.sessionStorage.length;"))
                    .isEqualTo(0L);
            assertThat(b.driver.executeAsyncScript(
                    "const done = arguments[0]; indexedDB.databases().then(d => done(d.length));")).isEqualTo(0L);

            // quick-hide: Esc pressed twice
            new Actions(b.driver).sendKeys(Keys.ESCAPE).sendKeys(Keys.ESCAPE).perform();
            String hidden = b.driver.getPageSource();
            b.heading(text("km", "lock.title"));
            for (String shown : formTitles) {
                assertThat(hidden).doesNotContain(shown);
            }
            assertThat(b.driver.getPageSource()).doesNotContain("KH-SVR").doesNotContain(text("km", "home.directory"))
                    .doesNotContain(study.title().get("en"));
            assertThat(b.driver.getTitle()).isEqualTo(study.publicTitle().get("km"));

            // locked in the app too, not only on the page: a reload stays locked
            b.driver.navigate().refresh();
            b.heading(text("km", "lock.title"));
            b.field(text("km", "lock.passphrase")).sendKeys("not the passphrase 1" + Keys.ENTER);
            b.waitForText(text("km", "error.passphrase-wrong"));
            b.field(text("km", "lock.passphrase")).sendKeys(PASSPHRASE + Keys.ENTER);
            b.heading(text("km", "home.title"));

            // the quick-hide button does the same
            b.button(text("km", "app.quickHide")).click();
            b.heading(text("km", "lock.title"));
            assertThat(b.driver.getPageSource()).doesNotContain("KH-SVR");
        }
        // the passphrase is nowhere in plain text: not in the browser's profile, not in the device home
        assertThat(Bytes.filesContaining(profile, PASSPHRASE)).isEmpty();
        assertThat(Bytes.filesContaining(deviceHome, PASSPHRASE)).isEmpty();
    }

    @Test
    void fieldApp_screensInSixLanguages_screenshotsAndTwoHundredPercentZoom() throws Exception {
        String code = enrolmentCode("enum-app-shots");
        List<String> languages = List.of("km", "bn", "hi", "ne", "th", "en");
        try (AppServer app = startApp(); Browser b = Browser.start()) {
            b.driver.get(app.launchUri().toString());
            setPassphrase(b, "en");
            String current = "en";
            for (String lang : languages) {
                language(b, current, lang);
                current = lang;
                b.heading(text(lang, "enrol.title"));
                b.screenshot("enrol-" + lang);
            }
            language(b, current, "lhu");
            assertThat(b.driver.findElement(By.cssSelector(".fallback-banner")).getText())
                    .isEqualTo(text("en", "app.missingTexts"));
            b.screenshot("enrol-lhu");
            current = "lhu";
            language(b, "en", "en");
            current = "en";
            b.field(text("en", "enrol.server")).sendKeys(APP.baseUrl());
            b.field(text("en", "enrol.code")).sendKeys(code + Keys.ENTER);
            pull(b, "en");
            for (String lang : languages) {
                language(b, current, lang);
                current = lang;
                b.button(text(lang, "app.nav.home")).click();
                b.heading(text(lang, "home.title"));
                b.wait.until(d -> !d.findElements(By.cssSelector("tbody th")).isEmpty());
                assertThat(b.scrollsSideways()).as("home in " + lang + " at 1366x768").isFalse();
                b.screenshot("home-" + lang);
                b.button(text(lang, "app.nav.sync")).click();
                b.button(text(lang, "sync.start")).click();
                b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#job-outcome")));
                assertThat(b.driver.findElement(By.cssSelector("ol.steps")).getText())
                        .contains(text(lang, "sync.nothing"));
                b.screenshot("sync-" + lang);
            }
            b.button(text("en", "app.nav.home")).click();
            b.heading(text("en", "home.title"));
            b.zoom(2.0);
            b.wait.until(d -> !d.findElements(By.cssSelector("tbody th")).isEmpty());
            assertThat(b.scrollsSideways()).as("home at 200 % zoom").isFalse();
            b.screenshot("home-en-200pct");
            language(b, "en", "km");
            b.heading(text("km", "home.title"));
            assertThat(b.scrollsSideways()).as("Khmer home at 200 % zoom").isFalse();
            b.screenshot("home-km-200pct");
        }
    }
}
