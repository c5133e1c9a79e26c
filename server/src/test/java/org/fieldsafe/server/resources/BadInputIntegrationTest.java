package org.fieldsafe.server.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input on every endpoint with a body or path parameters: a 4xx problem, never a 500, nothing written. */
@ExtendWith(DropwizardExtensionsSupport.class)
class BadInputIntegrationTest {
    private static final TestApp APP = new TestApp();
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;

    private static final List<String> TABLES = List.of("users", "user_sites", "sessions", "studies",
            "study_versions", "form_versions", "enrolment_codes", "devices", "audit_log", "server_keys", "study_keys",
            "respondent_code_keys", "submissions", "submission_respondents", "withdrawals");
    private static final String JSON = "application/json";
    private static final String YAML = "application/yaml";
    private static final String BIG = "x".repeat(70_000);
    private static final String S = "/studies/" + TestApp.STUDY;

    private static String admin;
    private static String device;

    @BeforeAll
    static void setUp() {
        admin = APP.adminToken();
        APP.createUser(admin, "enum1", "enumerator", List.of("KH-SVR"));
        device = APP.enrolDevice(APP.enrolmentCode(admin, "KH-SVR", "enum1").code()).deviceToken();
        admin = APP.adminToken();
    }

    static Stream<Arguments> badRequests() {
        List<Arguments> cases = new ArrayList<>();
        Map<String, String> jsonEndpoints = Map.of(
                "/auth/login", "{\"username\": [\"a\"], \"password\": {\"x\": 1}}",
                "/users", "{\"username\": \"x1\", \"role\": \"admin\", \"sites\": {\"a\": 1}}",
                "/enrolments", "{\"study\": [1], \"site\": \"KH-SVR\", \"enumerator\": \"enum1\"}",
                "/devices/enrol", "{\"code\": {\"a\": 1}, \"deviceName\": \"laptop\"}");
        jsonEndpoints.forEach((path, wrongTypes) -> {
            cases.add(Arguments.of("malformed JSON", "POST", path, JSON, "{\"username\": ", 400));
            cases.add(Arguments.of("wrong types", "POST", path, JSON, wrongTypes, 400));
            cases.add(Arguments.of("missing fields", "POST", path, JSON, "{}", 400));
            cases.add(Arguments.of("empty body", "POST", path, JSON, "", 400));
            cases.add(Arguments.of("JSON null", "POST", path, JSON, "null", 400));
            cases.add(Arguments.of("not an object", "POST", path, JSON, "[1, 2]", 400));
            cases.add(Arguments.of("oversized body", "POST", path, JSON, "{\"username\": \"" + BIG + "\"}", 413));
            cases.add(Arguments.of("wrong media type", "POST", path, "text/plain", "{}", 415));
        });
        cases.add(Arguments.of("bad role", "POST", "/users", JSON, "{\"username\": \"x2\", \"role\": \"king\"}", 400));
        cases.add(Arguments.of("bad user name", "POST", "/users", JSON, "{\"username\": \"X Y\", \"role\": \"admin\"}", 400));
        cases.add(Arguments.of("officer without site", "POST", "/users", JSON,
                "{\"username\": \"x3\", \"role\": \"safeguarding_officer\"}", 400));
        cases.add(Arguments.of("duplicate user", "POST", "/users", JSON, "{\"username\": \"enum1\", \"role\": \"admin\"}", 409));
        cases.add(Arguments.of("unknown study", "POST", "/enrolments", JSON,
                "{\"study\": \"nope\", \"site\": \"KH-SVR\", \"enumerator\": \"enum1\"}", 404));
        cases.add(Arguments.of("unknown enumerator", "POST", "/enrolments", JSON,
                "{\"study\": \"test-study\", \"site\": \"KH-SVR\", \"enumerator\": \"nobody\"}", 400));
        cases.add(Arguments.of("malformed YAML", "POST", S + "/forms", YAML, "id: [unclosed", 422));
        cases.add(Arguments.of("invalid form", "POST", S + "/forms", YAML, "title: {en: x}\n", 422));
        cases.add(Arguments.of("empty form", "POST", S + "/forms", YAML, "", 422));
        cases.add(Arguments.of("oversized form", "POST", S + "/forms", YAML, "id: " + BIG, 413));
        cases.add(Arguments.of("form as JSON", "POST", S + "/forms", JSON, "{}", 415));
        cases.add(Arguments.of("upload to unknown study", "POST", "/studies/nope/forms", YAML, "id: a\nkind: consent\n", 404));
        for (String get : List.of("/studies/nope/forms", S + "/forms/nope/versions/1", S + "/forms/consent/versions/99",
                S + "/forms/consent/versions/x", S + "/forms/consent/versions/-1", "/studies/nope/forms/consent/versions/1")) {
            cases.add(Arguments.of("unknown " + get, "GET", get, null, null, 404));
        }
        for (String action : List.of("publish", "retire")) {
            for (String path : List.of("/studies/nope/forms/consent/versions/1/", S + "/forms/nope/versions/1/",
                    S + "/forms/consent/versions/7/", S + "/forms/consent/versions/v1/")) {
                cases.add(Arguments.of("unknown " + path + action, "POST", path + action, null, null, 404));
            }
        }
        cases.add(Arguments.of("keys: malformed JSON", "POST", S + "/keys", JSON, "{\"keys\": ", 400));
        cases.add(Arguments.of("keys: wrong types", "POST", S + "/keys", JSON, "{\"keys\": {\"a\": 1}}", 400));
        cases.add(Arguments.of("keys: empty body", "POST", S + "/keys", JSON, "", 400));
        cases.add(Arguments.of("keys: missing fields", "POST", S + "/keys", JSON, "{}", 422));
        cases.add(Arguments.of("keys: oversized", "POST", S + "/keys", JSON, "{\"keys\": \"" + BIG + "\"}", 413));
        cases.add(Arguments.of("keys: unknown study", "POST", "/studies/nope/keys", JSON, "{}", 404));
        String role = "/users/enum1/role";
        cases.add(Arguments.of("role: malformed JSON", "PUT", role, JSON, "{\"role\": ", 400));
        cases.add(Arguments.of("role: wrong types", "PUT", role, JSON, "{\"role\": \"admin\", \"sites\": {\"a\": 1}}", 400));
        cases.add(Arguments.of("role: empty body", "PUT", role, JSON, "", 400));
        cases.add(Arguments.of("role: bad role", "PUT", role, JSON, "{\"role\": \"king\"}", 400));
        cases.add(Arguments.of("role: bad site", "PUT", role, JSON, "{\"role\": \"enumerator\", \"sites\": [\"x\"]}", 400));
        cases.add(Arguments.of("role: unknown user", "PUT", "/users/nobody/role", JSON, "{\"role\": \"admin\"}", 404));
        cases.add(Arguments.of("role: oversized", "PUT", role, JSON, "{\"role\": \"" + BIG + "\"}", 413));
        cases.add(Arguments.of("role: wrong media type", "PUT", role, "text/plain", "{}", 415));
        // body errors stop these before the service (whose refusals of a non-holder are audited, so not here)
        for (String path : List.of(S + "/keys/research/passphrase", S + "/submissions/x/identity")) {
            cases.add(Arguments.of("malformed JSON", "POST", path, JSON, "{\"current\": ", 400));
            cases.add(Arguments.of("wrong types", "POST", path, JSON,
                    "{\"current\": {\"a\": 1}, \"passphrase\": {\"a\": 1}}", 400));
            cases.add(Arguments.of("oversized body", "POST", path, JSON, "{\"current\": \"" + BIG + "\"}", 413));
            cases.add(Arguments.of("wrong media type", "POST", path, "text/plain", "{}", 415));
        }
        cases.add(Arguments.of("keys of unknown study", "GET", "/studies/nope/keys", null, null, 404));
        cases.add(Arguments.of("progress of unknown study", "GET", "/studies/nope/progress", null, null, 404));
        cases.add(Arguments.of("unknown enrolment", "POST", "/enrolments/nope/revoke", null, null, 404));
        cases.add(Arguments.of("unknown device", "POST", "/devices/nope/revoke", null, null, 404));
        cases.add(Arguments.of("unknown path", "GET", "/nothing/here", null, null, 404));
        cases.add(Arguments.of("wrong method", "DELETE", "/users", null, null, 405));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {1} {2}")
    @MethodSource("badRequests")
    void request_badInput_problemAndNothingWritten(String name, String method, String path, String contentType,
                                                   String body, int status) {
        Map<String, Integer> before = counts();
        HttpResponse<String> response = APP.send(method, path, path.startsWith("/devices/enrol")
                || path.startsWith("/auth/login") ? null : admin, contentType, body);
        assertProblem(response, status);
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void upload_formInvalidUnderTheRealValidator_422NamingLineAndField_nothingWritten() {
        Map<String, Integer> before = counts();
        String yaml = """
                id: rejected_form
                kind: interview
                consent_form: consent
                title: {en: "Rejected"}
                questions:
                  - id: q_one
                    type: text
                    label: {en: "One"}
                    relevant: "${nope} = 'x'"
                    bogus: 1
                """;
        HttpResponse<String> response = APP.send("POST", S + "/forms", admin, YAML, yaml);
        assertProblem(response, 422);
        Map<String, Object> problem = APP.problem(response);
        assertThat(problem).containsEntry("type", "urn:fieldsafe:problem:form-invalid");
        assertThat((String) problem.get("detail"))
                .contains("upload:9: questions[0].relevant: unknown question 'nope'")
                .contains("upload:10: questions[0].bogus: unknown key 'bogus'");
        assertThat(counts()).isEqualTo(before);
        assertThat(APP.get(S + "/forms", admin).body()).doesNotContain("rejected_form");
    }

    @Test
    void upload_interviewWithoutConsentFormOrQuestions_422NamingBothFields() {
        Map<String, Integer> before = counts();
        HttpResponse<String> response = APP.send("POST", S + "/forms", admin, YAML,
                "id: followup\nkind: interview\ntitle: {en: Follow-up}\n");
        assertProblem(response, 422);
        assertThat((String) APP.problem(response).get("detail"))
                .contains("upload:1: consent_form: missing required field")
                .contains("upload:1: questions: missing required field");
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void request_outsideApi_problemFromJetty() {
        HttpResponse<String> response = APP.send(HttpRequest.newBuilder(URI.create(APP.baseUrl() + "/elsewhere")).GET());
        assertProblem(response, 404);
    }

    @Test
    void sync_unknownFormVersion_404() {
        assertProblem(APP.get("/sync/forms/consent/versions/99", device), 404);
        assertProblem(APP.get("/sync/forms/nope/versions/1", device), 404);
        assertProblem(APP.get("/sync/forms/consent/versions/one", device), 404);
    }

    @Test
    void upload_chunkedOversizedBody_413() {
        Map<String, Integer> before = counts();
        byte[] big = ("id: " + BIG).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = APP.send(HttpRequest.newBuilder(
                        URI.create(APP.baseUrl() + "/api/v1" + S + "/forms"))
                .header("Authorization", "Bearer " + admin)
                .header("Content-Type", YAML)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));
        assertProblem(response, 413);
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void login_chunkedOversizedBody_413() {
        byte[] big = ("{\"username\": \"" + BIG + "\", \"password\": \"x\"}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = APP.send(HttpRequest.newBuilder(URI.create(APP.baseUrl() + "/api/v1/auth/login"))
                .header("Content-Type", JSON)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));
        assertProblem(response, 413);
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        Map<String, Object> problem = APP.problem(response);
        assertThat((String) problem.get("type")).startsWith("urn:fieldsafe:problem:");
        assertThat(problem.get("status")).isEqualTo(status);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at org.");
    }

    private static Map<String, Integer> counts() {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        TABLES.forEach(t -> counts.put(t, APP.count(t)));
        return counts;
    }
}
