package org.fieldsafe.server.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.fieldsafe.core.wire.DeviceEnrolment;
import org.fieldsafe.core.wire.EnrolmentRequest;
import org.fieldsafe.core.wire.LoginRequest;
import org.fieldsafe.core.wire.LoginResponse;
import org.fieldsafe.core.wire.NewUser;
import org.fieldsafe.core.wire.NewUserRequest;
import org.fieldsafe.core.wire.PasswordChange;
import org.fieldsafe.core.wire.RoleChange;
import org.fieldsafe.core.wire.UserInfo;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Accounts (issue 11, points 6 and 7): sites checked against the studies, enrolment only at the enumerator's sites,
 * role changes that replace or add, disabling, one-time passwords changed at first login, own password changes.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class AccountsIntegrationTest {
    private static final TestApp APP = new TestApp();
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;

    private static String admin;

    @BeforeAll
    static void setUp() {
        admin = APP.adminToken();
    }

    @Test
    void usersAdd_unknownSite_refused() {
        int users = APP.count("users");
        int audit = APP.count("audit_log");
        HttpResponse<String> typo = APP.postJson("/users", admin,
                new NewUserRequest("so-typo", "safeguarding_officer", List.of("KH-SRV")));

        assertThat(typo.statusCode()).as(typo.body()).isEqualTo(422);
        assertThat(typo.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        Map<String, Object> problem = APP.problem(typo);
        assertThat(problem.get("type")).isEqualTo("urn:fieldsafe:problem:unknown-site");
        assertThat((String) problem.get("detail")).contains("KH-SRV").contains("BD-DHK, KH-SVR");
        assertThat(APP.postJson("/users", admin, new NewUserRequest("coord-typo", "coordinator",
                List.of("KH-SVR", "NP-KTM"))).statusCode()).isEqualTo(422);
        assertThat(APP.count("users")).isEqualTo(users);
        assertThat(APP.count("audit_log")).isEqualTo(audit);
    }

    @Test
    void usersAdd_enumeratorWithoutSite_refused() {
        int users = APP.count("users");
        HttpResponse<String> none = APP.postJson("/users", admin, new NewUserRequest("enum-nosite", "enumerator",
                List.of()));
        assertThat(none.statusCode()).as(none.body()).isEqualTo(400);
        assertThat((String) APP.problem(none).get("detail")).contains("enumerator needs at least one site");
        assertThat(APP.postJson("/users", admin, new NewUserRequest("enum-nosite", "enumerator", null))
                .statusCode()).isEqualTo(400);
        assertThat(APP.count("users")).isEqualTo(users);
    }

    @Test
    void enrol_siteOutsideEnumeratorSites_refused() {
        APP.createUser(admin, "enum-only-kh", "enumerator", List.of("KH-SVR"));
        int enrolments = APP.count("enrolment_codes");
        int audit = APP.count("audit_log");

        HttpResponse<String> elsewhere = APP.postJson("/enrolments", admin,
                new EnrolmentRequest(TestApp.STUDY, "BD-DHK", "enum-only-kh"));

        assertThat(elsewhere.statusCode()).as(elsewhere.body()).isEqualTo(422);
        assertThat(APP.problem(elsewhere).get("type")).isEqualTo("urn:fieldsafe:problem:site-not-enumerators");
        assertThat(APP.count("enrolment_codes")).isEqualTo(enrolments);
        assertThat(APP.count("audit_log")).isEqualTo(audit);
        assertThat(APP.postJson("/enrolments", admin, new EnrolmentRequest(TestApp.STUDY, "KH-SVR",
                "enum-only-kh")).statusCode()).isEqualTo(201);
    }

    @Test
    void usersRole_addKeepsTheRoleAndAddsSites_replaceReplacesThem() {
        APP.createUser(admin, "so-roles", "safeguarding_officer", List.of("KH-SVR"));

        UserInfo added = APP.read(changeRole("so-roles", new RoleChange(null, List.of("BD-DHK"), RoleChange.ADD)),
                UserInfo.class);
        assertThat(added.role()).isEqualTo("safeguarding_officer");
        assertThat(added.sites()).containsExactly("BD-DHK", "KH-SVR");

        HttpResponse<String> otherRole = changeRole("so-roles", new RoleChange("enumerator", List.of("KH-SVR"),
                RoleChange.ADD));
        assertThat(otherRole.statusCode()).as(otherRole.body()).isEqualTo(409);
        assertThat(APP.problem(otherRole).get("type")).isEqualTo("urn:fieldsafe:problem:role-differs");

        UserInfo replaced = APP.read(changeRole("so-roles", new RoleChange("safeguarding_officer",
                List.of("BD-DHK"))), UserInfo.class);
        assertThat(replaced.sites()).containsExactly("BD-DHK");
        assertThat(changeRole("so-roles", new RoleChange("safeguarding_officer", List.of("KH-SVR"), "merge"))
                .statusCode()).isEqualTo(400);
        assertThat(changeRole("so-roles", new RoleChange(null, List.of("KH-SRV"), RoleChange.ADD)).statusCode())
                .isEqualTo(422);
    }

    @Test
    void usersDisable_endsSessionsAndRefusesLogin() {
        NewUser enumerator = APP.createUser(admin, "enum-leaving", "enumerator", List.of("KH-SVR"));
        DeviceEnrolment device = APP.enrolDevice(APP.enrolmentCode(admin, "KH-SVR", "enum-leaving").code());
        NewUser coordinator = APP.createUser(admin, "coord-leaving", "coordinator", List.of());
        String session = APP.login("coord-leaving", coordinator.password());
        assertThat(APP.get("/auth/me", session).statusCode()).isEqualTo(200);

        HttpResponse<String> disabled = APP.send("POST", "/users/coord-leaving/disable", admin, null, null);
        assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
        assertThat(APP.read(disabled, UserInfo.class).disabled()).isTrue();
        assertThat(APP.get("/auth/me", session).statusCode()).isEqualTo(401);
        assertThat(login("coord-leaving", coordinator.password()).statusCode()).isEqualTo(401);
        assertThat(APP.lastAuditSubject("user.disabled"))
                .isEqualTo("user:coord-leaving sessions.ended:1 devices.revoked:0 codes.revoked:0");

        assertThat(APP.send("POST", "/users/enum-leaving/disable", admin, null, null).statusCode()).isEqualTo(200);
        assertThat(APP.get("/sync/manifest", device.deviceToken()).statusCode()).isEqualTo(401);
        assertThat(APP.lastAuditSubject("user.disabled")).contains("devices.revoked:1");
        assertThat(APP.postJson("/enrolments", admin, new EnrolmentRequest(TestApp.STUDY, "KH-SVR", "enum-leaving"))
                .statusCode()).isEqualTo(400);
        assertThat(login("enum-leaving", enumerator.password()).statusCode()).isEqualTo(401);

        assertThat(APP.send("POST", "/users/admin/disable", admin, null, null).statusCode()).isEqualTo(409);
        assertThat(APP.send("POST", "/users/nobody/disable", admin, null, null).statusCode()).isEqualTo(404);

        assertThat(APP.send("POST", "/users/coord-leaving/enable", admin, null, null).statusCode()).isEqualTo(200);
        assertThat(APP.lastAuditSubject("user.enabled")).isEqualTo("user:coord-leaving");
        assertThat(login("coord-leaving", coordinator.password()).statusCode()).isEqualTo(200);
        assertThat(APP.services().audit().verify().intact()).isTrue();
    }

    @Test
    void login_oneTimePassword_mustChange() {
        NewUser created = APP.createUserWithOneTimePassword(admin, "coord-new", "coordinator", List.of());
        LoginResponse first = APP.loginResponse("coord-new", created.password());
        assertThat(first.passwordChangeRequired()).isTrue();

        HttpResponse<String> blocked = APP.get("/studies", first.token());
        assertThat(blocked.statusCode()).as(blocked.body()).isEqualTo(403);
        assertThat(APP.problem(blocked).get("type")).isEqualTo("urn:fieldsafe:problem:password-change-required");
        assertThat(APP.get("/auth/me", first.token()).statusCode()).isEqualTo(200);

        HttpResponse<String> changed = APP.postJson("/auth/password", first.token(),
                new PasswordChange(created.password(), "a long own password"));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        LoginResponse fresh = APP.read(changed, LoginResponse.class);
        assertThat(fresh.passwordChangeRequired()).isFalse();
        assertThat(APP.get("/studies", fresh.token()).statusCode()).isEqualTo(200);
        assertThat(APP.get("/auth/me", first.token()).statusCode()).isEqualTo(401);
        assertThat(login("coord-new", created.password()).statusCode()).isEqualTo(401);
        assertThat(APP.loginResponse("coord-new", "a long own password").passwordChangeRequired()).isFalse();
        assertThat(APP.lastAuditSubject("user.password.changed"))
                .isEqualTo("user:coord-new one-time:replaced sessions.ended:1");
    }

    @Test
    void login_operatorChosenAdminPassword_isNotOneTime() {
        assertThat(APP.loginResponse("admin", TestApp.ADMIN_PASSWORD).passwordChangeRequired()).isFalse();
    }

    @Test
    void password_change_ownPassword() {
        NewUser user = APP.createUser(admin, "dm-own", "data_manager", List.of());
        String session = APP.login("dm-own", user.password());
        String other = APP.login("dm-own", user.password());
        int audit = APP.count("audit_log");

        HttpResponse<String> wrong = APP.postJson("/auth/password", session,
                new PasswordChange("not my password", "another long password"));
        assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(400);
        assertThat(APP.problem(wrong).get("type")).isEqualTo("urn:fieldsafe:problem:current-password-wrong");
        HttpResponse<String> weak = APP.postJson("/auth/password", session, new PasswordChange(user.password(), "short"));
        assertThat(weak.statusCode()).isEqualTo(422);
        assertThat(weak.body()).doesNotContain(user.password());
        assertThat(APP.postJson("/auth/password", session, new PasswordChange(user.password(), user.password()))
                .statusCode()).isEqualTo(422);
        assertThat(APP.postJson("/auth/password", session, new PasswordChange(null, "another long password"))
                .statusCode()).isEqualTo(400);
        assertThat(login("dm-own", user.password()).statusCode()).isEqualTo(200);
        assertThat(APP.count("audit_log")).isEqualTo(audit + 2); // the failed change and that login

        HttpResponse<String> changed = APP.postJson("/auth/password", session,
                new PasswordChange(user.password(), "another long password"));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(APP.get("/auth/me", other).statusCode()).isEqualTo(401);
        assertThat(APP.get("/auth/me", APP.read(changed, LoginResponse.class).token()).statusCode()).isEqualTo(200);
        assertThat(login("dm-own", user.password()).statusCode()).isEqualTo(401);
        assertThat(login("dm-own", "another long password").statusCode()).isEqualTo(200);
        assertThat(APP.postJson("/auth/password", null, new PasswordChange("a", "b")).statusCode()).isEqualTo(401);
    }

    private static HttpResponse<String> changeRole(String username, RoleChange change) {
        return APP.send("PUT", "/users/" + username + "/role", admin, "application/json", APP.write(change));
    }

    private static HttpResponse<String> login(String username, String password) {
        return APP.postJson("/auth/login", null, new LoginRequest(username, password));
    }
}
