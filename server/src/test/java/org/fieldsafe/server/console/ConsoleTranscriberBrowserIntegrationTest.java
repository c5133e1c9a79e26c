package org.fieldsafe.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.fieldsafe.core.forms.FormsFixtures;
import org.fieldsafe.core.wire.WithdrawalRequest;
import org.fieldsafe.export.ExportFormat;
import org.fieldsafe.server.Envelopes;
import org.fieldsafe.server.FileScan;
import org.fieldsafe.server.RecordedInterviews;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.Transcribers;
import org.fieldsafe.server.app.Browser;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The transcription desk in real Chromium against a real server on the reference study: a recorded interview (a WAV
 * sealed on a device and synced) is shared by the data manager with the study's transcription key; the Khmer
 * transcriber of KH-SVR finds it in the queue, opens it, plays the recording by keyboard (Alt keys that typing
 * letters never fires), types a transcript with a time mark, sees it autosaved, gets the redaction scanner's
 * suggestion and marks it done; the English transcriber writes the translation; a third transcriber checks both; the
 * queue shows the statuses; and the data directory holds no plaintext of the typed texts or the recording.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ConsoleTranscriberBrowserIntegrationTest {
    private static final String STUDY = "beyond-awareness";
    private static final TestApp APP = TestApp.onForms(formsWithKOne());
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;
    private static final byte[] AUDIO = RecordedInterviews.wav(12, 41);
    private static final String KHMER = "ខ្ញុំរស់នៅភូមិជិតព្រំដែន";
    private static final String PHONE = "012 345 678";
    private static final String ENGLISH = "Zqdesk I lived in a village near the border";

    @Test
    void transcriber_transcribesWithThePlayerByKeyboard_secondTranslates_thirdChecks(@TempDir Path deviceHome,
                                                                                    @TempDir Path work)
            throws Exception {
        String admin = APP.adminToken();
        assertThat(APP.postStudyKeys(admin, STUDY, Envelopes.newStudyKeys()).statusCode()).isEqualTo(201);
        String dm = APP.login("dm-desk", APP.createUser(admin, "dm-desk", "data_manager", List.of()).password());
        String km = transcriber(admin, "tr-km", List.of("km"));
        String en = transcriber(admin, "tr-en", List.of("en"));
        String checker = transcriber(admin, "tr-check", List.of("km", "en"));
        Transcribers.transcriptionKey(APP, admin, STUDY, List.of("tr-km", "tr-en", "tr-check"));
        String submission = RecordedInterviews.sync(APP, admin, "enum-desk", deviceHome, work, AUDIO);
        // a research key holder shares the recording with the transcription key
        HttpResponse<String> granted = APP.postJson("/submissions/" + submission
                + "/attachments/recording/listen/grant", dm, Map.of("passphrase", Envelopes.PASSPHRASE));
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(204);

        try (Browser b = Browser.start("--autoplay-policy=no-user-gesture-required")) {
            ConsoleBrowser.login(b, APP.baseUrl(), "tr-km", km);
            ConsoleBrowser.go(b, "transcriber/queue");
            b.heading(text("transcriber.queue.title"));
            ConsoleBrowser.settle(b);
            ConsoleBrowser.screenshot(b, "transcriber", "queue");
            assertThat(b.driver.findElements(By.cssSelector("tr[data-submission='" + submission + "']")))
                    .as(b.driver.findElement(By.tagName("main")).getText()).hasSize(1);
            assertThat(work(b, submission, "transcript", "km").getText()).contains(text("transcriber.status.none"));
            work(b, submission, "transcript", "km").findElement(By.tagName("a")).sendKeys(Keys.ENTER);
            b.heading(text("transcriber.desk.title"));
            unlock(b);
            ConsoleBrowser.screenshot(b, "transcriber", "desk-open");

            // the player by keyboard: Alt+P plays, the recording decodes and its time advances
            WebElement area = b.driver.findElement(By.id("desk-text"));
            assertThat(area.getAttribute("lang")).isEqualTo("km");
            area.sendKeys(Keys.chord(Keys.ALT, "p"));
            b.wait.until(d -> number(b, "a.readyState") >= 2 && number(b, "a.currentTime") > 1.2);
            area.sendKeys(Keys.chord(Keys.ALT, "p"));
            b.wait.until(d -> Boolean.TRUE.equals(audio(b, "a.paused")));
            double at = number(b, "a.currentTime");
            area.sendKeys(Keys.chord(Keys.ALT, "b"));
            assertThat(number(b, "a.currentTime")).isCloseTo(Math.max(0, at - 5), org.assertj.core.data.Offset
                    .offset(0.3));
            area.sendKeys(Keys.chord(Keys.ALT, "s"));
            assertThat(number(b, "a.playbackRate")).isEqualTo(0.75);
            area.sendKeys(Keys.chord(Keys.ALT, "u"), Keys.chord(Keys.ALT, "u"));
            assertThat(number(b, "a.playbackRate")).isEqualTo(1.25);
            // the speed said once
            b.wait.until(d -> d.findElement(By.cssSelector(".desk-speed")).getText().strip()
                    .equals(text("transcriber.desk.speed").replace("{rate}", "1.25")));
            // typing the keys' letters writes them and leaves the player alone
            area.sendKeys("pbsum");
            assertThat(audio(b, "a.paused")).isEqualTo(Boolean.TRUE);
            assertThat(number(b, "a.playbackRate")).isEqualTo(1.25);
            area.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
            area.sendKeys(Keys.chord(Keys.ALT, "m"));
            area.sendKeys(KHMER + " " + PHONE);
            assertThat(area.getAttribute("value")).matches("\\[\\d\\d:\\d\\d\\] " + KHMER + " " + PHONE);
            b.wait.until(d -> d.findElement(By.cssSelector(".desk-saved")).getText()
                    .startsWith(text("transcriber.desk.saved").replace(" {time}", "")));
            JsonNode versions = APP.read(APP.get("/submissions/" + submission + "/transcripts",
                    APP.login("tr-km", km)), JsonNode.class);
            assertThat(versions).hasSize(1);
            assertThat(versions.get(0).get("status").asText()).isEqualTo("draft");
            ConsoleBrowser.screenshot(b, "transcriber", "desk-autosaved");

            b.button(text("transcriber.desk.done")).sendKeys(Keys.ENTER);
            b.wait.until(d -> d.findElements(By.cssSelector(".desk-suggestions li[data-kind='phone']")).size() == 1);
            // one finding: the singular form ("1 thing", not "1 things")
            assertThat(b.driver.findElement(By.cssSelector(".desk-suggestions p")).getText())
                    .isEqualTo(text("transcriber.scan.some.one").replace("{n}", "1"));
            b.wait.until(d -> d.findElement(By.cssSelector(".desk-what .status")).getText()
                    .equals(text("transcriber.status.done")));
            ConsoleBrowser.screenshot(b, "transcriber", "desk-done");
            assertThat((String) b.driver.executeScript("return JSON.stringify(localStorage) + "
                    + "JSON.stringify(sessionStorage);")).doesNotContain(KHMER).doesNotContain(Envelopes.PASSPHRASE);
            ConsoleBrowser.logout(b);

            // the English transcriber writes the translation
            ConsoleBrowser.login(b, APP.baseUrl(), "tr-en", en);
            ConsoleBrowser.go(b, "transcriber/queue");
            work(b, submission, "translation", "en").findElement(By.tagName("a")).sendKeys(Keys.ENTER);
            b.heading(text("transcriber.desk.title"));
            unlock(b);
            area = b.driver.findElement(By.id("desk-text"));
            assertThat(area.getAttribute("lang")).isEqualTo("en");
            area.sendKeys(ENGLISH);
            b.button(text("transcriber.desk.done")).sendKeys(Keys.ENTER);
            b.wait.until(d -> d.findElement(By.cssSelector(".desk-what .status")).getText()
                    .equals(text("transcriber.status.done")));
            b.waitForText(text("transcriber.scan.none"));
            ConsoleBrowser.screenshot(b, "transcriber", "desk-translation");
            ConsoleBrowser.logout(b);

            // a third transcriber opens each done version and checks it
            ConsoleBrowser.login(b, APP.baseUrl(), "tr-check", checker);
            for (String[] part : new String[][] {{"transcript", "km", KHMER}, {"translation", "en", ENGLISH}}) {
                ConsoleBrowser.go(b, "transcriber/desk/" + submission + "/" + part[0] + "/" + part[1]);
                b.heading(text("transcriber.desk.title"));
                unlock(b);
                b.wait.until(d -> d.findElement(By.id("desk-text")).getAttribute("value").contains(part[2]));
                b.button(text("transcriber.desk.check")).sendKeys(Keys.ENTER);
                b.wait.until(d -> d.findElement(By.cssSelector(".desk-what .status")).getText()
                        .equals(text("transcriber.status.checked")));
                ConsoleBrowser.screenshot(b, "transcriber", "desk-checked-" + part[0]);
            }
            ConsoleBrowser.go(b, "transcriber/queue");
            b.heading(text("transcriber.queue.title"));
            assertThat(work(b, submission, "transcript", "km").getText()).contains(text("transcriber.status.checked"));
            assertThat(work(b, submission, "translation", "en").getText())
                    .contains(text("transcriber.status.checked"));
            ConsoleBrowser.screenshot(b, "transcriber", "queue-checked");
        }
        // neither typed text nor the recording is anywhere in plaintext in the data directory
        assertThat(FileScan.found(APP.dataDir, List.of(KHMER, ENGLISH, PHONE))).isEmpty();
        String run = new String(Arrays.copyOfRange(AUDIO, 90_000, 90_064), StandardCharsets.ISO_8859_1);
        String header = new String(Arrays.copyOfRange(AUDIO, 0, 16), StandardCharsets.ISO_8859_1);
        assertThat(FileScan.filesUnder(APP.dataDir).values()).noneMatch(f -> f.contains(run) || f.contains(header));

        exportedAsQdpxThenShreddedOnWithdrawal(admin, dm, submission);
    }

    /**
     * Issue 17's chain to its end: the data manager's QDPX export holds the transcript and the translation as text
     * sources of the respondent's case (held first: the transcript names a phone, which the text scan replaces and
     * the data manager accepts), valid against the REFI-QDA schema with every reference and path resolving; then the
     * respondent withdraws and no transcript version is left, nor its sealed bytes in the data directory.
     */
    private static void exportedAsQdpxThenShreddedOnWithdrawal(String admin, String dm, String submission)
            throws Exception {
        HttpResponse<String> started = APP.postJson("/studies/" + STUDY + "/exports", dm,
                Map.of("passphrase", Envelopes.PASSPHRASE, "formats", List.of("qdpx")));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String id = APP.read(started, JsonNode.class).get("id").asText();
        JsonNode job = null;
        for (int i = 0; i < 300; i++) {
            job = APP.read(APP.get("/exports/" + id, dm), JsonNode.class);
            if (!List.of("queued", "running").contains(job.get("state").asText())) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("review");
        JsonNode review = APP.read(APP.get("/exports/" + id + "/review", dm), JsonNode.class);
        assertThat(review.toString()).contains(PHONE).contains("transcript-km-v");
        HttpResponse<String> accepted = APP.postJson("/exports/" + id + "/review/decisions", dm,
                Map.of("decision", "accept", "all", true));
        assertThat(accepted.statusCode()).as(accepted.body()).isLessThan(300);
        HttpResponse<String> released = APP.postJson("/exports/" + id + "/release", dm, Map.of());
        assertThat(released.statusCode()).as(released.body()).isLessThan(300);
        HttpResponse<byte[]> file = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                APP.baseUrl() + "/api/v1/exports/" + id + "/files/" + ExportFormat.QDPX.fileName()))
                .header("Authorization", "Bearer " + dm).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(file.statusCode()).isEqualTo(200);
        Map<String, byte[]> zip = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(file.body()))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                zip.put(e.getName(), in.readAllBytes());
            }
        }
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(Path.of("..", "..", "shared", "refi-qda", "Project.xsd").toFile()).newValidator()
                .validate(new StreamSource(new ByteArrayInputStream(zip.get("project.qde"))));
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document project = f.newDocumentBuilder().parse(new ByteArrayInputStream(zip.get("project.qde")));
        Map<String, String> sources = new HashMap<>();
        NodeList textSources = project.getElementsByTagNameNS("*", "TextSource");
        for (int i = 0; i < textSources.getLength(); i++) {
            Element e = (Element) textSources.item(i);
            String path = "Sources/" + e.getAttribute("plainTextPath").substring("internal://".length());
            assertThat(zip).as("the source's file is in the zip").containsKey(path);
            sources.put(e.getAttribute("guid"), new String(zip.get(path), StandardCharsets.UTF_8));
        }
        NodeList cases = project.getElementsByTagNameNS("*", "Case");
        assertThat(cases.getLength()).isEqualTo(1);
        List<String> texts = new ArrayList<>();
        NodeList refs = ((Element) cases.item(0)).getElementsByTagNameNS("*", "SourceRef");
        for (int i = 0; i < refs.getLength(); i++) {
            String target = ((Element) refs.item(i)).getAttribute("targetGUID");
            assertThat(sources).as("SourceRef %s resolves", target).containsKey(target);
            texts.add(sources.get(target));
        }
        assertThat(texts).hasSize(3);
        assertThat(texts).anyMatch(t -> t.contains(KHMER) && t.contains("[PHONE]") && !t.contains(PHONE));
        assertThat(texts).anyMatch(t -> t.contains(ENGLISH));
        String all = String.join("\n", sources.values());
        assertThat(all).doesNotContain("KH-SVR-RH-012");

        // the respondent withdraws: every transcript version goes, sealed bytes included
        String sealed = APP.services().database().read(h -> h.createQuery(
                "SELECT sealed_part FROM transcript_parts WHERE submission_id = :id AND kind = 'transcript' "
                        + "ORDER BY version DESC").bind("id", submission).mapTo(String.class).first());
        String prefix = APP.json.readTree(sealed).get("ciphertext").asText().substring(0, 24);
        assertThat(FileScan.found(APP.dataDir, List.of(prefix))).containsExactly(prefix);
        String pi = APP.login("pi-desk", APP.createUser(admin, "pi-desk", "principal_investigator", List.of())
                .password());
        HttpResponse<String> withdrawn = APP.postJson("/studies/" + STUDY + "/withdrawals", pi,
                new WithdrawalRequest("KH-SVR-RH-012"));
        assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(201);
        assertThat(APP.count("transcript_parts", "submission_id = '" + submission + "'")).isZero();
        assertThat(FileScan.found(APP.dataDir, List.of(prefix, KHMER, ENGLISH))).isEmpty();
    }

    /** The reference study's forms with k = 1, so the one recorded interview of this test is released. */
    private static Path formsWithKOne() {
        try {
            Path dir = Files.createTempDirectory("fieldsafe-forms-k1");
            FormsFixtures.copy(Path.of("..", "forms"), dir);
            Path study = dir.resolve(STUDY).resolve("study.yaml");
            String yaml = Files.readString(study);
            assertThat(yaml).contains("k_anonymity: 5");
            Files.writeString(study, yaml.replace("k_anonymity: 5", "k_anonymity: 1"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String transcriber(String admin, String name, List<String> languages) {
        return Transcribers.create(APP, admin, name, List.of("KH-SVR"), languages);
    }

    /** Types the key passphrase and opens the desk with Enter; waits for the text area. */
    private static void unlock(Browser b) {
        b.wait.until(d -> d.findElement(By.id("desk-passphrase"))).sendKeys(Envelopes.PASSPHRASE + Keys.ENTER);
        b.wait.until(d -> !d.findElements(By.id("desk-text")).isEmpty());
    }

    /** The queue's entry of one kind and language for a submission. */
    private static WebElement work(Browser b, String submission, String kind, String language) {
        return b.wait.until(d -> d.findElement(By.cssSelector("tr[data-submission='" + submission + "'] li[data-kind='"
                + kind + "'][data-language='" + language + "']")));
    }

    private static Object audio(Browser b, String expression) {
        return b.driver.executeScript("const a = document.querySelector('audio'); return " + expression + ";");
    }

    private static double number(Browser b, String expression) {
        Object value = audio(b, expression);
        return value == null ? -1 : ((Number) value).doubleValue();
    }

    private static String text(String key) {
        return ConsoleBrowser.text("transcriber", key);
    }
}
