package org.fieldsafe.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fieldsafe.client.DeviceInfo;
import org.fieldsafe.client.FieldsafeClient;
import org.fieldsafe.core.wire.FormVersionInfo;
import org.fieldsafe.core.wire.NewUser;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.app.Browser;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The coordinator's console in real Chromium against a real server: a form version with an error is uploaded with
 * the keyboard only, the error summary names the file, line and field, the fixed file is uploaded and published;
 * an enrolment code created with its QR code works with the device client; the progress dashboard at 200 % zoom.
 * A screenshot of every screen.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ConsoleCoordinatorBrowserIntegrationTest {
    private static final TestApp APP = new TestApp();
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;

    @TempDir
    Path dir;

    private static String text(String key) {
        return ConsoleBrowser.text("coordinator", key);
    }

    /** From the file control, Tab to the next control (the upload button) and press Enter: no mouse. */
    private static void tabToUploadAndPress(Browser b, WebElement input) {
        b.driver.executeScript("arguments[0].focus()", input);
        new Actions(b.driver).sendKeys(Keys.TAB).perform();
        assertThat(b.driver.switchTo().activeElement().getText()).isEqualTo(text("coordinator.forms.upload"));
        new Actions(b.driver).sendKeys(Keys.ENTER).perform();
    }

    @Test
    void coordinator_uploadFixPublish_enrolWithQr_dashboard() throws Exception {
        String admin = APP.adminToken();
        NewUser coordinator = APP.createUser(admin, "coord-b", "coordinator", List.of());
        APP.createUser(admin, "enum-b", "enumerator", List.of("KH-SVR"));
        String broken = TestApp.formYaml("browser_form", "interview", "Browser form")
                + "  - {id: q_two, type: txt, label: {en: \"Two\"}}\n";
        String fixed = TestApp.formYaml("browser_form", "interview", "Browser form");
        Path file = dir.resolve("browser_form.yaml");

        try (Browser b = Browser.start()) {
            ConsoleBrowser.login(b, APP.baseUrl(), coordinator.username(), coordinator.password());
            // the coordinator lands on the study overview, first in the navigation
            b.wait.until(d -> d.getCurrentUrl().endsWith("#/coordinator/overview"));
            assertThat(b.driver.findElement(By.cssSelector(".console-nav a")).getAttribute("href"))
                    .endsWith("#/coordinator/overview");

            // forms: keyboard only - the file chosen, then Tab to the button and Enter
            ConsoleBrowser.go(b, "coordinator/forms");
            b.heading(text("coordinator.forms.title"));
            Files.writeString(file, broken, StandardCharsets.UTF_8);
            WebElement input = b.driver.findElement(By.id("form-file"));
            input.sendKeys(file.toString());
            tabToUploadAndPress(b, input);
            b.wait.until(d -> d.findElement(By.cssSelector(".error-summary")).getText()
                    .contains("browser_form.yaml line 7, field questions[1].type"));
            ConsoleBrowser.screenshot(b, "coordinator", "forms-error");
            assertThat(APP.count("form_versions", "form_id = 'browser_form'")).isZero();

            Files.writeString(file, fixed, StandardCharsets.UTF_8);
            input = b.driver.findElement(By.id("form-file"));
            input.sendKeys(file.toString());
            tabToUploadAndPress(b, input);
            String publish = text("coordinator.forms.publish").replace("{form}", "browser_form")
                    .replace("{version}", "1");
            b.button(publish).click();
            b.wait.until(d -> APP.count("form_versions", "form_id = 'browser_form' AND state = 'published'") == 1);
            ConsoleBrowser.screenshot(b, "coordinator", "forms");
            List<FormVersionInfo> forms = APP.read(APP.get("/studies/" + TestApp.STUDY + "/forms", admin),
                    new TypeReference<List<FormVersionInfo>>() { });
            assertThat(forms).anySatisfy(f -> {
                assertThat(f.formId()).isEqualTo("browser_form");
                assertThat(f.state()).isEqualTo("published");
            });

            // enrolment: a code with its QR code, and the code works with the device client
            ConsoleBrowser.go(b, "coordinator/enrolment");
            b.heading(text("coordinator.enrol.title"));
            b.field(text("coordinator.enrol.enumerator")).sendKeys("enum-b");
            b.button(text("coordinator.enrol.create")).click();
            WebElement created = b.wait.until(d -> d.findElement(By.id("created-code")));
            assertThat(created.findElements(By.cssSelector("svg.qr path"))).hasSize(1);
            String code = created.findElement(By.cssSelector(".code strong")).getText();
            assertThat(code).matches("[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}");
            assertThat(b.driver.getCurrentUrl()).doesNotContain(code);
            ConsoleBrowser.screenshot(b, "coordinator", "enrolment-code");
            try (FieldsafeClient client = FieldsafeClient.open(dir.resolve("laptop"))) {
                DeviceInfo device = client.enrol(URI.create(APP.baseUrl()), code, "browser-laptop");
                assertThat(device.enumerator()).isEqualTo("enum-b");
            }
            b.button(text("coordinator.enrol.done")).click();
            ConsoleBrowser.go(b, "coordinator/progress");
            ConsoleBrowser.go(b, "coordinator/enrolment");
            b.wait.until(d -> d.findElement(By.cssSelector("main")).getText().contains(
                    text("coordinator.enrol.revokeDevice").replace("{enumerator}", "enum-b")));
            assertThat(b.driver.findElement(By.cssSelector("main")).getText()).doesNotContain(code);
            ConsoleBrowser.screenshot(b, "coordinator", "enrolment");

            // progress: table and chart; at 200 % zoom nothing scrolls sideways
            ConsoleBrowser.go(b, "coordinator/progress");
            b.heading(text("coordinator.progress.title"));
            b.wait.until(d -> !d.findElements(By.cssSelector("main svg.chart rect")).isEmpty());
            assertThat(b.driver.findElement(By.cssSelector("main table")).getText()).contains("KH-SVR");
            // a total per category and per site, and the study's: as many footer cells as columns
            List<WebElement> columns = b.driver.findElements(By.cssSelector("main table thead th"));
            List<WebElement> totals = b.driver.findElements(By.cssSelector("main table tfoot th, main table tfoot td"));
            assertThat(columns).hasSizeGreaterThan(2);
            assertThat(totals).hasSameSizeAs(columns);
            String of = text("coordinator.progress.of").replace("{received}", "\\d+").replace("{target}", "\\d+");
            assertThat(totals.subList(1, totals.size())).allSatisfy(cell -> assertThat(cell.getText()).matches(of));
            assertThat(b.driver.findElements(By.cssSelector("main table tbody tr")))
                    .allSatisfy(row -> assertThat(row.findElements(By.cssSelector("th, td"))).hasSameSizeAs(columns));
            ConsoleBrowser.screenshot(b, "coordinator", "progress");
            b.zoom(2.0);
            assertThat(b.scrollsSideways()).isFalse();
            ConsoleBrowser.screenshot(b, "coordinator", "progress-zoom200");
            b.zoom(1.0);
        }
    }
}
