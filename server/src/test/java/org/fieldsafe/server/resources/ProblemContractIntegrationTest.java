package org.fieldsafe.server.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Stream;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The problem responses of a representative set of bad inputs across the resources, pinned byte for byte (status,
 * content type and body) before the layering refactor of issue 14 and kept the same after it: the contract of the
 * move of the problem type, the domain exceptions and their mappers.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ProblemContractIntegrationTest {
    private static final TestApp APP = new TestApp();
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;
    private static final String ID = "0f0e0d0c-0b0a-4908-8706-050403020100";

    private static String admin;
    private static String device;

    @BeforeAll
    static void setUp() {
        admin = APP.adminToken();
        APP.createUser(admin, "enum1", "enumerator", List.of("KH-SVR"));
        device = APP.enrolDevice(APP.enrolmentCode(admin, "KH-SVR", "enum1").code()).deviceToken();
        admin = APP.adminToken();
    }

    /** name, method, path, who (admin, device, none), content type, body, status, the exact problem body. */
    static Stream<Arguments> pinned() {
        return Stream.of(
                Arguments.of("login: wrong password", "POST", "/auth/login", "none",
                        "application/json", "{\"username\": \"admin\", \"password\": \"wrong-password-1\"}", 401,
                        "{\"type\":\"urn:fieldsafe:problem:invalid-credentials\",\"title\":\"Login failed\",\"sta"
                        + "tus\":401,\"detail\":\"Unknown user name or wrong password.\"}"),
                Arguments.of("login: malformed JSON", "POST", "/auth/login", "none",
                        "application/json", "{\"username\": ", 400,
                        "{\"type\":\"urn:fieldsafe:problem:malformed-json\",\"title\":\"Malformed JSON\",\"status"
                        + "\":400,\"detail\":\"The request body is not valid JSON.\"}"),
                Arguments.of("login: missing fields", "POST", "/auth/login", "none", "application/json", "{}", 400,
                        "{\"type\":\"urn:fieldsafe:problem:invalid-request\",\"title\":\"Invalid request\",\"stat"
                        + "us\":400,\"detail\":\"username and password are required.\"}"),
                Arguments.of("login: wrong media type", "POST", "/auth/login", "none", "text/plain", "{}", 415,
                        "{\"type\":\"urn:fieldsafe:problem:unsupported-media-type\",\"title\":\"Unsupported media"
                        + " type\",\"status\":415,\"detail\":\"This address does not accept this content type.\"}"),
                Arguments.of("users: no token", "GET", "/users", "none", null, null, 401,
                        "{\"type\":\"urn:fieldsafe:problem:unauthorized\",\"title\":\"Not authenticated\",\"statu"
                        + "s\":401,\"detail\":\"A valid bearer token is required.\"}"),
                Arguments.of("users: device token", "GET", "/users", "device", null, null, 403,
                        "{\"type\":\"urn:fieldsafe:problem:forbidden\",\"title\":\"Not allowed\",\"status\":403,\""
                        + "detail\":\"Your role may not do this.\"}"),
                Arguments.of("users: bad role", "POST", "/users", "admin",
                        "application/json", "{\"username\": \"x2\", \"role\": \"king\"}", 400,
                        "{\"type\":\"urn:fieldsafe:problem:invalid-request\",\"title\":\"Invalid request\",\"stat"
                        + "us\":400,\"detail\":\"role must be one of admin, coordinator, enumerator, safeguarding_o"
                        + "fficer, data_manager, principal_investigator, transcriber.\"}"),
                Arguments.of("users: bad user name", "POST", "/users", "admin",
                        "application/json", "{\"username\": \"X Y\", \"role\": \"admin\"}", 400,
                        "{\"type\":\"urn:fieldsafe:problem:invalid-request\",\"title\":\"Invalid request\",\"stat"
                        + "us\":400,\"detail\":\"username must be 2-64 characters of a-z, 0-9, '.', '_', '-'.\"}"),
                Arguments.of("users: duplicate", "POST", "/users", "admin",
                        "application/json", "{\"username\": \"enum1\", \"role\": \"admin\"}", 409,
                        "{\"type\":\"urn:fieldsafe:problem:user-exists\",\"title\":\"User exists\",\"status\":409"
                        + ",\"detail\":\"A user with this name already exists.\"}"),
                Arguments.of("users: unknown user role", "PUT", "/users/nobody/role", "admin",
                        "application/json", "{\"role\": \"admin\"}", 404,
                        "{\"type\":\"urn:fieldsafe:problem:not-found\",\"title\":\"Not found\",\"status\":404,\"d"
                        + "etail\":\"User not found.\"}"),
                Arguments.of("users: oversized", "POST", "/users", "admin",
                        "application/json", "{\"username\": \"" + "x".repeat(70_000) + "\"}", 413,
                        "{\"type\":\"urn:fieldsafe:problem:payload-too-large\",\"title\":\"Request body too large"
                        + "\",\"status\":413,\"detail\":\"The request body exceeds the server's limit.\"}"),
                Arguments.of("enrolments: unknown study", "POST", "/enrolments", "admin",
                        "application/json",
                        "{\"study\": \"nope\", \"site\": \"KH-SVR\", \"enumerator\": \"enum1\"}", 404,
                        "{\"type\":\"urn:fieldsafe:problem:not-found\",\"title\":\"Not found\",\"status\":404,\"d"
                        + "etail\":\"Study not found.\"}"),
                Arguments.of("enrolments: unknown enumerator", "POST", "/enrolments", "admin",
                        "application/json",
                        "{\"study\": \"test-study\", \"site\": \"KH-SVR\", \"enumerator\": \"nobody\"}", 400,
                        "{\"type\":\"urn:fieldsafe:problem:invalid-request\",\"title\":\"Invalid request\",\"stat"
                        + "us\":400,\"detail\":\"enumerator must name an existing, enabled user with the role enume"
                        + "rator.\"}"),
                Arguments.of("devices: bad code", "POST", "/devices/enrol", "none",
                        "application/json", "{\"code\": \"AAAA-BBBB-CCCC\", \"deviceName\": \"laptop\"}", 400,
                        "{\"type\":\"urn:fieldsafe:problem:enrolment-code-invalid\",\"title\":\"Enrolment code no"
                        + "t valid\",\"status\":400,\"detail\":\"The code is unknown, used, revoked or expired.\"}"),
                Arguments.of("devices: unknown device", "POST", "/devices/nope/revoke", "admin", null, null, 404,
                        "{\"type\":\"urn:fieldsafe:problem:not-found\",\"title\":\"Not found\",\"status\":404,\"d"
                        + "etail\":\"Device not found.\"}"),
                Arguments.of("forms: malformed YAML", "POST", "/studies/test-study/forms", "admin",
                        "application/yaml", "id: [unclosed", 422,
                        "{\"type\":\"urn:fieldsafe:problem:form-invalid\",\"title\":\"Form not valid\",\"status\""
                        + ":422,\"detail\":\"upload:1: not valid YAML: while parsing a flow sequence\\n in 'reader'"
                        + ", line 1, column 5:\\n    id: [unclosed\\n        ^\\nexpected ',' or ']', but got <stre"
                        + "am end>\\n in 'reader', line 1, column 14:\\n    id: [unclosed\\n                 ^\\n\""
                        + ",\"errors\":[{\"file\":\"upload\",\"line\":1,\"field\":\"\",\"message\":\"not valid YAML: whil"
                        + "e parsing a flow sequence\\n in 'reader', line 1, column 5:\\n    id: [unclosed\\n        ^\\nexpe"
                        + "cted ',' or ']', but got <stream end>\\n in 'reader', line 1, column 14:\\n    id: [unclosed\\n "
                        + "                ^\\n\"}]}"),
                Arguments.of("forms: unknown study", "POST", "/studies/nope/forms", "admin",
                        "application/yaml", "id: a\nkind: consent\n", 404,
                        "{\"type\":\"urn:fieldsafe:problem:not-found\",\"title\":\"Not found\",\"status\":404,\"d"
                        + "etail\":\"Study not found.\"}"),
                Arguments.of("forms: unknown version", "GET", "/studies/test-study/forms/consent/versions/99", "admin",
                        null, null, 404,
                        "{\"type\":\"urn:fieldsafe:problem:not-found\",\"title\":\"Not found\",\"status\":404,\"d"
                        + "etail\":\"Form version not found.\"}"),
                Arguments.of("sync: unknown form version", "GET", "/sync/forms/consent/versions/99", "device",
                        null, null, 404,
                        "{\"type\":\"urn:fieldsafe:problem:not-found\",\"title\":\"Not found\",\"status\":404,\"d"
                        + "etail\":\"Form version not found.\"}"),
                Arguments.of("keys: missing fields", "POST", "/studies/test-study/keys", "admin",
                        "application/json", "{}", 422,
                        "{\"type\":\"urn:fieldsafe:problem:study-keys-invalid\",\"title\":\"Study keys not valid\""
                        + ",\"status\":422,\"detail\":\"Field 'keys' is not valid.\"}"),
                Arguments.of("keys: unknown study", "GET", "/studies/nope/keys", "admin", null, null, 404,
                        "{\"type\":\"urn:fieldsafe:problem:not-found\",\"title\":\"Not found\",\"status\":404,\"d"
                        + "etail\":\"Study not found.\"}"),
                Arguments.of("progress: unknown study", "GET", "/studies/nope/progress", "admin", null, null, 404,
                        "{\"type\":\"urn:fieldsafe:problem:not-found\",\"title\":\"Not found\",\"status\":404,\"d"
                        + "etail\":\"Study not found.\"}"),
                Arguments.of("submissions: not an envelope", "PUT", "/submissions/" + ID, "device",
                        "application/octet-stream", "not an envelope", 400,
                        "{\"type\":\"urn:fieldsafe:problem:malformed-json\",\"title\":\"Malformed JSON\",\"status"
                        + "\":400,\"detail\":\"The request body is not a JSON envelope.\"}"),
                Arguments.of("attachments: not announced", "PUT", "/submissions/" + ID + "/attachments/a.jpg", "device",
                        "application/octet-stream", "xx", 404,
                        "{\"type\":\"urn:fieldsafe:problem:attachment-not-found\",\"title\":\"Attachment not foun"
                        + "d\",\"status\":404,\"detail\":\"No stored submission of this device announces this attac"
                        + "hment; upload the envelope first.\"}"),
                Arguments.of("referrals: unknown case", "GET", "/referrals/nope", "admin", null, null, 403,
                        "{\"type\":\"urn:fieldsafe:problem:referral-not-allowed\",\"title\":\"Not allowed\",\"sta"
                        + "tus\":403,\"detail\":\"Only the safeguarding officers of a case's site may see or change"
                        + " it.\"}"),
                Arguments.of("withdrawals: admin refused", "POST", "/studies/test-study/withdrawals", "admin",
                        "application/json", "{\"respondentCode\": \"x\"}", 403,
                        "{\"type\":\"urn:fieldsafe:problem:forbidden\",\"title\":\"Not allowed\",\"status\":403,\""
                        + "detail\":\"Your role may not do this.\"}"),
                Arguments.of("exports: unknown study", "POST", "/studies/nope/exports", "admin",
                        "application/json", "{\"passphrase\": \"x\"}", 403,
                        "{\"type\":\"urn:fieldsafe:problem:forbidden\",\"title\":\"Forbidden\",\"status\":403,\"d"
                        + "etail\":\"Only a data manager exports.\"}"),
                Arguments.of("directory: unknown site", "GET", "/studies/test-study/sites/nope/directory", "admin",
                        null, null, 404,
                        "{\"type\":\"urn:fieldsafe:problem:not-found\",\"title\":\"Not found\",\"status\":404,\"d"
                        + "etail\":\"Site not found.\"}"),
                Arguments.of("notices: unknown study", "GET", "/studies/nope/notices", "admin", null, null, 404,
                        "{\"type\":\"urn:fieldsafe:problem:not-found\",\"title\":\"Not found\",\"status\":404,\"d"
                        + "etail\":\"Study not found.\"}"),
                Arguments.of("unknown path", "GET", "/nothing/here", "admin", null, null, 404,
                        "{\"type\":\"urn:fieldsafe:problem:not-found\",\"title\":\"Not found\",\"status\":404,\"d"
                        + "etail\":\"There is nothing at this address.\"}"),
                Arguments.of("wrong method", "DELETE", "/users", "admin", null, null, 405,
                        "{\"type\":\"urn:fieldsafe:problem:method-not-allowed\",\"title\":\"Method not allowed\","
                        + "\"status\":405,\"detail\":\"This address does not accept this method.\"}")
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pinned")
    void problem_representativeBadInput_sameStatusAndBody(String name, String method, String path, String who,
                                                          String contentType, String body, int status,
                                                          String problem) {
        String token = switch (who) {
            case "admin" -> admin;
            case "device" -> device;
            default -> null;
        };
        HttpResponse<String> response = APP.send(method, path, token, contentType, body);
        assertThat(response.statusCode()).as(name).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).as(name).hasValue("application/problem+json");
        assertThat(response.body()).as(name).isEqualTo(problem);
    }
}

