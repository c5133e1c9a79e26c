package org.fieldsafe.server.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.fieldsafe.core.wire.EmailChange;
import org.fieldsafe.core.wire.LoginResponse;
import org.fieldsafe.core.wire.NewUser;
import org.fieldsafe.core.wire.NewUserRequest;
import org.fieldsafe.core.wire.RoleChange;
import org.fieldsafe.core.wire.UserInfo;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 16, point 2 and 6 (users on the console): password resets, and coordinators managing only enumerator accounts
 * at their own sites ({@code AccountScope}); every refused case is 403 {@code account-not-manageable}, changes
 * nothing and is audited {@code user.change.denied}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class AccountScopeIntegrationTest {
    private static final TestApp APP = new TestApp();
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;

    private static String admin;
    /** A coordinator of KH-SVR. */
    private static String coordinator;
    /** A coordinator without sites: every site of the loaded studies. */
    private static String studyCoordinator;

    @BeforeAll
    static void setUp() {
        admin = APP.adminToken();
        coordinator = APP.login("sc-coord", APP.createUser(admin, "sc-coord", "coordinator", List.of("KH-SVR"))
                .password());
        studyCoordinator = APP.login("sc-coord-all", APP.createUser(admin, "sc-coord-all", "coordinator", List.of())
                .password());
        APP.createUser(admin, "sc-enum-kh", "enumerator", List.of("KH-SVR"));
        APP.createUser(admin, "sc-enum-bd", "enumerator", List.of("BD-DHK"));
        APP.createUser(admin, "sc-enum-both", "enumerator", List.of("BD-DHK", "KH-SVR"));
        APP.createUser(admin, "sc-officer", "safeguarding_officer", List.of("KH-SVR"));
        APP.createUser(admin, "sc-pi", "principal_investigator", List.of());
        APP.createUser(admin, "sc-dm", "data_manager", List.of());
        APP.createUser(admin, "sc-coord-other", "coordinator", List.of("KH-SVR"));
    }

    @Test
    void passwordReset_byAdmin_givesOneTimePasswordAndEndsSessions() {
        NewUser created = APP.createUser(admin, "sc-reset", "data_manager", List.of());
        String session = APP.login("sc-reset", created.password());

        HttpResponse<String> reset = APP.send("POST", "/users/sc-reset/password-reset", admin, null, null);

        assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);
        assertThat(reset.headers().firstValue("Cache-Control")).hasValue("no-store");
        NewUser fresh = APP.read(reset, NewUser.class);
        assertThat(fresh.password()).hasSize(20).isNotEqualTo(created.password());
        assertThat(APP.get("/auth/me", session).statusCode()).isEqualTo(401);
        assertThat(APP.postJson("/auth/login", null, new org.fieldsafe.core.wire.LoginRequest("sc-reset",
                created.password())).statusCode()).isEqualTo(401);
        LoginResponse login = APP.loginResponse("sc-reset", fresh.password());
        assertThat(login.passwordChangeRequired()).isTrue();
        assertThat(APP.lastAuditSubject("user.password.reset")).isEqualTo("user:sc-reset sessions.ended:1");
        assertThat(APP.lastAuditSubject("user.password.reset")).doesNotContain(fresh.password());
    }

    @Test
    void passwordReset_ownAccountOrUnknown_refused() {
        int audit = APP.count("audit_log");
        HttpResponse<String> self = APP.send("POST", "/users/admin/password-reset", admin, null, null);
        assertThat(self.statusCode()).as(self.body()).isEqualTo(409);
        assertThat(APP.problem(self).get("type")).isEqualTo("urn:fieldsafe:problem:reset-self");
        assertThat(APP.send("POST", "/users/nobody-here/password-reset", admin, null, null).statusCode())
                .isEqualTo(404);
        assertThat(APP.count("audit_log")).isEqualTo(audit);
    }

    @Test
    void coordinator_managesEnumeratorAtOwnSite() {
        HttpResponse<String> created = APP.postJson("/users", coordinator, new NewUserRequest("sc-new-enum",
                "enumerator", List.of("KH-SVR"), "new-enum@example.org"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(APP.read(created, NewUser.class).password()).isNotBlank();

        assertThat(APP.send("PUT", "/users/sc-new-enum/email", coordinator, "application/json",
                APP.write(new EmailChange("other@example.org"))).statusCode()).isEqualTo(200);
        assertThat(APP.send("POST", "/users/sc-new-enum/password-reset", coordinator, null, null).statusCode())
                .isEqualTo(200);
        assertThat(APP.send("POST", "/users/sc-new-enum/disable", coordinator, null, null).statusCode())
                .isEqualTo(200);
        assertThat(APP.send("POST", "/users/sc-new-enum/enable", coordinator, null, null).statusCode())
                .isEqualTo(200);
        assertThat(role(coordinator, "sc-new-enum", new RoleChange("enumerator", List.of("KH-SVR"))).statusCode())
                .isEqualTo(200);
        assertThat(APP.lastAuditSubject("user.created")).startsWith("user:sc-new-enum role:enumerator");
    }

    @Test
    void coordinator_list_showsOnlyEnumeratorsOfTheirSites() {
        List<UserInfo> mine = APP.read(APP.get("/users", coordinator), new TypeReference<List<UserInfo>>() {
        });
        assertThat(mine).extracting(UserInfo::role).containsOnly("enumerator");
        assertThat(mine).extracting(UserInfo::username).contains("sc-enum-kh")
                .doesNotContain("sc-enum-bd", "sc-enum-both", "sc-officer", "sc-pi", "sc-dm", "sc-coord", "admin");

        List<UserInfo> study = APP.read(APP.get("/users", studyCoordinator), new TypeReference<List<UserInfo>>() {
        });
        assertThat(study).extracting(UserInfo::username).contains("sc-enum-kh", "sc-enum-bd", "sc-enum-both")
                .doesNotContain("sc-officer", "sc-pi", "sc-dm", "sc-coord", "admin");
        assertThat(APP.get("/users", admin).body()).contains("sc-officer", "sc-pi");
    }

    @Test
    void coordinator_createsOtherRolesOrSites_refused() {
        for (NewUserRequest request : List.of(
                new NewUserRequest("sc-x-admin", "admin", List.of()),
                new NewUserRequest("sc-x-coord", "coordinator", List.of("KH-SVR")),
                new NewUserRequest("sc-x-officer", "safeguarding_officer", List.of("KH-SVR")),
                new NewUserRequest("sc-x-dm", "data_manager", List.of()),
                new NewUserRequest("sc-x-pi", "principal_investigator", List.of()),
                new NewUserRequest("sc-x-enum-bd", "enumerator", List.of("BD-DHK")),
                new NewUserRequest("sc-x-enum-both", "enumerator", List.of("KH-SVR", "BD-DHK")))) {
            assertRefused(() -> APP.postJson("/users", coordinator, request), "user:" + request.username()
                    + " action:create");
        }
        assertThat(APP.postJson("/users", studyCoordinator, new NewUserRequest("sc-x-pi2", "principal_investigator",
                List.of())).statusCode()).isEqualTo(403);
    }

    @Test
    void coordinator_changesAccountsNotTheirs_refused() {
        for (String other : List.of("admin", "sc-officer", "sc-pi", "sc-dm", "sc-coord-other", "sc-coord",
                "sc-enum-bd", "sc-enum-both", "nobody-at-all")) {
            assertRefused(() -> APP.send("POST", "/users/" + other + "/disable", coordinator, null, null),
                    "user:" + other + " action:disable");
            assertRefused(() -> APP.send("POST", "/users/" + other + "/enable", coordinator, null, null),
                    "user:" + other + " action:enable");
            assertRefused(() -> APP.send("POST", "/users/" + other + "/password-reset", coordinator, null, null),
                    "user:" + other + " action:password-reset");
            assertRefused(() -> APP.send("PUT", "/users/" + other + "/email", coordinator, "application/json",
                    APP.write(new EmailChange("x@example.org"))), "user:" + other + " action:email");
            assertRefused(() -> role(coordinator, other, new RoleChange("enumerator", List.of("KH-SVR"))),
                    "user:" + other + " action:role");
        }
    }

    @Test
    void coordinator_turnsEnumeratorIntoOtherRoleOrSite_refused() {
        assertRefused(() -> role(coordinator, "sc-enum-kh", new RoleChange("coordinator", List.of("KH-SVR"))),
                "user:sc-enum-kh action:role");
        assertRefused(() -> role(coordinator, "sc-enum-kh", new RoleChange("admin", List.of())),
                "user:sc-enum-kh action:role");
        assertRefused(() -> role(coordinator, "sc-enum-kh", new RoleChange("principal_investigator", List.of())),
                "user:sc-enum-kh action:role");
        assertRefused(() -> role(coordinator, "sc-enum-kh", new RoleChange(null, List.of("BD-DHK"), RoleChange.ADD)),
                "user:sc-enum-kh action:role");
        assertRefused(() -> role(coordinator, "sc-enum-kh", new RoleChange("enumerator", List.of("BD-DHK"))),
                "user:sc-enum-kh action:role");
        assertThat(APP.get("/users", admin).body()).contains("\"username\":\"sc-enum-kh\",\"role\":\"enumerator\","
                + "\"sites\":[\"KH-SVR\"]");
    }

    private static HttpResponse<String> role(String token, String username, RoleChange change) {
        return APP.send("PUT", "/users/" + username + "/role", token, "application/json", APP.write(change));
    }

    /** 403 account-not-manageable; no user row or site changed; one audit entry {@code user.change.denied}. */
    private static void assertRefused(java.util.function.Supplier<HttpResponse<String>> call, String subject) {
        String users = APP.get("/users", admin).body();
        int audit = APP.count("audit_log");
        HttpResponse<String> response = call.get();
        assertThat(response.statusCode()).as(subject + ": " + response.body()).isEqualTo(403);
        Map<String, Object> problem = APP.problem(response);
        assertThat(problem.get("type")).isEqualTo("urn:fieldsafe:problem:account-not-manageable");
        assertThat(APP.get("/users", admin).body()).isEqualTo(users);
        assertThat(APP.count("audit_log")).isEqualTo(audit + 1);
        assertThat(APP.lastAuditSubject("user.change.denied")).isEqualTo(subject);
    }
}
