package org.fieldsafe.server.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.fieldsafe.core.crypto.Digests;
import org.fieldsafe.core.crypto.KeyPairBytes;
import org.fieldsafe.core.crypto.RecipientKey;
import org.fieldsafe.core.crypto.Receipts;
import org.fieldsafe.core.crypto.Sealing;
import org.fieldsafe.core.wire.DeviceEnrolment;
import org.fieldsafe.core.wire.Envelope;
import org.fieldsafe.core.wire.Manifest;
import org.fieldsafe.core.wire.Problem;
import org.fieldsafe.core.wire.Receipt;
import org.fieldsafe.core.wire.SubmissionHeader;
import org.fieldsafe.server.Envelopes;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.UploadFixture;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.fieldsafe.server.submissions.SubmissionDao;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code PUT /submissions/{id}} as docs/sealing.md's table says: 201/200/409/410/413/422/400, nothing written on refusal. */
@ExtendWith(DropwizardExtensionsSupport.class)
class SubmissionIntegrationTest {
    static final TestApp APP = new TestApp();
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;
    static final UploadFixture UPLOADS = new UploadFixture(APP);
    private static final List<String> TABLES = List.of("submissions", "submission_respondents", "audit_log");

    static String admin;
    static DeviceEnrolment device;
    static DeviceEnrolment otherDevice;
    static Envelopes.StudyKeys keys;
    static Envelopes.Target target;

    @BeforeAll
    static void setUp() {
        UPLOADS.setUp();
        admin = UPLOADS.admin;
        keys = UPLOADS.keys;
        device = UPLOADS.device;
        target = UPLOADS.target;
        otherDevice = UPLOADS.enrol("enum2", "KH-SVR");
    }

    @Test
    void put_valid_201WithReceiptThatVerifiesAgainstTheManifestKey() {
        ObjectNode envelope = valid("KH-SVR-RH-001");
        byte[] body = Envelopes.bytes(envelope);
        Map<String, Integer> before = counts();
        HttpResponse<String> response = put(Envelopes.submissionId(envelope), body, device.deviceToken());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        Receipt receipt = APP.read(response, Receipt.class);
        assertThat(receipt.submissionId()).isEqualTo(Envelopes.submissionId(envelope));
        assertThat(receipt.envelopeSha256()).isEqualTo(Digests.sha256Hex(body));
        assertThat(Instant.parse(receipt.receivedAt())).isEqualTo(APP.clock.instant());
        Manifest manifest = APP.read(APP.get("/sync/manifest", device.deviceToken()), Manifest.class);
        Manifest.StudyKey pinned = manifest.keys().stream().filter(k -> k.purpose().equals("receipt")).findFirst()
                .orElseThrow();
        assertThat(receipt.keyId()).isEqualTo(pinned.fingerprint());
        assertThat(Receipts.verify(receipt, Base64.getDecoder().decode(pinned.publicKey()))).isTrue();
        assertThat(counts()).isEqualTo(Map.of("submissions", before.get("submissions") + 1,
                "submission_respondents", before.get("submission_respondents") + 1,
                "audit_log", before.get("audit_log") + 1));
        assertThat(APP.services().submissionStore().envelope(receipt.submissionId())).hasValue(
                new String(body, StandardCharsets.UTF_8));
        assertThat(APP.count("audit_log", "event = 'submission.received' AND subject = 'submission:"
                + receipt.submissionId() + "'")).isEqualTo(1);
        assertThat(APP.services().audit().verify().intact()).isTrue();
    }

