package org.fieldsafe.server.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.fieldsafe.core.wire.DeviceEnrolRequest;
import org.fieldsafe.core.wire.DeviceEnrolment;
import org.fieldsafe.core.wire.EmailChange;
import org.fieldsafe.core.wire.EnrolmentRequest;
import org.fieldsafe.core.wire.IdentityRequest;
import org.fieldsafe.core.wire.KeyGrantRequest;
import org.fieldsafe.core.wire.LoginRequest;
import org.fieldsafe.core.wire.NewUserRequest;
import org.fieldsafe.core.wire.PassphraseChange;
import org.fieldsafe.core.wire.PasswordChange;
import org.fieldsafe.core.wire.RoleChange;
import org.fieldsafe.server.Envelopes;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.UploadFixture;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every endpoint of docs/api.md x every kind of caller: 2xx, 401 or 403 exactly as the role table says. */
@ExtendWith(DropwizardExtensionsSupport.class)
class AuthorizationMatrixIntegrationTest {
    private static final TestApp APP = new TestApp();
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;
    private static final UploadFixture UPLOADS = new UploadFixture(APP);

    private static final String ANYONE = "anyone";
    private static final List<String> PEOPLE = List.of("admin", "coordinator", "enumerator", "safeguarding_officer",
            "data_manager", "principal_investigator");
    private static final List<String> CALLERS = Stream.concat(Stream.of("none"),
            Stream.concat(PEOPLE.stream(), Stream.of("device", "revoked_device"))).toList();
    private static final Set<String> STUDY_TEAM = Set.of("admin", "coordinator", "data_manager",
            "principal_investigator");
    private static final Set<String> COORDINATION = Set.of("admin", "coordinator");
    private static final String S = "/studies/" + TestApp.STUDY;
    private static final String NO_EXPORT = "00000000-0000-4000-8000-000000000000";
    private static final String MATRIX_FORM = TestApp.formYaml("matrix_form", "interview", "Matrix");

    private static final Map<String, String> PASSWORDS = new java.util.HashMap<>();
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static String adminToken;
    private static String deviceToken;
    private static String revokedDeviceToken;
    private static String deviceId;
    private static String revokedDeviceId;
    private static String spareDeviceId;
    private static String enrolmentId;
    private static Envelopes.Target deviceTarget;
    private static String submissionId;
    private static String resetTarget;

