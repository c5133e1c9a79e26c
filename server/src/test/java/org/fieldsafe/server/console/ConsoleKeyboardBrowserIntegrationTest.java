package org.fieldsafe.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fieldsafe.server.Envelopes;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * Issue 16's keyboard-only pass over the whole console (DESIGN.md section 11): on every screen of every role (the
 * routes read from routes.js in the page) Tab reaches every link, button and field in document order, each shows a
 * visible focus indicator when focused, and the page body never scrolls sideways at 1366x768 or at 200 % zoom (a
 * 683 px wide viewport). Each role's main task is then done with the keyboard alone: log in, open a screen from the
 * navigation, send one form with Enter or Space. Screenshots {@code target/screenshots/console/keyboard-*.png}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ConsoleKeyboardBrowserIntegrationTest {
    private static final TestApp APP = new TestApp();
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;
    @RegisterExtension
    static final ConsoleSweepData DATA = new ConsoleSweepData(APP);

    @Test
    void everyScreen_tabReachesEveryControlInOrderWithVisibleFocus_noSidewaysScrollAtZoom() {
        for (String role : List.of("admin", "coordinator", "safeguarding_officer", "data_manager",
                "principal_investigator")) {
            ConsoleBrowser.login(DATA.browser, APP.baseUrl(), ConsoleSweepData.login(role), DATA.password(role));
            for (Map<String, Object> route : ConsoleBrowser.routes(DATA.browser)) {
                if (!ConsoleBrowser.allowed(route, role)) {
                    continue;
                }
                String path = (String) route.get("path");
                String screen = role + " " + path;
                ConsoleBrowser.go(DATA.browser, DATA.address(path));
                ConsoleBrowser.settle(DATA.browser);
                TabWalk walk = tabThrough();
                assertThat(walk.expected).as(screen + ": controls").isPositive();
                assertThat(walk.missed).as(screen + ": controls Tab never reached").isEmpty();
                assertThat(walk.outOfOrder).as(screen + ": Tab stops out of document order").isEmpty();
                assertThat(walk.noIndicator).as(screen + ": focused without a visible indicator").isEmpty();
                assertThat(DATA.browser.scrollsSideways()).as(screen + " at 1366x768 scrolls sideways").isFalse();
                DATA.browser.zoom(2.0);
                assertThat(DATA.browser.scrollsSideways()).as(screen + " at 200 % scrolls sideways").isFalse();
                DATA.browser.screenshot("console/keyboard-" + role + "-" + path.replace("/", "-").replace(":", "") + "-zoom200");
                DATA.browser.driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
            }
        }
    }

    @Test
    void mainTasks_keyboardOnly_loginNavigateAndSend() {
        // admin: verify the audit chain
        keyboardLogin("admin");
        openFromNavigation("admin/chain");
        tabTo("button", ConsoleBrowser.text("admin", "admin.chain.verify"));
        press(Keys.SPACE);
        DATA.browser.wait.until(d -> d.findElement(By.id("chain-result")).isDisplayed());
        DATA.browser.screenshot("console/keyboard-admin-chain-verified");
        ConsoleBrowser.logout(DATA.browser);

        // safeguarding officer: open the case from the queue and acknowledge it
        keyboardLogin("safeguarding_officer");
        openFromNavigation("officer/cases");
        tabTo("a", null, "a[href='#/officer/cases/" + DATA.caseId + "']");
        press(Keys.ENTER);
        DATA.browser.heading(ConsoleBrowser.text("officer", "officer.case.title"));
        tabTo("button", ConsoleBrowser.text("officer", "officer.action.acknowledge"));
        press(Keys.SPACE);
        DATA.browser.wait.until(d -> d.findElement(By.cssSelector("dd[data-field='state']")).getText()
                .equals(ConsoleBrowser.text("officer", "officer.state.acknowledged")));
        DATA.browser.screenshot("console/keyboard-officer-acknowledged");
        ConsoleBrowser.logout(DATA.browser);

        // data manager: start an export with the passphrase and Enter
        keyboardLogin("data_manager");
        openFromNavigation("data/exports");
        tabTo("input", null, "#export-passphrase");
        type(Envelopes.PASSPHRASE + Keys.ENTER);
        DATA.browser.heading(ConsoleBrowser.text("data", "data.job.title"));
        DATA.browser.screenshot("console/keyboard-data-export-started");
        ConsoleBrowser.logout(DATA.browser);

        // principal investigator: a stable-code grant, the reason picked with the arrow keys
        keyboardLogin("principal_investigator");
        openFromNavigation("pi/stable-codes");
        tabTo("select", null, "#grant-reason");
        press(Keys.ARROW_DOWN);
        tabTo("button", ConsoleBrowser.text("pi", "pi.grants.submit"));
        press(Keys.ENTER);
        DATA.browser.wait.until(d -> !d.findElements(By.cssSelector("code.grant-id")).isEmpty());
        DATA.browser.screenshot("console/keyboard-pi-grant");
        ConsoleBrowser.logout(DATA.browser);

        // coordinator: an enrolment code for an enumerator at a site
        keyboardLogin("coordinator");
        openFromNavigation("coordinator/enrolment");
        tabTo("input", null, "#enumerator");
        type(ConsoleSweepData.login("enumerator"));
        tabTo("select", null, "#site");
        tabTo("button", ConsoleBrowser.text("coordinator", "coordinator.enrol.create"));
        press(Keys.ENTER);
        DATA.browser.wait.until(d -> d.findElement(By.id("created-code")).isDisplayed());
        DATA.browser.screenshot("console/keyboard-coordinator-enrolment");
        ConsoleBrowser.logout(DATA.browser);
    }

    /** Logs in typing into the fields reached by Tab, sent with Enter; waits for the navigation. */
    private static void keyboardLogin(String role) {
        ConsoleBrowser.open(DATA.browser, APP.baseUrl());
        tabTo("input", null, "#login-username");
        type(ConsoleSweepData.login(role));
        press(Keys.TAB);
        assertThat(active().getAttribute("id")).isEqualTo("login-password");
        type(DATA.password(role) + Keys.ENTER);
        ConsoleBrowser.waitForNavigation(DATA.browser);
    }

    /** Tabs to the navigation's link of a route and follows it with Enter. */
    private static void openFromNavigation(String route) {
        tabTo("a", null, "nav.console-nav a[href='#/" + route + "']");
        press(Keys.ENTER);
        DATA.browser.wait.until(d -> !d.findElements(By.cssSelector("main .screen[data-screen='" + route + "']")).isEmpty());
        ConsoleBrowser.settle(DATA.browser);
    }

    private static void tabTo(String tag, String text) {
        tabTo(tag, text, null);
    }

    /** Presses Tab (at most 200 times) until the focused element is a {@code tag} with this text or selector. */
    private static void tabTo(String tag, String text, String selector) {
        for (int i = 0; i < 200; i++) {
            press(Keys.TAB);
            WebElement e = active();
            boolean fits = e.getTagName().equalsIgnoreCase(tag)
                    && (text == null || e.getText().trim().equals(text))
                    && (selector == null || Boolean.TRUE.equals(DATA.browser.driver.executeScript(
                    "return document.activeElement.matches(arguments[0]);", selector)));
            if (fits) {
                return;
            }
        }
        throw new AssertionError("Tab never reached " + tag + " " + (text != null ? text : selector));
    }

    private static WebElement active() {
        return DATA.browser.driver.switchTo().activeElement();
    }

    private static void press(CharSequence key) {
        new Actions(DATA.browser.driver).sendKeys(key).perform();
    }

    private static void type(String keys) {
        new Actions(DATA.browser.driver).sendKeys(keys).perform();
    }

    /** What tabbing through a screen showed: controls expected, and those missed, out of order or unmarked. */
    record TabWalk(int expected, List<String> missed, List<String> outOfOrder, List<String> noIndicator) {
    }

    /**
     * Marks the screen's interactive elements (links, buttons, fields, anything with a tabindex of 0 or more; one
     * radio button per group; visible, not disabled) in document order with their unfocused outline and shadow, then
     * presses Tab from the top of the page until the focus comes back round, noting each stop (a date or time field
     * keeps the focus for a Tab per part: day, month, year, hour...).
     */
    @SuppressWarnings("unchecked")
    private static TabWalk tabThrough() {
        long expected = (Long) DATA.browser.driver.executeScript(""
                + "document.getElementById('kb-start')?.remove();"
                + "const start = document.createElement('span'); start.id = 'kb-start'; start.tabIndex = -1;"
                + "document.body.prepend(start);"
                + "const seen = new Set();"
                + "const all = [...document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]')]"
                + "  .filter((e) => e.tabIndex >= 0 && !e.disabled && e.type !== 'hidden' && e.getClientRects().length"
                + "    && getComputedStyle(e).visibility !== 'hidden')"
                + "  .filter((e) => { if (e.type !== 'radio') { return true; }"
                + "    if (seen.has(e.name)) { return false; } seen.add(e.name); return true; });"
                + "const describe = (e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')"
                + "  + ' ' + (e.innerText || e.value || e.getAttribute('href') || '').trim().substring(0, 40);"
                + "window.kbWalk = { all, describe, stops: [], before: all.map((e) => { const s = getComputedStyle(e);"
                + "  return s.outlineStyle + s.outlineWidth + s.outlineColor + '|' + s.boxShadow; }) };"
                + "start.focus(); return all.length;");
        int limit = (int) expected * 8 + 20; // date and time fields take a Tab per part
        for (int i = 0; i < limit; i++) {
            press(Keys.TAB);
            Boolean back = (Boolean) DATA.browser.driver.executeScript(""
                    + "const w = window.kbWalk; const e = document.activeElement;"
                    + "if (!e || e === document.body) { return w.stops.length > 0; }"
                    + "const i = w.all.indexOf(e); const s = getComputedStyle(e);"
                    + "const now = s.outlineStyle + s.outlineWidth + s.outlineColor + '|' + s.boxShadow;"
                    + "const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;"
                    + "const marked = (outline || s.boxShadow !== 'none') && (i < 0 || now !== w.before[i]);"
                    + "const last = w.stops[w.stops.length - 1];"
                    + "if (last && last.e === e) { return false; }" // Tab through a date field's parts
                    + "if (i >= 0 && w.stops.some((x) => x.i === i)) { return true; }"
                    + "w.stops.push({ e, i, marked, what: w.describe(e) }); return false;");
            if (Boolean.TRUE.equals(back)) {
                break;
            }
        }
        Map<String, Object> result = (Map<String, Object>) DATA.browser.driver.executeScript(""
                + "const w = window.kbWalk; const reached = new Set(w.stops.map((s) => s.i));"
                + "const missed = w.all.filter((e, i) => !reached.has(i)).map(w.describe);"
                + "const order = w.stops.filter((s) => s.i >= 0); const outOfOrder = [];"
                + "for (let k = 1; k < order.length; k++) { if (order[k].i < order[k - 1].i) {"
                + "  outOfOrder.push(order[k - 1].what + ' then ' + order[k].what); } }"
                + "document.getElementById('kb-start')?.remove();"
                + "return { missed, outOfOrder, noIndicator: w.stops.filter((s) => !s.marked).map((s) => s.what) };");
        return new TabWalk((int) expected, new ArrayList<>((List<String>) result.get("missed")),
                new ArrayList<>((List<String>) result.get("outOfOrder")),
                new ArrayList<>((List<String>) result.get("noIndicator")));
    }
}
