package org.fieldsafe.server.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldsafe.server.console.ConsoleSweepData.ADDRESS;
import static org.fieldsafe.server.console.ConsoleSweepData.CODE;
import static org.fieldsafe.server.console.ConsoleSweepData.CONTACT;
import static org.fieldsafe.server.console.ConsoleSweepData.NAME;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fieldsafe.server.Envelopes;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.app.Browser;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * Issue 16's DOM sweep: for every role and every route of routes.js (read from routes.js in the page, so screens
 * added later are swept too), the screen is opened over real data and its markup, its visible text and its fields'
 * values are searched for the test interviews' distinctive strings (an answer, a name, an address, a contact, a
 * respondent code). Allowed only: the referral part (code and contact) on the case screen of the case's own site's
 * officer once opened, and the identity part (name, address, code) on the PI's identity screen after a read. A route
 * the role may not open shows "Page not found", not data. Every screen visited is saved as
 * {@code target/screenshots/console/sweep-<role>-<route>.png}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ConsoleDomSweepIntegrationTest {
    private static final TestApp APP = new TestApp();
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;

    @Test
    void everyScreen_everyRole_showsNoAnswerNameContactOrCode() throws Exception {
        ConsoleSweepData data = new ConsoleSweepData(APP);
        data.seed();
        try (Browser b = Browser.start()) {
            for (String role : ConsoleSweepData.ROLES) {
                ConsoleBrowser.login(b, APP.baseUrl(), ConsoleSweepData.login(role), data.password(role));
                List<Map<String, Object>> routes = ConsoleBrowser.routes(b);
                assertThat(routes).as("routes.js read in the page").hasSizeGreaterThan(10);
                int opened = 0;
                for (Map<String, Object> route : routes) {
                    String path = (String) route.get("path");
                    String address = data.address(path);
                    String shot = "sweep-" + role + "-" + path.replace("/", "-").replace(":", "");
                    if (ConsoleBrowser.allowed(route, ConsoleSweepData.wireRole(role))) {
                        ConsoleBrowser.go(b, address);
                        ConsoleBrowser.settle(b);
                        assertThat(found(b)).as(role + " on " + path).isEmpty();
                        b.screenshot("console/" + shot);
                        opened++;
                        afterwards(b, data, role, path, shot);
                    } else {
                        refused(b, address);
                        ConsoleBrowser.settle(b);
                        assertThat(found(b)).as(role + " refused " + path).isEmpty();
                        b.screenshot("console/" + shot + "-refused");
                    }
                }
                assertThat(opened).as(role + " opened screens").isPositive();
                ConsoleBrowser.logout(b);
            }
        }
    }

    /**
     * Where a role may see a part after a deliberate act: the case's own officer opens the referral part, the PI reads
     * the identity part; only those strings appear, and only there. The other site's officer gets "Case not found".
     */
    private static void afterwards(Browser b, ConsoleSweepData data, String role, String path, String shot) {
        if (role.equals("safeguarding_officer") && path.equals("officer/cases/:id")) {
            b.driver.findElement(By.id("part-passphrase")).sendKeys(Envelopes.PASSPHRASE);
            b.button(ConsoleBrowser.text("officer", "officer.part.open")).click();
            b.wait.until(d -> d.findElement(By.cssSelector(".referral-part .part-code")).getText().equals(CODE));
            ConsoleBrowser.settle(b);
            assertThat(found(b)).as("the opened referral part").contains(CODE, CONTACT)
                    .isSubsetOf(Set.of(CODE, CONTACT));
            b.screenshot("console/" + shot + "-part-open");
        } else if (role.equals("other_site_officer") && path.equals("officer/cases/:id")) {
            b.heading(ConsoleBrowser.text("officer", "officer.case.notFound"));
        } else if (role.equals("principal_investigator") && path.equals("pi/identity")) {
            b.field(ConsoleBrowser.text("pi", "pi.identity.submission")).sendKeys(data.submissionId);
            new Select(b.field(ConsoleBrowser.text("pi", "pi.identity.reason")))
                    .selectByVisibleText(ConsoleBrowser.text("pi", "pi.reason.recontact"));
            b.field(ConsoleBrowser.text("pi", "pi.identity.passphrase")).sendKeys(Envelopes.PASSPHRASE);
            b.button(ConsoleBrowser.text("pi", "pi.identity.submit")).click();
            b.waitForText(NAME);
            ConsoleBrowser.settle(b);
            assertThat(found(b)).as("the identity part read").contains(NAME, ADDRESS)
                    .isSubsetOf(Set.of(NAME, ADDRESS, CODE));
            b.screenshot("console/" + shot + "-read");
        }
    }

    /** Opens an address the role may not open: "Page not found" and no screen. */
    static void refused(Browser b, String address) {
        b.driver.executeScript("location.hash = arguments[0];", "#/" + address);
        b.heading(ConsoleBrowser.text("shell", "shell.notFound"));
        b.wait.until(d -> d.findElements(By.cssSelector("main .screen")).isEmpty());
    }

    /** Which of the sweep's strings the page holds: in its markup, its visible text or a field's value. */
    @SuppressWarnings("unchecked")
    static List<String> found(Browser b) {
        return (List<String>) b.driver.executeScript("const secrets = arguments[0];"
                + "const html = document.documentElement.outerHTML; const text = document.body.innerText;"
                + "const values = [...document.querySelectorAll('input, textarea, select')].map((i) => i.value)"
                + "  .join('\\n');"
                + "return secrets.filter((s) => html.includes(s) || text.includes(s) || values.includes(s)"
                + "  || location.href.includes(s));", ConsoleSweepData.SECRETS);
    }
}
