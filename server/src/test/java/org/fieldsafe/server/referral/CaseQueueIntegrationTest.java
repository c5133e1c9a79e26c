package org.fieldsafe.server.referral;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fieldsafe.core.wire.DeviceEnrolment;
import org.fieldsafe.server.Envelopes;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.UploadFixture;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The officer's case queue ({@code GET /studies/{s}/referrals/queue}: open cases by deadline, overdue and time left
 * by the server's clock) and a case's history ({@code GET /referrals/{id}/history}, from the audit log), as the
 * console shows them; both only for the officers of the case's site.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class CaseQueueIntegrationTest {
    private static final TestApp APP = TestApp.onForms(ReferralFixtures.formsWithPolice());
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;
    private static final UploadFixture FIXTURE = new UploadFixture(APP);
    private static final String CONTACT = "Ring the aunt at the market stall";
    private static final Map<String, String> PASSWORDS = new HashMap<>();
    private static DeviceEnrolment dhaka;
    private static int codes;

    @BeforeAll
    static void setUp() {
        FIXTURE.setUp();
        dhaka = FIXTURE.enrol("enum-bd", "BD-DHK");
        for (String[] u : new String[][] {{"officer-kh", "safeguarding_officer", "KH-SVR"},
                {"officer-bd", "safeguarding_officer", "BD-DHK"}, {"dm", "data_manager", null},
                {"coord", "coordinator", null}}) {
            PASSWORDS.put(u[0], APP.createUser(FIXTURE.admin, u[0], u[1], u[2] == null ? List.of()
                    : List.of(u[2])).password());
        }
    }

    @Test
    void queue_openCasesByDeadline_overdueAndTimeLeftByTheServersClock() {
        String routine = caseId(upload("KH-SVR", "refer", "routine"));
        String urgent = caseId(upload("KH-SVR", "refer", "urgent"));
        String acknowledged = caseId(upload("KH-SVR", "refer", "routine"));
        String closed = caseId(upload("KH-SVR", "information_only", "immediate"));
        String immediate = caseId(upload("KH-SVR", "refer", "immediate"));
        String otherSite = caseId(upload("BD-DHK", "refer", "immediate"));
        String officer = token("officer-kh");
        ok(APP.postJson("/referrals/" + acknowledged + "/state", officer, Map.of("state", "acknowledged",
                "version", 1)));
        ok(APP.postJson("/referrals/" + closed + "/state", officer, Map.of("state", "information_given",
                "version", 1)));
        APP.clock.advance(Duration.ofHours(3));
        officer = token("officer-kh");

        JsonNode queue = ok(APP.get("/studies/" + TestApp.STUDY + "/referrals/queue", officer));
        assertThat(queue.get("asOf").asText()).isEqualTo(APP.clock.instant().toString());
        List<String> order = new ArrayList<>();
        Map<String, JsonNode> byId = new HashMap<>();
        queue.get("cases").forEach(q -> {
            order.add(q.get("view").get("id").asText());
            byId.put(q.get("view").get("id").asText(), q);
        });
        // immediate (2 h, past) before urgent (24 h) before the routine ones (72 h); the final case after them all
        assertThat(order).containsSubsequence(immediate, urgent, routine, closed)
                .containsSubsequence(acknowledged, closed).doesNotContain(otherSite);
        assertThat(byId.get(immediate).get("overdue").asBoolean()).isTrue();
        assertThat(byId.get(immediate).get("secondsLeft").asLong()).isEqualTo(-3600);
        assertThat(byId.get(urgent).get("overdue").asBoolean()).isFalse();
        assertThat(byId.get(urgent).get("secondsLeft").asLong()).isEqualTo(21 * 3600);
        assertThat(byId.get(acknowledged).get("overdue").asBoolean()).isFalse();
        assertThat(byId.get(acknowledged).get("secondsLeft").isNull()).isTrue();
        assertThat(byId.get(closed).get("secondsLeft").isNull()).isTrue();

        JsonNode bd = ok(APP.get("/studies/" + TestApp.STUDY + "/referrals/queue", token("officer-bd")));
        assertThat(bd.get("cases").findValuesAsText("id")).contains(otherSite).doesNotContain(immediate);
        for (String role : List.of("dm", "coord")) {
            HttpResponse<String> refused = APP.get("/studies/" + TestApp.STUDY + "/referrals/queue", token(role));
            assertThat(refused.statusCode()).as(role).isEqualTo(403);
            assertThat(APP.count("audit_log", "event = 'referral.denied' AND actor = '" + role
                    + "' AND subject = 'study:" + TestApp.STUDY + " action:list cause:role'")).as(role).isOne();
        }
        assertThat(APP.get("/studies/no-such-study/referrals/queue", officer).statusCode()).isEqualTo(404);
    }

    @Test
    void history_openedChangesAndReadsWithWhoAndWhen_forTheSitesOfficerOnly() {
        String id = caseId(upload("KH-SVR", "refer", "urgent"));
        String officer = token("officer-kh");
        ok(APP.postJson("/referrals/" + id + "/state", officer, Map.of("state", "acknowledged", "version", 1)));
        ok(APP.postJson("/referrals/" + id + "/referral-part", officer, Map.of("passphrase", Envelopes.PASSPHRASE)));
        ok(APP.postJson("/referrals/" + id + "/state", officer, Map.of("state", "referred", "version", 2,
                "service", "kh-shelter", "date", "2026-03-01", "passphrase", Envelopes.PASSPHRASE)));
        ok(APP.postJson("/referrals/" + id + "/state", officer, Map.of("state", "acknowledged", "version", 3,
                "reason", "wrong_service")));
        // a refused attempt by another site's officer is audited but is no part of the case's history
        assertThat(APP.get("/referrals/" + id, token("officer-bd")).statusCode()).isEqualTo(404);

        HttpResponse<String> response = APP.get("/referrals/" + id + "/history", officer);
        JsonNode history = ok(response);
        List<String> events = new ArrayList<>();
        history.forEach(e -> events.add(e.get("event").asText()));
        assertThat(events).containsExactly("referral.opened", "referral.acknowledged", "referral.read",
                "referral.referred", "referral.corrected");
        JsonNode referred = history.get(3);
        assertThat(referred.get("actor").asText()).isEqualTo("officer-kh");
        assertThat(referred.get("at").asText()).isEqualTo(APP.clock.instant().toString());
        assertThat(referred.get("details").get("service").asText()).isEqualTo("kh-shelter");
        assertThat(referred.get("details").get("from").asText()).isEqualTo("acknowledged");
        assertThat(history.get(4).get("details").get("reason").asText()).isEqualTo("wrong_service");
        assertThat(response.body()).doesNotContain(CONTACT).doesNotContain("KH-SVR-RH-")
                .doesNotContain("\"case\"");

        HttpResponse<String> other = APP.get("/referrals/" + id + "/history", token("officer-bd"));
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(APP.problem(other)).isEqualTo(APP.problem(APP.get("/referrals/" + UUID.randomUUID()
                + "/history", token("officer-bd"))));
        assertThat(APP.count("audit_log", "event = 'referral.denied' AND actor = 'officer-bd' AND subject = 'case:"
                + id + " action:history cause:other-site'")).isOne();
        assertThat(APP.get("/referrals/" + id + "/history", token("dm")).statusCode()).isEqualTo(403);
        assertThat(APP.get("/referrals/not-a-case/history", officer).statusCode()).isEqualTo(404);
    }

    private static String upload(String site, String choice, String urgency) {
        boolean dhakaSite = site.equals("BD-DHK");
        return ReferralFixtures.upload(FIXTURE, dhakaSite ? FIXTURE.targetOf(dhaka) : FIXTURE.target,
                dhakaSite ? dhaka.deviceToken() : FIXTURE.device.deviceToken(), String.format("KH-SVR-RH-%03d",
                        100 + ++codes), choice, urgency, false, Map.of("kh-shelter", true), CONTACT);
    }

    private static String caseId(String submissionId) {
        return ReferralFixtures.caseId(APP, submissionId);
    }

    private static JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        try {
            return APP.json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String token(String name) {
        return APP.login(name, PASSWORDS.get(name));
    }
}
