package org.fieldsafe.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.fieldsafe.core.wire.ConsoleSession;
import org.fieldsafe.core.wire.LoginRequest;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.app.Browser;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.fieldsafe.server.resources.console.SecurityHeadersFilter;
import org.fieldsafe.server.resources.console.SessionCookies;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The console's security against a real server: the cookie session's CSRF token and Origin check, logout, bearer
 * tokens unchanged, the headers on every kind of response; in Chromium, markup in data rendered as text, the login
 * page by keyboard alone, and no sideways scrolling at 1366x768 and at 200 %.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ConsoleSecurityIntegrationTest {
    private static final TestApp APP = new TestApp();
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;
    private static final String MARKUP = "<script>window.pwned=1</script><img src=x onerror=\"window.pwned=2\">";
    private static Browser browser;

    /** One Chromium for the class, started by the first browser test. */
    private static Browser browser() throws Exception {
        if (browser == null) {
            browser = Browser.start();
        }
        return browser;
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    /** A cookie session of the admin: the cookie's token and the CSRF token. */
    private record CookieSession(String cookie, String csrf) {
    }

    private static CookieSession loginWithCookie(String username, String password) {
        HttpResponse<String> response = APP.send(HttpRequest.newBuilder(api("/session"))
                .header("Content-Type", "application/json").header("Origin", APP.baseUrl())
                .POST(HttpRequest.BodyPublishers.ofString(APP.write(new LoginRequest(username, password)))));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        HttpCookie cookie = HttpCookie.parse(response.headers().firstValue("Set-Cookie").orElseThrow()).get(0);
        return new CookieSession(cookie.getValue(), APP.read(response, ConsoleSession.class).csrfToken());
    }

    private static URI api(String path) {
        return URI.create(APP.baseUrl() + "/api/v1" + path);
    }

    private static HttpResponse<String> withCookie(String method, String path, CookieSession s, String csrf,
                                                   String origin) {
        HttpRequest.Builder r = HttpRequest.newBuilder(api(path)).header("Cookie", SessionCookies.NAME + "="
                + s.cookie()).method(method, HttpRequest.BodyPublishers.noBody());
        if (csrf != null) {
            r.header(SessionCookies.CSRF_HEADER, csrf);
        }
        if (origin != null) {
            r.header("Origin", origin);
        }
        return APP.send(r);
    }

    @Test
    void login_setsHttpOnlyStrictCookie_bodyHasCsrfTokenNotTheSessionToken() {
        HttpResponse<String> response = APP.send(HttpRequest.newBuilder(api("/session"))
                .header("Content-Type", "application/json").header("Origin", APP.baseUrl())
                .POST(HttpRequest.BodyPublishers.ofString(APP.write(new LoginRequest("admin",
                        TestApp.ADMIN_PASSWORD)))));

        String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).contains(SessionCookies.NAME + "=", "HttpOnly", "SameSite=Strict", "Path=/")
                .doesNotContain("Secure");
        String token = HttpCookie.parse(setCookie).get(0).getValue();
        assertThat(response.body()).doesNotContain(token).contains("csrfToken");
        assertThat(APP.read(response, ConsoleSession.class).csrfToken()).isEqualTo(SessionCookies.csrfToken(token));
    }

    @Test
    void login_behindTrustedProxyOverTls_cookieIsSecure() {
        // the test server trusts no proxy: the header alone does not make the cookie Secure
        HttpResponse<String> response = APP.send(HttpRequest.newBuilder(api("/session"))
                .header("Content-Type", "application/json").header("X-Forwarded-Proto", "https")
                .POST(HttpRequest.BodyPublishers.ofString(APP.write(new LoginRequest("admin",
                        TestApp.ADMIN_PASSWORD)))));
        assertThat(response.headers().firstValue("Set-Cookie").orElseThrow()).doesNotContain("Secure");
    }

    @Test
    void unsafe_cookieWithoutCsrfToken_is403ProblemAndChangesNothing() {
        CookieSession s = loginWithCookie("admin", TestApp.ADMIN_PASSWORD);

        HttpResponse<String> missing = withCookie("DELETE", "/session", s, null, APP.baseUrl());
        HttpResponse<String> wrong = withCookie("DELETE", "/session", s, "0".repeat(64), APP.baseUrl());

        assertThat(missing.statusCode()).isEqualTo(403);
        assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(APP.problem(missing).get("type").toString()).endsWith("csrf-token-missing");
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(APP.problem(wrong).get("type").toString()).endsWith("csrf-token-invalid");
        assertThat(withCookie("GET", "/session", s, null, null).statusCode()).as("still logged in").isEqualTo(200);
    }

    @Test
    void unsafe_cookieFromForeignOrigin_is403() {
        CookieSession s = loginWithCookie("admin", TestApp.ADMIN_PASSWORD);

        HttpResponse<String> foreign = withCookie("DELETE", "/session", s, s.csrf(), "https://evil.example");
        HttpResponse<String> noOrigin = withCookie("DELETE", "/session", s, s.csrf(), null);
        HttpResponse<String> login = APP.send(HttpRequest.newBuilder(api("/session"))
                .header("Content-Type", "application/json").header("Origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString(APP.write(new LoginRequest("admin",
                        TestApp.ADMIN_PASSWORD)))));

        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(APP.problem(foreign).get("type").toString()).endsWith("origin-refused");
        assertThat(noOrigin.statusCode()).isEqualTo(403);
        assertThat(login.statusCode()).as("no login from another site").isEqualTo(403);
        assertThat(withCookie("GET", "/session", s, null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void cookie_afterLogout_is401() {
        CookieSession s = loginWithCookie("admin", TestApp.ADMIN_PASSWORD);

        HttpResponse<String> out = withCookie("DELETE", "/session", s, s.csrf(), APP.baseUrl());

        assertThat(out.statusCode()).isEqualTo(204);
        assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
        HttpResponse<String> after = withCookie("GET", "/audit?limit=1", s, null, null);
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(after.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(withCookie("DELETE", "/session", s, s.csrf(), APP.baseUrl()).statusCode()).isEqualTo(401);
    }

    @Test
    void bearer_withoutCookieOrCsrf_stillWorks() {
        String token = APP.adminToken();

        assertThat(APP.get("/audit/verify", token).statusCode()).isEqualTo(200);
        assertThat(APP.send("POST", "/auth/logout", token, null, null).statusCode()).isEqualTo(204);
        assertThat(APP.get("/audit/verify", token).statusCode()).isEqualTo(401);
    }

    @Test
    void headers_onEveryPageAssetApiAnswerProblemAnd404() {
        String admin = APP.adminToken();
        List<String> paths = List.of("/", "/console/main.js", "/console/i18n.js", "/console/console.css",
                "/vendor/lit/index.js", "/texts/km/shell.json", "/api/v1/auth/me", "/api/v1/audit?limit=1",
                "/api/v1/nowhere", "/nowhere", "/console/no-such.js", "/texts/en/nothing.json");
        for (String path : paths) {
            HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(APP.baseUrl() + path));
            if (path.contains("audit")) {
                r.header("Authorization", "Bearer " + admin);
            }
            HttpResponse<String> response = APP.send(r);
            Map<String, List<String>> h = response.headers().map();
            assertThat(response.headers().firstValue("Content-Security-Policy")).as(path)
                    .hasValue(SecurityHeadersFilter.CSP);
            assertThat(SecurityHeadersFilter.CSP).contains("default-src 'self'", "frame-ancestors 'none'",
                    "script-src 'self' 'sha256-").doesNotContain("unsafe-inline", "unsafe-eval");
            assertThat(response.headers().firstValue("Cache-Control").orElse("")).as(path).contains("no-store");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            assertThat(h).as(path).containsKey("x-frame-options");
            if (path.contains("nowhere") || path.contains("no-such") || path.contains("nothing")) {
                assertThat(response.statusCode()).as(path).isEqualTo(404);
                assertThat(response.headers().firstValue("Content-Type")).as(path)
                        .hasValue("application/problem+json");
            } else if (path.equals("/api/v1/auth/me")) {
                assertThat(response.statusCode()).isEqualTo(401);
            } else {
                assertThat(response.statusCode()).as(path).isEqualTo(200);
            }
        }
    }

    @Test
    void auditScreen_markupInEntries_rendersAsText() throws Exception {
        APP.services().audit().append(MARKUP, "test.markup", "subject " + MARKUP);
        Browser b = browser();
        ConsoleBrowser.login(b, APP.baseUrl(), "admin", TestApp.ADMIN_PASSWORD);
        ConsoleBrowser.go(b, "admin/audit");
        b.waitForText("subject " + MARKUP);

        WebElement main = b.driver.findElement(By.tagName("main"));
        assertThat(main.findElements(By.tagName("script"))).isEmpty();
        assertThat(main.findElements(By.tagName("img"))).isEmpty();
        assertThat(main.getText()).contains(MARKUP);
        assertThat(b.driver.executeScript("return window.pwned === undefined;")).isEqualTo(true);
        ConsoleBrowser.logout(b);
    }

    @Test
    void session_expired_backToLoginWithMessage() throws Exception {
        Browser b = browser();
        ConsoleBrowser.login(b, APP.baseUrl(), "admin", TestApp.ADMIN_PASSWORD);
        APP.clock.advance(Duration.ofHours(2)); // past the test config's one-hour sessions
        try {
            b.driver.executeScript("location.hash = '#/admin/health';");
            b.heading(ConsoleBrowser.text("shell", "shell.login.title"));
            b.waitForText(ConsoleBrowser.text("shell", "shell.session.expired"));
            assertThat(b.driver.findElements(By.cssSelector("nav.console-nav"))).isEmpty();
            ConsoleBrowser.screenshot(b, "any", "session-expired");
        } finally {
            APP.clock.advance(Duration.ofHours(-2));
            b.driver.manage().deleteAllCookies(); // the session would be current again
        }
    }

    @Test
    void login_rateLimited_showsTheWaitInWords() throws Exception {
        Browser b = browser();
        ConsoleBrowser.open(b, APP.baseUrl());
        String wait = ConsoleBrowser.text("shell", "shell.login.tooMany");
        String tooMany = wait.substring(0, wait.indexOf('{'));
        for (int i = 0; i < 6 && !b.driver.findElement(By.tagName("main")).getText().contains(tooMany); i++) {
            WebElement user = b.field(ConsoleBrowser.text("shell", "shell.login.username"));
            user.clear();
            ConsoleBrowser.submitLogin(b, "limited-nobody", "wrong password " + i);
            WebElement password = b.field(ConsoleBrowser.text("shell", "shell.login.password"));
            b.wait.until(d -> password.getDomProperty("value").isEmpty()); // cleared when the login is refused
        }
        String summary = b.driver.findElement(By.cssSelector(".error-summary")).getText();
        assertThat(summary).containsPattern(java.util.regex.Pattern.quote(tooMany) + "\\d+ ");
        ConsoleBrowser.screenshot(b, "any", "login-too-many");
    }

    @Test
    void language_khmerThenLahu_textsCarryTheirLangAndEnglishFallbackIsMarked() throws Exception {
        Browser b = browser();
        ConsoleBrowser.open(b, APP.baseUrl());
        new Select(b.field(ConsoleBrowser.text("shell", "shell.language"))).selectByValue("km");
        b.button(ConsoleBrowser.text("shell", "shell.languageApply")).click();

        WebElement h1 = b.heading(ConsoleBrowser.text("km", "shell", "shell.login.title"));
        assertThat(h1.findElement(By.tagName("span")).getAttribute("lang")).isEqualTo("km");
        assertThat(b.driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("km");
        b.waitForText(ConsoleBrowser.text("km", "shell", "shell.draftTexts"));
        ConsoleBrowser.screenshot(b, "any", "login-km");

        new Select(b.field(ConsoleBrowser.text("km", "shell", "shell.language"))).selectByValue("lhu");
        b.button(ConsoleBrowser.text("km", "shell", "shell.languageApply")).click();
        h1 = b.heading(ConsoleBrowser.text("shell", "shell.login.title"));
        assertThat(h1.findElement(By.tagName("span")).getAttribute("lang")).isEqualTo("en");
        assertThat(h1.findElement(By.tagName("span")).getAttribute("class")).contains("fallback");
        b.waitForText(ConsoleBrowser.text("shell", "shell.missingTexts"));
    }

    @Test
    void login_keyboardOnly_signsIn() throws Exception {
        Browser b = browser();
        ConsoleBrowser.open(b, APP.baseUrl());
        // from the top of the page: the skip link, the language picker and its button, then the user name
        WebElement user = b.field(ConsoleBrowser.text("shell", "shell.login.username"));
        b.driver.findElement(By.tagName("body")).click();
        for (int i = 0; i < 8 && !user.equals(b.driver.switchTo().activeElement()); i++) {
            b.driver.switchTo().activeElement().sendKeys(Keys.TAB);
        }
        assertThat(b.driver.switchTo().activeElement()).as("reached by Tab").isEqualTo(user);
        user.sendKeys("admin" + Keys.TAB);
        b.driver.switchTo().activeElement().sendKeys(TestApp.ADMIN_PASSWORD + Keys.ENTER);

        ConsoleBrowser.waitForNavigation(b);
        assertThat(b.driver.findElement(By.cssSelector(".console-header .user-name")).getText()).isEqualTo("admin");
        ConsoleBrowser.logout(b);
    }

    @Test
    void loginAndAudit_at1366x768AndAt200Percent_noSidewaysScrolling() throws Exception {
        Browser b = browser();
        ConsoleBrowser.open(b, APP.baseUrl());
        assertThat(b.scrollsSideways()).as("login at 1366x768").isFalse();
        b.zoom(2.0);
        try {
            assertThat(b.scrollsSideways()).as("login at 200 %").isFalse();
            ConsoleBrowser.screenshot(b, "any", "login-200");
            ConsoleBrowser.submitLogin(b, "admin", TestApp.ADMIN_PASSWORD);
            ConsoleBrowser.waitForNavigation(b);
            ConsoleBrowser.go(b, "admin/audit");
            b.heading(ConsoleBrowser.text("admin", "admin.audit.title"));
            b.wait.until(d -> !d.findElements(By.cssSelector("main table")).isEmpty());
            assertThat(b.scrollsSideways()).as("audit at 200 %").isFalse();
            ConsoleBrowser.screenshot(b, "admin", "audit-200");
        } finally {
            b.driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
        assertThat(b.scrollsSideways()).as("audit at 1366x768").isFalse();
        ConsoleBrowser.logout(b);
    }
}
