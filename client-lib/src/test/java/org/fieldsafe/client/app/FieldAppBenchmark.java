package org.fieldsafe.client.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.fieldsafe.client.fieldwork.TestDevice;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The field app's benchmark (BENCHMARKS.md section (j)); a main run on purpose, never part of the test suite.
 * (1) {@code client app} start to interactive page: from starting the process (a JVM of its own, as the launcher
 * does) until the first screen (the passphrase page) is usable in headless Chromium, Chromium already running.
 * (2) question-to-question latency over a generated 200-question form: in the page, {@code performance.now()} just
 * before the click on "Save and continue" until the next question's form is rendered (the local app has answered,
 * saved the encrypted draft, and the page has drawn the next screen).
 * Run with {@code bench/run-field-app.sh} (it builds the classpath).
 */
public final class FieldAppBenchmark {
    /** The JVM options the {@code fieldsafe} launcher gives {@code client app} (its APP_JAVA_OPTS). */
    public static final List<String> APP_JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1");
    private static final String APP_PASSPHRASE = "bench passphrase 1";
    private static final String DRAFT_PASSPHRASE = "bench draft 1234";
    /** Fills the answer (a choice id, or text into the field), clicks Save and continue, waits for the next form. */
    private static final String STEP = """
            const value = arguments[0]; const done = arguments[arguments.length - 1];
            const form = document.querySelector('form.question');
            if (value !== null) {
              const choice = form.querySelector('input[name=answer][value="' + value + '"]');
              if (choice) { choice.checked = true; } else { form.elements.answer.value = value; }
            }
            const button = form.querySelector('button[type=submit]');
            const t0 = performance.now();
            button.click();
            const poll = () => {
              const now = document.querySelector('form.question');
              const busy = document.querySelector('.interview[aria-busy=true]');
              if (!busy && (now !== form || document.querySelector('.interview .error-summary'))) {
                done(performance.now() - t0);
              } else {
                requestAnimationFrame(poll);
              }
            };
            requestAnimationFrame(poll);
            """;

