package org.fieldsafe.server.transcripts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fieldsafe.core.crypto.KeyPairBytes;
import org.fieldsafe.core.crypto.PassphraseCipher;
import org.fieldsafe.core.crypto.StudyKeys;
import org.fieldsafe.core.crypto.TranscriptSealing;
import org.fieldsafe.core.wire.NewExport;
import org.fieldsafe.core.wire.NewUser;
import org.fieldsafe.core.wire.NewUserRequest;
import org.fieldsafe.core.wire.PassphraseChange;
import org.fieldsafe.core.wire.StudyKeysRequest;
import org.fieldsafe.core.wire.SubmissionHeader;
import org.fieldsafe.core.wire.TranscriptOpenRequest;
import org.fieldsafe.core.wire.TranscriptQueueItem;
import org.fieldsafe.core.wire.TranscriptSave;
import org.fieldsafe.core.wire.TranscriptSaved;
import org.fieldsafe.core.wire.TranscriptText;
import org.fieldsafe.core.wire.TranscriptVersion;
import org.fieldsafe.core.wire.WithdrawalRequest;
import org.fieldsafe.export.ExportFilter;
import org.fieldsafe.export.SealedSubmission;
import org.fieldsafe.server.Envelopes;
import org.fieldsafe.server.FileScan;
import org.fieldsafe.server.SealedEnvelopes;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.UploadFixture;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.fieldsafe.server.export.StoredSealedSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Transcripts and translations on a real server (SQLite), over a submission synced with a sealed recording: a Khmer
 * transcript and an English translation put, listed, corrected, checked by a second transcriber, opened with the
 * transcription key (API) and the research key (the export's accessor); bad input refused with problems, other
 * people refused, and a withdrawal shreds every version.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class TranscriptIntegrationTest {
    /** The production limit for bodies under /submissions/ (config.yml), so a 2 MB text reaches the service. */
    private static final TestApp APP = new TestApp(ConfigOverride.config("submissions.maxEnvelopeBytes", "4194304"));
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;
    private static final UploadFixture UPLOADS = new UploadFixture(APP);
    private static final String S = "/studies/" + TestApp.STUDY;
    /** Test text written for this test (Khmer: "she went to work in Thailand"). */
    private static final String KHMER = "[00:00:05] នាងបានទៅធ្វើការនៅប្រទេសថៃ";
    private static final String KHMER_CORRECTED = "[00:00:05] នាងបានទៅធ្វើការនៅប្រទេសថៃ ជាមួយបងប្រុស";
    private static final String ENGLISH = "[00:00:05] She went to work in Thailand, transcript-marker-7Q";
    private static final String SECRET = "one-time transcription secret";
    private static final String OWN = "transcriber passphrase 42";
    private static final Map<String, String> PASSWORDS = new HashMap<>();

    @BeforeAll
    static void setUp() {
        UPLOADS.setUp();
        person("t-km", "transcriber", List.of("KH-SVR"), List.of("km"));
        person("t-km2", "transcriber", List.of("KH-SVR"), List.of("en", "km"));
        person("t-en", "transcriber", List.of("KH-SVR"), List.of("en"));
        person("t-bd", "transcriber", List.of("BD-DHK"), List.of("en", "km"));
        person("t-dm", "data_manager", List.of(), null);
        person("t-so", "safeguarding_officer", List.of("KH-SVR"), null);
        person("t-pi", "principal_investigator", List.of(), null);
        KeyPairBytes pair = StudyKeys.generateX25519();
        StudyKeysRequest.Key key = new StudyKeysRequest.Key("transcription", "X25519",
                Base64.getEncoder().encodeToString(pair.publicKey()), pair.fingerprint(),
                PassphraseCipher.wrapPrivateKey(pair.privateKey(), SECRET.toCharArray(), "transcription",
                        pair.fingerprint(), Envelopes.CHEAP).toJson(), "t-km");
        HttpResponse<String> created = APP.postJson(S + "/transcription-key", UPLOADS.admin, key);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        HttpResponse<String> claimed = APP.postJson(S + "/keys/transcription/passphrase", token("t-km"),
                new PassphraseChange(SECRET.toCharArray(), OWN.toCharArray()));
        assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(200);
    }

    private static void person(String name, String role, List<String> sites, List<String> languages) {
        HttpResponse<String> response = APP.postJson("/users", UPLOADS.admin,
                new NewUserRequest(name, role, sites, null, languages));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        PASSWORDS.put(name, APP.ownPassword(APP.read(response, NewUser.class)).password());
    }

    private static String token(String name) {
        return APP.login(name, PASSWORDS.get(name));
    }

    private static SealedEnvelopes.Sealed upload(String code) {
        SealedEnvelopes.Sealed sealed = SealedEnvelopes.seal(UPLOADS.target, UPLOADS.keys, "answer", true,
                UPLOADS.codeHash(code));
        HttpResponse<String> put = UPLOADS.put(sealed.id(), sealed.bytes(), UPLOADS.device.deviceToken());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
        assertThat(UPLOADS.putAttachment(sealed.id(), "recording", sealed.attachment()).statusCode()).isEqualTo(201);
        return sealed;
    }

    private static HttpResponse<String> put(String who, String id, String kind, String language, String text,
                                            String status, Integer basedOn) {
        return APP.send("PUT", "/submissions/" + id + "/transcripts/" + kind + "/" + language, token(who),
                "application/json", APP.write(new TranscriptSave(text, status, basedOn)));
    }

    private static TranscriptSaved saved(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        return APP.read(response, TranscriptSaved.class);
    }

    private static HttpResponse<String> open(String who, String id, String kind, String language, int version,
                                             String passphrase) {
        return APP.postJson("/submissions/" + id + "/transcripts/" + kind + "/" + language + "/" + version + "/open",
                token(who), new TranscriptOpenRequest(passphrase.toCharArray()));
    }

    private static HttpResponse<String> check(String who, String id, String kind, String language, int version) {
        return APP.send("POST", "/submissions/" + id + "/transcripts/" + kind + "/" + language + "/" + version
                + "/check", token(who), null, null);
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(response.body()).contains(type).doesNotContain("Exception");
    }

    private static Map<String, SealedSubmission> exported() throws Exception {
        Map<String, SealedSubmission> out = new HashMap<>();
        new StoredSealedSource(APP.services().submissionStore(), APP.json, TestApp.STUDY, ExportFilter.all(),
                APP.services().database()).forEach(s -> out.put(s.submissionId(), s));
        return out;
    }

    @Test
    void transcriptAndTranslation_putListCorrectCheckOpen() throws Exception {
        String id = upload("KH-SVR-RH-301").id();
        int audits = APP.count("audit_log");
        // a Khmer transcript: two autosaves of one draft, then done
        assertThat(saved(put("t-km", id, "transcript", "km", "draft one", "draft", null)))
                .isEqualTo(new TranscriptSaved(1, "draft"));
        assertThat(saved(put("t-km", id, "transcript", "km", KHMER.substring(0, 12), "draft", null)).version())
                .isEqualTo(1);
        assertThat(saved(put("t-km", id, "transcript", "km", KHMER, "done", null)))
                .isEqualTo(new TranscriptSaved(1, "done"));
        // an English translation by another transcriber
        assertThat(saved(put("t-en", id, "translation", "en", ENGLISH, "done", null)))
                .isEqualTo(new TranscriptSaved(1, "done"));
        // the queue shows the submission, its recording and the latest statuses, never text
        HttpResponse<String> queue = APP.get(S + "/transcription/queue", token("t-km2"));
        assertThat(queue.statusCode()).as(queue.body()).isEqualTo(200);
        assertThat(queue.body()).doesNotContain(ENGLISH).doesNotContain("ថៃ");
        TranscriptQueueItem item = APP.read(queue, new TypeReference<List<TranscriptQueueItem>>() {
        }).stream().filter(i -> i.submissionId().equals(id)).findFirst().orElseThrow();
        assertThat(item.recording()).isTrue();
        // the work offered follows the interview's language: its transcript in it, translations into the others
        assertThat(item.interviewLanguage()).isNotNull();
        assertThat(item.latest()).isNotEmpty().allSatisfy(l -> assertThat(l.kind()).isEqualTo(
                l.language().equals(item.interviewLanguage()) ? "transcript" : "translation"));
        assertThat(item.latest()).contains(new TranscriptQueueItem.Latest("transcript", "km", 1, "done", "t-km",
                item.latest().stream().filter(l -> l.kind().equals("transcript") && l.language().equals("km"))
                        .findFirst().orElseThrow().updatedAt()));
        // a correction is a new version; the old one stays listed
        assertThat(saved(put("t-km", id, "transcript", "km", KHMER_CORRECTED, "done", 1)).version()).isEqualTo(2);
        assertProblem(put("t-km2", id, "transcript", "km", "stale", "done", 1), 409, "transcript-stale");
        List<TranscriptVersion> versions = APP.read(APP.get("/submissions/" + id + "/transcripts", token("t-km")),
                new TypeReference<List<TranscriptVersion>>() {
                });
        assertThat(versions).extracting(v -> v.kind() + "/" + v.language() + "/" + v.version() + "/" + v.status())
                .containsExactly("transcript/km/1/done", "transcript/km/2/done", "translation/en/1/done");
        // the second person's check; never the author's own
        assertProblem(check("t-km", id, "transcript", "km", 2), 403, "transcript-own-check");
        assertThat(saved(check("t-km2", id, "transcript", "km", 2))).isEqualTo(new TranscriptSaved(2, "checked"));
        assertThat(APP.read(APP.get("/submissions/" + id + "/transcripts", token("t-pi")),
                new TypeReference<List<TranscriptVersion>>() {
                }).get(1).checker()).isEqualTo("t-km2");
        // opened with the transcription key (through the API)
        HttpResponse<String> opened = open("t-km", id, "transcript", "km", 2, OWN);
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(200);
        assertThat(opened.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(APP.read(opened, TranscriptText.class).text()).isEqualTo(KHMER_CORRECTED);
        assertThat(APP.read(open("t-km", id, "transcript", "km", 1, OWN), TranscriptText.class).text())
                .isEqualTo(KHMER);
        // and with the research key, from the export's accessor: the latest non-draft versions
        SealedSubmission forExport = exported().get(id);
        assertThat(forExport.texts()).extracting(t -> t.kind() + "/" + t.language() + "/" + t.version() + "/"
                + t.status()).containsExactlyInAnyOrder("transcript/km/2/checked", "translation/en/1/done");
        KeyPairBytes research = UPLOADS.keys.pairs().get("research");
        SubmissionHeader header = forExport.header();
        for (SealedSubmission.TextPart part : forExport.texts()) {
            assertThat(TranscriptSealing.open(header, part.kind(), part.language(), part.version(), part.sealed(),
                    research.fingerprint(), research.privateKey()))
                    .isEqualTo(part.kind().equals("transcript") ? KHMER_CORRECTED : ENGLISH);
        }
        // audited without text; nothing in plaintext in the database
        assertThat(APP.count("audit_log", "event = 'transcript.saved'")).isGreaterThanOrEqualTo(5);
        assertThat(APP.count("audit_log", "event = 'transcript.opened'")).isGreaterThanOrEqualTo(2);
        assertThat(APP.count("audit_log", "event = 'transcript.checked'")).isEqualTo(1);
        assertThat(APP.count("audit_log")).isGreaterThan(audits);
        assertThat(FileScan.found(APP.dataDir, List.of(KHMER, ENGLISH, "transcript-marker-7Q", OWN))).isEmpty();
        assertThat(APP.services().audit().verify().intact()).isTrue();
    }

    @Test
    void badInput_problemJsonAndNothingWritten() {
        String id = upload("KH-SVR-RH-302").id();
        int rows = APP.count("transcript_parts");
        assertProblem(put("t-km", "00000000-0000-4000-8000-000000000000", "transcript", "km", "x", "done", null),
                404, "submission-unknown");
        assertProblem(put("t-km", id, "summary", "km", "x", "done", null), 404, "transcript-kind-unknown");
        assertProblem(put("t-km", id, "transcript", "en", "x", "done", null), 403, "transcript-not-allowed");
        assertProblem(put("t-km", id, "transcript", "km", "x", "final", null), 422, "transcript-invalid");
        assertProblem(put("t-km", id, "transcript", "km", null, "done", null), 422, "transcript-invalid");
        assertProblem(put("t-km", id, "transcript", "km", "a".repeat(TranscriptService.MAX_TEXT_BYTES + 1), "done",
                null), 413, "transcript-too-large");
        assertProblem(APP.send("PUT", "/submissions/" + id + "/transcripts/transcript/km", token("t-km"),
                "application/json", "{\"text\": "), 400, "");
        assertThat(APP.count("transcript_parts")).isEqualTo(rows);
        assertThat(saved(put("t-km", id, "transcript", "km", KHMER, "done", null)).version()).isEqualTo(1);
        assertProblem(open("t-km", id, "transcript", "km", 1, "not the passphrase at all"), 422, "key-unlock-failed");
        assertProblem(open("t-km", id, "transcript", "km", 9, OWN), 404, "transcript-version-unknown");
        // a transcriber holding the transcription key still gets no export
        HttpResponse<String> export = APP.postJson(S + "/exports", token("t-km"),
                new NewExport(OWN.toCharArray(), List.of("csv"), null, null, null, null));
        assertThat(export.statusCode()).as(export.body()).isEqualTo(403);
        // a second language's translator with no key copy cannot open
        assertProblem(open("t-km2", id, "transcript", "km", 1, OWN), 403, "key-copy-missing");
    }

    @Test
    void otherPeople_cannotReadOrWriteTranscripts() {
        String id = upload("KH-SVR-RH-303").id();
        assertThat(saved(put("t-km", id, "transcript", "km", KHMER, "done", null)).version()).isEqualTo(1);
        int rows = APP.count("transcript_parts");
        List<String> refused = new ArrayList<>();
        for (String who : List.of("t-bd", "t-dm", "t-so")) {
            String token = token(who);
            refused.add(who + " list " + APP.get("/submissions/" + id + "/transcripts", token).statusCode());
            refused.add(who + " put " + APP.send("PUT", "/submissions/" + id + "/transcripts/transcript/km", token,
                    "application/json", APP.write(new TranscriptSave("x", "done", 1))).statusCode());
            refused.add(who + " open " + APP.postJson("/submissions/" + id + "/transcripts/transcript/km/1/open",
                    token, new TranscriptOpenRequest(OWN.toCharArray())).statusCode());
            refused.add(who + " check " + APP.send("POST", "/submissions/" + id
                    + "/transcripts/transcript/km/1/check", token, null, null).statusCode());
        }
        // a transcriber of the site in another language
        refused.add("t-en put " + put("t-en", id, "transcript", "km", "x", "done", 1).statusCode());
        refused.add("t-en open " + open("t-en", id, "transcript", "km", 1, OWN).statusCode());
        refused.add("t-en check " + check("t-en", id, "transcript", "km", 1).statusCode());
        String device = UPLOADS.device.deviceToken();
        refused.add("device list " + APP.get("/submissions/" + id + "/transcripts", device).statusCode());
        refused.add("device put " + APP.send("PUT", "/submissions/" + id + "/transcripts/transcript/km", device,
                "application/json", APP.write(new TranscriptSave("x", "done", 1))).statusCode());
        refused.add("device queue " + APP.get(S + "/transcription/queue", device).statusCode());
        assertThat(refused).allSatisfy(line -> assertThat(line).endsWith(" 403"));
        assertThat(APP.count("transcript_parts")).isEqualTo(rows);
        // another site's transcriber does not see the submission in their queue
        assertThat(APP.get(S + "/transcription/queue", token("t-bd")).body()).doesNotContain(id);
    }

    @Test
    void withdrawal_shredsEveryTranscriptVersion() throws Exception {
        String id = upload("KH-SVR-RH-304").id();
        assertThat(saved(put("t-km", id, "transcript", "km", KHMER, "done", null)).version()).isEqualTo(1);
        assertThat(saved(put("t-km", id, "transcript", "km", KHMER_CORRECTED + " v2", "done", 1)).version())
                .isEqualTo(2);
        assertThat(saved(put("t-en", id, "translation", "en", ENGLISH + " withdrawn-marker-Z9", "draft", null))
                .version()).isEqualTo(1);
        String sealed = APP.services().database().read(h -> h.createQuery(
                "SELECT sealed_part FROM transcript_parts WHERE submission_id = :id AND version = 2")
                .bind("id", id).mapTo(String.class).one());
        String ciphertext = APP.json.readTree(sealed).get("ciphertext").asText();
        String prefix = ciphertext.substring(0, 24);
        assertThat(FileScan.found(APP.dataDir, List.of(prefix))).containsExactly(prefix);
        HttpResponse<String> withdrawn = APP.postJson(S + "/withdrawals", token("t-pi"),
                new WithdrawalRequest("KH-SVR-RH-304"));
        assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(201);
        assertThat(APP.count("transcript_parts", "submission_id = '" + id + "'")).isZero();
        assertThat(FileScan.found(APP.dataDir, List.of(prefix, sealed.substring(0, 40), KHMER,
                "withdrawn-marker-Z9"))).isEmpty();
        assertProblem(APP.get("/submissions/" + id + "/transcripts", token("t-km")), 404, "submission-unknown");
    }
}
