package org.fieldsafe.client.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.fieldsafe.client.FieldsafeClient;
import org.fieldsafe.client.fieldwork.TestDevice;
import org.fieldsafe.client.store.DeviceStore;
import org.fieldsafe.client.sync.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app's interview calls over HTTP against the real app server and an enrolled device home holding the reference
 * study (KH-SVR, Khmer): the step API as JSON, refusals as problems that save nothing, pause and resume, sealing.
 */
class InterviewApiTest {
    static final String DRAFT_PASSPHRASE = "correct horse 7";
    static final String CODE = "KH-SVR-RH-007";

    @TempDir
    Path home;

    final AppServerTest.MovingClock clock = new AppServerTest.MovingClock();
    AppServer app;
    int port;
    String cookie;

    @BeforeEach
    void start() throws Exception {
        TestDevice.prepare(home, clock.instant());
        TestDevice.pinStudyKeys(home, clock.instant());
        app = AppServer.start(new AppServer.Options(home, AppServer.LOOPBACK, 0, "km", AppServerTest.TEST_COST,
                new FieldsafeClient.Settings(Duration.ofSeconds(2), Duration.ofSeconds(5), clock)));
        port = Integer.parseInt(app.origin().substring(app.origin().lastIndexOf(':') + 1));
        RawHttp.Response launched = RawHttp.send(port, "GET", app.launchUri().getRawPath(), Map.of(), null);
        cookie = launched.header("Set-Cookie").substring(0, launched.header("Set-Cookie").indexOf(';'));
        assertThat(api("POST", "passphrase", "{\"passphrase\":\"" + AppServerTest.PASSPHRASE + "\",\"again\":\""
                + AppServerTest.PASSPHRASE + "\"}").status()).isEqualTo(200);
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    RawHttp.Response api(String method, String call, String body) throws Exception {
        Map<String, String> headers = new HashMap<>();
        headers.put("Cookie", cookie);
        headers.put("Origin", app.origin());
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        return RawHttp.send(port, method, "/api/v1/" + call, headers, body);
    }

    static JsonNode json(RawHttp.Response r) throws Exception {
        return Json.mapper().readTree(r.body());
    }

    String startKhmer() throws Exception {
        RawHttp.Response started = api("POST", "interviews", "{\"form\":\"interview\",\"site\":\"KH-SVR\","
                + "\"language\":\"km\",\"passphrase\":\"" + DRAFT_PASSPHRASE + "\",\"again\":\"" + DRAFT_PASSPHRASE
                + "\"}");
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        return json(started).path("id").asText();
    }

    /** Answers in order, going on past notes and questions not required between them; returns the last screen. */
    JsonNode answer(String id, Object... idsAndValues) throws Exception {
        JsonNode screen = json(api("GET", "interviews/" + id, null));
        for (int i = 0; i < idsAndValues.length; i += 2) {
            while (!screen.path("question").path("id").asText().equals(idsAndValues[i])) {
                assertThat(screen.path("question").path("required").asBoolean()).as(screen.toString()).isFalse();
                RawHttp.Response next = api("POST", "interviews/" + id + "/next", null);
                assertThat(next.status()).as(next.body()).isEqualTo(200);
                screen = json(next).path("screen");
            }
            RawHttp.Response r = api("POST", "interviews/" + id + "/answer", "{\"question\":\"" + idsAndValues[i]
                    + "\",\"value\":" + Json.mapper().writeValueAsString(idsAndValues[i + 1]) + "}");
            assertThat(r.status()).as(idsAndValues[i] + ": " + r.body()).isEqualTo(200);
            screen = json(r).path("screen");
        }
        return screen;
    }

    byte[] draft(String id) throws Exception {
        try (DeviceStore store = DeviceStore.openExisting(home)) {
            return store.drafts().get(id).orElseThrow().ciphertext();
        }
    }

    @Test
    void interviewApi_badInput_problemsNothingWrittenDraftKept() throws Exception {
        String id = startKhmer();
        JsonNode waiting = answer(id, "participation", "yes", "recording_consent", "no", "consent_mode", "verbal");
        byte[] before = draft(id);

        RawHttp.Response malformed = api("POST", "interviews/" + id + "/answer", "{\"question\":\"age\",");
        RawHttp.Response wrongType = api("POST", "interviews/" + id + "/answer",
                "{\"question\":\"age\",\"value\":{\"years\":34}}");
        RawHttp.Response notANumber = api("POST", "interviews/" + id + "/answer",
                "{\"question\":\"age\",\"value\":\"thirty\"}");
        RawHttp.Response outOfRange = api("POST", "interviews/" + id + "/answer",
                "{\"question\":\"age\",\"value\":5}");
        RawHttp.Response unknownField = api("POST", "interviews/" + id + "/answer",
                "{\"question\":\"age\",\"value\":34,\"extra\":1}");
        RawHttp.Response oversized = api("POST", "interviews/" + id + "/answer",
                "{\"question\":\"age\",\"value\":\"" + "9".repeat(Exchanges.MAX_BODY) + "\"}");
        RawHttp.Response unknownId = api("POST", "interviews/no-such-draft/answer",
                "{\"question\":\"age\",\"value\":34}");
        RawHttp.Response unknownAction = api("POST", "interviews/" + id + "/explode", null);
        RawHttp.Response unknownReplacement = api("POST", "interviews/" + id + "/redaction",
                "{\"id\":\"0/interview/q_meaning/9\",\"undo\":true}");

        assertThat(malformed.status()).isEqualTo(400);
        assertThat(wrongType.status()).isEqualTo(422);
        assertThat(json(wrongType).path("type").asText()).endsWith("answer-wrong-type");
        assertThat(notANumber.status()).isEqualTo(422);
        assertThat(json(notANumber).path("problems").get(0).path("field").asText()).isEqualTo("age");
        assertThat(outOfRange.status()).isEqualTo(422);
        JsonNode constraint = json(outOfRange).path("problems").get(0);
        assertThat(constraint.path("kind").asText()).isEqualTo("CONSTRAINT");
        assertThat(constraint.path("lang").asText()).isEqualTo("km");
        assertThat(constraint.path("message").asText()).doesNotContain("5");
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(oversized.status()).isEqualTo(413);
        assertThat(unknownId.status()).isEqualTo(404);
        assertThat(unknownAction.status()).isEqualTo(404);
        assertThat(unknownReplacement.status()).isEqualTo(422);
        for (RawHttp.Response r : new RawHttp.Response[] {malformed, wrongType, notANumber, outOfRange, unknownField,
            oversized, unknownId, unknownAction, unknownReplacement}) {
            assertThat(r.header("Content-Type")).as(r.body()).startsWith("application/problem+json");
            assertThat(r.body()).doesNotContain("thirty").doesNotContain("years");
        }
        assertThat(draft(id)).isEqualTo(before);
        JsonNode screen = json(api("GET", "interviews/" + id, null));
        assertThat(screen.path("question").path("id").asText()).isEqualTo("age");
        assertThat(screen.path("progress")).isEqualTo(waiting.path("progress"));
    }

    @Test
    void interviewApi_pauseAndResume_nothingAnsweredLost() throws Exception {
        String id = startKhmer();
        JsonNode paused = answer(id, "participation", "yes", "recording_consent", "no", "consent_mode", "verbal",
                "age", 34);

        assertThat(api("POST", "interviews/" + id + "/pause", null).status()).isEqualTo(200);
        assertThat(api("GET", "interviews/" + id, null).status()).isEqualTo(404);
        JsonNode list = json(api("GET", "interviews", null));
        assertThat(list.path("drafts").get(0).path("draftId").asText()).isEqualTo(id);
        // the draft id is a random UUID and may hold the digits "34" itself: the age must be nowhere else
        assertThat(list.toString().replace(id, "")).doesNotContain("34");
        RawHttp.Response wrong = api("POST", "interviews/resume", "{\"draftId\":\"" + id
                + "\",\"passphrase\":\"wrong passphrase 1\"}");
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.body()).doesNotContain("wrong passphrase 1");

        RawHttp.Response resumed = api("POST", "interviews/resume", "{\"draftId\":\"" + id + "\",\"passphrase\":\""
                + DRAFT_PASSPHRASE + "\"}");

        assertThat(resumed.status()).as(resumed.body()).isEqualTo(201);
        JsonNode screen = json(resumed).path("screen");
        assertThat(screen.path("question").path("id").asText()).isEqualTo("respondent_code");
        assertThat(screen.path("progress")).isEqualTo(paused.path("progress"));
        RawHttp.Response back = api("POST", "interviews/" + id + "/back", null);
        assertThat(json(back).path("screen").path("question").path("given").asInt()).isEqualTo(34);
    }

