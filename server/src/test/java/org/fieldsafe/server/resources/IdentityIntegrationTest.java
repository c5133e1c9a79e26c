package org.fieldsafe.server.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fieldsafe.core.wire.Envelope;
import org.fieldsafe.core.wire.IdentityRequest;
import org.fieldsafe.server.Envelopes;
import org.fieldsafe.server.LogCapture;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.UploadFixture;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code POST /studies/{s}/submissions/{id}/identity}: principal investigators read a submission's identity part
 * (really sealed here, opened by the server with the unlocked identity key); every other caller is refused, and
 * every attempt is audited without anything from inside the part.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class IdentityIntegrationTest {
    private static final TestApp APP = new TestApp();
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;
    private static final UploadFixture FIXTURE = new UploadFixture(APP);
    private static final String NAME = "Sokha Chanthou";
    private static final String ADDRESS = "House 17, Prey Kokir village";
    private static final String CODE = "KH-SVR-RH-031";

    private static final Map<String, String> PASSWORDS = new java.util.HashMap<>();
    private static String withIdentity;
    private static String withoutIdentity;
    private static String tampered;

    @BeforeAll
    static void setUp() throws Exception {
        FIXTURE.setUp();
        for (String role : List.of("principal_investigator", "data_manager", "coordinator", "safeguarding_officer")) {
            List<String> sites = role.equals("safeguarding_officer") ? List.of("KH-SVR") : List.of();
            PASSWORDS.put(role, APP.createUser(FIXTURE.admin, "id-" + role.replace('_', '-'), role, sites).password());
        }
        withIdentity = uploadSealed(CODE);
        ObjectNode plain = FIXTURE.valid("KH-SVR-RH-032");
        assertThat(FIXTURE.put(plain).statusCode()).isEqualTo(201);
        withoutIdentity = Envelopes.submissionId(plain);
        ObjectNode forged = Envelopes.withPart(FIXTURE.valid("KH-SVR-RH-033"), Envelope.IDENTITY,
                FIXTURE.keys.fingerprints().get("identity"));
        assertThat(FIXTURE.put(forged).statusCode()).isEqualTo(201);
        tampered = Envelopes.submissionId(forged);
    }

    /** Uploads an envelope sealed for real: a research part and an identity part with a name and an address. */
    private static String uploadSealed(String code) throws Exception {
        byte[] research = "{\"answers\":{\"q_meaning\":\"[NAME] said...\"}}".getBytes(StandardCharsets.UTF_8);
        byte[] identity = APP.json.writeValueAsBytes(Map.of("respondents", List.of(Map.of("code", code,
                "answers", Map.of("full_name", NAME, "address", ADDRESS)))));
        return FIXTURE.putSealed(code, Map.of(Envelope.RESEARCH, research, Envelope.IDENTITY, identity));
    }

    private static String token(String role) {
        return APP.login("id-" + role.replace('_', '-'), PASSWORDS.get(role));
    }

    private static HttpResponse<String> read(String token, String submission, String passphrase, String reason) {
        return APP.postJson("/studies/" + TestApp.STUDY + "/submissions/" + submission + "/identity", token,
                new IdentityRequest(passphrase == null ? null : passphrase.toCharArray(), reason));
    }

    private static int audited(String event, String actor) {
        return APP.count("audit_log", "event = '" + event + "' AND actor = '" + actor + "'");
    }

    @Test
    void read_byPrincipalInvestigator_returnsTheOpenedPartNotCachedAndAudited() {
        String actor = "id-principal-investigator";
        int reads = audited("identity.read", actor);
        int unlocks = audited("key.unlocked", actor);
        HttpResponse<String> response = read(token("principal_investigator"), withIdentity, Envelopes.PASSPHRASE,
                "withdrawal");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode body = APP.read(response, JsonNode.class);
        assertThat(body.get("submissionId").asText()).isEqualTo(withIdentity);
        assertThat(body.get("reason").asText()).isEqualTo("withdrawal");
        JsonNode respondent = body.get("identity").get("respondents").get(0);
        assertThat(respondent.get("code").asText()).isEqualTo(CODE);
        assertThat(respondent.get("answers").get("full_name").asText()).isEqualTo(NAME);
        assertThat(respondent.get("answers").get("address").asText()).isEqualTo(ADDRESS);

        assertThat(audited("identity.read", actor)).isEqualTo(reads + 1);
        assertThat(audited("key.unlocked", actor)).isEqualTo(unlocks + 1);
        assertThat(APP.count("audit_log", "event = 'identity.read' AND subject = 'study:" + TestApp.STUDY
                + " submission:" + withIdentity + " reason:withdrawal'")).isPositive();
    }

    @Test
    void read_byEveryOtherRoleOrADevice_403AndEachRefusalAudited() {
        for (String role : List.of("data_manager", "coordinator", "safeguarding_officer")) {
            String actor = "id-" + role.replace('_', '-');
            assertRefused(token(role), actor);
        }
        assertRefused(FIXTURE.admin, "admin");
        assertRefused(FIXTURE.device.deviceToken(), "device:" + FIXTURE.device.deviceId());
        HttpResponse<String> anonymous = read(null, withIdentity, Envelopes.PASSPHRASE, "withdrawal");
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    private static void assertRefused(String token, String actor) {
        int denied = audited("identity.read.denied", actor);
        HttpResponse<String> response = read(token, withIdentity, Envelopes.PASSPHRASE, "recontact");
        assertThat(response.statusCode()).as(actor + ": " + response.body()).isEqualTo(403);
        assertThat(APP.problem(response)).containsEntry("type", "urn:fieldsafe:problem:identity-not-allowed");
        assertThat(response.body()).doesNotContain(NAME).doesNotContain(ADDRESS);
        assertThat(audited("identity.read.denied", actor)).as(actor).isEqualTo(denied + 1);
        assertThat(APP.count("audit_log", "event = 'identity.read.denied' AND actor = '" + actor
                + "' AND subject LIKE '% reason:recontact cause:identity-not-allowed'")).isPositive();
        assertThat(audited("identity.read", actor)).isZero();
        assertThat(audited("key.unlocked", actor)).isZero();
    }

    @Test
    void read_unknownSubmissionOrOneWithoutIdentityPart_404AndAudited() {
        String pi = token("principal_investigator");
        int denied = audited("identity.read.denied", "id-principal-investigator");
        HttpResponse<String> unknown = read(pi, UUID.randomUUID().toString(), Envelopes.PASSPHRASE, "recontact");
        assertThat(unknown.statusCode()).isEqualTo(404);
        HttpResponse<String> junk = read(pi, "not-an-id", Envelopes.PASSPHRASE, "recontact");
        assertThat(junk.statusCode()).isEqualTo(404);
        HttpResponse<String> absent = read(pi, withoutIdentity, Envelopes.PASSPHRASE, "recontact");
        assertThat(absent.statusCode()).isEqualTo(404);
        assertThat(APP.problem(absent)).containsEntry("type", "urn:fieldsafe:problem:identity-part-absent");
        HttpResponse<String> otherStudy = APP.postJson("/studies/nope/submissions/" + withIdentity + "/identity", pi,
                new IdentityRequest(Envelopes.PASSPHRASE.toCharArray(), "recontact"));
        assertThat(otherStudy.statusCode()).isEqualTo(404);
        assertThat(audited("identity.read.denied", "id-principal-investigator")).isEqualTo(denied + 4);
        assertThat(APP.count("audit_log", "subject LIKE '%not-an-id%' OR subject LIKE '%nope%'")).isZero();
    }

    @Test
    void read_freeTextOrMissingReason_422AndTheTextNeverReachesTheAudit() {
        String pi = token("principal_investigator");
        String freeText = "her husband " + NAME + " asked";
        HttpResponse<String> response = read(pi, withIdentity, Envelopes.PASSPHRASE, freeText);
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(APP.problem(response)).containsEntry("type", "urn:fieldsafe:problem:identity-request-invalid");
        assertThat(read(pi, withIdentity, Envelopes.PASSPHRASE, null).statusCode()).isEqualTo(422);
        assertThat(read(pi, withIdentity, null, "withdrawal").statusCode()).isEqualTo(422);
        assertThat(APP.count("audit_log", "subject LIKE '%husband%'")).isZero();
        assertThat(APP.count("audit_log", "event = 'identity.read.denied' AND subject LIKE '%reason:(invalid)%'"))
                .isPositive();
    }

    @Test
    void read_wrongPassphrase_422KeyUnlockFailedAndAudited() {
        int failed = audited("key.unlock.failed", "id-principal-investigator");
        HttpResponse<String> response = read(token("principal_investigator"), withIdentity, "wrong passphrase!",
                "data_correction");
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(APP.problem(response)).containsEntry("type", "urn:fieldsafe:problem:key-unlock-failed");
        assertThat(response.body()).doesNotContain(NAME);
        assertThat(audited("key.unlock.failed", "id-principal-investigator")).isEqualTo(failed + 1);
        assertThat(APP.count("audit_log", "event = 'identity.read.denied' AND subject LIKE "
                + "'%reason:data_correction cause:key-unlock-failed'")).isPositive();
    }

    @Test
    void read_identityPartThatDoesNotOpen_422UnreadableNot500() {
        HttpResponse<String> response = read(token("principal_investigator"), tampered, Envelopes.PASSPHRASE,
                "recontact");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        assertThat(APP.problem(response)).containsEntry("type", "urn:fieldsafe:problem:identity-part-unreadable");
        assertThat(APP.count("audit_log", "event = 'identity.read.denied' AND subject LIKE '%" + tampered
                + "%cause:identity-part-unreadable'")).isEqualTo(1);
    }

    @Test
    void identityAnswersAndPassphrase_neverInLogsAuditEntriesConsoleOrDataFiles() throws Exception {
        String logs = LogCapture.during(() -> {
            String pi = token("principal_investigator");
            assertThat(read(pi, withIdentity, Envelopes.PASSPHRASE, "recontact").statusCode()).isEqualTo(200);
            assertThat(read(pi, withIdentity, "wrong passphrase!", "recontact").statusCode()).isEqualTo(422);
            assertThat(read(pi, tampered, Envelopes.PASSPHRASE, "recontact").statusCode()).isEqualTo(422);
            assertThat(read(token("data_manager"), withIdentity, Envelopes.PASSPHRASE, "recontact").statusCode())
                    .isEqualTo(403);
        });
        for (String secret : List.of(NAME, ADDRESS, CODE, Envelopes.PASSPHRASE)) {
            LogCapture.assertNowhere(APP, logs, secret);
        }
        assertThat(APP.services().audit().verify().intact()).isTrue();
    }
}
