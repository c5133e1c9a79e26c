package org.fieldsafe.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.util.List;
import org.fieldsafe.core.wire.RoleChange;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.app.Browser;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * The users screens in real Chromium against a real server (issue 16, points 2 and 6): the admin adds a person whose
 * e-mail carries markup (rendered as text, never run), resets a password (the one-time password shown once) and
 * disables an account; a coordinator sees and offers only enumerators of their sites, and the server's refusal of an
 * account that is no longer theirs is shown in the error summary.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ConsoleUsersBrowserIntegrationTest {
    private static final TestApp APP = new TestApp();
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;
    private static final String MARKUP = "\"<img src=x onerror=alert(1)>\"@example.org";

    @Test
    void admin_addsResetsDisables_markupRendersAsText() throws Exception {
        String admin = APP.adminToken();
        try (Browser b = Browser.start()) {
            ConsoleBrowser.login(b, APP.baseUrl(), "admin", TestApp.ADMIN_PASSWORD);
            ConsoleBrowser.go(b, "users");
            b.heading(text("users.title"));
            b.field(text("users.name")).sendKeys("<img src=x onerror=alert(1)>");
            b.button(text("users.addSubmit")).click();
            b.waitForText(text("users.invalid"));
            assertNoMarkupRan(b);

            b.field(text("users.name")).clear();
            b.field(text("users.name")).sendKeys("dm-markup");
            new Select(b.field(text("users.role"))).selectByValue("data_manager");
            b.field(text("users.email")).sendKeys(MARKUP);
            b.button(text("users.addSubmit")).click();
            String password = b.wait.until(d -> d.findElement(By.cssSelector(".one-time-password code.password")))
                    .getText();
            assertThat(APP.loginResponse("dm-markup", password).passwordChangeRequired()).isTrue();
            b.waitForText(MARKUP);
            assertNoMarkupRan(b);
            ConsoleBrowser.screenshot(b, "admin", "users");

            b.button(text("users.oneTimeDone")).click();
            b.driver.findElement(By.linkText("dm-markup")).click();
            b.heading(text("users.detailTitle") + " dm-markup");
            b.button(text("users.resetSubmit")).click();
            String reset = b.wait.until(d -> d.findElement(By.cssSelector(".one-time-password code.password")))
                    .getText();
            assertThat(reset).isNotEqualTo(password);
            assertThat(APP.loginResponse("dm-markup", reset).passwordChangeRequired()).isTrue();
            ConsoleBrowser.screenshot(b, "admin", "user-detail");
            b.button(text("users.oneTimeDone")).click();
            b.button(text("users.disableSubmit")).click();
            b.waitForText(text("users.disabledNow"));
            assertThat(APP.get("/users", admin).body()).contains("\"username\":\"dm-markup\"")
                    .contains("\"disabled\":true");
        }
    }

    @Test
    void coordinator_managesOnlyEnumeratorsOfTheirSites_refusalShown() throws Exception {
        String admin = APP.adminToken();
        String password = APP.createUser(admin, "coord-kh", "coordinator", List.of("KH-SVR")).password();
        APP.createUser(admin, "enum-kh", "enumerator", List.of("KH-SVR"));
        APP.createUser(admin, "enum-bd", "enumerator", List.of("BD-DHK"));
        APP.createUser(admin, "pi-hidden", "principal_investigator", List.of());
        try (Browser b = Browser.start()) {
            ConsoleBrowser.login(b, APP.baseUrl(), "coord-kh", password);
            ConsoleBrowser.go(b, "users");
            b.heading(text("users.title"));
            b.waitForText("enum-kh");
            String table = b.driver.findElement(By.cssSelector("table.users")).getText();
            assertThat(table).doesNotContain("enum-bd", "pi-hidden", "admin", "coord-kh");
            assertThat(new Select(b.field(text("users.role"))).getOptions()).hasSize(1);
            assertThat(b.driver.findElements(By.cssSelector("input[name=user-sites]"))).hasSize(1);
            ConsoleBrowser.screenshot(b, "coordinator", "users");

            b.field(text("users.name")).sendKeys("enum-new");
            b.driver.findElement(By.id("user-sites-KH-SVR")).click();
            b.button(text("users.addSubmit")).click();
            b.wait.until(d -> d.findElement(By.cssSelector(".one-time-password code.password")));
            b.waitForText("enum-new");

            // the page still shows enum-kh, but an admin has moved them to another site: the server refuses
            b.driver.findElement(By.linkText("enum-kh")).click();
            b.heading(text("users.detailTitle") + " enum-kh");
            assertThat(APP.send("PUT", "/users/enum-kh/role", admin, "application/json",
                    APP.write(new RoleChange("enumerator", List.of("BD-DHK")))).statusCode()).isEqualTo(200);
            b.button(text("users.resetSubmit")).click();
            b.waitForText(text("users.notManageable"));
            assertThat(b.driver.findElements(By.cssSelector(".one-time-password"))).isEmpty();
            assertThat(APP.lastAuditSubject("user.change.denied")).isEqualTo("user:enum-kh action:password-reset");
            ConsoleBrowser.screenshot(b, "coordinator", "user-refused");

            // an account that is not theirs is not found on the page either
            ConsoleBrowser.go(b, "users/pi-hidden");
            b.waitForText(text("users.notFound"));
        }
    }

    @Test
    void admin_transcriberLanguages_chosenFromTheStudysOrTyped_refusedWithoutAny() throws Exception {
        // the Sites hint names every role that needs a site, transcribers too
        assertThat(text("users.sitesHint")).contains("transcribers");
        try (Browser b = Browser.start()) {
            ConsoleBrowser.login(b, APP.baseUrl(), "admin", TestApp.ADMIN_PASSWORD);
            ConsoleBrowser.go(b, "users");
            b.heading(text("users.title"));
            b.waitForText(text("users.sitesHint"));
            // the study's languages (test study: en, km, bn) to tick, with their names
            assertThat(b.driver.findElements(By.cssSelector("input[name='user-languages']")).stream()
                    .map(i -> i.getAttribute("value")).toList()).containsExactly("bn", "en", "km");
            // a transcriber without languages: the server's words in the error summary, nobody added
            b.field(text("users.name")).sendKeys("tr-console");
            new Select(b.field(text("users.role"))).selectByValue("transcriber");
            b.driver.findElement(By.id("user-sites-KH-SVR")).click();
            b.button(text("users.addSubmit")).click();
            b.waitForText("needs at least one language");
            assertThat(APP.count("users", "username = 'tr-console'")).isZero();

            b.field("Khmer (km)").click();
            b.field("English (en)").click();
            b.button(text("users.addSubmit")).click();
            b.wait.until(d -> d.findElement(By.cssSelector(".one-time-password code.password")));
            b.button(text("users.oneTimeDone")).click();
            b.wait.until(d -> d.findElement(By.cssSelector("table.users")).getText()
                    .matches("(?s).*tr-console\\s+" + java.util.regex.Pattern.quote(
                            ConsoleBrowser.text("shell", "shell.role.transcriber")) + "\\s+KH-SVR\\s+en, km.*"));
            ConsoleBrowser.screenshot(b, "admin", "users-transcriber");

            b.driver.findElement(By.linkText("tr-console")).click();
            b.heading(text("users.detailTitle") + " tr-console");
            b.waitForText("en, km");
            // their languages ticked; none at all is refused by the server
            assertThat(b.field("Khmer (km)").isSelected()).isTrue();
            assertThat(b.field("English (en)").isSelected()).isTrue();
            assertThat(b.field("Bengali (bn)").isSelected()).isFalse();
            b.field("Khmer (km)").click();
            b.field("English (en)").click();
            b.button(text("users.roleSubmit")).click();
            b.waitForText("needs at least one language");
            assertThat(APP.count("user_languages", "username = 'tr-console'")).isEqualTo(2);
            // a language the study does not list, typed: still what the API allows
            b.field(text("users.languagesOther")).sendKeys("th");
            b.button(text("users.roleSubmit")).click();
            b.waitForText(text("users.roleChanged"));
            assertThat(b.driver.findElement(By.cssSelector("dl.summary")).getText()).contains("th")
                    .doesNotContain("km");
            assertThat(b.field(text("users.languagesOther")).getAttribute("value")).isEqualTo("th");
            ConsoleBrowser.screenshot(b, "admin", "user-detail-transcriber");
        }
        assertThat(APP.lastAuditSubject("user.role.changed")).endsWith("languages:th");
    }

    /** No element from typed markup, no alert. */
    private static void assertNoMarkupRan(Browser b) {
        assertThat(b.driver.findElements(By.cssSelector("main img"))).isEmpty();
        assertThat(b.driver.executeScript("return document.querySelectorAll('img[onerror]').length")).isEqualTo(0L);
        try {
            b.driver.switchTo().alert();
            throw new AssertionError("an alert opened: markup ran");
        } catch (org.openqa.selenium.NoAlertPresentException expected) {
            // rendered as text
        }
    }

    private static String text(String key) {
        return ConsoleBrowser.text("users", key);
    }
}
