package org.fieldsafe.server.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.fieldsafe.core.wire.LoginRequest;
import org.fieldsafe.core.wire.LoginResponse;
import org.fieldsafe.core.wire.Me;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DropwizardExtensionsSupport.class)
class AuthIntegrationTest {
    private static final TestApp APP = new TestApp(
            io.dropwizard.testing.ConfigOverride.config("enrolment.exchangeLimit.maxFailures", "3"));
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;

    private static String officerPassword;

    @BeforeAll
    static void setUp() {
        officerPassword = APP.createUser(APP.adminToken(), "officer", "safeguarding_officer", List.of("KH-SVR"))
                .password();
    }

    @Test
    void login_rightPassword_tokenAndIdentity() {
        HttpResponse<String> response = APP.postJson("/auth/login", null, new LoginRequest("officer", officerPassword));
        assertThat(response.statusCode()).isEqualTo(200);
        LoginResponse login = APP.read(response, LoginResponse.class);
        assertThat(login.token()).hasSize(43);
        assertThat(login.role()).isEqualTo("safeguarding_officer");
        assertThat(login.sites()).containsExactly("KH-SVR");
        assertThat(login.expiresAt()).isEqualTo(APP.clock.instant().plus(Duration.ofHours(1)));
        assertThat(response.body()).as("instants travel as ISO-8601 text")
                .contains("\"expiresAt\":\"" + login.expiresAt() + "\"");
        Me me = APP.read(APP.get("/auth/me", login.token()), Me.class);
        assertThat(me).isEqualTo(new Me("officer", "safeguarding_officer", List.of("KH-SVR")));
    }

    @Test
    void login_wrongPassword_401Problem() {
        HttpResponse<String> response = APP.postJson("/auth/login", null, new LoginRequest("officer", "wrong"));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(APP.problem(response)).containsEntry("type", "urn:fieldsafe:problem:invalid-credentials");
    }

    @Test
    void login_unknownUser_same401() {
        HttpResponse<String> response = APP.postJson("/auth/login", null, new LoginRequest("nobody", "wrong"));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(APP.problem(response)).containsEntry("type", "urn:fieldsafe:problem:invalid-credentials");
    }

    @Test
    void login_tooManyFailures_429WithRetryAfter_evenWithRightPassword() {
        String password = APP.createUser(APP.adminToken(), "limited", "data_manager", List.of()).password();
        for (int i = 0; i < 5; i++) {
            assertThat(APP.postJson("/auth/login", null, new LoginRequest("limited", "wrong")).statusCode())
                    .isEqualTo(401);
        }
        HttpResponse<String> limited = APP.postJson("/auth/login", null, new LoginRequest("limited", password));
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(APP.problem(limited)).containsEntry("type", "urn:fieldsafe:problem:too-many-attempts");

        APP.clock.advance(Duration.ofMinutes(16));
        assertThat(APP.postJson("/auth/login", null, new LoginRequest("limited", password)).statusCode())
                .isEqualTo(200);
    }

    @Test
    void deviceEnrol_tooManyBadCodes_429WithRetryAfter() {
        for (int i = 0; i < 3; i++) {
            assertThat(APP.postJson("/devices/enrol", null,
                    new org.fieldsafe.core.wire.DeviceEnrolRequest("AAAA-BBBB-CCC" + i, "laptop")).statusCode())
                    .isEqualTo(400);
        }
        HttpResponse<String> limited = APP.postJson("/devices/enrol", null,
                new org.fieldsafe.core.wire.DeviceEnrolRequest("AAAA-BBBB-CCCD", "laptop"));
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void verifyAuditTask_reportsIntactChain() {
        HttpResponse<String> response = APP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                "http://127.0.0.1:" + EXT.getAdminPort() + "/tasks/verify-audit"))
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("Audit log intact:");
    }

    @Test
    void me_expiredToken_401() {
        String token = APP.login("officer", officerPassword);
        APP.clock.advance(Duration.ofHours(1));
        assertThat(APP.get("/auth/me", token).statusCode()).isEqualTo(401);
    }

    @Test
    void logout_tokenNoLongerWorks() {
        String token = APP.login("officer", officerPassword);
        assertThat(APP.send("POST", "/auth/logout", token, null, null).statusCode()).isEqualTo(204);
        HttpResponse<String> after = APP.get("/auth/me", token);
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(after.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    }

    @Test
    void me_garbageToken_401() {
        assertThat(APP.get("/auth/me", "not-a-token").statusCode()).isEqualTo(401);
    }

    @Test
    void login_noSecretsStored() {
        String token = APP.login("officer", officerPassword);
        String dump = APP.services().database().read(h ->
                h.createQuery("SELECT token_hash FROM sessions").mapTo(String.class).list().toString()
                        + h.createQuery("SELECT password_hash FROM users").mapTo(String.class).list()
                        + h.createQuery("SELECT actor || subject FROM audit_log").mapTo(String.class).list());
        assertThat(dump).doesNotContain(token).doesNotContain(officerPassword).doesNotContain(TestApp.ADMIN_PASSWORD);
        assertThat(dump).contains("$argon2id$");
    }

    @Test
    void firstStart_adminPasswordFromConfigNotPrinted() {
        assertThat(APP.console.toString()).doesNotContain(TestApp.ADMIN_PASSWORD).contains("admin login");
    }
}
