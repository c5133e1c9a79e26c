package org.fieldsafe.server.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldsafe.server.app.FieldAppBrowserIntegrationTest.text;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.fieldsafe.client.FieldsafeClient;
import org.fieldsafe.client.app.AppServer;
import org.fieldsafe.core.crypto.PasswordHasher;
import org.fieldsafe.core.wire.Progress;
import org.fieldsafe.server.Envelopes;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.fieldsafe.server.faults.ForksJvm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A complete interview in Khmer through the field app's screens only, in real Chromium, with {@code client app} as
 * its own process against a real server: consent with a minor who does not assent (nobody can be interviewed), back
 * to the age, a constraint error shown and fixed, the guardian questions skipped for an adult, probes ticked, a
 * disclosure raised by hand, the app process killed mid-question and started again with nothing answered lost,
 * resume, the referral with a consented route, the redaction review, seal, sync with its receipt and the server's
 * progress counting it. Then no answer, name or respondent code is readable in the device home, the browser profile
 * or the server's data. Screenshots of consent, a question with probes and the disclosure flow in six languages.
 */
@ForksJvm // the field app runs as `client app` in a JVM of its own, killed and restarted
@ExtendWith(DropwizardExtensionsSupport.class)
class FieldAppInterviewBrowserIntegrationTest {
    private static final String STUDY = "beyond-awareness";
    private static final TestApp APP = TestApp.onForms(Path.of("..", "forms"));
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;
    private static final String APP_PASSPHRASE = "tonle sap 2026";
    private static final String DRAFT_PASSPHRASE = "mekong draft 77";
    private static final String NAME = "Sokha Vorleakzq";
    private static final String CODE = "KH-SVR-RH-011";
    private static final String ANSWER = "ទីផ្សារការងារ Sokha said call 012 345 678 needle-alpha-4471";
    private static final String LATER_ANSWER = "needle-bravo-8812 ការជំពាក់បំណុល";
    /** Each language's screenshot interview at a site of that language (STUDY.md section 1); Khmer is the main flow. */
    private static final List<List<String>> SHOT_SITES = List.of(List.of("bn", "BD-DHK"), List.of("hi", "IN-BHD"),
            List.of("ne", "NP-KAN"), List.of("th", "TH-CNX"), List.of("en", "TH-SAN"));
    private static final PasswordHasher.Cost TEST_COST = new PasswordHasher.Cost(8192, 1, 1);
    private static boolean studyKeysPosted;
    private static final String STATE = "const i = document.querySelector('.interview');"
            + "if (!i) return 'none'; if (i.getAttribute('aria-busy') === 'true') return 'busy';"
            + "const f = i.querySelector('form.question');"
            + "return f ? 'q:' + f.dataset.question : 'h:' + (i.querySelector('h1') || {}).textContent;";

    @TempDir
    Path deviceHome;

    private Process appProcess;
    private final BlockingQueue<String> appOutput = new LinkedBlockingQueue<>();

    @AfterEach
    void killApp() {
        if (appProcess != null) {
            appProcess.destroyForcibly();
        }
    }