    private FieldAppBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int starts = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int questions = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Path work = Files.createTempDirectory("fieldsafe-app-bench");
        Path study = generatedStudy(work, questions);
        Path home = work.resolve("home");
        TestDevice.prepare(home, Instant.now(), study);
        TestDevice.pinStudyKeys(home, Instant.now());
        ChromeDriver driver = chromium(work.resolve("profile"));
        // polled every 5 ms: Selenium's default of 500 ms would add up to half a second of sleeping to a start
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        wait.pollingEvery(Duration.ofMillis(5));
        Process app = null;
        try {
            List<Double> startMillis = new ArrayList<>();
            List<StartSplit> splits = new ArrayList<>();
            for (int i = 0; i < starts; i++) {
                if (app != null) {
                    app.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                }
                long t0 = System.nanoTime();
                List<String> command = appCommand(home);
                long epoch0 = System.currentTimeMillis();
                app = new ProcessBuilder(command).redirectErrorStream(true).start();
                Link link = launchLink(app);
                driver.get(link.url());
                wait.until(d -> Boolean.TRUE.equals(((ChromeDriver) d).executeScript(
                        "const p = document.querySelector('#passphrase');"
                                + "return document.readyState === 'complete' && !!p && !p.disabled;")));
                startMillis.add((System.nanoTime() - t0) / 1e6);
                StartSplit split = StartSplit.of(i, (link.nanos() - t0) / 1e6, epoch0, driver);
                splits.add(split);
                System.out.println(split);
                if (i == 0) {
                    driver.findElement(By.id("passphrase")).sendKeys(APP_PASSPHRASE);
                    driver.findElement(By.id("again")).sendKeys(APP_PASSPHRASE + "\n");
                    wait.until(d -> !d.findElements(By.cssSelector("nav button")).isEmpty());
                    driver.findElements(By.cssSelector("nav button")).get(1).click();
                    wait.until(d -> !d.findElements(By.id("draftPassphrase")).isEmpty());
                    // the home made here holds the forms without a server's manifest, so the form list is empty:
                    // the form and the language are named directly, as the lists would name them
                    driver.executeScript("const s = document.getElementById('form');"
                            + "if (!s.options.length) { s.add(new Option('interview', 'interview', true, true)); }"
                            + "const l = document.getElementById('language');"
                            + "if (!l.options.length) { l.add(new Option('km', 'km', true, true)); }");
                    driver.findElement(By.id("draftPassphrase")).sendKeys(DRAFT_PASSPHRASE);
                    driver.findElement(By.id("draftAgain")).sendKeys(DRAFT_PASSPHRASE + "\n");
                    wait.until(d -> !d.findElements(By.cssSelector("form.question, .error-summary")).isEmpty());
                    if (driver.findElements(By.cssSelector("form.question")).isEmpty()) {
                        throw new IllegalStateException("not started: " + driver.findElement(By.tagName("main"))
                                .getText());
                    }
                    List<Double> latencies = interview(driver);
                    System.out.printf("question to question (ms), %d questions: p50 %.1f, p95 %.1f, max %.1f%n",
                            latencies.size(), percentile(latencies, 50), percentile(latencies, 95),
                            percentile(latencies, 100));
                }
            }
            System.out.printf("client app start to interactive (ms), %d starts: %s%n", starts, startMillis);
            System.out.printf("  first (cold) %.0f, median %.0f, max %.0f%n", startMillis.get(0),
                    percentile(startMillis, 50), percentile(startMillis, 100));
            System.out.println("  where a start went (ms): first start | median of the restarts");
            for (int p = 0; p < StartSplit.PHASES.size(); p++) {
                int phase = p;
                List<Double> later = splits.stream().skip(1).map(s -> s.phases().get(phase)).toList();
                System.out.printf("    %-38s %7.0f | %7.0f%n", StartSplit.PHASES.get(p),
                        splits.get(0).phases().get(p), later.isEmpty() ? Double.NaN : percentile(later, 50));
            }
        } finally {
            driver.quit();
            if (app != null) {
                app.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            try (Stream<Path> all = Files.walk(work)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * {@code client app} on {@code home}: through the launcher named by {@code -Dbench.launcher} (as an enumerator
     * starts it: its JVM options and class-data-sharing archive, bench/run-field-app.sh sets it), else a JVM on this
     * class path with the launcher's options.
     */
    private static List<String> appCommand(Path home) {
        String launcher = System.getProperty("bench.launcher");
        if (launcher != null) {
            return List.of("bash", launcher, "client", "app", "--home", home.toString(), "--no-browser");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(APP_JVM_OPTIONS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                "org.fieldsafe.client.cli.ClientMain", "app", "--home", home.toString(), "--no-browser"));
        return command;
    }

    /** The reference study with {@code n} required integer questions appended to its interview form. */
    static Path generatedStudy(Path work, int n) throws IOException {
        Path dir = work.resolve("beyond-awareness");
        try (Stream<Path> files = Files.walk(TestDevice.STUDY_DIR)) {
            for (Path from : files.toList()) {
                Path to = dir.resolve(TestDevice.STUDY_DIR.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to);
                }
            }
        }
        StringBuilder yaml = new StringBuilder(Files.readString(dir.resolve("interview.yaml")));
        for (int i = 1; i <= n; i++) {
            yaml.append(String.format("  - id: bench_%03d%n    type: integer%n    label: {en: \"Benchmark question %d:"
                    + " how many?\"}%n    required: true%n", i, i));
        }
        Files.writeString(dir.resolve("interview.yaml"), yaml);
        return dir;
    }

    /** Goes through the interview; returns the latency of each step from a benchmark question. */
    private static List<Double> interview(ChromeDriver driver) {
        Map<String, String> answers = Map.ofEntries(Map.entry("participation", "yes"),
                Map.entry("recording_consent", "no"), Map.entry("consent_mode", "verbal"), Map.entry("age", "34"),
                Map.entry("respondent_code", "KH-SVR-RH-007"), Map.entry("interviewer", "enum-bench"),
                Map.entry("consent_date", java.time.LocalDate.now().toString()),
                Map.entry("research_partner", "Partner"), Map.entry("category", "RH"),
                Map.entry("interview_date", java.time.LocalDate.now().toString()),
                Map.entry("disclosure_check", "no"), Map.entry("indicators", "none"));
        List<Double> latencies = new ArrayList<>();
        for (int steps = 0; steps < 1000; steps++) {
            Object id = driver.executeScript("const f = document.querySelector('form.question');"
                    + "return f ? f.dataset.question : null;");
            if (id == null) {
                return latencies;
            }
            String q = (String) id;
            String value = q.startsWith("bench_") ? "7" : answers.get(q);
            Object millis = driver.executeAsyncScript(STEP, value);
            if (q.startsWith("bench_")) {
                latencies.add(((Number) millis).doubleValue());
            }
            if (!driver.findElements(By.cssSelector(".interview .error-summary")).isEmpty()) {
                throw new IllegalStateException("refused at " + q + ": "
                        + driver.findElement(By.cssSelector(".interview .error-summary")).getText());
            }
        }
        throw new IllegalStateException("the interview did not end");
    }

    /** The launch link the app printed, and when it arrived ({@link System#nanoTime()}). */
    private record Link(String url, long nanos) {
    }

    private static Link launchLink(Process app) throws Exception {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(app.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        for (int i = 0; i < 120; i++) {
            String line = lines.poll(500, TimeUnit.MILLISECONDS);
            if (line != null && line.contains("open this link once")) {
                return new Link(line.substring(line.indexOf("http://")).strip(), System.nanoTime());
            }
        }
        throw new IllegalStateException("client app printed no launch link: " + lines);
    }

    private static ChromeDriver chromium(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1366,768", "--lang=en");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static double percentile(List<Double> values, int p) {
        List<Double> sorted = values.stream().sorted().toList();
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
