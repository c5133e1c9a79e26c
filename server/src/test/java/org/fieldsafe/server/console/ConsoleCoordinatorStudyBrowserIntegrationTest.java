package org.fieldsafe.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.fieldsafe.core.wire.DeviceEnrolment;
import org.fieldsafe.core.wire.NewUser;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.UploadFixture;
import org.fieldsafe.server.app.Browser;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.fieldsafe.server.export.SealedInterviews;
import org.fieldsafe.server.referral.ReferralFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The coordinator's study screens in real Chromium against a real server: the overview's counts for a seeded study
 * (interviews, devices, open cases), the translator round trip (the template downloaded through the page, a changed
 * file previewed - key, before, after - then applied, and the coverage updated; a file with an unknown key named by
 * its line), the referral directory editor (an entry added after a refusal named by field, then confirmed, and the
 * report no longer lists it; another removed after the question), and hostile markup in a form title, a translation and a directory entry shown as text.
 * A screenshot of every screen.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ConsoleCoordinatorStudyBrowserIntegrationTest {
    private static final String PUBLIC_TITLE = "Community wellbeing survey";
    private static final String HOSTILE_IMG = "<img src=x onerror=\"window.__pwned=1\">";
    private static final String HOSTILE_SCRIPT = "<script>window.__pwned=1</script>";
    private static final TestApp APP = TestApp.onForms(formsWithPublicTitle());
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;
    private static final UploadFixture UPLOADS = new UploadFixture(APP);
    private static final String S = "/studies/" + TestApp.STUDY;
    private static final List<String> SECRETS = new ArrayList<>();

    @TempDir
    Path dir;

    private static String text(String key) {
        return ConsoleBrowser.text("coordinator", key);
    }

    private static String fill(String key, Map<String, Object> params) {
        String out = text(key);
        for (Map.Entry<String, Object> p : params.entrySet()) {
            out = out.replace("{" + p.getKey() + "}", String.valueOf(p.getValue()));
        }
        return out;
    }

    @Test
    void coordinator_overviewCounts_translationRoundTrip_directoryEditor_hostileMarkupAsText() throws Exception {
        UPLOADS.setUp();
        for (int i = 1; i <= 3; i++) {
            String code = "KH-SVR-RH-" + (400 + i);
            SECRETS.add(code);
            SECRETS.add("Zq heron overview answer " + i);
            assertThat(UPLOADS.put(SealedInterviews.interview(UPLOADS, code, "RH", 30 + i,
                    "Zq heron overview answer " + i)).statusCode()).isEqualTo(201);
        }
        SECRETS.add("KH-SVR-RH-499");
        SECRETS.add("Zq meet by the heron pond");
        ReferralFixtures.upload(UPLOADS, UPLOADS.target, UPLOADS.device.deviceToken(), "KH-SVR-RH-499", "refer",
                "urgent", false, Map.of("kh-shelter", true), "Zq meet by the heron pond");
        DeviceEnrolment second = UPLOADS.enrol("enum-bd", "BD-DHK");
        assertThat(APP.send("POST", "/devices/" + second.deviceId() + "/revoke", UPLOADS.admin, null, null)
                .statusCode()).isEqualTo(204);
        // a form whose title and question label carry markup, uploaded as a draft
        String hostileText = HOSTILE_IMG + " Hostile " + HOSTILE_SCRIPT;
        String hostileForm = "id: hostile_form\nkind: interview\nconsent_form: consent\n"
                + "title: {en: '" + hostileText + "'}\nquestions:\n"
                + "  - {id: q_hostile, type: text, label: {en: '" + hostileText + "'}}\n";
        assertThat(APP.send("POST", S + "/forms", UPLOADS.admin, "application/yaml", hostileForm).statusCode())
                .isEqualTo(201);
        NewUser coordinator = APP.createUser(UPLOADS.admin, "coord-study", "coordinator", List.of());
        JsonNode progress = APP.read(APP.get(S + "/progress", UPLOADS.admin), JsonNode.class);
        assertThat(progress.get("received").asInt()).isEqualTo(4);

        try (Browser b = Browser.start()) {
            ConsoleBrowser.login(b, APP.baseUrl(), coordinator.username(), coordinator.password());

            // overview: the public title, sites, forms, and the seeded counts
            ConsoleBrowser.go(b, "coordinator/overview");
            b.heading(text("coordinator.overview.title"));
            WebElement active = b.wait.until(d -> d.findElement(By.cssSelector("[data-count='active']")));
            assertThat(b.driver.findElement(By.cssSelector("[data-count='received']")).getText())
                    .isEqualTo(fill("coordinator.progress.of", Map.of("received", 4, "target",
                            progress.get("target").asInt())));
            assertThat(b.driver.findElement(By.cssSelector("[data-count='devices']")).getText()).isEqualTo("2");
            assertThat(active.getText()).isEqualTo("1");
            b.wait.until(d -> !d.findElements(By.cssSelector("table.overview-cases td[data-state='new']")).isEmpty());
            assertThat(b.driver.findElement(By.cssSelector("table.overview-cases td[data-state='new']")).getText())
                    .isEqualTo("1");
            assertThat(b.driver.findElement(By.cssSelector("table.overview-cases td[data-state='referred']"))
                    .getText()).isEqualTo("0");
            assertThat(b.driver.findElement(By.cssSelector(".study-title")).getText()).contains(PUBLIC_TITLE)
                    .doesNotContain("Test study");
            assertThat(cells(b, "table.overview-sites", "KH-SVR")).containsExactly("KH", "km");
            assertThat(cells(b, "table.overview-sites", "BD-DHK")).containsExactly("BD", "bn");
            WebElement forms = b.driver.findElement(By.cssSelector("table.overview-forms"));
            assertThat(forms.getText()).contains("consent", "interview", "hostile_form", HOSTILE_IMG, HOSTILE_SCRIPT);
            assertHarmless(b);
            assertNoSecrets(b);
            assertThat(b.scrollsSideways()).isFalse();
            ConsoleBrowser.screenshot(b, "coordinator", "overview");

            // translations: the template through the page's link, a changed file previewed, then applied
            ConsoleBrowser.go(b, "coordinator/translations");
            b.heading(text("coordinator.translations.title"));
            WebElement row = b.wait.until(d -> d.findElement(By.cssSelector(
                    "table.translation-coverage tr[data-form='consent'][data-language='bn']")));
            assertThat(row.findElement(By.cssSelector("td.translated")).getText()).startsWith(
                    fill("coordinator.translations.count", Map.of("translated", 0, "total", "")).trim());
            ConsoleBrowser.screenshot(b, "coordinator", "translations");
            String template = fetchText(b, row.findElement(By.cssSelector("a[download][href$='format=csv']"))
                    .getAttribute("href"));
            String[] lines = template.split("\n");
            assertThat(lines[0]).isEqualTo("key,master,translation");
            assertThat(lines[1]).endsWith(",");
            assertThat(lines[2]).endsWith(",");
            String firstKey = lines[1].substring(0, lines[1].indexOf(','));
            String secondKey = lines[2].substring(0, lines[2].indexOf(','));
            lines[1] = lines[1] + "Zq Bengali first";
            lines[2] = lines[2] + "\"" + (HOSTILE_IMG + " " + HOSTILE_SCRIPT).replace("\"", "\"\"") + "\"";
            Path filled = dir.resolve("consent-v1-bn.csv");
            Files.writeString(filled, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
            int versionsBefore = APP.count("form_versions", "form_id = 'consent'");

            new Select(b.field(text("coordinator.translations.target"))).selectByValue("consent/1/bn");
            b.field(text("coordinator.translations.file")).sendKeys(filled.toString());
            b.button(text("coordinator.translations.preview")).click();
            WebElement changes = b.wait.until(d -> d.findElement(By.cssSelector("table.translation-changes")));
            assertThat(changes.findElements(By.cssSelector("tbody tr"))).hasSize(2);
            assertThat(changes.getText()).contains(firstKey, "Zq Bengali first", secondKey, HOSTILE_IMG,
                    HOSTILE_SCRIPT);
            assertThat(APP.count("form_versions", "form_id = 'consent'")).isEqualTo(versionsBefore);
            assertHarmless(b);
            ConsoleBrowser.screenshot(b, "coordinator", "translations-preview");

            b.button(text("coordinator.translations.apply")).click();
            b.wait.until(d -> d.findElement(By.id("translation-message")).getText().contains(
                    fill("coordinator.translations.applied", Map.of("form", "consent", "version",
                            versionsBefore + 1))));
            assertThat(APP.count("form_versions", "form_id = 'consent'")).isEqualTo(versionsBefore + 1);
            b.wait.until(d -> d.findElement(By.cssSelector(
                    "table.translation-coverage tr[data-form='consent'][data-language='bn'] td.translated"))
                    .getText().startsWith(fill("coordinator.translations.count", Map.of("translated", 2,
                            "total", "")).trim()));
            assertThat(b.driver.findElement(By.cssSelector(
                    "table.translation-coverage tr[data-form='consent'][data-language='bn'] th")).getText())
                    .contains(fill("coordinator.translations.formVersion", Map.of("form", "consent", "version",
                            versionsBefore + 1)));
            assertHarmless(b);
            ConsoleBrowser.screenshot(b, "coordinator", "translations-applied");

            // a file with a key the form lacks: refused before anything is written, the line named
            Path wrong = dir.resolve("consent-wrong.csv");
            Files.writeString(wrong, "key,master,translation\n" + firstKey + ",x,Zq fine\nno_such_key,x,y\n",
                    StandardCharsets.UTF_8);
            new Select(b.field(text("coordinator.translations.target"))).selectByValue("consent/"
                    + (versionsBefore + 1) + "/bn");
            b.field(text("coordinator.translations.file")).sendKeys(wrong.toString());
            b.button(text("coordinator.translations.preview")).click();
            WebElement summary = b.wait.until(d -> d.findElement(By.cssSelector(".error-summary")));
            assertThat(summary.getText()).contains("consent-wrong.csv line 3, no_such_key");
            assertThat(summary.findElement(By.cssSelector("a")).getAttribute("href")).endsWith("#translation-file");
            assertThat(APP.count("form_versions", "form_id = 'consent'")).isEqualTo(versionsBefore + 1);
            ConsoleBrowser.screenshot(b, "coordinator", "translations-error");

            // directory: the site list, then KH-SVR's editor with its report on top
            ConsoleBrowser.go(b, "coordinator/directory");
            b.heading(text("coordinator.directory.title"));
            b.driver.findElement(By.linkText(fill("coordinator.directory.siteLink", Map.of("site", "KH-SVR"))))
                    .click();
            b.heading(fill("coordinator.directory.siteTitle", Map.of("site", "KH-SVR")));
            b.wait.until(d -> !d.findElements(By.cssSelector(
                    "table.directory-report tr[data-service='kh-child-helpline']")).isEmpty());
            assertThat(reported(b)).containsExactly("kh-child-helpline");

            b.button(text("coordinator.directory.add")).click();
            String name = HOSTILE_IMG + " Legal aid " + HOSTILE_SCRIPT;
            b.field(text("coordinator.directory.field.id")).sendKeys("kh-legal-aid");
            b.field(text("coordinator.directory.field.name")).sendKeys(name);
            new Select(b.field(text("coordinator.directory.field.kind"))).selectByValue("legal_aid");
            b.field(text("coordinator.directory.field.phone")).sendKeys("ask at the market");
            b.field(text("coordinator.directory.field.languages")).sendKeys("km, en");
            b.button(text("coordinator.directory.addSave")).click();
            summary = b.wait.until(d -> d.findElement(By.cssSelector(".error-summary")));
            assertThat(summary.getText()).contains(text("coordinator.directory.field.phone") + ":");
            assertThat(summary.findElement(By.cssSelector("a")).getAttribute("href")).endsWith("#svc-phone");
            assertThat(APP.get(S + "/sites/KH-SVR/directory", UPLOADS.admin).body()).doesNotContain("kh-legal-aid");
            ConsoleBrowser.screenshot(b, "coordinator", "directory-error");

            WebElement phone = b.field(text("coordinator.directory.field.phone"));
            phone.clear();
            phone.sendKeys("+855 23 555 010");
            b.button(text("coordinator.directory.addSave")).click();
            b.wait.until(d -> reported(b).contains("kh-legal-aid"));
            assertThat(b.driver.findElement(By.cssSelector("table.directory-services tr[data-service='kh-legal-aid']"))
                    .getText()).contains(HOSTILE_IMG, HOSTILE_SCRIPT, text("coordinator.directory.kind.legal_aid"),
                            "+855 23 555 010", "km, en", text("coordinator.directory.notConfirmed"));
            assertHarmless(b);

            b.driver.findElement(By.cssSelector("table.directory-report tr[data-service='kh-legal-aid'] button"))
                    .click();
            b.wait.until(d -> !reported(b).contains("kh-legal-aid"));
            assertThat(reported(b)).containsExactly("kh-child-helpline");
            JsonNode report = APP.read(APP.get(S + "/sites/KH-SVR/directory/report", UPLOADS.admin), JsonNode.class);
            assertThat(report.get("entries").findValuesAsText("id")).containsExactly("kh-child-helpline");
            JsonNode stored = APP.read(APP.get(S + "/sites/KH-SVR/directory", UPLOADS.admin), JsonNode.class);
            JsonNode legal = null;
            for (JsonNode service : stored.get("services")) {
                legal = service.get("id").asText().equals("kh-legal-aid") ? service : legal;
            }
            assertThat(legal).isNotNull();
            assertThat(legal.get("confirmed").asText()).isEqualTo(report.get("asOf").asText());
            assertThat(legal.get("name").get("en").asText()).isEqualTo(name);
            assertHarmless(b);
            assertNoSecrets(b);
            assertThat(b.scrollsSideways()).isFalse();
            ConsoleBrowser.screenshot(b, "coordinator", "directory");

            // remove, asked once more; the keyboard lands on the question's "yes"
            b.driver.findElement(By.cssSelector("table.directory-services tr[data-service='kh-shelter'] button"
                    + "[aria-label='" + fill("coordinator.directory.remove", Map.of("name", "Safe house")) + "']"))
                    .click();
            WebElement yes = b.button(fill("coordinator.directory.removeYes", Map.of("name", "Safe house")));
            assertThat(b.driver.switchTo().activeElement()).isEqualTo(yes);
            yes.click();
            b.wait.until(d -> d.findElements(By.cssSelector("table.directory-services tr[data-service='kh-shelter']"))
                    .isEmpty());
            assertThat(APP.get(S + "/sites/KH-SVR/directory", UPLOADS.admin).body()).doesNotContain("kh-shelter")
                    .contains("kh-legal-aid");

            // a site that does not exist: said in words
            ConsoleBrowser.go(b, "coordinator/directory/XX-NOPE");
            b.heading(text("coordinator.directory.notFound"));
        }
    }

    /** The cells of the row of {@code table} whose header cell reads {@code row}. */
    private static List<String> cells(Browser b, String table, String row) {
        return b.driver.findElements(By.xpath("//table[contains(@class,'" + table.replace("table.", "")
                + "')]//tr[th[normalize-space()='" + row + "']]/td")).stream().map(WebElement::getText).toList();
    }

    /** The service ids the directory report lists, top to bottom: read in one script, so a re-render between
     * finding the rows and reading them cannot leave a stale element. */
    @SuppressWarnings("unchecked")
    private static List<String> reported(Browser b) {
        return (List<String>) b.driver.executeScript("return [...document.querySelectorAll("
                + "'table.directory-report tr[data-service]')].map((e) => e.dataset.service);");
    }

    /** The markup ran nowhere: no flag set, no image element made from it. */
    private static void assertHarmless(Browser b) {
        assertThat(b.driver.executeScript("return typeof window.__pwned;")).isEqualTo("undefined");
        assertThat(b.driver.findElements(By.cssSelector("img[src='x']"))).isEmpty();
        assertThat(b.driver.findElements(By.xpath("//main//script"))).isEmpty();
    }

    /** No respondent code, answer or disclosure contact of the seeded interviews in the page. */
    private static void assertNoSecrets(Browser b) {
        String source = b.driver.getPageSource();
        for (String secret : SECRETS) {
            assertThat(source).as("the page holds " + secret).doesNotContain(secret);
        }
    }

    /** The text behind a link of the page, fetched by the page itself (its session cookie). */
    private static String fetchText(Browser b, String href) {
        Object result = b.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.ok ? r.text() : null)"
                + ".then(done).catch(() => done(null));", href);
        assertThat(result).as(href).isNotNull();
        return (String) result;
    }

    /** A copy of the fixture forms whose study has a neutral public_title. */
    private static Path formsWithPublicTitle() {
        try {
            Path root = ReferralFixtures.copyOfFixtureForms();
            Path study = root.resolve("test-study").resolve("study.yaml");
            List<String> yaml = new ArrayList<>(Arrays.asList(Files.readString(study).split("\n", -1)));
            int title = yaml.indexOf("title: {en: \"Test study\"}");
            if (title < 0) {
                throw new IllegalStateException("fixture study changed: no title line to add public_title after");
            }
            yaml.add(title + 1, "public_title: {en: \"" + PUBLIC_TITLE + "\"}");
            Files.writeString(study, String.join("\n", yaml));
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