    /** {@code fieldsafe client app} as its own JVM; returns the launch link it prints. */
    private String startAppProcess() throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, "org.fieldsafe.client.cli.ClientMain", "app", "--home", deviceHome.toString(),
                "--no-browser").redirectErrorStream(true);
        appProcess = pb.start();
        Process p = appProcess;
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    appOutput.add(line);
                }
            } catch (java.io.IOException e) {
                // the process was killed
            }
        });
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            String line = appOutput.poll(1, TimeUnit.SECONDS);
            if (line != null && line.contains("open this link once")) {
                return line.substring(line.indexOf("http://"));
            }
            assertThat(p.isAlive()).as("client app exited: " + appOutput).isTrue();
        }
        throw new AssertionError("client app printed no launch link: " + appOutput);
    }

    private static String state(Browser b) {
        b.wait.until(d -> !"busy".equals(b.driver.executeScript(STATE)));
        return (String) b.driver.executeScript(STATE);
    }

    private static void waitForChange(Browser b, String before) {
        b.wait.until(d -> {
            Object now = b.driver.executeScript(STATE);
            return !"busy".equals(now) && (!before.equals(now)
                    || !d.findElements(By.cssSelector(".interview .error-summary")).isEmpty());
        });
    }

    private static WebElement answerField(Browser b) {
        return b.driver.findElement(By.cssSelector("form.question [name=answer]"));
    }

    /** Goes on (Save and continue with nothing) until question {@code id} shows. */
    private static void until(Browser b, String id) {
        int steps = 0;
        for (String s = state(b); !s.equals("q:" + id); s = state(b)) {
            assertThat(s).as("waiting for " + id).startsWith("q:");
            assertThat(steps++).as("still not at " + id + ": " + s + " " + problems(b)).isLessThan(40);
            submit(b);
        }
    }

    private static String problems(Browser b) {
        return b.driver.findElements(By.cssSelector(".error-summary")).stream().map(WebElement::getText).toList()
                .toString();
    }

    /** Save and continue, by keyboard. */
    private static void submit(Browser b) {
        String before = state(b);
        b.driver.findElement(By.cssSelector("form.question button[type=submit]")).sendKeys(Keys.ENTER);
        waitForChange(b, before);
    }

    private static void choose(Browser b, String id, String value) {
        until(b, id);
        WebElement choice = b.driver.findElement(By.cssSelector("form.question input[name=answer][value='" + value
                + "']"));
        if (!choice.isSelected()) {
            choice.sendKeys(Keys.SPACE);
        }
        submit(b);
    }

    private static void type(Browser b, String id, String value) {
        until(b, id);
        WebElement field = answerField(b);
        field.clear();
        field.sendKeys(value);
        submit(b);
    }

    private static void back(Browser b, String lang) throws Exception {
        String before = state(b);
        b.driver.findElement(By.xpath("//div[contains(@class,'interview')]//button[normalize-space()="
                + Browser.literal(text(lang, "interview.back")) + "]")).sendKeys(Keys.ENTER);
        waitForChange(b, before);
    }

    /** A screenshot of what shows now, named for the screen and the language (page and interview alike). */
    private static void screenshots(Browser b, String name, String lang) {
        b.wait.until(d -> !d.findElements(By.cssSelector(".interview")).isEmpty());
        assertThat(b.scrollsSideways()).as(name + " in " + lang).isFalse();
        b.screenshot(name + "-" + lang);
    }

    /** A disclosure raised by hand (current risk) with the button always there; a screenshot of its form. */
    private static void raiseByHand(Browser b, String lang, String urgency) throws Exception {
        b.button(text(lang, "interview.disclosure")).sendKeys(Keys.ENTER);
        b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("form.raise")));
        screenshots(b, "disclosure-raise", lang);
        b.driver.findElement(By.cssSelector("form.raise input[name=category][value=current_risk]"))
                .sendKeys(Keys.SPACE);
        b.driver.findElement(By.cssSelector("form.raise input[name=urgency][value=" + urgency + "]"))
                .sendKeys(Keys.SPACE);
        b.driver.findElement(By.cssSelector("form.raise button[type=submit]")).sendKeys(Keys.ENTER);
        b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".announcement")));
    }

    private static synchronized void studyKeys(String admin) {
        if (!studyKeysPosted) {
            assertThat(APP.postStudyKeys(admin, STUDY, Envelopes.newStudyKeys()).statusCode()).isEqualTo(201);
            studyKeysPosted = true;
        }
    }

    /** At 200 % zoom: no sideways scrolling, and the step's buttons are on screen and reachable by keyboard. */
    private static void atTwoHundredPercent(Browser b, String what) {
        b.zoom(2.0);
        try {
            b.wait.until(d -> !b.scrollsSideways());
            for (WebElement button : b.driver.findElements(By.cssSelector("form.question .buttons button, "
                    + ".interview-tools button"))) {
                b.driver.executeScript("arguments[0].scrollIntoView({block: 'center'});", button);
                Object inside = b.driver.executeScript("const r = arguments[0].getBoundingClientRect();"
                        + "return r.width > 0 && r.left >= 0 && r.right <= document.documentElement.clientWidth;",
                        button);
                assertThat(inside).as(what + " at 200 %: " + button.getText() + " on screen").isEqualTo(true);
            }
            b.driver.findElement(By.cssSelector("form.question button[type=submit]")).sendKeys(Keys.SHIFT);
            assertThat(b.driver.switchTo().activeElement().getAttribute("type")).isEqualTo("submit");
            assertThat(b.scrollsSideways()).as(what + " at 200 %").isFalse();
            b.screenshot(what.replace(' ', '-') + "-km-200pct");
        } finally {
            b.zoom(1.0);
        }
    }

    @Test
    void fieldApp_completeInterviewInKhmer_killedAndResumed_sealedSyncedCountedNothingReadable() throws Exception {
        String admin = APP.adminToken();
        studyKeys(admin);
        APP.createUser(admin, "enum-app-int", "enumerator", List.of("KH-SVR"));
        String code = APP.enrolmentCode(admin, STUDY, "KH-SVR", "enum-app-int").code();
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        Path profile;
        try (Browser b = Browser.start()) {
            profile = b.profile;
            b.driver.get(startAppProcess());
            FieldAppBrowserIntegrationTest.language(b, "en", "km");
            FieldAppBrowserIntegrationTest.setPassphrase(b, "km", APP_PASSPHRASE);
            FieldAppBrowserIntegrationTest.enrolAndPull(b, "km", APP.baseUrl(), code);

            // start: form, site, language, the draft passphrase
            b.button(text("km", "app.nav.interview")).click();
            b.heading(text("km", "interview.startTitle"));
            assertThat(new org.openqa.selenium.support.ui.Select(b.field(text("km", "interview.language")))
                    .getFirstSelectedOption().getAttribute("value")).isEqualTo("km");
            // the respondent category, translated; one respondent (a joint interview is the other choice)
            WebElement rightsHolder = b.field("ម្ចាស់សិទ្ធិ");
            assertThat(rightsHolder.getAttribute("value")).isEqualTo("RH");
            rightsHolder.sendKeys(Keys.SPACE);
            assertThat(b.field(text("km", "interview.oneRespondent")).isSelected()).isTrue();
            assertThat(b.field(text("km", "interview.joint")).getAttribute("value")).isEqualTo("2");
            b.field(text("km", "interview.draftPassphrase")).sendKeys(DRAFT_PASSPHRASE);
            b.field(text("km", "interview.draftAgain")).sendKeys(DRAFT_PASSPHRASE + Keys.ENTER);

            // consent: the information read out, apart from interviewer notes, in Khmer
            b.wait.until(d -> state(b).startsWith("q:"));
            WebElement readOut = b.driver.findElement(By.cssSelector(".read-out-text"));
            assertThat(readOut.getAttribute("lang")).isEqualTo("km");
            until(b, "participation");
            atTwoHundredPercent(b, "consent");
            screenshots(b, "consent", "km");
            choose(b, "participation", "yes");
            choose(b, "recording_consent", "no");
            choose(b, "consent_mode", "verbal");
            type(b, "age", "15");
            assertThat(b.driver.findElement(By.cssSelector(".interview .warning")).getText())
                    .isEqualTo(text("km", "interview.minor"));
            choose(b, "guardian_consent", "yes");
            choose(b, "guardian_consent_mode", "verbal");
            choose(b, "child_assent", "no");
            type(b, "respondent_code", CODE);
            type(b, "interviewer", "enum-app-int");
            type(b, "consent_date", today);
            type(b, "research_partner", "Partner KH");
            // a minor without assent cannot proceed: nobody can be interviewed, no interview question
            assertThat(state(b)).isEqualTo("h:" + text("km", "interview.nobodyTitle"));
            assertThat(b.driver.findElements(By.cssSelector("form.question"))).isEmpty();

            // back to the age: a constraint error in the summary, fixed; an adult skips the guardian questions
            for (int i = 0; !state(b).equals("q:age"); i++) {
                assertThat(i).as("back to the age: " + state(b) + " " + problems(b)).isLessThan(20);
                back(b, "km");
            }
            assertThat(answerField(b).getAttribute("value")).isEqualTo("15");
            type(b, "age", "5");
            WebElement summary = b.driver.findElement(By.cssSelector(".interview .error-summary"));
            assertThat(b.driver.switchTo().activeElement()).isEqualTo(summary);
            assertThat(summary.getText()).contains(text("km", "errors.title"));
            WebElement message = summary.findElement(By.cssSelector("li a"));
            assertThat(message.getText()).isNotBlank().doesNotContain("5");
            assertThat(message.getAttribute("lang")).isIn("km", "en");
            assertThat(state(b)).isEqualTo("q:age");
            type(b, "age", "34");
            assertThat(b.driver.findElements(By.cssSelector(".interview .error-summary"))).isEmpty();
            assertThat(state(b)).as("guardian questions skipped for an adult").isEqualTo("q:respondent_code");
            type(b, "respondent_code", CODE);
            type(b, "interviewer", "enum-app-int");
            type(b, "consent_date", today);
            type(b, "research_partner", "Partner KH");

            // the interview form
            choose(b, "category", "RH");
            type(b, "name", NAME);
            type(b, "interview_date", today);
            until(b, "q_meaning");
            List<WebElement> probes = b.driver.findElements(By.cssSelector(".probes input[type=checkbox]"));
            assertThat(probes).hasSizeGreaterThan(1);
            atTwoHundredPercent(b, "question with probes");
            screenshots(b, "question-probes", "km");
            probes = b.driver.findElements(By.cssSelector(".probes input[type=checkbox]"));
            probes.get(0).sendKeys(Keys.SPACE);
            probes.get(1).sendKeys(Keys.SPACE);
            assertThat(probes.get(0).isSelected()).isTrue();
            type(b, "q_meaning", ANSWER);

            // a disclosure raised by hand: the button is always there
            raiseByHand(b, "km", "urgent");
            assertThat(b.driver.findElement(By.cssSelector(".announcement p")).getAttribute("lang")).isEqualTo("km");

            // quick-hide on an interview screen (Esc pressed twice): no interview text, answer or probe in the DOM
            List<String> shown = new ArrayList<>();
            for (WebElement e : b.driver.findElements(By.cssSelector(".interview .read-out-text, .interview "
                    + ".note-text, .interview .probe-text, .interview .choice-text, .announcement p"))) {
                shown.add(e.getText());
            }
            assertThat(shown).isNotEmpty();
            String beforeHide = state(b);
            String progress = b.driver.findElement(By.cssSelector(".progress")).getText();
            new Actions(b.driver).sendKeys(Keys.ESCAPE).sendKeys(Keys.ESCAPE).perform();
            String hidden = b.driver.getPageSource();
            b.heading(text("km", "lock.title"));
            assertThat(b.driver.findElements(By.cssSelector(".interview, form.question, .probes"))).isEmpty();
            for (String secret : shown) {
                assertThat(hidden).as("interview text left after quick-hide").doesNotContain(secret);
                assertThat(b.driver.getPageSource()).doesNotContain(secret);
            }
            assertThat(hidden).doesNotContain("needle-alpha-4471").doesNotContain(NAME);

            // mid-question: the app process is killed, then started again
            String waiting = beforeHide;
            assertThat(waiting).startsWith("q:");
            appProcess.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            assertThat(appProcess.isAlive()).isFalse();
            b.driver.get(startAppProcess());
            b.heading(text("en", "lock.title"));
            b.field(text("en", "lock.passphrase")).sendKeys(APP_PASSPHRASE + Keys.ENTER);
            FieldAppBrowserIntegrationTest.language(b, "en", "km");
            b.button(text("km", "app.nav.interview")).click();
            b.heading(text("km", "interview.startTitle"));
            // the drafts list is fetched after the heading is drawn: wait for it
            b.wait.until(d -> !d.findElements(By.cssSelector("ul.drafts input[type=password]")).isEmpty());
            List<WebElement> drafts = b.driver.findElements(By.cssSelector("ul.drafts input[type=password]"));
            assertThat(drafts).hasSize(1);
            assertThat(b.driver.findElement(By.cssSelector("ul.drafts")).getText()).doesNotContain(CODE)
                    .doesNotContain(NAME);
            drafts.get(0).sendKeys(DRAFT_PASSPHRASE + Keys.ENTER);
            b.wait.until(d -> state(b).startsWith("q:"));
            assertThat(state(b)).as("resumed where it was").isEqualTo(waiting);
            assertThat(b.driver.findElement(By.cssSelector(".progress")).getText()).isEqualTo(progress);
            back(b, "km");
            assertThat(state(b)).isEqualTo("q:q_meaning");
            assertThat(answerField(b).getAttribute("value")).as("nothing answered lost").isEqualTo(ANSWER);
            List<WebElement> ticks = b.driver.findElements(By.cssSelector(".probes input[type=checkbox]"));
            assertThat(ticks.stream().map(WebElement::isSelected).toList())
                    .as("the probes ticked before the kill, from the draft").containsExactly(true, true, false, false);
            submit(b);

            // the rest of the interview
            int rest = 0;
            for (String s = state(b); s.startsWith("q:"); s = state(b)) {
                assertThat(rest++).as("the rest: " + s + " " + problems(b)).isLessThan(60);
                switch (s) {
                    case "q:disclosure_check" -> choose(b, "disclosure_check", "no");
                    case "q:indicators" -> choose(b, "indicators", "none");
                    case "q:q_causes" -> type(b, "q_causes", LATER_ANSWER);
                    default -> submit(b);
                }
            }

            // the referral, in Khmer: a choice and one consented route; nothing preselected
            b.heading(text("km", "interview.referralTitle"));
            assertThat(b.driver.findElements(By.cssSelector("form.referral input:checked"))).isEmpty();
            assertThat(b.driver.findElement(By.cssSelector("form.referral .read-out p[lang]")).getAttribute("lang"))
                    .isEqualTo("km");
            String referralPage = b.driver.findElement(By.cssSelector("form.referral")).getText();
            assertThat(referralPage).doesNotContain(":pause", ":stop", "kh-police", "unknown")
                    .contains(text("km", "interview.stop"));
            assertThat(b.driver.findElement(By.cssSelector("label[for=authority-kh-police]")).getText())
                    .startsWith("ប៉ូលីស ");
            screenshots(b, "disclosure-referral", "km");
            b.driver.findElement(By.cssSelector("input[name=choice][value=refer]")).sendKeys(Keys.SPACE);
            b.driver.findElement(By.cssSelector("#route-kh-lscw")).sendKeys(Keys.SPACE);
            for (String field : List.of("contactHow", "contactWhen")) {
                List<WebElement> radios = b.driver.findElements(By.cssSelector("input[type=radio][name=" + field
                        + "]"));
                if (radios.isEmpty()) {
                    b.driver.findElement(By.cssSelector("input[name=" + field + "]")).sendKeys("own phone mornings");
                } else {
                    radios.get(0).sendKeys(Keys.SPACE);
                }
            }
            String before = state(b);
            b.driver.findElement(By.cssSelector("form.referral button[type=submit]")).sendKeys(Keys.ENTER);
            waitForChange(b, before);

            // redaction review: a replacement undone, then confirmed again; seal
            b.heading(text("km", "interview.reviewTitle"));
            b.wait.until(d -> !d.findElements(By.cssSelector(".redactions li")).isEmpty());
            b.driver.findElement(By.cssSelector(".redactions li button")).sendKeys(Keys.ENTER);
            b.wait.until(d -> !d.findElements(By.cssSelector(".redactions li.undone")).isEmpty());
            b.driver.findElement(By.cssSelector(".redactions li.undone button")).sendKeys(Keys.ENTER);
            b.wait.until(d -> d.findElements(By.cssSelector(".redactions li.undone")).isEmpty());
            b.button(text("km", "interview.seal")).sendKeys(Keys.ENTER);
            b.heading(text("km", "interview.sealedTitle"));

            // sync: sent with its receipt checked
            b.driver.findElement(By.xpath("//div[contains(@class,'interview')]//button[normalize-space()="
                    + Browser.literal(text("km", "app.nav.sync")) + "]")).click();
            b.button(text("km", "sync.start")).click();
            b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#job-outcome")));
            String steps = b.driver.findElement(By.cssSelector("ol.steps")).getText();
            for (String part : text("km", "sync.outcome.sent").split("\\{subject\\}")) {
                assertThat(steps).contains(part.strip());
            }
        }
        appProcess.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

        Progress progress = APP.read(APP.get("/studies/" + STUDY + "/progress", admin), Progress.class);
        assertThat(progress.rows()).filteredOn(r -> r.site().equals("KH-SVR") && r.category().equals("RH"))
                .singleElement().satisfies(r -> assertThat(r.received()).isEqualTo(1));

        List<String> found = new ArrayList<>();
        for (String secret : List.of("needle-alpha-4471", "needle-bravo-8812", "ទីផ្សារការងារ", "ការជំពាក់បំណុល",
                NAME, "Vorleakzq", CODE, DRAFT_PASSPHRASE, APP_PASSPHRASE)) {
            for (Path root : List.of(deviceHome, profile, APP.dataDir)) {
                Bytes.filesContaining(root, secret).forEach(f -> found.add(secret.length() + "-char secret in " + f));
            }
        }
        assertThat(found).as("answers, name, code or passphrases readable on disk").isEmpty();
    }

    /**
     * Screenshots of consent, a question with probes, the disclosure flow and sync with the interview texts of each
     * language: each runs its interview at a site whose language it is, on a laptop enrolled there (the app in this
     * JVM), and seals and sends it.
     */
    @Test
    void fieldApp_interviewAtEachLanguagesSite_screenshotsShowThatLanguage() throws Exception {
        String admin = APP.adminToken();
        studyKeys(admin);
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        try (Browser b = Browser.start()) {
            for (List<String> shot : SHOT_SITES) {
                String lang = shot.get(0);
                String site = shot.get(1);
                String enumerator = "enum-shots-" + lang;
                APP.createUser(admin, enumerator, "enumerator", List.of(site));
                String code = APP.enrolmentCode(admin, STUDY, site, enumerator).code();
                Path home = deviceHome.resolve(lang);
                try (AppServer app = AppServer.start(new AppServer.Options(home, AppServer.LOOPBACK, 0, "en",
                        TEST_COST, FieldsafeClient.Settings.defaults()))) {
                    b.driver.get(app.launchUri().toString());
                    if (!lang.equals("en")) {
                        FieldAppBrowserIntegrationTest.language(b, "en", lang);
                    }
                    FieldAppBrowserIntegrationTest.setPassphrase(b, lang);
                    FieldAppBrowserIntegrationTest.enrolAndPull(b, lang, APP.baseUrl(), code);
                    b.button(text(lang, "app.nav.interview")).click();
                    b.heading(text(lang, "interview.startTitle"));
                    new org.openqa.selenium.support.ui.Select(b.field(text(lang, "interview.language")))
                            .selectByValue(lang);
                    b.field(text(lang, "interview.draftPassphrase")).sendKeys(DRAFT_PASSPHRASE);
                    b.field(text(lang, "interview.draftAgain")).sendKeys(DRAFT_PASSPHRASE + Keys.ENTER);
                    b.wait.until(d -> state(b).startsWith("q:"));
                    until(b, "participation");
                    assertThat(b.driver.findElement(By.cssSelector(".read-out-text")).getAttribute("lang"))
                            .as("consent read out in " + lang).isEqualTo(lang);
                    screenshots(b, "consent", lang);
                    choose(b, "participation", "yes");
                    choose(b, "recording_consent", "no");
                    choose(b, "consent_mode", "verbal");
                    type(b, "age", "41");
                    type(b, "respondent_code", site + "-RH-001");
                    type(b, "interviewer", enumerator);
                    type(b, "consent_date", today);
                    type(b, "research_partner", "Partner " + lang);
                    choose(b, "category", "RH");
                    type(b, "interview_date", today);
                    until(b, "q_meaning");
                    assertThat(b.driver.findElement(By.cssSelector(".probe-text")).getAttribute("lang"))
                            .isEqualTo(lang);
                    screenshots(b, "question-probes", lang);
                    type(b, "q_meaning", "needle-shots-" + lang);
                    raiseByHand(b, lang, "routine");
                    for (String s = state(b); s.startsWith("q:"); s = state(b)) {
                        switch (s) {
                            case "q:disclosure_check" -> choose(b, "disclosure_check", "no");
                            case "q:indicators" -> choose(b, "indicators", "none");
                            default -> submit(b);
                        }
                    }
                    b.heading(text(lang, "interview.referralTitle"));
                    assertThat(b.driver.findElement(By.cssSelector("form.referral .read-out p[lang]"))
                            .getAttribute("lang")).isEqualTo(lang);
                    screenshots(b, "disclosure-referral", lang);
                    b.driver.findElement(By.cssSelector("input[name=choice][value=decline]")).sendKeys(Keys.SPACE);
                    String before = state(b);
                    b.driver.findElement(By.cssSelector("form.referral button[type=submit]")).sendKeys(Keys.ENTER);
                    waitForChange(b, before);
                    b.heading(text(lang, "interview.reviewTitle"));
                    b.button(text(lang, "interview.seal")).sendKeys(Keys.ENTER);
                    b.heading(text(lang, "interview.sealedTitle"));
                    b.driver.findElement(By.xpath("//div[contains(@class,'interview')]//button[normalize-space()="
                            + Browser.literal(text(lang, "app.nav.sync")) + "]")).click();
                    b.button(text(lang, "sync.start")).click();
                    b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#job-outcome")));
                    b.screenshot("sync-" + lang);
                }
            }
        }
    }
}