    @Test
    void put_identicalRetry_returnsSameReceipt() {
        ObjectNode envelope = valid("KH-SVR-RH-002");
        byte[] body = Envelopes.bytes(envelope);
        HttpResponse<String> first = put(Envelopes.submissionId(envelope), body, device.deviceToken());
        Map<String, Integer> before = counts();
        APP.clock.advance(java.time.Duration.ofMinutes(3));
        HttpResponse<String> again = put(Envelopes.submissionId(envelope), body, device.deviceToken());
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(APP.read(again, Receipt.class)).isEqualTo(APP.read(first, Receipt.class));
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void put_replayWithAlteredBytes_409AndNothingWritten() {
        ObjectNode envelope = valid("KH-SVR-RH-003");
        String id = Envelopes.submissionId(envelope);
        assertThat(put(id, Envelopes.bytes(envelope), device.deviceToken()).statusCode()).isEqualTo(201);
        Map<String, Integer> before = counts();
        byte[] spaced = (new String(Envelopes.bytes(envelope), StandardCharsets.UTF_8) + " ")
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> conflict = put(id, spaced, device.deviceToken());
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(APP.problem(conflict)).containsEntry("type", "urn:fieldsafe:problem:submission-conflict");
        Envelopes.set(envelope, "parts.research", Envelopes.part(keys.fingerprints().get("research")));
        assertThat(put(id, Envelopes.bytes(envelope), device.deviceToken()).statusCode()).isEqualTo(409);
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void put_jointInterviewWithAllParts_201AndHeaderColumnsStored() {
        ObjectNode envelope = valid("KH-SVR-DB-001");
        Envelopes.set(envelope, "header.respondents.0.category", "DB");
        ObjectNode second = envelope.get("header").get("respondents").get(0).deepCopy();
        second.put("codeHash", codeHash("KH-SVR-DB-002"));
        ((com.fasterxml.jackson.databind.node.ArrayNode) envelope.get("header").get("respondents")).add(second);
        Envelopes.set(envelope, "header.triage", new SubmissionHeader.Triage("current_risk", "urgent", "refer", false));
        Envelopes.withPart(envelope, "referral", keys.fingerprints().get("safeguarding"));
        Envelopes.withPart(envelope, "identity", keys.fingerprints().get("identity"));
        String id = Envelopes.submissionId(envelope);
        HttpResponse<String> response = put(id, Envelopes.bytes(envelope), device.deviceToken());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        var row = APP.services().submissionStore().find(id).orElseThrow();
        assertThat(row.category()).isEqualTo("DB");
        assertThat(row.site()).isEqualTo("KH-SVR");
        assertThat(row.formId()).isEqualTo("interview");
        assertThat(row.triageUrgency()).isEqualTo("urgent");
        assertThat(row.triageChoice()).isEqualTo("refer");
        assertThat(row.finalisedAt()).isEqualTo(Instant.parse("2026-03-01T07:30:00Z"));
        assertThat(row.deviceId()).isEqualTo(device.deviceId());
        assertThat(APP.services().submissionStore().codeHashes(id))
                .containsExactly(codeHash("KH-SVR-DB-001"), codeHash("KH-SVR-DB-002"));
    }

    @Test
    void put_envelopeSealedByCoreSealing_201AndStoredBytesStillOpen() throws Exception {
        SubmissionHeader header = APP.json.treeToValue(valid("KH-SVR-RH-009").get("header"), SubmissionHeader.class);
        byte[] research = "{\"answers\":{\"q_meaning\":\"[NAME] said...\"}}".getBytes(StandardCharsets.UTF_8);
        KeyPairBytes researchKey = keys.pairs().get("research");
        Envelope sealed = Sealing.seal(header, Map.of("research", research),
                Map.of("research", List.of(RecipientKey.of(researchKey.publicKey()))));
        byte[] body = APP.json.writeValueAsBytes(sealed);
        HttpResponse<String> response = put(header.submissionId(), body, device.deviceToken());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        String stored = APP.services().submissionStore().envelope(header.submissionId()).orElseThrow();
        assertThat(stored).doesNotContain("q_meaning").doesNotContain("said");
        Envelope reread = APP.json.readValue(stored, Envelope.class);
        assertThat(Sealing.open(reread, "research", researchKey.fingerprint(), researchKey.privateKey()))
                .isEqualTo(research);
    }

    static Stream<Arguments> violations() {
        String other = UUID.randomUUID().toString();
        String research = "parts.research";
        return Stream.of(
                violation("v not 1", e -> Envelopes.set(e, "header.v", 2), "header.v"),
                violation("v as text", e -> Envelopes.set(e, "header.v", "1"), "header.v"),
                violation("id mismatch", e -> Envelopes.set(e, "header.submissionId", other), "header.submissionId"),
                violation("other study", e -> Envelopes.set(e, "header.study", "other-study"), "header.study"),
                violation("other site", e -> Envelopes.set(e, "header.site", "BD-DHK"), "header.site"),
                violation("other device", e -> Envelopes.set(e, "header.deviceId", otherDevice.deviceId()),
                        "header.deviceId"),
                violation("other enumerator", e -> Envelopes.set(e, "header.enumerator", "enum2"),
                        "header.enumerator"),
                violation("unknown form version", e -> Envelopes.set(e, "header.form.version", 99), "header.form"),
                violation("unknown form", e -> Envelopes.set(e, "header.form.id", "nope"), "header.form"),
                violation("form hash", e -> Envelopes.set(e, "header.form.sha256", "0".repeat(64)),
                        "header.form.sha256"),
                violation("form not an interview", e -> Envelopes.set(e, "header.form",
                        target.consentForm()), "header.form"),
                violation("consent form hash", e -> Envelopes.set(e, "header.consentForm.sha256", "1".repeat(64)),
                        "header.consentForm.sha256"),
                violation("consent form not a consent form", e -> Envelopes.set(e, "header.consentForm",
                        target.form()), "header.consentForm"),
                violation("finalisedAt", e -> Envelopes.set(e, "header.finalisedAt", "yesterday"),
                        "header.finalisedAt"),
                violation("language", e -> Envelopes.set(e, "header.language", "fr"), "header.language"),
                violation("no respondents", e -> Envelopes.set(e, "header.respondents", List.of()),
                        "header.respondents"),
                violation("three respondents", e -> Envelopes.set(e, "header.respondents", List.of(
                        respondent("KH-SVR-RH-101", "RH"), respondent("KH-SVR-RH-102", "RH"),
                        respondent("KH-SVR-RH-103", "RH"))), "header.respondents"),
                violation("code hash", e -> Envelopes.set(e, "header.respondents.0.codeHash", "abc123"),
                        "header.respondents[0].codeHash"),
                violation("unknown category", e -> Envelopes.set(e, "header.respondents.0.category", "CS"),
                        "header.respondents[0].category"),
                violation("joint interview of two categories", e -> Envelopes.set(e, "header.respondents",
                        List.of(respondent("KH-SVR-RH-104", "RH"), respondent("KH-SVR-DB-104", "DB"))),
                        "header.respondents[1].category"),
                violation("same respondent twice", e -> Envelopes.set(e, "header.respondents",
                        List.of(respondent("KH-SVR-RH-105", "RH"), respondent("KH-SVR-RH-105", "RH"))),
                        "header.respondents[1].codeHash"),
                violation("no participation", e -> Envelopes.set(e, "header.respondents.0.consent.participation",
                        false), "header.respondents[0].consent.participation"),
                violation("consent mode", e -> Envelopes.set(e, "header.respondents.0.consent.mode", "nod"),
                        "header.respondents[0].consent.mode"),
                violation("minor without assent", e -> minor(e, true, null),
                        "header.respondents[0].consent.childAssent"),
                violation("minor with assent refused", e -> minor(e, true, false),
                        "header.respondents[0].consent.childAssent"),
                violation("minor without guardian consent", e -> minor(e, false, true),
                        "header.respondents[0].consent.guardianConsent"),
                violation("minor missing", e -> Envelopes.remove(e, "header.respondents.0.consent.minor"),
                        "header.respondents[0].consent.minor"),
                violation("triage urgency", e -> triage(e, "whenever", "refer"), "header.triage.urgency"),
                violation("triage choice", e -> triage(e, "urgent", "maybe"), "header.triage.choice"),
                violation("referral without triage", e -> Envelopes.withPart(e, "referral",
                        keys.fingerprints().get("safeguarding")), "header.triage"),
                violation("triage without referral", e -> Envelopes.set(e, "header.triage",
                        new SubmissionHeader.Triage("current_risk", "urgent", "refer", false)), "header.parts"),
                violation("parts unsorted", e -> Envelopes.set(Envelopes.withPart(e, "identity",
                        keys.fingerprints().get("identity")), "header.parts", List.of("research", "identity")),
                        "header.parts"),
                violation("part not listed", e -> Envelopes.set(Envelopes.withPart(e, "identity",
                        keys.fingerprints().get("identity")), "header.parts", List.of("research")), "parts"),
                violation("unknown part name", e -> Envelopes.withPart(e, "answers",
                        keys.fingerprints().get("research")), "header.parts"),
                violation("research missing", e -> Envelopes.set(Envelopes.set(e, "parts",
                        Map.of("identity", Envelopes.part(keys.fingerprints().get("identity")))), "header.parts",
                        List.of("identity")), "header.parts"),
                violation("nonce not base64", e -> Envelopes.set(e, research + ".nonce", "%%%"),
                        research + ".nonce"),
                violation("nonce size", e -> Envelopes.set(e, research + ".nonce",
                        Base64.getEncoder().encodeToString(new byte[16])), research + ".nonce"),
                violation("ciphertext", e -> Envelopes.set(e, research + ".ciphertext", "not base64"),
                        research + ".ciphertext"),
                violation("no recipients", e -> Envelopes.set(e, research + ".recipients", List.of()),
                        research + ".recipients"),
                violation("research sealed to the safeguarding key", e -> Envelopes.set(e,
                        research + ".recipients.0.keyId", keys.fingerprints().get("safeguarding")),
                        research + ".recipients[0].keyId"),
                violation("identity sealed to the research key", e -> Envelopes.withPart(e, "identity",
                        keys.fingerprints().get("research")), "parts.identity.recipients[0].keyId"),
                violation("enc size", e -> Envelopes.set(e, research + ".recipients.0.enc",
                        Base64.getEncoder().encodeToString(new byte[31])), research + ".recipients[0].enc"),
                violation("wrapped key", e -> Envelopes.set(e, research + ".recipients.0.wrappedKey", "??"),
                        research + ".recipients[0].wrappedKey"),
                violation("unknown header field", e -> Envelopes.set(e, "header.name", "Sok"), "header.name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("violations")
    void put_headerViolation_422NamingTheFieldAndNothingWritten(String name, UnaryOperator<ObjectNode> change,
                                                                 String field) {
        ObjectNode envelope = valid("KH-SVR-RH-" + Math.abs(name.hashCode() % 1000));
        String id = Envelopes.submissionId(envelope);
        change.apply(envelope);
        Map<String, Integer> before = counts();
        HttpResponse<String> response = put(id, Envelopes.bytes(envelope), device.deviceToken());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        assertThat(APP.problem(response)).containsEntry("type", "urn:fieldsafe:problem:submission-invalid")
                .containsEntry("detail", "Field '" + field + "' is not valid.");
        assertThat(counts()).isEqualTo(before);
        assertThat(APP.services().submissionStore().find(id)).isEmpty();
    }

    @Test
    void put_minorWithGuardianConsentAndAssent_201() {
        ObjectNode envelope = minor(valid("KH-SVR-RH-201"), true, true);
        assertThat(put(Envelopes.submissionId(envelope), Envelopes.bytes(envelope), device.deviceToken())
                .statusCode()).isEqualTo(201);
    }

    @Test
    void put_withdrawnRespondent_410AndNothingStored() {
        String hash = codeHash("KH-SVR-RH-301");
        APP.services().database().write(h -> {
            h.attach(SubmissionDao.class).insertWithdrawal(TestApp.STUDY, hash, APP.clock.instant(), "pi");
            return null;
        });
        ObjectNode envelope = valid("KH-SVR-RH-301");
        Map<String, Integer> before = counts();
        HttpResponse<String> response = put(Envelopes.submissionId(envelope), Envelopes.bytes(envelope),
                device.deviceToken());
        assertThat(response.statusCode()).isEqualTo(410);
        assertThat(APP.problem(response)).containsEntry("type", "urn:fieldsafe:problem:respondent-withdrawn");
        assertThat(counts()).isEqualTo(before);
        // the server's signed word, without which a device keeps its sealed copy
        Problem problem = APP.read(response, Problem.class);
        assertThat(Receipts.verifyWithdrawal(problem.withdrawal(), Envelopes.submissionId(envelope),
                APP.services().receiptKey().publicKey())).isTrue();
    }

    @Test
    void put_bodyOverEnvelopeLimit_413_butOverGeneralLimitAccepted() {
        ObjectNode big = valid("KH-SVR-RH-401");
        Envelopes.set(big, "parts.research.ciphertext", Base64.getEncoder().encodeToString(new byte[75_000]));
        HttpResponse<String> accepted = put(Envelopes.submissionId(big), Envelopes.bytes(big), device.deviceToken());
        assertThat(accepted.statusCode()).as("above server.maxRequestBytes, below submissions.maxEnvelopeBytes")
                .isEqualTo(201);
        ObjectNode huge = valid("KH-SVR-RH-402");
        Envelopes.set(huge, "parts.research.ciphertext", Base64.getEncoder().encodeToString(new byte[100_000]));
        Map<String, Integer> before = counts();
        HttpResponse<String> refused = put(Envelopes.submissionId(huge), Envelopes.bytes(huge), device.deviceToken());
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void put_malformedBodies_400AndNothingWritten() {
        String id = UUID.randomUUID().toString();
        String valid = new String(Envelopes.bytes(valid("KH-SVR-RH-501")), StandardCharsets.UTF_8);
        Map<String, Integer> before = counts();
        for (byte[] body : List.of("{\"header\": ".getBytes(StandardCharsets.UTF_8), new byte[0],
                "[1, 2]".getBytes(StandardCharsets.UTF_8), (valid + "{}").getBytes(StandardCharsets.UTF_8),
                "{\"header\": {}, \"header\": {}}".getBytes(StandardCharsets.UTF_8),
                new byte[] {'{', '"', (byte) 0xC3, '"', ':', '1', '}'})) {
            HttpResponse<String> response = put(id, body, device.deviceToken());
            assertThat(response.statusCode()).as(new String(body, StandardCharsets.ISO_8859_1)).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void put_storedEnvelopeReplayedByAnotherDevice_refusedAsInvalidNotCompared() {
        ObjectNode envelope = valid("KH-SVR-RH-602");
        String id = Envelopes.submissionId(envelope);
        byte[] body = Envelopes.bytes(envelope);
        assertThat(put(id, body, device.deviceToken()).statusCode()).isEqualTo(201);
        Map<String, Integer> before = counts();

        // the same bytes and other bytes under that id, from another device: no receipt, no 409 - the answer must
        // not tell whether what it holds is what was stored
        HttpResponse<String> same = put(id, body, otherDevice.deviceToken());
        HttpResponse<String> other = put(id, (new String(body, StandardCharsets.UTF_8) + " ")
                .getBytes(StandardCharsets.UTF_8), otherDevice.deviceToken());

        for (HttpResponse<String> response : List.of(same, other)) {
            assertThat(response.statusCode()).isEqualTo(422);
            assertThat(APP.problem(response)).containsEntry("detail", "Field 'header.deviceId' is not valid.");
        }
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void put_envelopeOfAnotherDevice_422() {
        ObjectNode envelope = valid("KH-SVR-RH-601");
        HttpResponse<String> response = put(Envelopes.submissionId(envelope), Envelopes.bytes(envelope),
                otherDevice.deviceToken());
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(APP.problem(response)).containsEntry("detail", "Field 'header.deviceId' is not valid.");
    }

    @Test
    void put_personTokenOrNoToken_403Or401() {
        ObjectNode envelope = valid("KH-SVR-RH-701");
        byte[] body = Envelopes.bytes(envelope);
        assertThat(put(Envelopes.submissionId(envelope), body, admin).statusCode()).isEqualTo(403);
        assertThat(put(Envelopes.submissionId(envelope), body, null).statusCode()).isEqualTo(401);
        assertThat(APP.services().submissionStore().find(Envelopes.submissionId(envelope))).isEmpty();
    }

    static ObjectNode valid(String code) {
        return UPLOADS.valid(code);
    }

    static String codeHash(String code) {
        return UPLOADS.codeHash(code);
    }

    static HttpResponse<String> put(String id, byte[] body, String token) {
        return UPLOADS.put(id, body, token);
    }

    static Map<String, Integer> counts() {
        return TABLES.stream().collect(java.util.stream.Collectors.toMap(t -> t, APP::count));
    }

    private static Arguments violation(String name, UnaryOperator<ObjectNode> change, String field) {
        return Arguments.of(name, change, field);
    }

    private static SubmissionHeader.RespondentAssertion respondent(String code, String category) {
        return new SubmissionHeader.RespondentAssertion(codeHash(code), category,
                new SubmissionHeader.ConsentAssertion(true, false, "verbal", false, null, null));
    }

    private static ObjectNode minor(ObjectNode envelope, Boolean guardian, Boolean assent) {
        Envelopes.set(envelope, "header.respondents.0.consent.minor", true);
        Envelopes.set(envelope, "header.respondents.0.consent.guardianConsent", guardian);
        return Envelopes.set(envelope, "header.respondents.0.consent.childAssent", assent);
    }

    private static ObjectNode triage(ObjectNode envelope, String urgency, String choice) {
        Envelopes.set(envelope, "header.triage", new SubmissionHeader.Triage("current_risk", urgency, choice, false));
        return Envelopes.withPart(envelope, "referral", keys.fingerprints().get("safeguarding"));
    }
}
