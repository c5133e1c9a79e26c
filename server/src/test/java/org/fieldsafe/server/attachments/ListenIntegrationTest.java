package org.fieldsafe.server.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.fieldsafe.server.Envelopes;
import org.fieldsafe.server.FileScan;
import org.fieldsafe.server.RecordedInterviews;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.Transcribers;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Listening to a sealed recording (docs/api.md, "Listening"): a research key holder's passphrase gives a ticket for
 * their session; the ticket streams the recording decrypted, whole or by byte ranges, with no-store; it opens
 * nothing for another session, another recording, after its time or after logout; the refusals are problems; and
 * no plaintext of the recording is in the data directory afterwards.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ListenIntegrationTest {
    private static final TestApp APP = TestApp.onForms(Path.of("..", "forms"));
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;
    private static final byte[] AUDIO = RecordedInterviews.wav(9, 17);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static String admin;
    private static String dmPassword;
    private static String submission;

    @BeforeAll
    static void recordedInterview(@TempDir Path deviceHome, @TempDir Path work) throws Exception {
        admin = APP.adminToken();
        assertThat(APP.postStudyKeys(admin, "beyond-awareness", Envelopes.newStudyKeys()).statusCode())
                .isEqualTo(201);
        dmPassword = APP.createUser(admin, "dm-listen", "data_manager", List.of()).password();
        submission = RecordedInterviews.sync(APP, admin, "enum-listen", deviceHome, work, AUDIO);
    }

    private static String listen(String name) {
        return "/submissions/" + submission + "/attachments/" + name + "/listen";
    }

    private static HttpResponse<byte[]> get(String path, String token, String range) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(APP.baseUrl() + "/api/v1" + path))
                .header("Authorization", "Bearer " + token);
        if (range != null) {
            request.header("Range", range);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String ticket(String token) {
        HttpResponse<String> unlocked = APP.postJson(listen("recording"), token,
                Map.of("passphrase", Envelopes.PASSPHRASE));
        assertThat(unlocked.statusCode()).as(unlocked.body()).isEqualTo(200);
        return APP.read(unlocked, JsonNode.class).get("ticket").asText();
    }

    @Test
    void listen_keyHolderStreamsTheRecordingDecryptedWholeAndByRanges_noStore() throws Exception {
        String dm = APP.login("dm-listen", dmPassword);
        HttpResponse<String> unlocked = APP.postJson(listen("recording"), dm, Map.of("passphrase",
                Envelopes.PASSPHRASE));
        assertThat(unlocked.statusCode()).as(unlocked.body()).isEqualTo(200);
        assertThat(unlocked.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode answer = APP.read(unlocked, JsonNode.class);
        assertThat(answer.get("contentType").asText()).isEqualTo("audio/wav");
        assertThat(answer.get("bytes").asLong()).isEqualTo(AUDIO.length);
        assertThat(answer.get("ticket").asText()).hasSizeGreaterThanOrEqualTo(40).doesNotContain(submission);
        assertThat(APP.lastAuditSubject("attachment.listen")).isEqualTo("submission:" + submission + "/recording");
        String path = listen("recording") + "/" + answer.get("ticket").asText();

        HttpResponse<byte[]> whole = get(path, dm, null);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(AUDIO);
        assertThat(whole.headers().firstValue("Content-Type")).hasValue("audio/wav");
        assertThat(whole.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(whole.headers().firstValue("Accept-Ranges")).hasValue("bytes");

        // a range across chunk boundaries (64 KiB), an open-ended one, a suffix, one past the end
        HttpResponse<byte[]> middle = get(path, dm, "bytes=65000-140000");
        assertThat(middle.statusCode()).isEqualTo(206);
        assertThat(middle.headers().firstValue("Content-Range")).hasValue("bytes 65000-140000/" + AUDIO.length);
        assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(AUDIO, 65000, 140001));
        HttpResponse<byte[]> tail = get(path, dm, "bytes=131072-");
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(AUDIO, 131072, AUDIO.length));
        assertThat(get(path, dm, "bytes=-100").body()).isEqualTo(Arrays.copyOfRange(AUDIO, AUDIO.length - 100,
                AUDIO.length));
        HttpResponse<byte[]> past = get(path, dm, "bytes=" + AUDIO.length + "-");
        assertThat(past.statusCode()).isEqualTo(416);
        assertThat(past.headers().firstValue("Content-Range")).hasValue("bytes */" + AUDIO.length);

        // no plaintext of the recording was written anywhere: its WAV header, a run from its middle
        byte[] header = Arrays.copyOfRange(AUDIO, 0, 16);
        byte[] run = Arrays.copyOfRange(AUDIO, 70_000, 70_064);
        Map<Path, String> files = FileScan.filesUnder(APP.dataDir);
        for (byte[] plain : List.of(header, run)) {
            String bytes = new String(plain, StandardCharsets.ISO_8859_1);
            String base64 = Base64.getEncoder().encodeToString(Arrays.copyOfRange(plain, 0, 48));
            assertThat(files.entrySet()).allSatisfy(f -> assertThat(f.getValue()).as(f.getKey().toString())
                    .doesNotContain(bytes).doesNotContain(base64));
        }
    }

    @Test
    void listen_ticketOnlyForItsSessionAndRecording_expiresAndEndsAtLogout() throws Exception {
        String dm = APP.login("dm-listen", dmPassword);
        String ticket = ticket(dm);
        String other = APP.login("dm-listen", dmPassword);
        assertThat(get(listen("recording") + "/" + ticket, other, null).statusCode()).isEqualTo(404);
        assertThat(get(listen("other") + "/" + ticket, dm, null).statusCode()).isEqualTo(404);
        assertThat(get(listen("recording") + "/not-a-ticket", dm, null).statusCode()).isEqualTo(404);
        assertThat(get(listen("recording") + "/" + ticket, dm, "bytes=0-3").statusCode()).isEqualTo(206);

        APP.clock.advance(ListenService.TICKET_TTL.plus(Duration.ofSeconds(1)));
        HttpResponse<byte[]> expired = get(listen("recording") + "/" + ticket, dm, null);
        assertThat(expired.statusCode()).isEqualTo(404);
        assertThat(new String(expired.body(), StandardCharsets.UTF_8)).contains("listen-ticket-unknown");

        String fresh = ticket(other);
        assertThat(get(listen("recording") + "/" + fresh, other, "bytes=0-3").statusCode()).isEqualTo(206);
        assertThat(APP.send("POST", "/auth/logout", other, null, null).statusCode()).isEqualTo(204);
        assertThat(get(listen("recording") + "/" + fresh, other, null).statusCode()).isEqualTo(401);
    }

    @Test
    void listen_refusedWithoutTheKeyOrWithAWrongPassphrase_problemsAudited() {
        String dm = APP.login("dm-listen", dmPassword);
        HttpResponse<String> wrong = APP.postJson(listen("recording"), dm, Map.of("passphrase", "not the one at all"));
        assertThat(wrong.statusCode()).isEqualTo(422);
        assertThat(wrong.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/problem+json"));
        assertThat(wrong.body()).doesNotContain("not the one at all");
        assertThat(APP.postJson(listen("recording"), dm, Map.of()).body()).contains("passphrase-missing");
        assertThat(APP.postJson(listen("nothing"), dm, Map.of("passphrase", Envelopes.PASSPHRASE)).statusCode())
                .isEqualTo(404);
        assertThat(APP.postJson("/submissions/00000000-0000-4000-8000-000000000000/attachments/recording/listen",
                dm, Map.of("passphrase", Envelopes.PASSPHRASE)).statusCode()).isEqualTo(404);
        String officer = APP.login("officer-listen", APP.createUser(admin, "officer-listen", "safeguarding_officer",
                List.of("KH-SVR")).password());
        HttpResponse<String> notHolder = APP.postJson(listen("recording"), officer,
                Map.of("passphrase", Envelopes.PASSPHRASE));
        assertThat(notHolder.statusCode()).isEqualTo(403);
        assertThat(notHolder.body()).contains("listen-not-allowed");
        assertThat(APP.count("audit_log", "event = 'attachment.listen.denied' AND actor = 'officer-listen'")).isOne();
    }

    @Test
    void listen_transcriberOfTheSiteWithTheTranscriptionKey_onlyOnceAResearchKeyHolderSharedTheRecording()
            throws Exception {
        String here = Transcribers.create(APP, admin, "tr-listen", List.of("KH-SVR"), List.of("km"));
        String there = Transcribers.create(APP, admin, "tr-listen-th", List.of("TH-SAN"), List.of("th"));
        Transcribers.transcriptionKey(APP, admin, "beyond-awareness", List.of("tr-listen", "tr-listen-th"));
        String token = APP.login("tr-listen", here);
        Map<String, String> body = Map.of("passphrase", Envelopes.PASSPHRASE);
        HttpResponse<String> before = APP.postJson(listen("recording"), token, body);
        assertThat(before.statusCode()).as(before.body()).isEqualTo(409);
        assertThat(before.body()).contains("recording-not-shared");
        // a transcriber cannot share it, a research key holder can
        assertThat(APP.postJson(listen("recording") + "/grant", token, body).statusCode()).isEqualTo(403);
        String dm = APP.login("dm-listen", dmPassword);
        assertThat(APP.postJson(listen("recording") + "/grant", dm, body).statusCode()).isEqualTo(204);
        assertThat(APP.lastAuditSubject("attachment.granted")).isEqualTo("submission:" + submission
                + "/recording purpose:transcription");

        String ticket = ticket(token);
        HttpResponse<byte[]> heard = get(listen("recording") + "/" + ticket, token, "bytes=100-199");
        assertThat(heard.statusCode()).isEqualTo(206);
        assertThat(heard.body()).isEqualTo(Arrays.copyOfRange(AUDIO, 100, 200));
        HttpResponse<String> otherSite = APP.postJson(listen("recording"), APP.login("tr-listen-th", there), body);
        assertThat(otherSite.statusCode()).isEqualTo(403);
        assertThat(otherSite.body()).contains("listen-not-allowed");
        assertThat(APP.postJson(listen("recording"), token, Map.of("passphrase", "a wrong passphrase here"))
                .statusCode()).isEqualTo(422);
    }
}
