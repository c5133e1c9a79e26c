package org.fieldsafe.server.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.util.List;
import org.fieldsafe.core.wire.DeviceEnrolRequest;
import org.fieldsafe.core.wire.DeviceEnrolment;
import org.fieldsafe.core.wire.Me;
import org.fieldsafe.core.wire.RoleChange;
import org.fieldsafe.core.wire.UserInfo;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code PUT /users/{username}/role}: admins change a person's role; audited, and the person's sessions end. */
@ExtendWith(DropwizardExtensionsSupport.class)
class RoleChangeIntegrationTest {
    private static final TestApp APP = new TestApp();
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;

    private static String admin;

    @BeforeAll
    static void setUp() {
        admin = APP.adminToken();
    }

    private static HttpResponse<String> change(String token, String username, String role, List<String> sites) {
        return APP.send("PUT", "/users/" + username + "/role", token, "application/json",
                APP.write(new RoleChange(role, sites)));
    }


    @Test
    void change_auditedWithOldAndNewRole_andEverySessionOfThePersonEnds() {
        String password = APP.createUser(admin, "rc-dm", "data_manager", List.of()).password();
        String first = APP.login("rc-dm", password);
        String second = APP.login("rc-dm", password);
        String bystander = APP.login("admin", TestApp.ADMIN_PASSWORD);

        HttpResponse<String> response = change(admin, "rc-dm", "safeguarding_officer", List.of("BD-DHK", "KH-SVR"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        UserInfo info = APP.read(response, UserInfo.class);
        assertThat(info.role()).isEqualTo("safeguarding_officer");
        assertThat(info.sites()).containsExactly("BD-DHK", "KH-SVR");

        assertThat(APP.lastAuditSubject("user.role.changed")).isEqualTo("user:rc-dm from:data_manager "
                + "to:safeguarding_officer sites:BD-DHK,KH-SVR sessions.ended:2 devices.revoked:0 codes.revoked:0");
        assertThat(APP.get("/auth/me", first).statusCode()).isEqualTo(401);
        assertThat(APP.get("/auth/me", second).statusCode()).isEqualTo(401);
        assertThat(APP.get("/auth/me", bystander).statusCode()).isEqualTo(200);
        Me me = APP.read(APP.get("/auth/me", APP.login("rc-dm", password)), Me.class);
        assertThat(me.role()).isEqualTo("safeguarding_officer");
        assertThat(me.sites()).containsExactly("BD-DHK", "KH-SVR");
        assertThat(APP.services().audit().verify().intact()).isTrue();
    }

    @Test
    void change_enumeratorToOtherRole_revokesTheirDevices() {
        APP.createUser(admin, "rc-enum", "enumerator", List.of("KH-SVR"));
        DeviceEnrolment device = APP.enrolDevice(APP.enrolmentCode(admin, "KH-SVR", "rc-enum").code());
        assertThat(APP.get("/sync/manifest", device.deviceToken()).statusCode()).isEqualTo(200);

        assertThat(change(admin, "rc-enum", "coordinator", List.of()).statusCode()).isEqualTo(200);
        assertThat(APP.get("/sync/manifest", device.deviceToken()).statusCode()).isEqualTo(401);
        assertThat(APP.lastAuditSubject("user.role.changed")).endsWith("devices.revoked:1 codes.revoked:0");
    }

    @Test
    void change_enumeratorsSites_unusedEnrolmentCodesRevoked() {
        APP.createUser(admin, "rc-enum2", "enumerator", List.of("KH-SVR", "BD-DHK"));
        String unused = APP.enrolmentCode(admin, "KH-SVR", "rc-enum2").code();

        // moved off KH-SVR: the code issued for it would still enrol a laptop there
        assertThat(change(admin, "rc-enum2", "enumerator", List.of("BD-DHK")).statusCode()).isEqualTo(200);

        assertThat(APP.lastAuditSubject("user.role.changed")).endsWith("codes.revoked:1");
        HttpResponse<String> refused = APP.postJson("/devices/enrol", null,
                new DeviceEnrolRequest(unused, "laptop"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(APP.count("devices", "enumerator = 'rc-enum2'")).isZero();
    }

    @Test
    void change_sameRoleAndSites_200AndNothingWritten() {
        String token = APP.login("rc-same", APP.createUser(admin, "rc-same", "coordinator", List.of()).password());
        int audit = APP.count("audit_log");
        assertThat(change(admin, "rc-same", "coordinator", null).statusCode()).isEqualTo(200);
        assertThat(APP.count("audit_log")).isEqualTo(audit);
        assertThat(APP.get("/auth/me", token).statusCode()).isEqualTo(200);
    }

    @Test
    void change_badInput_4xxProblemAndNothingWritten() {
        String password = APP.createUser(admin, "rc-bad", "data_manager", List.of()).password();
        String token = APP.login("rc-bad", password);
        int audit = APP.count("audit_log");
        int sessions = APP.count("sessions");

        assertProblem(change(admin, "rc-bad", "overlord", List.of()), 400);
        assertProblem(change(admin, "rc-bad", null, List.of()), 400);
        assertProblem(change(admin, "rc-bad", "safeguarding_officer", List.of()), 400);
        assertProblem(change(admin, "rc-bad", "coordinator", List.of("nowhere")), 400);
        assertProblem(change(admin, "no-such-user", "coordinator", List.of()), 404);
        assertProblem(change(admin, "Not.A.Name", "coordinator", List.of()), 404);
        assertProblem(APP.send("PUT", "/users/rc-bad/role", admin, "application/json", "{not json"), 400);
        assertProblem(change(token, "rc-bad", "admin", List.of()), 403);
        assertProblem(change(admin, "admin", "coordinator", List.of()), 409);

        assertThat(APP.count("audit_log")).isEqualTo(audit);
        assertThat(APP.count("sessions")).isEqualTo(sessions);
        assertThat(APP.count("users", "username = 'rc-bad' AND role = 'data_manager'")).isEqualTo(1);
        assertThat(APP.count("users", "username = 'admin' AND role = 'admin'")).isEqualTo(1);
    }

    @Test
    void change_lastAdminCanStepDownOnceAnotherAdminExists() {
        String password = APP.createUser(admin, "rc-admin2", "admin", List.of()).password();
        String second = APP.login("rc-admin2", password);
        assertThat(change(second, "rc-admin2", "coordinator", List.of()).statusCode()).isEqualTo(200);
        assertThat(APP.get("/auth/me", second).statusCode()).isEqualTo(401);
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }
}