    /**
     * One row of the role table: a request and who may send it. {@code accepted}: the answers that show an
     * allowed caller got past the role check (null: any 2xx).
     */
    record Endpoint(String method, String path, String contentType, Supplier<String> body, Set<String> allowed,
                    Set<Integer> accepted) {
        Endpoint(String method, String path, String contentType, Supplier<String> body, Set<String> allowed) {
            this(method, path, contentType, body, allowed, null);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    @BeforeAll
    static void setUp() {
        UPLOADS.setUp();
        adminToken = APP.adminToken();
        PASSWORDS.put("admin", TestApp.ADMIN_PASSWORD);
        for (String role : PEOPLE.subList(1, PEOPLE.size())) {
            List<String> sites = role.equals("safeguarding_officer") || role.equals("enumerator")
                    ? List.of("KH-SVR") : List.of();
            PASSWORDS.put(role, APP.createUser(adminToken, "m-" + role.replace('_', '-'), role, sites).password());
        }
        DeviceEnrolment device = APP.enrolDevice(APP.enrolmentCode(adminToken, "KH-SVR", "m-enumerator").code());
        deviceToken = device.deviceToken();
        deviceId = device.deviceId();
        deviceTarget = UPLOADS.targetOf(device);
        DeviceEnrolment revoked = APP.enrolDevice(APP.enrolmentCode(adminToken, "KH-SVR", "m-enumerator").code());
        revokedDeviceToken = revoked.deviceToken();
        revokedDeviceId = revoked.deviceId();
        assertThat(APP.send("POST", "/devices/" + revoked.deviceId() + "/revoke", adminToken, null, null)
                .statusCode()).isEqualTo(204);
        spareDeviceId = APP.enrolDevice(APP.enrolmentCode(adminToken, "KH-SVR", "m-enumerator").code()).deviceId();
        enrolmentId = APP.enrolmentCode(adminToken, "KH-SVR", "m-enumerator").id();
    }

    static List<Endpoint> endpoints() {
        Supplier<String> none = () -> null;
        return List.of(
                new Endpoint("POST", "/auth/login", "application/json",
                        () -> APP.write(new LoginRequest("admin", TestApp.ADMIN_PASSWORD)), Set.of(ANYONE)),
                new Endpoint("POST", "/auth/logout", null, none, Set.copyOf(PEOPLE)),
                new Endpoint("GET", "/auth/me", null, none, Set.copyOf(PEOPLE)),
                // past the role check, a wrong current password is 400
                new Endpoint("POST", "/auth/password", "application/json",
                        () -> APP.write(new PasswordChange("not the password", "a new long password")),
                        Set.copyOf(PEOPLE), Set.of(400)),
                new Endpoint("POST", "/users/matrix-nobody/disable", null, none, Set.of("admin"), Set.of(404)),
                new Endpoint("POST", "/users/matrix-nobody/enable", null, none, Set.of("admin"), Set.of(404)),
                new Endpoint("GET", "/users", null, none, COORDINATION),
                // a no-op change (the same role): past the role check, an admin gets 200
                new Endpoint("PUT", "/users/m-data-manager/role", "application/json",
                        () -> APP.write(new RoleChange("data_manager", List.of())), Set.of("admin")),
                new Endpoint("PUT", "/users/m-data-manager/email", "application/json",
                        () -> APP.write(new EmailChange("m-data-manager@example.org")), Set.of("admin")),
                new Endpoint("POST", "/users", "application/json", () -> APP.write(new NewUserRequest(
                        "matrix-" + COUNTER.incrementAndGet(), "data_manager", List.of())), Set.of("admin")),
                // a coordinator manages enumerators at the study's sites (docs/api.md, "Accounts")
                new Endpoint("POST", "/users", "application/json", () -> APP.write(new NewUserRequest(
                        "matrix-" + COUNTER.incrementAndGet(), "enumerator", List.of("KH-SVR"))), COORDINATION),
                new Endpoint("POST", "/users/{user}/password-reset", null, () -> {
                    resetTarget = "matrix-reset-" + COUNTER.incrementAndGet();
                    APP.createUserWithOneTimePassword(adminToken, resetTarget, "enumerator", List.of("KH-SVR"));
                    return null;
                }, COORDINATION),
                // the console's users screens (issue 16): a coordinator manages an enumerator at the study's sites
                new Endpoint("PUT", "/users/{user}/role", "application/json",
                        () -> freshEnumerator(APP.write(new RoleChange("enumerator", List.of("KH-SVR")))), COORDINATION),
                new Endpoint("PUT", "/users/{user}/email", "application/json",
                        () -> freshEnumerator(APP.write(new EmailChange("matrix@example.org"))), COORDINATION),
                new Endpoint("POST", "/users/{user}/disable", null, () -> freshEnumerator(null), COORDINATION),
                new Endpoint("POST", "/users/{user}/enable", null, () -> freshEnumerator(null), COORDINATION),
                new Endpoint("GET", S + "/exports/stable-code-grants", null, none, Set.of("principal_investigator")),
                // audio in QDPX exports (issue 17): only a principal investigator grants, lists and revokes
                new Endpoint("GET", S + "/exports/audio-grants", null, none, Set.of("principal_investigator")),
                new Endpoint("GET", S + "/exports/audio-grantees", null, none, Set.of("principal_investigator")),
                new Endpoint("POST", S + "/exports/audio-grants", "application/json",
                        () -> "{\"user\": \"m-data-manager\", \"reason\": \"transcript_verification\", \"days\": 1}",
                        Set.of("principal_investigator"), Set.of(201)),
                new Endpoint("DELETE", S + "/exports/audio-grants/" + NO_EXPORT, null, none,
                        Set.of("principal_investigator"), Set.of(404)),
                new Endpoint("GET", "/reason-codes", null, none, Set.of("principal_investigator")),
                new Endpoint("GET", "/studies", null, none, Set.of("admin", "coordinator", "data_manager",
                        "principal_investigator", "safeguarding_officer")),
                new Endpoint("GET", S + "/forms", null, none, STUDY_TEAM),
                new Endpoint("GET", S + "/forms/consent/versions/1", null, none, STUDY_TEAM),
                new Endpoint("POST", S + "/forms", "application/yaml",
                        () -> MATRIX_FORM, COORDINATION),
                new Endpoint("POST", S + "/forms/consent/versions/1/publish", null, none, COORDINATION),
                new Endpoint("POST", S + "/forms/matrix_form/versions/1/retire", null, none, COORDINATION),
                new Endpoint("POST", "/enrolments", "application/json",
                        () -> APP.write(new EnrolmentRequest(TestApp.STUDY, "KH-SVR", "m-enumerator")), COORDINATION),
                new Endpoint("GET", "/enrolments", null, none, COORDINATION),
                new Endpoint("POST", "/enrolments/{enrolment}/revoke", null, none, COORDINATION),
                new Endpoint("POST", "/devices/enrol", "application/json", () -> APP.write(new DeviceEnrolRequest(
                        APP.enrolmentCode(adminToken, "KH-SVR", "m-enumerator").code(), "laptop")), Set.of(ANYONE)),
                new Endpoint("GET", "/devices", null, none, COORDINATION),
                new Endpoint("POST", "/devices/{device}/revoke", null, none, COORDINATION),
                new Endpoint("GET", "/sync/manifest", null, none, Set.of("device")),
                new Endpoint("GET", "/sync/study", null, none, Set.of("device")),
                new Endpoint("GET", "/sync/forms/consent/versions/1", null, none, Set.of("device")),
                new Endpoint("POST", S + "/keys", "application/json",
                        () -> APP.write(Envelopes.newStudyKeys().request()), Set.of("admin", "principal_investigator"),
                        Set.of(409)),
                new Endpoint("GET", S + "/keys", null, none, Set.of("admin", "coordinator", "data_manager",
                        "principal_investigator", "safeguarding_officer")),
                // the study's ODK key (issue 18): past the role check, an empty key is 422 and none is set (404)
                new Endpoint("POST", S + "/odk-key", "application/json", () -> "{}",
                        Set.of("admin", "principal_investigator"), Set.of(422)),
                new Endpoint("GET", S + "/odk-key", null, none, STUDY_TEAM, Set.of(404)),
                // the key's holder (study.yaml key_holders) gets past the role check: 422 for the wrong passphrase
                new Endpoint("POST", S + "/keys/research/passphrase", "application/json",
                        () -> APP.write(new PassphraseChange("not the passphrase".toCharArray(),
                                "a new passphrase, quite long".toCharArray())), Set.of("data_manager"), Set.of(422)),
                new Endpoint("GET", S + "/progress", null, none, STUDY_TEAM),
                new Endpoint("GET", S + "/sites/KH-SVR/directory", null, none, Set.of("admin", "coordinator",
                        "safeguarding_officer", "principal_investigator")),
                new Endpoint("GET", S + "/sites/KH-SVR/directory/report", null, none, Set.of("admin",
                        "coordinator", "safeguarding_officer", "principal_investigator")),
                // the directory as fetched, sent back: past the role check, each edit adds a version
                new Endpoint("PUT", S + "/sites/BD-DHK/directory", "application/json",
                        () -> APP.get(S + "/sites/BD-DHK/directory", adminToken).body(), COORDINATION),
                new Endpoint("GET", "/audit/verify", null, none, Set.of("admin")),
                // the console (issue 16): the audit log's pages, the health checks, the cookie session (a bearer caller
                // has no cookie session to describe: 404 past the role check; a wrong current password: 400)
                new Endpoint("GET", "/audit?limit=5&event=login", null, none, Set.of("admin")),
                new Endpoint("GET", "/health", null, none, Set.of("admin")),
                new Endpoint("POST", "/session", "application/json",
                        () -> APP.write(new LoginRequest("admin", TestApp.ADMIN_PASSWORD)), Set.of(ANYONE)),
                new Endpoint("GET", "/session", null, none, Set.copyOf(PEOPLE), Set.of(404)),
                new Endpoint("POST", "/session/password", "application/json",
                        () -> APP.write(new PasswordChange("not the password", "a new long password")),
                        Set.copyOf(PEOPLE), Set.of(400)),
                new Endpoint("DELETE", "/session", null, none, Set.copyOf(PEOPLE)),
                // past the role check, a data manager's wrong passphrase is 422 (no export is started)
                new Endpoint("POST", S + "/exports", "application/json",
                        () -> "{\"passphrase\": \"not the research passphrase\"}", Set.of("data_manager"),
                        Set.of(422)),
                new Endpoint("POST", S + "/exports/stable-code-grants", "application/json",
                        () -> "{\"reason\": \"follow_up\"}", Set.of("principal_investigator"), Set.of(201)),
                // past the role check, a data manager gets 404 for an export that is not theirs
                new Endpoint("GET", "/exports/" + NO_EXPORT, null, none, Set.of("data_manager"), Set.of(404)),
                new Endpoint("GET", "/exports/" + NO_EXPORT + "/files/manifest.json", null, none,
                        Set.of("data_manager"), Set.of(404)),
                new Endpoint("GET", "/exports/" + NO_EXPORT + "/review", null, none, Set.of("data_manager"),
                        Set.of(404)),
                new Endpoint("POST", "/exports/" + NO_EXPORT + "/review/decisions", "application/json",
                        () -> "{\"decision\": \"accept\", \"all\": true}", Set.of("data_manager"), Set.of(404)),
                new Endpoint("POST", "/exports/" + NO_EXPORT + "/release", "application/json", () -> "{}",
                        Set.of("data_manager"), Set.of(404)),
                new Endpoint("GET", S + "/submissions/sealed", null, none, Set.of("data_manager")),
                new Endpoint("GET", S + "/imports/context", null, none, Set.of("data_manager")),
                new Endpoint("POST", S + "/imports", "application/json", () -> "{\"source\": \"kobo\", \"formId\":"
                        + " \"interview\", \"dryRun\": true, \"submissions\": []}", Set.of("data_manager"), Set.of(422)),
                new Endpoint("GET", "/exports", null, none, Set.of("data_manager")),
                new Endpoint("GET", S + "/exports/options", null, none, Set.of("data_manager")),
                new Endpoint("GET", S + "/keys/research/wrapped", null, none, Set.of("data_manager")),
                new Endpoint("GET", S + "/keys/identity/wrapped", null, none, Set.of("principal_investigator")),
                new Endpoint("GET", S + "/keys/holders", null, none, Set.of("admin", "coordinator", "data_manager",
                        "principal_investigator", "safeguarding_officer")),
                // a holder of the key gets past the role check: 422 for a new holder whose role cannot hold it
                new Endpoint("POST", S + "/keys/research/holders", "application/json",
                        () -> APP.write(new KeyGrantRequest("m-coordinator", "not the passphrase".toCharArray())),
                        Set.of("data_manager"), Set.of(422)),
                // the admin and the key's holders get past the role check: 404 for someone without a copy
                new Endpoint("DELETE", S + "/keys/research/holders/nobody", null, none,
                        Set.of("admin", "data_manager"), Set.of(404)),
                new Endpoint("POST", S + "/withdrawals", "application/json", () -> APP.write(
                        new org.fieldsafe.core.wire.WithdrawalRequest("KH-SVR-RH-" + (500 + COUNTER.incrementAndGet()
                                % 400), true)), Set.of("principal_investigator"), Set.of(200, 201)),
                new Endpoint("POST", S + "/withdrawals/preview", "application/json", () -> APP.write(
                        new org.fieldsafe.core.wire.WithdrawalRequest("KH-SVR-RH-499")),
                        Set.of("principal_investigator")),
                new Endpoint("GET", S + "/notices", null, none, Set.of("admin", "coordinator",
                        "principal_investigator")),
                new Endpoint("PUT", "/submissions/{submission}", "application/json", () -> {
                    var envelope = Envelopes.valid(deviceTarget,
                            UPLOADS.codeHash("KH-SVR-RH-" + (100 + COUNTER.incrementAndGet())));
                    submissionId = Envelopes.submissionId(envelope);
                    return new String(Envelopes.bytes(envelope), java.nio.charset.StandardCharsets.UTF_8);
                }, Set.of("device"), Set.of(201)),
                // past the role check, a principal investigator gets 404: the envelope has no identity part
                new Endpoint("POST", S + "/submissions/{submission}/identity", "application/json",
                        () -> APP.write(new IdentityRequest(Envelopes.PASSPHRASE.toCharArray(), "recontact")),
                        Set.of("principal_investigator"), Set.of(404)),
                // past the role check, a device gets 404: the envelope announces no attachment
                new Endpoint("GET", "/submissions/{submission}/attachments/recording", null, none,
                        Set.of("device"), Set.of(404)),
                new Endpoint("PUT", "/submissions/{submission}/attachments/recording", "application/octet-stream",
                        () -> "chunk", Set.of("device"), Set.of(404)),
                // the transcription desk (issue 17): past the role check, a research key holder gets 404 (no
                // recording); the redaction scan is a transcriber's
                new Endpoint("POST", "/submissions/{submission}/attachments/recording/listen", "application/json",
                        () -> APP.write(Map.of("passphrase", Envelopes.PASSPHRASE)), Set.of("data_manager"),
                        Set.of(404)),
                new Endpoint("POST", "/submissions/{submission}/attachments/recording/listen/grant",
                        "application/json", () -> APP.write(Map.of("passphrase", Envelopes.PASSPHRASE)),
                        Set.of("data_manager"), Set.of(404)),
                new Endpoint("GET", "/submissions/{submission}/attachments/recording/listen/no-ticket", null, none,
                        Set.copyOf(PEOPLE), Set.of(404)),
                new Endpoint("POST", S + "/redaction/scan", "application/json",
                        () -> APP.write(Map.of("text", "call 012 345 678")), Set.of("transcriber")),
                // transcripts (issue 17): transcribers of the site and language only (TranscriptIntegrationTest
                // walks other sites and languages); a principal investigator lists versions, and past the role check
                // gets 404 for a version that does not exist
                new Endpoint("GET", S + "/transcription/queue", null, none, Set.of()),
                // ({submission} is the last envelope the PUT row made, stored or not: past the role check 200 or 404)
                new Endpoint("GET", "/submissions/{submission}/transcripts", null, none,
                        Set.of("principal_investigator"), Set.of(200, 404)),
                new Endpoint("PUT", "/submissions/{submission}/transcripts/transcript/km", "application/json",
                        () -> "{\"text\": \"matrix\", \"status\": \"draft\", \"basedOn\": null}", Set.of()),
                new Endpoint("POST", "/submissions/{submission}/transcripts/transcript/km/1/open", "application/json",
                        () -> APP.write(Map.of("passphrase", Envelopes.PASSPHRASE)), Set.of("principal_investigator"),
                        Set.of(404)),
                new Endpoint("POST", "/submissions/{submission}/transcripts/transcript/km/1/check", null, none,
                        Set.of()),
                new Endpoint("GET", S + "/referrals", null, none, Set.of("safeguarding_officer")),
                new Endpoint("GET", S + "/referrals/counts", null, none, Set.of("coordinator", "data_manager")),
                new Endpoint("GET", S + "/referrals/queue", null, none, Set.of("safeguarding_officer")),
                new Endpoint("GET", "/referrals/" + NO_EXPORT + "/history", null, none,
                        Set.of("safeguarding_officer"), Set.of(404)),
                // past the role check, a safeguarding officer gets 404 for a case that does not exist
                new Endpoint("GET", "/referrals/" + NO_EXPORT, null, none, Set.of("safeguarding_officer"),
                        Set.of(404)),
                new Endpoint("POST", "/referrals/" + NO_EXPORT + "/state", "application/json",
                        () -> "{\"state\": \"acknowledged\", \"version\": 1}", Set.of("safeguarding_officer"),
                        Set.of(404)),
                new Endpoint("POST", "/referrals/" + NO_EXPORT + "/referral-part", "application/json",
                        () -> APP.write(Map.of("passphrase", Envelopes.PASSPHRASE)), Set.of("safeguarding_officer"),
                        Set.of(404)),
                // the console's coordinator screens (issue 16)
                new Endpoint("GET", S + "/progress/timeline?bucket=week", null, none, STUDY_TEAM),
                new Endpoint("GET", S + "/translations", null, none, COORDINATION),
                new Endpoint("GET", S + "/translations/consent/versions/1/bn?format=xliff", null, none,
                        COORDINATION),
                new Endpoint("GET", S + "/translations/consent/versions/1/bn?format=csv", null, none, COORDINATION),
                new Endpoint("POST", S + "/translations/consent/versions/1/bn/preview", "text/csv",
                        () -> "key,master,translation\ntitle,x,matrix\n", COORDINATION),
                new Endpoint("POST", S + "/translations/consent/versions/1/bn", "text/csv",
                        () -> "key,master,translation\ntitle,x,matrix\n", COORDINATION),
                new Endpoint("POST", "/enrolments?qr=svg", "application/json",
                        () -> APP.write(new EnrolmentRequest(TestApp.STUDY, "KH-SVR", "m-enumerator")), COORDINATION),
                new Endpoint("GET", S + "/outline", null, none, COORDINATION),
                new Endpoint("GET", S + "/openrosa/progress", null, none, STUDY_TEAM),
                // an ODK Collect app user with its settings QR (issue 18)
                new Endpoint("POST", "/openrosa/app-users", "application/json",
                        () -> APP.write(new EnrolmentRequest(TestApp.STUDY, "KH-SVR", "m-enumerator")), COORDINATION));
    }

    /** A new enumerator at KH-SVR as the target of the next request's {user}; returns {@code body}. */
    private static String freshEnumerator(String body) {
        resetTarget = "matrix-user-" + COUNTER.incrementAndGet();
        APP.createUser(adminToken, resetTarget, "enumerator", List.of("KH-SVR"));
        return body;
    }

    /**
     * The OpenRosa routes (issue 18) take HTTP Basic only, and only a device's app user (device id and token): every
     * other caller, a person's own name and password included, gets 401 with the Basic challenge.
     */
    static Stream<Arguments> openRosaCells() {
        List<String> routes = List.of("GET /openrosa/studies/" + TestApp.STUDY + "/formList",
                "HEAD /openrosa/studies/" + TestApp.STUDY + "/submission",
                "GET /openrosa/studies/" + TestApp.STUDY + "/forms/interview/manifest");
        List<Arguments> cells = new ArrayList<>();
        for (String route : routes) {
            for (String caller : CALLERS) {
                cells.add(Arguments.of(route, caller));
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("openRosaCells")
    void openRosa_caller_onlyTheDevicesAppUserGetsIn(String route, String caller) {
        String[] parts = route.split(" ", 2);
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                APP.baseUrl() + "/api/v1" + parts[1])).header("X-OpenRosa-Version", "1.0")
                .method(parts[0], java.net.http.HttpRequest.BodyPublishers.noBody());
        String basic = switch (caller) {
            case "none" -> null;
            case "device" -> deviceId + ":" + deviceToken;
            case "revoked_device" -> revokedDeviceId + ":" + revokedDeviceToken;
            case "admin" -> "admin:" + PASSWORDS.get("admin");
            default -> "m-" + caller.replace('_', '-') + ":" + PASSWORDS.get(caller);
        };
        if (basic != null) {
            request.header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                    basic.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        HttpResponse<String> response = APP.send(request);

        if (caller.equals("device")) {
            // past the credentials: the list (empty without an ODK key), HEAD 204, no such form 404
            assertThat(response.statusCode()).as(route).isIn(200, 204, 404);
            assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
        } else {
            assertThat(response.statusCode()).as(route).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v ->
                    assertThat(v).startsWith("Basic "));
        }
        assertThat(response.headers().firstValue("X-OpenRosa-Version")).hasValue("1.0");
    }

    static Stream<Arguments> cells() {
        List<Arguments> cells = new ArrayList<>();
        for (Endpoint endpoint : endpoints()) {
            for (String caller : CALLERS) {
                cells.add(Arguments.of(endpoint, caller));
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("cells")
    void endpoint_caller_answersAsTheRoleTableSays(Endpoint endpoint, String caller) {
        if (endpoint.path().contains("matrix_form")) {
            APP.send("POST", S + "/forms", adminToken, "application/yaml",
                    MATRIX_FORM);
        }
        String body = endpoint.body().get();
        String path = endpoint.path().replace("{enrolment}", enrolmentId).replace("{device}", spareDeviceId)
                .replace("{submission}", String.valueOf(submissionId)).replace("{user}", String.valueOf(resetTarget));
        HttpResponse<String> response = APP.send(endpoint.method(), path, token(caller), endpoint.contentType(),
                body);

        int expected;
        if (endpoint.allowed().contains(ANYONE) || endpoint.allowed().contains(caller)) {
            expected = 200;
        } else if (caller.equals("none") || caller.equals("revoked_device")) {
            expected = 401;
        } else {
            expected = 403;
        }
        if (expected == 200 && endpoint.accepted() != null) {
            assertThat(response.statusCode()).as(response.body()).isIn(endpoint.accepted());
        } else if (expected == 200) {
            assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        } else {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
    }

    private static String token(String caller) {
        return switch (caller) {
            case "none" -> null;
            case "device" -> deviceToken;
            case "revoked_device" -> revokedDeviceToken;
            case "admin" -> APP.login("admin", PASSWORDS.get("admin"));
            default -> APP.login("m-" + caller.replace('_', '-'), PASSWORDS.get(caller));
        };
    }
}
