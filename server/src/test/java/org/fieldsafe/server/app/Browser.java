package org.fieldsafe.server.app;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven by its own chromedriver (both named explicitly: Selenium Manager never downloads
 * anything), with a fresh profile in a temporary directory. Under {@code CI=true} a missing Chromium fails the test;
 * elsewhere the test is skipped. Elements are found as a person finds them: by their label or their text. Public, so
 * the browser tests of any package use it (the console's: {@code org.fieldsafe.server.console.ConsoleBrowser}).
 */
public final class Browser implements AutoCloseable {
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    public final ChromeDriver driver;
    public final Path profile;
    public final WebDriverWait wait;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    /** Chromium at 1366x768, or the test skipped (failed under CI) when it is not installed. */
    public static Browser start() throws IOException {
        return start(new String[0]);
    }

    /** As {@link #start()}, with more Chromium switches (the fake microphone, for recording tests). */
    public static Browser start(String... switches) throws IOException {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("CI=true but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing: .ci/run installs chromium and"
                    + " chromium-driver; browser tests never skip in CI");
        }
        assumeTrue(present, "Chromium and chromedriver are not installed here (apt-get install chromium"
                + " chromium-driver fonts-noto-core)");
        Path profile = Files.createTempDirectory("fieldsafe-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
                "--user-data-dir=" + profile, "--window-size=1366,768", "--lang=en");
        options.addArguments(switches);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1366, 768));
        return new Browser(driver, profile);
    }

    /** The control a {@code <label>} with this text is for. */
    public WebElement field(String label) {
        WebElement l = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//label[normalize-space()=" + literal(label) + "]")));
        return driver.findElement(By.id(l.getAttribute("for")));
    }

    /** The button with this text. */
    public WebElement button(String text) {
        return wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//button[normalize-space()=" + literal(text) + "]")));
    }

    /** Waits until a level-1 heading with this text shows. */
    public WebElement heading(String text) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//h1[normalize-space()=" + literal(text) + "]")));
    }

    public void waitForText(String text) {
        wait.until(d -> d.findElement(By.tagName("body")).getText().contains(text));
    }

    /** Emulates the browser zoom: 2.0 shows the page at 200 % (a CSS viewport of half the window). */
    public void zoom(double factor) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", (int) (1366 / factor),
                "height", (int) (768 / factor), "deviceScaleFactor", factor, "mobile", false));
    }

    /** Whether the page is wider than the window (horizontal scrolling). */
    public boolean scrollsSideways() {
        Object wider = driver.executeScript(
                "return document.documentElement.scrollWidth > document.documentElement.clientWidth + 1;");
        return Boolean.TRUE.equals(wider);
    }

    /** The whole page (beyond the window's height) as {@code target/screenshots/<name>.png} ({@code name} may have a folder). */
    public void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS.resolve(name).getParent());
            Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
            @SuppressWarnings("unchecked")
            Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
            Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", ((Number) size.get("width")).doubleValue(),
                    "height", ((Number) size.get("height")).doubleValue(), "scale", 1);
            Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                    "captureBeyondViewport", true, "clip", clip));
            Files.write(SCREENSHOTS.resolve(name + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String literal(String s) {
        if (!s.contains("'")) {
            return "'" + s + "'";
        }
        return "concat('" + s.replace("'", "',\"'\",'") + "')";
    }

    @Override
    public void close() {
        driver.quit();
    }
}
