package org.fieldsafe.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.util.List;
import org.fieldsafe.core.wire.AuditVerification;
import org.fieldsafe.core.wire.NewUser;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.app.Browser;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The admin's console in real Chromium against a real server: the first login changes the one-time password, the
 * admin changes it again from "my account", the audit log pages and filters, the chain verifies intact, and after a row of the log is edited in the database the
 * page names the broken entry and links to it; the health checks. A screenshot of every screen.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ConsoleAdminBrowserIntegrationTest {
    private static final TestApp APP = new TestApp();
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;

    private static String text(String area, String key) {
        return ConsoleBrowser.text(area, key);
    }

    @Test
    void admin_firstLoginPasswordsThenAuditChain_editedRowIsNamedAndLinked() throws Exception {
        NewUser admin = APP.createUserWithOneTimePassword(APP.adminToken(), "admin-two", "admin", List.of());
        try (Browser b = Browser.start()) {
            ConsoleBrowser.open(b, APP.baseUrl());
            ConsoleBrowser.screenshot(b, "admin", "login");
            ConsoleBrowser.submitLogin(b, admin.username(), admin.password());

            // the one-time password first: nothing else opens until it is changed
            b.heading(text("shell", "shell.password.forcedTitle"));
            assertThat(b.driver.findElements(By.cssSelector("nav.console-nav"))).isEmpty();
            ConsoleBrowser.screenshot(b, "admin", "password-forced");
            b.field(text("shell", "shell.password.oneTime")).sendKeys(admin.password());
            b.field(text("shell", "shell.password.new")).sendKeys("a long own password 2026");
            b.field(text("shell", "shell.password.again")).sendKeys("a long own password 2026" + Keys.ENTER);
            ConsoleBrowser.waitForNavigation(b);
            b.heading(text("shell", "shell.account.title"));
            assertThat(b.driver.findElement(By.cssSelector("main dd.user-name")).getText()).isEqualTo("admin-two");
            b.waitForText(text("shell", "shell.password.changed"));
            ConsoleBrowser.screenshot(b, "admin", "account");
            ConsoleBrowser.go(b, "account/password");
            b.heading(text("shell", "shell.password.changeTitle"));
            b.button(text("shell", "shell.password.submit")).click(); // nothing typed: the error summary first
            b.wait.until(d -> d.findElement(By.cssSelector(".error-summary")).getText()
                    .contains(text("shell", "shell.password.currentEmpty")));
            ConsoleBrowser.screenshot(b, "admin", "password");
            b.field(text("shell", "shell.password.current")).sendKeys("a long own password 2026");
            b.field(text("shell", "shell.password.new")).sendKeys("another long password 2027");
            b.field(text("shell", "shell.password.again")).sendKeys("another long password 2027" + Keys.ENTER);
            b.heading(text("shell", "shell.account.title"));
            b.waitForText(text("shell", "shell.password.changed"));
            assertThat(APP.loginResponse("admin-two", "another long password 2027").username()).isEqualTo("admin-two");

            // the audit log, newest first, then filtered to the login family
            ConsoleBrowser.go(b, "admin/audit");
            b.heading(text("admin", "admin.audit.title"));
            b.wait.until(d -> !d.findElements(By.cssSelector("main tbody tr")).isEmpty());
            assertThat(b.driver.findElement(By.cssSelector("main tbody")).getText()).contains("user.password.changed");
            ConsoleBrowser.screenshot(b, "admin", "audit");
            b.field(text("admin", "admin.audit.event")).sendKeys("login" + Keys.ENTER);
            b.wait.until(d -> Boolean.TRUE.equals(b.driver.executeScript( // read at once: the table re-renders
                    "const events = [...document.querySelectorAll('main tbody tr td:nth-child(4)')];"
                    + " return events.length > 0 && events.every((td) => td.textContent.startsWith('login'));")));

            // the chain: intact
            ConsoleBrowser.go(b, "admin/chain");
            b.heading(text("admin", "admin.chain.title"));
            b.button(text("admin", "admin.chain.verify")).click();
            b.wait.until(d -> d.findElement(By.id("chain-result")).getText().contains(
                    text("admin", "admin.chain.intact").replace("{entries}", "")
                            .substring(0, text("admin", "admin.chain.intact").indexOf('{'))));
            ConsoleBrowser.screenshot(b, "admin", "chain-intact");

            // an entry edited in the database behind the log's back
            long seq = APP.services().database().write(h -> {
                long s = h.createQuery("SELECT MIN(seq) FROM audit_log WHERE event = 'user.password.changed'")
                        .mapTo(Long.class).one();
                h.createUpdate("UPDATE audit_log SET subject = 'user:someone-else' WHERE seq = :seq")
                        .bind("seq", s).execute();
                return s;
            });
            assertThat(APP.read(APP.get("/audit/verify", APP.adminToken()), AuditVerification.class).brokenAt())
                    .isEqualTo(seq);
            b.button(text("admin", "admin.chain.verify")).click();
            String broken = text("admin", "admin.chain.broken").replace("{seq}", String.valueOf(seq));
            b.wait.until(d -> d.findElement(By.id("chain-result")).getText().contains(broken));
            ConsoleBrowser.screenshot(b, "admin", "chain-broken");
            b.driver.findElement(By.linkText(text("admin", "admin.chain.showBroken")
                    .replace("{seq}", String.valueOf(seq)))).sendKeys(Keys.ENTER);
            WebElement row = b.wait.until(d -> d.findElement(By.id("audit-" + seq)));
            assertThat(row.getAttribute("class")).contains("broken");
            assertThat(row.getText()).contains("user:someone-else", text("admin", "admin.audit.brokenMark"));
            assertThat(b.driver.getCurrentUrl()).endsWith("#/admin/audit/" + seq);
            ConsoleBrowser.screenshot(b, "admin", "audit-broken");

            // the health checks
            ConsoleBrowser.go(b, "admin/health");
            b.heading(text("admin", "admin.health.title"));
            b.wait.until(d -> d.findElement(By.cssSelector("main tbody")).getText().contains("forms"));
            ConsoleBrowser.screenshot(b, "admin", "health");
        }
    }
}
