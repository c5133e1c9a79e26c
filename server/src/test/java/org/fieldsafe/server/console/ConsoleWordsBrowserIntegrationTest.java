package org.fieldsafe.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.util.List;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.app.Browser;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * What review found in the console's words (issue 16): a disclosure category shown as its raw word where the reader's
 * words belong, times in the US order whatever the language, and the export manifest's sentences in English only.
 * Screenshots {@code target/screenshots/console/words-*.png}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ConsoleWordsBrowserIntegrationTest {
    private static final TestApp APP = new TestApp();
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;
    /** The server's clock (TestApp) stands at 2026-03-01: an ISO-like time of that month, in any time zone. */
    private static final String ISO_LIKE = "2026-0[23]-\\d{2} \\d{2}:\\d{2}";
    @RegisterExtension
    static final ConsoleSweepData DATA = new ConsoleSweepData(APP);

    @AfterEach
    void logOut() {
        language("en");
        ConsoleBrowser.logout(DATA.browser);
    }

    @Test
    void caseScreens_showTheCategoryInTheReadersWords() {
        login("safeguarding_officer");
        ConsoleBrowser.go(DATA.browser, "officer/cases");
        WebElement cell = DATA.browser.wait.until(d -> d.findElement(By.cssSelector("tr[data-case='" + DATA.caseId
                + "'] td[data-category]")));
        assertThat(cell.getText()).isEqualTo(ConsoleBrowser.text("officer", "officer.category.current_risk"))
                .isNotEqualTo("current_risk");
        ConsoleBrowser.go(DATA.browser, "officer/cases/" + DATA.caseId);
        assertThat(DATA.browser.wait.until(d -> d.findElement(By.cssSelector("dd[data-field='category']"))).getText())
                .isEqualTo(ConsoleBrowser.text("officer", "officer.category.current_risk"));
        language("hi");
        DATA.browser.wait.until(d -> d.findElement(By.cssSelector("dd[data-field='category']")).getText()
                .equals(ConsoleBrowser.text("hi", "officer", "officer.category.current_risk")));
        ConsoleBrowser.screenshot(DATA.browser, "words", "officer-case-hi");
        language("en");
        ConsoleBrowser.logout(DATA.browser);

        login("data_manager");
        ConsoleBrowser.go(DATA.browser, "data/cases");
        assertThat(DATA.browser.wait.until(d -> d.findElement(By.cssSelector("table.case-counts td[data-category]"))).getText())
                .isEqualTo(ConsoleBrowser.text("data", "data.category.current_risk"));
    }

    @Test
    void times_writtenAsTheUiLanguageWritesThem() {
        login("safeguarding_officer");
        ConsoleBrowser.go(DATA.browser, "officer/cases/" + DATA.caseId);
        By deadline = By.cssSelector("dd[data-field='deadline']");
        // English without a region has no day/month order of its own: ISO-like, not 3/2/2026
        assertThat(DATA.browser.wait.until(d -> d.findElement(deadline)).getText()).matches(ISO_LIKE);
        ConsoleBrowser.go(DATA.browser, "account");
        String label = Browser.literal(ConsoleBrowser.text("shell", "shell.account.sessionEnds"));
        WebElement ends = DATA.browser.wait.until(d -> d.findElement(By.xpath("//dt[normalize-space()=" + label
                + "]/following-sibling::dd")));
        assertThat(ends.getText()).matches(ISO_LIKE);
        // Thai writes the Buddhist era (2026 is 2569), Hindi the day before the month in its own words
        ConsoleBrowser.go(DATA.browser, "officer/cases/" + DATA.caseId);
        language("th");
        DATA.browser.wait.until(d -> d.findElement(deadline).getText().contains("2569"));
        ConsoleBrowser.screenshot(DATA.browser, "words", "officer-case-th");
        language("hi");
        DATA.browser.wait.until(d -> !d.findElement(deadline).getText().contains("2569"));
        String hindi = DATA.browser.driver.findElement(deadline).getText();
        assertThat(hindi).doesNotMatch(ISO_LIKE).doesNotMatch("\\d{1,2}/\\d{1,2}/\\d{4}.*").contains("2026")
                .matches("(?s).*\\p{InDevanagari}.*");
    }

    @Test
    void exportManifest_sentencesInTheUiLanguage() {
        login("data_manager");
        ConsoleBrowser.go(DATA.browser, "data/exports/" + DATA.exportId);
        By why = By.cssSelector("ul.manifest-why li");
        DATA.browser.wait.until(d -> !d.findElements(why).isEmpty());
        List<String> english = DATA.browser.driver.findElements(why).stream().map(WebElement::getText).toList();
        assertThat(english).anyMatch(s -> s.startsWith("Quasi-identifiers generalised to: site"))
                .anyMatch(s -> s.startsWith("k = 5 (the study's)"))
                .anyMatch(s -> s.equals("0 of 7 respondent(s) suppressed (0.0 %), within the limit."));
        language("th");
        DATA.browser.wait.until(d -> d.findElement(why).getAttribute("innerHTML").contains("lang=\"th\""));
        List<String> thai = DATA.browser.driver.findElements(why).stream().map(WebElement::getText).toList();
        assertThat(thai).hasSameSizeAs(english).noneMatch(s -> s.contains("Quasi-identifiers")
                || s.contains("within the limit") || s.contains("the study's"));
        String levels = ConsoleBrowser.text("th", "data", "data.why.levels");
        assertThat(thai).anyMatch(s -> s.startsWith(levels.substring(0, levels.indexOf('{'))));
        assertThat(DATA.browser.driver.findElements(By.cssSelector("ul.manifest-why li span[lang='th']"))).hasSameSizeAs(thai);
        ConsoleBrowser.screenshot(DATA.browser, "words", "data-export-th");
    }

    private static void login(String role) {
        ConsoleBrowser.login(DATA.browser, APP.baseUrl(), ConsoleSweepData.login(role), DATA.password(role));
    }

    /** Picks the page's language in the header and applies it. */
    private static void language(String lang) {
        new Select(DATA.browser.driver.findElement(By.id("console-lang"))).selectByValue(lang);
        DATA.browser.driver.findElement(By.cssSelector("form.language button[type='submit']")).click();
        DATA.browser.wait.until(d -> lang.equals(d.findElement(By.tagName("html")).getAttribute("lang")));
    }
}