    @Test
    void interviewApi_minorWithoutAssent_cannotProceed() throws Exception {
        String id = startKhmer();
        JsonNode screen = answer(id, "participation", "yes", "recording_consent", "no", "consent_mode", "verbal",
                "age", 15, "guardian_consent", "yes", "guardian_consent_mode", "verbal", "child_assent", "no",
                "respondent_code", CODE, "interviewer", "enum-kh1", "consent_date", "2026-11-22", "research_partner",
                "Partner KH");

        assertThat(screen.path("step").asText()).isEqualTo("NOBODY");
        RawHttp.Response category = api("POST", "interviews/" + id + "/answer",
                "{\"question\":\"category\",\"value\":\"RH\"}");
        RawHttp.Response seal = api("POST", "interviews/" + id + "/seal", null);
        assertThat(category.status()).isEqualTo(422);
        assertThat(json(category).path("problems").get(0).path("kind").asText()).isEqualTo("STEP");
        assertThat(seal.status()).isEqualTo(422);
        assertThat(seal.body()).contains("nobody can be interviewed");
        assertThat(api("POST", "interviews/" + id + "/discard", null).status()).isEqualTo(200);
        assertThat(json(api("GET", "interviews", null)).path("drafts")).isEmpty();
    }

    @Test
    void interviewApi_disclosureReferralReviewSeal_intoTheOutbox() throws Exception {
        String id = startKhmer();
        answer(id, "participation", "yes", "recording_consent", "no", "consent_mode", "verbal", "age", 34,
                "respondent_code", CODE, "interviewer", "enum-kh1", "consent_date", "2026-11-22", "research_partner",
                "Partner KH", "category", "RH", "name", "Sokha Chan", "interview_date", "2026-11-22", "q_meaning",
                "Sokha said call 012 345 678");
        RawHttp.Response raised = api("POST", "interviews/" + id + "/disclosure",
                "{\"category\":\"current_risk\",\"urgency\":\"urgent\"}");
        assertThat(raised.status()).as(raised.body()).isEqualTo(200);
        assertThat(json(raised).path("disclosed").get(0).path("byRule").asBoolean(true)).isFalse();
        JsonNode screen = json(raised).path("screen");
        while (screen.path("step").asText().equals("QUESTION")) {
            String q = screen.path("question").path("id").asText();
            RawHttp.Response r = switch (q) {
                case "disclosure_check" -> api("POST", "interviews/" + id + "/answer",
                        "{\"question\":\"disclosure_check\",\"value\":\"no\"}");
                case "indicators" -> api("POST", "interviews/" + id + "/answer",
                        "{\"question\":\"indicators\",\"value\":[\"none\"]}");
                default -> api("POST", "interviews/" + id + "/next", null);
            };
            assertThat(r.status()).as(q + ": " + r.body()).isEqualTo(200);
            screen = json(r).path("screen");
        }
        assertThat(screen.path("step").asText()).isEqualTo("REFERRAL");
        assertThat(screen.path("referral").path("routes").findValues("selected"))
                .allSatisfy(v -> assertThat(v.asBoolean()).isFalse());
        RawHttp.Response policeOnly = api("POST", "interviews/" + id + "/referral",
                "{\"choice\":\"refer\",\"routes\":[\"kh-police\"],\"authoritiesYes\":[]}");
        assertThat(policeOnly.status()).isEqualTo(422);
        RawHttp.Response referred = api("POST", "interviews/" + id + "/referral", "{\"choice\":\"refer\","
                + "\"routes\":[\"kh-lscw\"],\"authoritiesYes\":[],\"contactHow\":\"own phone\",\"contactWhen\":"
                + "\"mornings\"}");
        assertThat(referred.status()).as(referred.body()).isEqualTo(200);
        assertThat(json(referred).path("screen").path("step").asText()).isEqualTo("REVIEW");

        JsonNode review = json(api("GET", "interviews/" + id + "/review", null));
        assertThat(review.path("replacements").findValuesAsText("kind")).containsExactly("NAME", "PHONE");
        String phone = review.path("replacements").get(1).path("id").asText();
        JsonNode undone = json(api("POST", "interviews/" + id + "/redaction", "{\"id\":\"" + phone
                + "\",\"undo\":true}"));
        assertThat(undone.path("replacements").get(1).path("undone").asBoolean()).isTrue();
        RawHttp.Response sealed = api("POST", "interviews/" + id + "/seal", null);

        assertThat(sealed.status()).as(sealed.body()).isEqualTo(200);
        assertThat(json(sealed).path("kept").asBoolean()).isTrue();
        assertThat(api("GET", "interviews/" + id, null).status()).isEqualTo(404);
        assertThat(json(api("GET", "interviews", null)).path("drafts")).isEmpty();
        assertThat(json(api("GET", "status", null)).toString()).isNotEmpty();
    }

