package org.fieldsafe.server.console;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.fieldsafe.core.json.JsonMappers;
import org.fieldsafe.server.app.Browser;
import org.fieldsafe.server.resources.console.ConsoleServlet;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The console in real Chromium, for the browser tests of every role: open the page, log a person in (changing a
 * one-time password first when the server asks), open a screen by its route, read the console's words from the same
 * files the server serves, and save screenshots as {@code target/screenshots/console/<role>-<screen>.png}.
 */
public final class ConsoleBrowser {
    private static final ObjectMapper JSON = JsonMappers.plain();

    private ConsoleBrowser() {
    }

    /** A console text in English. */
    public static String text(String area, String key) {
        return text("en", area, key);
    }

    /** A console text in {@code lang} (English where the language lacks it), as the server serves it. */
    public static String text(String lang, String area, String key) {
        String file = ConsoleServlet.WEB + "i18n/" + lang + "/" + area + ".json";
        try (InputStream in = ConsoleBrowser.class.getClassLoader().getResourceAsStream(file)) {
            JsonNode value = in == null ? null : JSON.readTree(in).path("texts").path(key);
            if (value != null && value.isTextual()) {
                return value.asText();
            }
            if ("en".equals(lang)) {
                throw new IllegalArgumentException("no text " + key + " in " + file);
            }
            return text("en", area, key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The console's page at {@code baseUrl}, logged out (no session cookie), showing the login. */
    public static void open(Browser b, String baseUrl) {
        b.driver.get(baseUrl + "/");
        b.driver.manage().deleteAllCookies();
        b.driver.navigate().refresh();
        b.heading(text("shell", "shell.login.title"));
    }

    /** Opens the console and logs in; waits for the role's navigation (a full session). */
    public static void login(Browser b, String baseUrl, String username, String password) {
        open(b, baseUrl);
        submitLogin(b, username, password);
        waitForNavigation(b);
    }

    /** Fills and sends the login form (the page must show it). */
    public static void submitLogin(Browser b, String username, String password) {
        b.field(text("shell", "shell.login.username")).sendKeys(username);
        b.field(text("shell", "shell.login.password")).sendKeys(password + Keys.ENTER);
    }

    /**
     * Opens the console and logs in with a one-time password, then chooses {@code own} on the forced page; waits for
     * the role's navigation.
     */
    public static void loginFirstTime(Browser b, String baseUrl, String username, String oneTime, String own) {
        open(b, baseUrl);
        submitLogin(b, username, oneTime);
        b.heading(text("shell", "shell.password.forcedTitle"));
        b.field(text("shell", "shell.password.oneTime")).sendKeys(oneTime);
        b.field(text("shell", "shell.password.new")).sendKeys(own);
        b.field(text("shell", "shell.password.again")).sendKeys(own + Keys.ENTER);
        waitForNavigation(b);
    }

    /** Opens a route of routes.js ({@code admin/audit}) in the logged-in page. */
    public static void go(Browser b, String route) {
        b.driver.executeScript("location.hash = arguments[0];", "#/" + route);
        b.wait.until(d -> d.findElements(By.cssSelector("main .screen[data-screen]")).stream()
                .anyMatch(e -> route.matches(e.getAttribute("data-screen").replaceAll(":[a-zA-Z]+", "[^/]+"))));
    }

    /** Logs out with the header's button; waits for the login page. */
    public static void logout(Browser b) {
        b.button(text("shell", "shell.logout")).click();
        b.heading(text("shell", "shell.login.title"));
    }

    public static void waitForNavigation(Browser b) {
        b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("nav.console-nav")));
    }

    /** routes.js as the page imports it: every screen with its roles and path (needs the console open). */
    public static List<Map<String, Object>> routes(Browser b) {
        Object json = b.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "import('/console/routes.js').then((m) => done(JSON.stringify(m.routes)), (e) => done(String(e)));");
        try {
            return JSON.readValue((String) json, new TypeReference<List<Map<String, Object>>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("routes.js: " + json, e);
        }
    }

    /** Whether a route of {@link #routes} is open to a role (as on the wire), as router.js decides. */
    public static boolean allowed(Map<String, Object> route, String role) {
        List<?> roles = (List<?>) route.get("roles");
        return roles.contains("*") || roles.contains(role);
    }

    /**
     * Waits until the screen has its heading, says no "Loading" and has fetched nothing for half a second (every
     * call a screen makes on opening has answered).
     */
    public static void settle(Browser b) {
        b.driver.executeAsyncScript("const done = arguments[arguments.length - 1]; const loading = arguments[0];"
                + "let last = -1; let quiet = 0; const start = Date.now();"
                + "const tick = () => { const n = performance.getEntriesByType('resource').length;"
                + "  const main = document.querySelector('main');"
                + "  const ready = main && main.querySelector('h1') && !main.innerText.includes(loading);"
                + "  quiet = (n === last && ready) ? quiet + 1 : 0; last = n;"
                + "  if (quiet >= 5 || Date.now() - start > 15000) { done(quiet >= 5); } else { setTimeout(tick, 100); } };"
                + "tick();", text("shell", "shell.loading"));
    }

    /** The whole page as {@code target/screenshots/console/<role>-<screen>.png}. */
    public static void screenshot(Browser b, String role, String screen) {
        b.screenshot("console/" + role + "-" + screen);
    }
}
