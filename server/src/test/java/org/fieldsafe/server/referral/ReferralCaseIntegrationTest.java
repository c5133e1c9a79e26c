package org.fieldsafe.server.referral;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fieldsafe.core.wire.DeviceEnrolment;
import org.fieldsafe.core.wire.Envelope;
import org.fieldsafe.server.Envelopes;
import org.fieldsafe.server.LogCapture;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.UploadFixture;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Referral cases end to end: uploads sealed for real with a referral part and triage in the header open a case at
 * their site in the transaction that stores them; only that site's safeguarding officers see and change it (another
 * site's officer 404, other roles 403, every refusal audited); data managers and coordinators get counts only;
 * state changes are audited; a referral to a service that involves the authorities needs the respondent's consent
 * to that route (read from the sealed part with the safeguarding key); bad input is a 4xx that writes nothing.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ReferralCaseIntegrationTest {
    /** The fixture study with a police service (involves the authorities) added to KH-SVR's directory. */
    private static final Path FORMS = ReferralFixtures.formsWithPolice();
    private static final TestApp APP = TestApp.onForms(FORMS);
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;
    private static final UploadFixture FIXTURE = new UploadFixture(APP);
    private static final String CONTACT = "Call her sister Dara on 012 345 678 after dark";
    private static final String TODAY = "2026-03-01";
    private static final Map<String, String> PASSWORDS = new HashMap<>();
    private static DeviceEnrolment dhaka;
    private static int codes;

    @BeforeAll
    static void setUp() {
        FIXTURE.setUp();
        dhaka = FIXTURE.enrol("enum-bd", "BD-DHK");
        user("officer-kh", "safeguarding_officer", List.of("KH-SVR"));
        user("officer-bd", "safeguarding_officer", List.of("BD-DHK"));
        user("coord", "coordinator", List.of());
        user("dm", "data_manager", List.of());
        user("pi", "principal_investigator", List.of());
    }

    @Test
    void triagedUpload_opensCaseAtItsSite_seenOnlyByThatSitesOfficer() {
        String kh = upload("KH-SVR", "refer", "urgent", false, Map.of("kh-shelter", true, "kh-police", false));
        String bd = upload("BD-DHK", "information_only", "routine", true, Map.of());
        String declined = upload("KH-SVR", "decline", "routine", false, Map.of());
        String plain = FIXTURE.putSealed(code(), Map.of(Envelope.RESEARCH, "{\"answers\":{}}".getBytes(
                StandardCharsets.UTF_8)));

        JsonNode khCase = caseOf(kh);
        assertThat(khCase.get("site").asText()).isEqualTo("KH-SVR");
        assertThat(khCase.get("state").asText()).isEqualTo("new");
        assertThat(khCase.get("urgency").asText()).isEqualTo("urgent");
        assertThat(khCase.get("choice").asText()).isEqualTo("refer");
        assertThat(khCase.get("raisedBy").asText()).isEqualTo("rule");
        assertThat(khCase.get("category").asText()).isEqualTo("current_risk");
        assertThat(khCase.get("version").asInt()).isEqualTo(1);
        assertThat(caseOf(bd).get("raisedBy").asText()).isEqualTo("enumerator");
        assertThat(APP.count("referral_cases", "submission_id IN ('" + declined + "', '" + plain + "')")).isZero();
        assertThat(APP.count("audit_log", "event = 'referral.opened' AND subject LIKE '%submission:" + kh + " %'"))
                .isOne();
        // the device retries the upload (no receipt seen): the same receipt, no second case
        byte[] stored = APP.services().submissionStore().envelope(kh).orElseThrow().getBytes(StandardCharsets.UTF_8);
        assertThat(FIXTURE.put(kh, stored, FIXTURE.device.deviceToken()).statusCode()).isEqualTo(200);
        assertThat(APP.count("referral_cases", "submission_id = '" + kh + "'")).isOne();
        assertThat(APP.count("audit_log", "event = 'referral.opened' AND subject LIKE '%submission:" + kh + " %'"))
                .isOne();

        List<String> khList = submissionsListed("officer-kh");
        assertThat(khList).contains(kh).doesNotContain(bd, declined, plain);
        assertThat(submissionsListed("officer-bd")).contains(bd).doesNotContain(kh);

        String khId = khCase.get("id").asText();
        assertThat(APP.get("/referrals/" + khId, token("officer-kh")).statusCode()).isEqualTo(200);
        HttpResponse<String> otherSite = APP.get("/referrals/" + khId, token("officer-bd"));
        HttpResponse<String> unknown = APP.get("/referrals/" + UUID.randomUUID(), token("officer-bd"));
        assertThat(otherSite.statusCode()).isEqualTo(404);
        // the same answer as for a case that does not exist: nothing tells the case is there
        assertThat(APP.problem(otherSite)).isEqualTo(APP.problem(unknown));
        assertThat(APP.count("audit_log", "event = 'referral.denied' AND actor = 'officer-bd' AND subject = 'case:"
                + khId + " action:show cause:other-site'")).isOne();
        for (String role : List.of("coord", "dm", "pi")) {
            assertThat(APP.get("/referrals/" + khId, token(role)).statusCode()).as(role).isEqualTo(403);
            assertThat(APP.get("/studies/" + TestApp.STUDY + "/referrals", token(role)).statusCode()).as(role)
                    .isEqualTo(403);
            assertThat(APP.postJson("/referrals/" + khId + "/state", token(role), Map.of("state", "acknowledged",
                    "version", 1)).statusCode()).as(role).isEqualTo(403);
            assertThat(APP.count("audit_log", "event = 'referral.denied' AND actor = '" + role + "' AND subject = "
                    + "'case:" + khId + " action:show cause:role'")).as(role).isOne();
        }
        assertThat(APP.get("/referrals/" + khId, FIXTURE.device.deviceToken()).statusCode()).isEqualTo(403);
        assertThat(APP.get("/referrals/" + khId, null).statusCode()).isEqualTo(401);
        assertThat(caseOf(kh).get("version").asInt()).isEqualTo(1);
    }

    @Test
    void counts_bySiteCategoryAndState_forDataManagersAndCoordinatorsOnly() {
        upload("BD-DHK", "refer", "immediate", true, Map.of());
        for (String role : List.of("dm", "coord")) {
            HttpResponse<String> response = APP.get("/studies/" + TestApp.STUDY + "/referrals/counts", token(role));
            assertThat(response.statusCode()).as(role).isEqualTo(200);
            List<Map<String, Object>> counts = APP.read(response, new TypeReference<>() {
            });
            assertThat(counts).anySatisfy(c -> {
                assertThat(c).containsEntry("site", "BD-DHK").containsEntry("category", "current_risk")
                        .containsEntry("state", "new");
                assertThat((Integer) c.get("cases")).isPositive();
            });
            assertThat(counts).allSatisfy(c -> assertThat(c).containsOnlyKeys("site", "category", "state", "cases"));
            int total = counts.stream().mapToInt(c -> (Integer) c.get("cases")).sum();
            assertThat(total).isEqualTo(APP.count("referral_cases"));
        }
        for (String role : List.of("officer-kh", "pi")) {
            assertThat(APP.get("/studies/" + TestApp.STUDY + "/referrals/counts", token(role)).statusCode())
                    .as(role).isEqualTo(403);
        }
        assertThat(APP.get("/studies/no-such-study/referrals/counts", token("dm")).statusCode()).isEqualTo(404);
    }

    @Test
    void transitions_newAcknowledgedReferredClosed_eachAuditedWithWhoAndWhen() {
        String id = caseOf(upload("KH-SVR", "refer", "urgent", false, Map.of("kh-shelter", true))).get("id").asText();
        String officer = token("officer-kh");

        JsonNode acked = ok(change(officer, id, Map.of("state", "acknowledged", "version", 1)));
        assertThat(acked.get("state").asText()).isEqualTo("acknowledged");
        assertThat(acked.get("version").asInt()).isEqualTo(2);
        assertThat(acked.get("acknowledgedBy").asText()).isEqualTo("officer-kh");
        assertThat(acked.get("acknowledgedAt").asText()).isEqualTo(APP.clock.instant().toString());

        JsonNode referred = ok(change(officer, id, Map.of("state", "referred", "version", 2, "service", "kh-shelter",
                "date", TODAY, "passphrase", Envelopes.PASSPHRASE)));
        assertThat(referred.get("referredService").asText()).isEqualTo("kh-shelter");
        assertThat(referred.get("referredOn").asText()).isEqualTo(TODAY);

        JsonNode closed = ok(change(officer, id, Map.of("state", "closed", "version", 3, "outcome",
                "support_received")));
        assertThat(closed.get("state").asText()).isEqualTo("closed");
        assertThat(closed.get("outcome").asText()).isEqualTo("support_received");
        assertThat(closed.get("next")).isEmpty();

        List<String> events = APP.services().database().read(h -> h.createQuery("SELECT actor || ' ' || event "
                + "FROM audit_log WHERE subject LIKE :s AND event <> 'referral.opened' ORDER BY seq")
                .bind("s", "case:" + id + " %").mapTo(String.class).list());
        assertThat(events).containsExactly("officer-kh referral.acknowledged", "officer-kh referral.referred",
                "officer-kh referral.closed");
        assertThat(APP.count("audit_log", "event = 'referral.referred' AND subject LIKE 'case:" + id
                + " %from:acknowledged version:3 service:kh-shelter'")).isOne();

        // closed is final: nothing leads out of it
        HttpResponse<String> again = change(officer, id, Map.of("state", "acknowledged", "version", 4));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(type(again)).endsWith("case-transition-illegal");
        assertThat(caseOf(closed.get("submissionId").asText()).get("version").asInt()).isEqualTo(4);
    }

    @Test
    void informationOnlyCase_isGivenInformation_andCannotBeReferred() {
        String sub = upload("BD-DHK", "information_only", "routine", true, Map.of());
        String id = caseOf(sub).get("id").asText();
        String officer = token("officer-bd");
        HttpResponse<String> refer = change(officer, id, Map.of("state", "referred", "version", 1, "service",
                "bd-legal-aid", "date", TODAY));
        assertThat(refer.statusCode()).isEqualTo(409);
        JsonNode given = ok(change(officer, id, Map.of("state", "information_given", "version", 1)));
        assertThat(given.get("state").asText()).isEqualTo("information_given");
        assertThat(given.get("closedBy").asText()).isEqualTo("officer-bd");
        String declinedId = caseOf(upload("BD-DHK", "refer", "routine", true, Map.of())).get("id").asText();
        ok(change(officer, declinedId, Map.of("state", "acknowledged", "version", 1)));
        assertThat(ok(change(officer, declinedId, Map.of("state", "declined", "version", 2))).get("state").asText())
                .isEqualTo("declined");
        assertThat(APP.count("audit_log", "event = 'referral.information_given' AND subject LIKE 'case:" + id
                + " %'")).isOne();
        assertThat(APP.count("audit_log", "event = 'referral.declined' AND subject LIKE 'case:" + declinedId
                + " %'")).isOne();
    }

    @Test
    void referralPart_opensWithTheSafeguardingKey_forTheSitesOfficerOnly_audited() {
        String sub = upload("KH-SVR", "refer", "urgent", false, Map.of("kh-shelter", true));
        String id = caseOf(sub).get("id").asText();
        HttpResponse<String> read = APP.postJson("/referrals/" + id + "/referral-part", token("officer-kh"),
                Map.of("passphrase", Envelopes.PASSPHRASE));
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode part = ok(read).get("referral");
        assertThat(part.path("contact").path("how").asText()).isEqualTo(CONTACT);
        assertThat(part.path("routes").path("kh-shelter").asBoolean()).isTrue();
        assertThat(APP.count("audit_log", "event = 'referral.read' AND actor = 'officer-kh' AND subject LIKE 'case:"
                + id + " %'")).isOne();
        assertThat(APP.count("audit_log", "event = 'key.unlocked' AND actor = 'officer-kh' AND subject LIKE "
                + "'%purpose:safeguarding%for:referral.read'")).isPositive();

        HttpResponse<String> wrong = APP.postJson("/referrals/" + id + "/referral-part", token("officer-kh"),
                Map.of("passphrase", "not the passphrase"));
        assertThat(wrong.statusCode()).isEqualTo(422);
        assertThat(APP.postJson("/referrals/" + id + "/referral-part", token("officer-kh"), Map.of()).statusCode())
                .isEqualTo(422);
        assertThat(APP.postJson("/referrals/" + id + "/referral-part", token("officer-bd"),
                Map.of("passphrase", Envelopes.PASSPHRASE)).statusCode()).isEqualTo(404);
        assertThat(APP.postJson("/referrals/" + id + "/referral-part", token("dm"),
                Map.of("passphrase", Envelopes.PASSPHRASE)).statusCode()).isEqualTo(403);
        assertThat(APP.count("audit_log", "event = 'referral.read'  AND subject LIKE 'case:" + id + " %'")).isOne();
    }

    @Test
    void referToAnAuthoritiesService_needsTheRespondentsConsentToThatRoute() {
        String officer = token("officer-kh");
        String notConsented = caseOf(upload("KH-SVR", "refer", "immediate", false,
                Map.of("kh-shelter", true, "kh-police", false))).get("id").asText();
        String noAnswer = caseOf(upload("KH-SVR", "refer", "immediate", false, Map.of("kh-shelter", true)))
                .get("id").asText();
        String consented = caseOf(upload("KH-SVR", "refer", "immediate", false, Map.of("kh-police", true)))
                .get("id").asText();
        for (String id : List.of(notConsented, noAnswer, consented)) {
            ok(change(officer, id, Map.of("state", "acknowledged", "version", 1)));
        }
        for (String id : List.of(notConsented, noAnswer)) {
            HttpResponse<String> refused = change(officer, id, police(Envelopes.PASSPHRASE));
            assertThat(refused.statusCode()).isEqualTo(422);
            assertThat(type(refused)).endsWith("route-not-consented");
            JsonNode unchanged = ok(APP.get("/referrals/" + id, officer));
            assertThat(unchanged.get("state").asText()).isEqualTo("acknowledged");
            assertThat(unchanged.get("version").asInt()).isEqualTo(2);
            assertThat(unchanged.get("referredService").isNull()).isTrue();
            assertThat(APP.count("audit_log", "event = 'referral.denied' AND subject = 'case:" + id
                    + " action:change cause:route-not-consented'")).isOne();
        }
        // the consent is read from the sealed part: no passphrase, no referral to the authorities
        HttpResponse<String> noPassphrase = change(officer, consented, police(null));
        assertThat(noPassphrase.statusCode()).isEqualTo(422);
        JsonNode referred = ok(change(officer, consented, police(Envelopes.PASSPHRASE)));
        assertThat(referred.get("state").asText()).isEqualTo("referred");
        assertThat(referred.get("referredService").asText()).isEqualTo("kh-police");
        assertThat(APP.count("referral_cases", "referred_service = 'kh-police'")).isOne();
    }

    @Test
    void refer_unconsentedService_refused() {
        // a service that involves no authorities, which the respondent did not say yes to (absent or false)
        String officer = token("officer-kh");
        String notConsented = caseOf(upload("KH-SVR", "refer", "urgent", false,
                Map.of("kh-police", true, "kh-shelter", false))).get("id").asText();
        String notAsked = caseOf(upload("KH-SVR", "refer", "urgent", false, Map.of("kh-police", true)))
                .get("id").asText();
        for (String id : List.of(notConsented, notAsked)) {
            ok(change(officer, id, Map.of("state", "acknowledged", "version", 1)));
            int audit = APP.count("audit_log", "event LIKE 'referral.%' AND event <> 'referral.denied'");
            HttpResponse<String> refused = change(officer, id, Map.of("state", "referred", "version", 2,
                    "service", "kh-shelter", "date", TODAY, "passphrase", Envelopes.PASSPHRASE));
            assertThat(refused.statusCode()).isEqualTo(422);
            assertThat(type(refused)).endsWith("route-not-consented");
            assertThat(APP.problem(refused).get("detail").toString()).contains("show --part");
            JsonNode unchanged = ok(APP.get("/referrals/" + id, officer));
            assertThat(unchanged.get("state").asText()).isEqualTo("acknowledged");
            assertThat(unchanged.get("version").asInt()).isEqualTo(2);
            assertThat(APP.count("referral_cases", "id = '" + id + "' AND referred_service IS NULL")).isOne();
            assertThat(APP.count("audit_log", "event LIKE 'referral.%' AND event <> 'referral.denied'"))
                    .isEqualTo(audit);
            assertThat(APP.count("audit_log", "event = 'referral.denied' AND subject = 'case:" + id
                    + " action:change cause:route-not-consented'")).isOne();
        }
        // without the passphrase the consent cannot be read: refused too
        assertThat(change(officer, notConsented, Map.of("state", "referred", "version", 2, "service", "kh-shelter",
                "date", TODAY)).statusCode()).isEqualTo(422);
    }

    @Test
    void refer_correction_newAuditedStateChange() {
        String officer = token("officer-kh");
        String id = caseOf(upload("KH-SVR", "refer", "urgent", false, Map.of("kh-shelter", true, "kh-police", true)))
                .get("id").asText();
        ok(change(officer, id, Map.of("state", "acknowledged", "version", 1)));
        JsonNode wrong = ok(change(officer, id, Map.of("state", "referred", "version", 2, "service", "kh-police",
                "date", TODAY, "passphrase", Envelopes.PASSPHRASE)));
        assertThat(wrong.get("next").toString()).contains("acknowledged").contains("closed");

        // no reason, or free text as a reason: refused, nothing written
        for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of("state", "acknowledged", "version", 3),
                Map.of("state", "acknowledged", "version", 3, "reason", "I clicked the wrong one"))) {
            HttpResponse<String> refused = change(officer, id, bad);
            assertThat(refused.statusCode()).isEqualTo(422);
            assertThat(refused.body()).contains("reason").doesNotContain("clicked");
        }
        assertThat(APP.count("referral_corrections", "case_id = '" + id + "'")).isZero();

        JsonNode corrected = ok(change(officer, id, Map.of("state", "acknowledged", "version", 3, "reason",
                "wrong_service")));
        assertThat(corrected.get("state").asText()).isEqualTo("acknowledged");
        assertThat(corrected.get("version").asInt()).isEqualTo(4);
        assertThat(corrected.get("referredService").isNull()).isTrue();
        assertThat(corrected.get("acknowledgedBy").asText()).isEqualTo("officer-kh");
        JsonNode correction = corrected.get("corrections").get(0);
        assertThat(correction.get("version").asInt()).isEqualTo(4);
        assertThat(correction.get("reason").asText()).isEqualTo("wrong_service");
        assertThat(correction.get("fromState").asText()).isEqualTo("referred");
        assertThat(correction.get("fromService").asText()).isEqualTo("kh-police");
        assertThat(correction.get("fromDate").asText()).isEqualTo(TODAY);
        assertThat(correction.get("correctedBy").asText()).isEqualTo("officer-kh");
        assertThat(APP.count("audit_log", "event = 'referral.corrected' AND actor = 'officer-kh' AND subject LIKE "
                + "'case:" + id + " %from:referred version:4 was-service:kh-police reason:wrong_service'")).isOne();

        // then referred again, to the service meant; the correction stays in the record
        JsonNode right = ok(change(officer, id, Map.of("state", "referred", "version", 4, "service", "kh-shelter",
                "date", TODAY, "passphrase", Envelopes.PASSPHRASE)));
        assertThat(right.get("referredService").asText()).isEqualTo("kh-shelter");
        assertThat(right.get("version").asInt()).isEqualTo(5);
        assertThat(right.get("corrections")).hasSize(1);
        assertThat(APP.services().audit().verify().intact()).isTrue();
    }

    @Test
    void badInput_clear4xx_nothingWritten() {
        String officer = token("officer-kh");
        String sub = upload("KH-SVR", "refer", "urgent", false, Map.of("kh-shelter", true));
        String id = caseOf(sub).get("id").asText();
        int changes = APP.count("audit_log", "event LIKE 'referral.%' AND event NOT IN ('referral.denied', "
                + "'referral.opened')");

        assertThat(APP.get("/referrals/" + UUID.randomUUID(), officer).statusCode()).isEqualTo(404);
        assertThat(APP.get("/referrals/not-a-case", officer).statusCode()).isEqualTo(404);
        assertThat(change(officer, UUID.randomUUID().toString(), Map.of("state", "acknowledged", "version", 1))
                .statusCode()).isEqualTo(404);
        HttpResponse<String> stale = change(officer, id, Map.of("state", "acknowledged", "version", 7));
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(type(stale)).endsWith("case-stale");
        HttpResponse<String> illegal = change(officer, id, Map.of("state", "closed", "version", 1, "outcome",
                "other"));
        assertThat(illegal.statusCode()).isEqualTo(409);
        assertThat(type(illegal)).endsWith("case-transition-illegal");
        assertThat(change(officer, id, Map.of("state", "new", "version", 1)).statusCode()).isEqualTo(409);
        assertThat(change(officer, id, Map.of("state", "sorted", "version", 1)).statusCode()).isEqualTo(422);
        assertThat(change(officer, id, Map.of("state", "acknowledged")).statusCode()).isEqualTo(422);
        assertThat(change(officer, id, Map.of()).statusCode()).isEqualTo(422);
        assertThat(APP.send("POST", "/referrals/" + id + "/state", officer, "application/json", "{\"state\":")
                .statusCode()).isEqualTo(400);
        assertThat(APP.send("POST", "/referrals/" + id + "/state", officer, "application/json",
                "{\"state\":\"acknowledged\",\"version\":\"one\"}").statusCode()).isBetween(400, 422);
        JsonNode unchanged = ok(APP.get("/referrals/" + id, officer));
        assertThat(unchanged.get("state").asText()).isEqualTo("new");
        assertThat(unchanged.get("version").asInt()).isEqualTo(1);

        ok(change(officer, id, Map.of("state", "acknowledged", "version", 1)));
        changes++;
        for (Map<String, Object> bad : List.<Map<String, Object>>of(
                Map.of("state", "referred", "version", 2, "service", "bd-legal-aid", "date", TODAY),
                Map.of("state", "referred", "version", 2, "service", "no-such-service", "date", TODAY),
                Map.of("state", "referred", "version", 2, "date", TODAY),
                Map.of("state", "referred", "version", 2, "service", "kh-shelter", "date", "01/03/2026"),
                Map.of("state", "referred", "version", 2, "service", "kh-shelter", "date", "2026-03-02"),
                Map.of("state", "referred", "version", 2, "service", "kh-shelter", "date", "2026-02-28"),
                Map.of("state", "referred", "version", 2, "service", "kh-shelter"))) {
            HttpResponse<String> response = change(officer, id, bad);
            assertThat(response.statusCode()).as(bad.toString()).isEqualTo(422);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
        ok(change(officer, id, Map.of("state", "referred", "version", 2, "service", "kh-shelter", "date", TODAY,
                "passphrase", Envelopes.PASSPHRASE)));
        changes++;
        for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of("state", "closed", "version", 3),
                Map.of("state", "closed", "version", 3, "outcome", "She is safe now"))) {
            HttpResponse<String> response = change(officer, id, bad);
            assertThat(response.statusCode()).isEqualTo(422);
            // the refused free text goes nowhere: not into the answer, the row or the audit log
            assertThat(response.body()).doesNotContain("She is safe");
        }
        JsonNode after = ok(APP.get("/referrals/" + id, officer));
        assertThat(after.get("state").asText()).isEqualTo("referred");
        assertThat(after.get("version").asInt()).isEqualTo(3);
        assertThat(APP.count("audit_log", "event LIKE 'referral.%' AND event NOT IN ('referral.denied', "
                + "'referral.opened')")).isEqualTo(changes);
        assertThat(APP.count("audit_log", "subject LIKE '%safe now%'")).isZero();
        assertThat(APP.services().audit().verify().intact()).isTrue();
    }

    @Test
    void caseListAndShow_carryNoFreeTextFromThePart() {
        String code = code();
        String sub = uploadWithCode(code, "KH-SVR", "refer", "urgent", false, Map.of("kh-shelter", true));
        String id = caseOf(sub).get("id").asText();
        String officer = token("officer-kh");
        String listed = APP.get("/studies/" + TestApp.STUDY + "/referrals", officer).body();
        String shown = APP.get("/referrals/" + id, officer).body();
        String counts = APP.get("/studies/" + TestApp.STUDY + "/referrals/counts", token("dm")).body();
        for (String body : List.of(listed, shown, counts)) {
            assertThat(body).doesNotContain(CONTACT).doesNotContain("Dara").doesNotContain(code)
                    .doesNotContain(FIXTURE.codeHash(code));
        }
        String like = "'%Dara%'";
        assertThat(APP.count("audit_log", "subject LIKE " + like + " OR actor LIKE " + like)).isZero();
        assertThat(APP.count("audit_log", "subject LIKE '%" + code + "%'")).isZero();
        // every field of a listed case is a code, id, time, number or list of states
        List<Map<String, Object>> cases = APP.read(APP.get("/studies/" + TestApp.STUDY + "/referrals", officer),
                new TypeReference<>() {
                });
        assertThat(cases).isNotEmpty().allSatisfy(c -> assertThat(c.values()).allSatisfy(v -> {
            if (v instanceof String s) {
                assertThat(s).matches("[A-Za-z0-9_.:\\-]+");
            }
        }));
    }

    @Test
    void contactCodeAndPassphrase_neverInLogsAuditEntriesConsoleOrDataFiles() throws Exception {
        String code = code();
        String logs = LogCapture.during(() -> {
            String sub = uploadWithCode(code, "KH-SVR", "refer", "urgent", false, Map.of("kh-police", false,
                    "kh-shelter", true));
            String id = caseOf(sub).get("id").asText();
            String officer = token("officer-kh");
            assertThat(APP.postJson("/referrals/" + id + "/referral-part", officer,
                    Map.of("passphrase", Envelopes.PASSPHRASE)).statusCode()).isEqualTo(200);
            assertThat(APP.postJson("/referrals/" + id + "/referral-part", officer,
                    Map.of("passphrase", "not the passphrase")).statusCode()).isEqualTo(422);
            ok(change(officer, id, Map.of("state", "acknowledged", "version", 1)));
            assertThat(change(officer, id, police(Envelopes.PASSPHRASE)).statusCode()).isEqualTo(422);
            assertThat(change(officer, id, Map.of("state", "referred", "version", 2, "service", "kh-shelter",
                    "date", TODAY, "outcome", CONTACT, "passphrase", Envelopes.PASSPHRASE)).statusCode())
                    .isEqualTo(200);
            assertThat(APP.get("/referrals/" + id, token("officer-bd")).statusCode()).isEqualTo(404);
        });
        // (the code's keyed hash is in the envelope header by design; the code and the contact are only sealed)
        for (String secret : List.of(CONTACT, code, Envelopes.PASSPHRASE)) {
            LogCapture.assertNowhere(APP, logs, secret);
        }
        assertThat(APP.services().audit().verify().intact()).isTrue();
    }

    // --- helpers

    private static Map<String, Object> police(String passphrase) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("state", "referred", "version", 2, "service",
                "kh-police", "date", TODAY));
        if (passphrase != null) {
            body.put("passphrase", passphrase);
        }
        return body;
    }

    private static HttpResponse<String> change(String token, String id, Map<String, Object> body) {
        return APP.postJson("/referrals/" + id + "/state", token, body);
    }

    private static JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        try {
            return APP.json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String type(HttpResponse<String> response) {
        return String.valueOf(APP.problem(response).get("type"));
    }

    /** The case of a submission, as its site's officer is shown it. */
    private static JsonNode caseOf(String submissionId) {
        String id = ReferralFixtures.caseId(APP, submissionId);
        String site = APP.services().database().read(h -> h.createQuery("SELECT site FROM referral_cases WHERE "
                + "id = :id").bind("id", id).mapTo(String.class).one());
        return ok(APP.get("/referrals/" + id, token(site.equals("KH-SVR") ? "officer-kh" : "officer-bd")));
    }

    private static List<String> submissionsListed(String officer) {
        HttpResponse<String> response = APP.get("/studies/" + TestApp.STUDY + "/referrals", token(officer));
        assertThat(response.statusCode()).isEqualTo(200);
        List<Map<String, Object>> cases = APP.read(response, new TypeReference<>() {
        });
        return cases.stream().map(c -> (String) c.get("submissionId")).toList();
    }

    private static String upload(String site, String choice, String urgency, boolean byEnumerator,
                                 Map<String, Boolean> routes) {
        return uploadWithCode(code(), site, choice, urgency, byEnumerator, routes);
    }

    /** Uploads an envelope sealed for real, with triage in its header and a referral part, from a device at site. */
    private static String uploadWithCode(String code, String site, String choice, String urgency,
                                         boolean byEnumerator, Map<String, Boolean> routes) {
        boolean dhakaSite = site.equals("BD-DHK");
        return ReferralFixtures.upload(FIXTURE, dhakaSite ? FIXTURE.targetOf(dhaka) : FIXTURE.target,
                dhakaSite ? dhaka.deviceToken() : FIXTURE.device.deviceToken(), code, choice, urgency, byEnumerator,
                routes, CONTACT);
    }

    /** A fresh code; never the study's example code (KH-SVR-RH-007), which the stored study definition holds. */
    private static synchronized String code() {
        String code = String.format("KH-SVR-RH-%03d", ++codes);
        return code.equals("KH-SVR-RH-007") ? code() : code;
    }

    private static void user(String name, String role, List<String> sites) {
        PASSWORDS.put(name, APP.createUser(FIXTURE.admin, name, role, sites).password());
    }

    private static String token(String name) {
        return APP.login(name, PASSWORDS.get(name));
    }
}
