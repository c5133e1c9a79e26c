package org.fieldsafe.server.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.fieldsafe.client.FieldsafeClient;
import org.fieldsafe.client.interview.AnswersFile;
import org.fieldsafe.client.interview.HmacCodeHasher;
import org.fieldsafe.client.interview.InterviewResult;
import org.fieldsafe.client.interview.InterviewSession;
import org.fieldsafe.client.interview.StopPolicy;
import org.fieldsafe.client.interview.StudyKeySealer;
import org.fieldsafe.client.store.DeviceRecord;
import org.fieldsafe.client.store.DeviceStore;
import org.fieldsafe.client.store.StoredForm;
import org.fieldsafe.core.forms.FormDefinition;
import org.fieldsafe.core.forms.Study;
import org.fieldsafe.core.json.JsonMappers;
import org.fieldsafe.core.wire.Envelope;
import org.fieldsafe.core.wire.Manifest;
import org.fieldsafe.core.wire.SubmissionHeader.FormRef;
import org.fieldsafe.server.Envelopes;

/**
 * The reference study on a real server process, as the fault and load tests drive it: its configuration, the
 * study keys and enrolled devices set up over the HTTP API, and interviews sealed by the real client path.
 */
final class FaultStudy {
    static final String STUDY = "beyond-awareness";
    static final String SITE = "KH-SVR";
    private static final ObjectMapper JSON = JsonMappers.plain();

    private FaultStudy() {
    }

    /** The study's key holders and key pairs, over the API as the admin. */
    static void createStudyKeys(Api api, String admin) throws Exception {
        for (List<String> holder : Envelopes.FIRST_HOLDERS.values()) {
            api.expect(201, api.send("POST", "/users", admin, JSON.writeValueAsString(Map.of("username", holder.get(0),
                    "role", holder.get(1), "sites", holder.get(1).equals("safeguarding_officer") ? List.of(SITE)
                            : List.of()))));
        }
        api.expect(201, api.send("POST", "/studies/" + STUDY + "/keys", admin,
                JSON.writeValueAsString(Envelopes.newStudyKeys().request())));
    }

    /** A new enumerator at {@link #SITE} and their device, enrolled through {@code serverPort} into {@code home}. */
    static void enrolDevice(Api api, String admin, String enumerator, Path home, int serverPort, String deviceName)
            throws Exception {
        api.expect(201, api.send("POST", "/users", admin, JSON.writeValueAsString(Map.of(
                "username", enumerator, "role", "enumerator", "sites", List.of(SITE)))));
        JsonNode enrolment = JSON.readTree(api.expect(201, api.send("POST", "/enrolments", admin,
                JSON.writeValueAsString(Map.of("study", STUDY, "site", SITE, "enumerator", enumerator)))));
        Files.createDirectories(home);
        try (FieldsafeClient client = FieldsafeClient.open(home)) {
            client.enrol(URI.create("http://127.0.0.1:" + serverPort), enrolment.get("code").asText(), deviceName);
            client.pull();
        }
    }

    /** Seals {@code count} interviews on one device the way {@code client interview --answers} does. */
    static void sealInterviews(Path home, int firstCode, int count) throws Exception {
        try (DeviceStore store = DeviceStore.openExisting(home)) {
            DeviceRecord device = store.device().orElseThrow();
            Study study = Study.fromCanonicalJson(store.study().orElseThrow().canonicalJson());
            StoredForm interview = latest(store.forms(), "interview");
            FormDefinition interviewForm = FormDefinition.fromCanonicalJson(interview.canonicalJson());
            StoredForm consent = latest(store.forms(), interviewForm.consentForm());
            FormDefinition consentForm = FormDefinition.fromCanonicalJson(consent.canonicalJson());
            StudyKeySealer sealer = new StudyKeySealer(store.studyKeys());
            byte[] codeKey = store.respondentCodeKey().orElseThrow();
            Clock clock = Clock.systemUTC();
            InterviewResult.Context context = new InterviewResult.Context(device.deviceId(), device.enumerator(),
                    new FormRef(consent.formId(), consent.version(), consent.sha256()),
                    new FormRef(interview.formId(), interview.version(), interview.sha256()),
                    new HmacCodeHasher(codeKey), clock);
            InterviewSession.Options options = new InterviewSession.Options(clock, StopPolicy.DISCARD_ALL);
            for (int i = 0; i < count; i++) {
                String code = String.format("%s-RH-%03d", SITE, firstCode + i);
                InterviewSession session = AnswersFile.run(answers(code, device.enumerator(), i % 10 == 0), study, consentForm,
                        interviewForm, SITE, "km", options);
                InterviewResult result = InterviewResult.build(session, context);
                Envelope envelope = result.seal(sealer);
                byte[] bytes = AnswersFile.mapper().writeValueAsBytes(envelope);
                store.outbox().put(result.header().submissionId(), bytes, Instant.now(clock));
            }
        }
    }