    @Test
    void interviewApi_startScreenCategoryAndJoint_categoriesTranslatedJointKeepsTheCategory() throws Exception {
        JsonNode categories = json(api("GET", "home", null)).path("categories");
        assertThat(categories.findValuesAsText("id")).containsExactly("RH", "DB", "CS");
        assertThat(categories.get(0).path("label").asText()).isEqualTo("ម្ចាស់សិទ្ធិ");
        assertThat(categories.findValuesAsText("lang")).containsOnly("km");

        RawHttp.Response started = api("POST", "interviews", "{\"form\":\"interview\",\"site\":\"KH-SVR\","
                + "\"language\":\"km\",\"category\":\"RH\",\"respondents\":2,\"passphrase\":\""
                + DRAFT_PASSPHRASE + "\",\"again\":\"" + DRAFT_PASSPHRASE + "\"}");
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        String id = json(started).path("id").asText();
        assertThat(json(started).path("screen").path("respondents").asInt()).isEqualTo(2);
        answer(id, "participation", "yes", "recording_consent", "no", "consent_mode", "verbal", "age", 34,
                "respondent_code", CODE, "interviewer", "enum-kh1", "consent_date", "2026-11-22", "research_partner",
                "Partner KH");
        JsonNode screen = json(api("GET", "interviews/" + id, null));
        while (!screen.path("question").path("id").asText().equals("category")) {
            screen = json(api("POST", "interviews/" + id + "/next", null)).path("screen");
        }
        RawHttp.Response otherCategory = api("POST", "interviews/" + id + "/answer",
                "{\"question\":\"category\",\"value\":\"DB\"}");
        assertThat(otherCategory.status()).isEqualTo(422);
        assertThat(json(otherCategory).path("problems").get(0).path("field").asText()).isEqualTo("category");
        RawHttp.Response chosen = api("POST", "interviews/" + id + "/answer",
                "{\"question\":\"category\",\"value\":\"RH\"}");
        assertThat(chosen.status()).as(chosen.body()).isEqualTo(200);
        assertThat(json(chosen).path("screen").path("respondents").asInt()).isEqualTo(2);
    }
}
