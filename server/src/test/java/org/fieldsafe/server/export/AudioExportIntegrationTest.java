package org.fieldsafe.server.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.fieldsafe.core.wire.TranscriptSave;
import org.fieldsafe.core.wire.WithdrawalRequest;
import org.fieldsafe.server.Envelopes;
import org.fieldsafe.server.FileScan;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.UploadFixture;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Issue 17, audio in QDPX under a principal investigator's grant, on a real server (SQLite) over really sealed
 * uploads (the redaction study of {@link ExportReviewIntegrationTest}, {@link SealedInterviews} with recordings): seven
 * KH-SVR interviews, each with a recording; one respondent withdraws; the first interview gets a transcript (naming a
 * listed village before its time marks) and a translation through the transcription API. The grant is given, listed
 * and revoked over the API; an export asking for audio without a live grant of the caller's own is refused with 403
 * and leaves no job and no file; with one, the QDPX carries every released recording byte for byte.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class AudioExportIntegrationTest {
    private static final Path XSD = Path.of("..", "..", "shared", "refi-qda", "Project.xsd");
    private static final String NS = "urn:QDA-XML:project:1.0";
    private static final TestApp APP = TestApp.onForms(ExportReviewIntegrationTest.formsWithRedaction());
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;
    private static final UploadFixture UPLOADS = new UploadFixture(APP);
    private static final String S = "/studies/" + TestApp.STUDY;
    private static final String WITHDRAWN = "KH-SVR-RH-407";
    /** Written into every recording, so a byte search of the data directory would find a plaintext copy. */
    private static final String AUDIO_MARKER = "plaintext-audio-marker-4Kq";
    private static final String TRANSCRIPT = "She left " + ExportReviewIntegrationTest.PLACE + " in May. [00:07] "
            + "Then the broker came. [1:02:03] The end.";
    private static final String TRANSLATION = "[00:00] ការបកប្រែ [00:09] ចប់";
    private static final Map<String, String> PASSWORDS = new HashMap<>();
    /** SHA-256 of each uploaded recording's plaintext, by respondent code. */
    private static final Map<String, String> SHA256 = new LinkedHashMap<>();

    @BeforeAll
    static void setUp() throws Exception {
        UPLOADS.setUp();
        // created by the test app, so that the key holders among them get a copy of their key (TestApp#createUser)
        for (String[] p : new String[][] {{"a-dm", "data_manager"}, {"a-dm2", "data_manager"},
                {"a-pi", "principal_investigator"}, {"a-co", "coordinator"}}) {
            PASSWORDS.put(p[0], APP.createUser(UPLOADS.admin, p[0], p[1], List.of()).password());
        }
        PASSWORDS.put("a-ten", APP.createTranscriber(UPLOADS.admin, "a-ten", List.of("KH-SVR"), List.of("en"))
                .password());
        PASSWORDS.put("a-tkm", APP.createTranscriber(UPLOADS.admin, "a-tkm", List.of("KH-SVR"), List.of("km"))
                .password());
        String first = null;
        for (int i = 1; i <= 7; i++) {
            String code = "KH-SVR-RH-" + (400 + i);
            byte[] recording = wav(2 * 64 * 1024 + 500 * i);
            SHA256.put(code, sha256(recording));
            SealedInterviews.WithRecording sealed = SealedInterviews.interview(UPLOADS, code, "RH", 30,
                    "Quiet plain answer " + i, recording);
            assertThat(UPLOADS.put(sealed.envelope()).statusCode()).isEqualTo(201);
            HttpResponse<String> put = UPLOADS.putAttachment(sealed.id(), "recording", sealed.sealedRecording());
            assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
            first = first == null ? sealed.id() : first;
        }
        assertThat(transcript(first, "transcript", "en", "a-ten", TRANSCRIPT).statusCode()).isEqualTo(200);
        assertThat(transcript(first, "translation", "km", "a-tkm", TRANSLATION).statusCode()).isEqualTo(200);
        HttpResponse<String> withdrawn = APP.postJson(S + "/withdrawals", token("a-pi"),
                new WithdrawalRequest(WITHDRAWN));
        assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(201);
    }

    private static String token(String name) {
        return APP.login(name, PASSWORDS.get(name));
    }

    private static HttpResponse<String> transcript(String id, String kind, String language, String who,
                                                   String text) {
        return APP.send("PUT", "/submissions/" + id + "/transcripts/" + kind + "/" + language, token(who),
                "application/json", APP.write(new TranscriptSave(text, "done", null)));
    }

    private static HttpResponse<String> grant(String who, String user, String reason, Integer days) {
        Map<String, Object> body = new HashMap<>();
        body.put("user", user);
        body.put("reason", reason);
        body.put("days", days);
        return APP.postJson(S + "/exports/audio-grants", token(who), body);
    }

    private static String grantId(String user, int days) {
        HttpResponse<String> granted = grant("a-pi", user, "transcript_verification", days);
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(201);
        return APP.read(granted, JsonNode.class).get("id").asText();
    }

    private static HttpResponse<String> export(String who, List<String> formats, Boolean audio) {
        Map<String, Object> body = new HashMap<>();
        body.put("passphrase", Envelopes.PASSPHRASE);
        body.put("formats", formats);
        body.put("audio", audio);
        return APP.postJson(S + "/exports", token(who), body);
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(response.body()).contains(type).doesNotContain("Exception");
    }

    /** A WAV header, the marker and random bytes: {@code size} bytes, three 64 KiB chunks sealed. */
    private static byte[] wav(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        System.arraycopy("RIFF".getBytes(StandardCharsets.US_ASCII), 0, b, 0, 4);
        System.arraycopy("WAVE".getBytes(StandardCharsets.US_ASCII), 0, b, 8, 4);
        byte[] marker = AUDIO_MARKER.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(marker, 0, b, 64, marker.length);
        return b;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static byte[] download(String token, String id, String name) throws Exception {
        HttpResponse<byte[]> file = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        APP.baseUrl() + "/api/v1/exports/" + id + "/files/" + name))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(file.statusCode()).isEqualTo(200);
        return file.body();
    }

    private static Map<String, byte[]> unzip(byte[] bytes) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }

    private static List<Element> elements(Document doc, String name) {
        NodeList nodes = doc.getElementsByTagNameNS(NS, name);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }

    private static Set<String> exportDirectory() throws IOException {
        Set<String> out = new HashSet<>();
        try (var files = Files.walk(APP.services().exportJobs().root())) {
            files.forEach(p -> out.add(p.toString()));
        }
        return out;
    }

    @Test
    void exportQdpx_withAudioGrant_recordingsAsAudioSourcesWithTranscriptsAndSyncPoints() throws Exception {
        String grant = grantId("a-dm", 7);
        String dm = token("a-dm");
        HttpResponse<String> started = export("a-dm", List.of("qdpx"), true);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String id = APP.read(started, JsonNode.class).get("id").asText();
        JsonNode job = APP.awaitExport(dm, id);
        // the village in the transcript holds the export for review; accepting its placeholder releases it
        assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("review");
        assertThat(APP.postJson("/exports/" + id + "/review/decisions", dm, Map.of("decision", "accept", "all", true))
                .statusCode()).isEqualTo(200);
        HttpResponse<String> released = APP.postJson("/exports/" + id + "/release", dm, Map.of());
        assertThat(released.statusCode()).as(released.body()).isEqualTo(200);
        JsonNode manifest = APP.read(APP.get("/exports/" + id, dm), JsonNode.class).get("manifest");
        Map<String, byte[]> zip = unzip(download(dm, id, "export.qdpx"));
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(XSD.toFile()).newValidator()
                .validate(new StreamSource(new ByteArrayInputStream(zip.get("project.qde"))));
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(zip.get("project.qde")));

        // every source's file is in the zip, every SourceRef resolves, nothing unlisted rides along
        Set<String> sources = new HashSet<>();
        Set<String> listed = new HashSet<>(Set.of("project.qde"));
        Map<String, String> textByPath = new HashMap<>();
        for (Element s : elements(doc, "TextSource")) {
            sources.add(s.getAttribute("guid"));
            String path = s.getAttribute("plainTextPath");
            String entry = "Sources/" + path.substring("internal://".length());
            assertThat(zip).containsKey(entry);
            listed.add(entry);
            textByPath.put(path, new String(zip.get(entry), StandardCharsets.UTF_8));
        }
        List<Element> audios = elements(doc, "AudioSource");
        Set<String> heard = new HashSet<>();
        for (Element audio : audios) {
            sources.add(audio.getAttribute("guid"));
            String path = audio.getAttribute("path");
            assertThat(path).isEqualTo("internal://" + audio.getAttribute("guid") + ".wav");
            String entry = "Sources/" + path.substring("internal://".length());
            assertThat(zip).containsKey(entry);
            listed.add(entry);
            heard.add(sha256(zip.get(entry)));
            assertThat(audio.getAttribute("name")).doesNotContain("KH-SVR");
        }
        for (Element ref : elements(doc, "SourceRef")) {
            assertThat(sources).contains(ref.getAttribute("targetGUID"));
        }
        assertThat(zip.keySet()).isEqualTo(listed);
        // the six released recordings byte for byte; the withdrawn respondent's nowhere
        Map<String, String> released6 = new LinkedHashMap<>(SHA256);
        String withdrawnSha = released6.remove(WITHDRAWN);
        assertThat(heard).containsExactlyInAnyOrderElementsOf(released6.values()).doesNotContain(withdrawnSha);
        // each audio source is referred to by its respondent's case
        Set<String> referred = new HashSet<>();
        elements(doc, "SourceRef").forEach(r -> referred.add(r.getAttribute("targetGUID")));
        audios.forEach(a -> assertThat(referred).contains(a.getAttribute("guid")));
        // the first interview's transcript and translation are attached, with sync points inside their texts, at
        // their marks in the text as exported (after the village became [PLACE])
        List<Element> transcripts = elements(doc, "Transcript");
        assertThat(transcripts).hasSize(2);
        Map<String, List<Long>> times = new HashMap<>();
        for (Element t : transcripts) {
            String text = textByPath.get(t.getAttribute("plainTextPath"));
            assertThat(text).as("the transcript's text source").isNotNull();
            List<Long> stamps = new ArrayList<>();
            NodeList syncs = t.getElementsByTagNameNS(NS, "SyncPoint");
            for (int i = 0; i < syncs.getLength(); i++) {
                Element sync = (Element) syncs.item(i);
                int position = Integer.parseInt(sync.getAttribute("position"));
                assertThat(position).isBetween(0, text.codePointCount(0, text.length()) - 1);
                assertThat(text.substring(text.offsetByCodePoints(0, position))).startsWith("[").as(text);
                stamps.add(Long.parseLong(sync.getAttribute("timeStamp")));
            }
            times.put(text.contains("[PLACE]") ? "transcript" : "translation", stamps);
        }
        assertThat(times).containsEntry("transcript", List.of(7_000L, 3_723_000L))
                .containsEntry("translation", List.of(0L, 9_000L));
        // the manifest: audio exported, how many and how large, under which grant and whose (user ids only)
        JsonNode qdpx = manifest.get("qdpx");
        assertThat(qdpx.get("audio").asText()).startsWith("exported");
        assertThat(qdpx.get("recordings").get("count").asInt()).isEqualTo(6);
        assertThat(qdpx.get("recordings").get("bytes").asLong()).isEqualTo(audios.stream().mapToLong(a ->
                zip.get("Sources/" + a.getAttribute("guid") + ".wav").length).sum());
        assertThat(qdpx.get("recordings").get("grant").asText()).isEqualTo(grant);
        assertThat(qdpx.get("recordings").get("grantedBy").asText()).isEqualTo("a-pi");
        // audited as an export with audio; no plaintext recording anywhere in the data directory
        assertThat(APP.count("audit_log", "event = 'export.requested' AND subject LIKE '%export:" + id
                + "%audio:true audio_grant:" + grant + "%'")).isEqualTo(1);
        assertThat(APP.count("audit_log", "event = 'export.completed' AND subject LIKE '%export:" + id
                + "%audio_recordings:6%'")).isEqualTo(1);
        assertThat(FileScan.found(APP.dataDir, List.of(AUDIO_MARKER))).isEmpty();
        assertThat(APP.services().audit().verify().intact()).isTrue();
    }

    @Test
    void exportAudio_withoutLiveGrantOfOwn_403NoJobNothingWritten() throws Exception {
        String dm2 = token("a-dm2");
        int jobs = APP.read(APP.get("/exports", dm2), JsonNode.class).size();
        Set<String> before = exportDirectory();
        List<String> refused = new ArrayList<>();
        // none at all
        refused.add("none " + export("a-dm2", List.of("qdpx"), true).statusCode());
        // another data manager's grant
        grantId("a-dm", 7);
        refused.add("another's " + export("a-dm2", List.of("qdpx"), true).statusCode());
        // revoked
        String revoked = grantId("a-dm2", 7);
        assertThat(APP.send("DELETE", S + "/exports/audio-grants/" + revoked, token("a-pi"), null, null)
                .statusCode()).isEqualTo(204);
        assertProblem(export("a-dm2", List.of("qdpx"), true), 403, "audio-grant-missing");
        refused.add("revoked 403");
        // expired: a one-day grant two days later
        grantId("a-dm2", 1);
        APP.clock.advance(Duration.ofDays(2));
        refused.add("expired " + export("a-dm2", List.of("qdpx"), true).statusCode());
        assertThat(refused).allSatisfy(line -> assertThat(line).endsWith(" 403"));
        String fresh = token("a-dm2");
        assertThat(APP.read(APP.get("/exports", fresh), JsonNode.class).size()).isEqualTo(jobs);
        assertThat(exportDirectory()).isSubsetOf(before);
        assertThat(APP.count("audit_log", "event = 'export.audio.denied'")).isGreaterThanOrEqualTo(4);
        // the list shows each grant's state
        JsonNode list = APP.read(APP.get(S + "/exports/audio-grants", token("a-pi")), JsonNode.class);
        List<String> states = new ArrayList<>();
        list.forEach(g -> states.add(g.get("user").asText() + " " + g.get("state").asText()));
        assertThat(states).contains("a-dm2 revoked", "a-dm2 expired");
    }

    @Test
    void exportOptions_sayTheCallersLiveAudioGrant_principalInvestigatorListsWhomSheMayName() throws Exception {
        // a fresh admin session: another test of the class moves the clock on by days
        String admin = APP.login("admin", TestApp.ADMIN_PASSWORD);
        String dm3 = APP.createUser(admin, "a-dm3", "data_manager", List.of()).password();
        String disabled = "a-dm-off";
        APP.createUser(admin, disabled, "data_manager", List.of());
        assertThat(APP.send("POST", "/users/" + disabled + "/disable", admin, null, null).statusCode())
                .isEqualTo(200);
        String token = APP.login("a-dm3", dm3);
        assertThat(APP.read(APP.get(S + "/exports/options", token), JsonNode.class).hasNonNull("audioGrant"))
                .isFalse();
        String grant = grantId("a-dm3", 3);
        JsonNode live = APP.read(APP.get(S + "/exports/options", token), JsonNode.class).get("audioGrant");
        assertThat(live.get("id").asText()).isEqualTo(grant);
        assertThat(live.get("grantedBy").asText()).isEqualTo("a-pi");
        assertThat(live.get("expiresAt").asText()).isNotEmpty();
        // another data manager's options do not show it
        assertThat(APP.read(APP.get(S + "/exports/options", token("a-dm2")), JsonNode.class).path("audioGrant")
                .toString()).doesNotContain(grant);
        assertThat(APP.send("DELETE", S + "/exports/audio-grants/" + grant, token("a-pi"), null, null)
                .statusCode()).isEqualTo(204);
        assertThat(APP.read(APP.get(S + "/exports/options", token), JsonNode.class).hasNonNull("audioGrant"))
                .isFalse();
        // whom the PI may name: the enabled data managers and herself, never a disabled one or another role
        JsonNode grantees = APP.read(APP.get(S + "/exports/audio-grantees", token("a-pi")), JsonNode.class);
        List<String> ids = new ArrayList<>();
        grantees.forEach(g -> ids.add(g.asText()));
        assertThat(ids).contains("a-dm", "a-dm2", "a-dm3", "a-pi").doesNotContain(disabled, "a-co", "a-ten");
        assertThat(ids).isSorted();
        assertThat(APP.get(S + "/exports/audio-grantees", token("a-dm")).statusCode()).isEqualTo(403);
    }

    @Test
    void exportAudio_notQdpx_422NoJob() {
        grantId("a-dm", 7);
        int jobs = APP.read(APP.get("/exports", token("a-dm")), JsonNode.class).size();
        HttpResponse<String> refused = export("a-dm", List.of("wide", "long"), true);
        assertProblem(refused, 422, "export-invalid");
        assertThat(refused.body()).contains("QDPX only");
        assertThat(APP.read(APP.get("/exports", token("a-dm")), JsonNode.class).size()).isEqualTo(jobs);
    }

    @Test
    void audioGrants_onlyPrincipalInvestigatorGrantsListsAndRevokes() {
        int grants = APP.count("audio_export_grants");
        for (String who : List.of("a-dm", "a-co", "a-ten")) {
            assertProblem(grant(who, "a-dm", "transcript_verification", 7), 403, "forbidden");
            assertThat(APP.get(S + "/exports/audio-grants", token(who)).statusCode()).isEqualTo(403);
        }
        // a coordinator is not a data manager; reason and days from the documented ranges only
        assertProblem(grant("a-pi", "a-co", "transcript_verification", 7), 422, "audio-grant-invalid");
        assertProblem(grant("a-pi", "nobody-here", "transcript_verification", 7), 422, "audio-grant-invalid");
        assertProblem(grant("a-pi", "a-dm", "because", 7), 422, "audio-grant-invalid");
        assertProblem(grant("a-pi", "a-dm", "speech_analysis", 0), 422, "audio-grant-invalid");
        assertProblem(grant("a-pi", "a-dm", "speech_analysis", AudioGrants.MAX_DAYS + 1), 422, "audio-grant-invalid");
        assertThat(APP.count("audio_export_grants")).isEqualTo(grants);
        // the principal investigator may name herself
        String own = grantId("a-pi", 3);
        assertThat(APP.send("DELETE", S + "/exports/audio-grants/" + own, token("a-dm"), null, null).statusCode())
                .isEqualTo(403);
        assertThat(APP.send("DELETE", S + "/exports/audio-grants/" + own, token("a-pi"), null, null).statusCode())
                .isEqualTo(204);
        assertProblem(APP.send("DELETE", S + "/exports/audio-grants/" + own, token("a-pi"), null, null), 409,
                "audio-grant-revoked");
        assertThat(APP.send("DELETE", S + "/exports/audio-grants/00000000-0000-4000-8000-000000000000",
                token("a-pi"), null, null).statusCode()).isEqualTo(404);
        assertThat(APP.lastAuditSubject("export.audio.granted")).contains("grant:" + own).contains("user:a-pi")
                .contains("reason:transcript_verification");
        assertThat(APP.lastAuditSubject("export.audio.revoked")).contains("grant:" + own);
        assertThat(APP.count("audit_log", "event = 'export.audio.grant.denied'")).isGreaterThanOrEqualTo(4);
    }
}