    private static StoredForm latest(List<StoredForm> forms, String id) {
        return forms.stream().filter(f -> f.formId().equals(id)).max(Comparator.comparingInt(StoredForm::version))
                .orElseThrow(() -> new AssertionError("form " + id + " not pulled"));
    }

    private static JsonNode answers(String code, String enumerator, boolean withDisclosure) {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        ObjectNode file = JSON.createObjectNode().put("form", "interview").put("site", SITE).put("lang", "km");
        ObjectNode respondent = file.putArray("respondents").addObject();
        respondent.putObject("consent").put("participation", "yes").put("recording_consent", "no")
                .put("consent_mode", "verbal").put("age", 35).put("respondent_code", code)
                .put("interviewer", enumerator).put("consent_date", today).put("research_partner", "Partner KH");
        ObjectNode a = respondent.putObject("answers");
        a.put("category", "RH").put("name", "Respondent " + code).put("age", 35).put("gender", "female")
                .put("address", "Svay Rieng").put("interview_date", today)
                .put("q_meaning", "answer about meaning " + code).put("q_causes", "answer about causes")
                .put("q_protection", "answer about protection").put("disclosure_check", "no")
                .put("closing_hopes", "more schools");
        if (withDisclosure) { // a referral part too, as in the field
            a.put("disclosure_check", "yes").putArray("indicators").add("debt_bondage");
        } else {
            a.putArray("indicators").add("none");
        }
        if (withDisclosure) {
            ObjectNode disclosure = file.putArray("disclosures").addObject();
            disclosure.put("respondent", 0).put("choice", "refer");
            disclosure.putObject("routes").put("kh-child-helpline", true);
            disclosure.putObject("contact").put("how", "phone").put("when", "evenings");
        }
        return file;
    }

    /** The server's receipt public key from the device's manifest. */
    static byte[] receiptKey(Api api, DeviceRecord device) throws Exception {
        Manifest manifest = JSON.readValue(api.expect(200, api.send("GET", "/sync/manifest", device.deviceToken(),
                null)), Manifest.class);
        Manifest.StudyKey key = manifest.keys().stream().filter(k -> k.purpose().equals("receipt")).findFirst()
                .orElseThrow();
        return Base64.getDecoder().decode(key.publicKey());
    }

    static Path writeConfig(Path data, int port, int adminPort) throws IOException {
        return writeConfig(data, port, adminPort, """
                  argon2:
                    memoryKib: 64
                    iterations: 1
                    parallelism: 1
                """);
    }

    /**
     * The server's configuration on the reference study's forms, with {@code auth} (YAML lines indented by two,
     * e.g. {@code argon2}, {@code hashing}, {@code trustedProxies}) added to the auth block.
     */
    static Path writeConfig(Path data, int port, int adminPort, String auth) throws IOException {
        Path forms = Path.of("..", "forms").toAbsolutePath().normalize();
        String yaml = """
                server:
                  type: fieldsafe
                  maxRequestBytes: 1048576
                  applicationConnectors:
                    - type: http
                      bindHost: 127.0.0.1
                      port: %d
                  adminConnectors:
                    - type: http
                      bindHost: 127.0.0.1
                      port: %d
                  requestLog:
                    appenders: []
                database:
                  driverClass: org.sqlite.JDBC
                  url: "jdbc:sqlite:%s"
                  minSize: 1
                  initialSize: 1
                  maxSize: 8
                forms:
                  directory: "%s"
                auth:
                  tokenTtl: 1 hour
                  loginRateLimit:
                    maxFailures: 50
                    window: 15 minutes
                %s  initialAdminPassword: ${FIELDSAFE_ADMIN_PASSWORD}
                enrolment:
                  codeTtl: 1 hour
                  exchangeLimit:
                    maxFailures: 50
                    window: 15 minutes
                keys:
                  minArgon2:          # the cost the test keys are wrapped at (Envelopes.CHEAP)
                    memoryKib: 64
                    iterations: 1
                    parallelism: 1
                submissions:
                  maxEnvelopeBytes: 4194304
                  maxBatch: 256
                  queueCapacity: 10000
                  receiptTimeout: 30 seconds
                logging:
                  level: WARN
                  appenders:
                    - type: console
                      threshold: WARN
                """.formatted(port, adminPort, data.resolve("fieldsafe.db"), forms, auth);
        return Files.writeString(data.resolve("config.yml"), yaml);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
