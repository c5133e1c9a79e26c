package org.fieldsafe.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.fieldsafe.core.wire.LoginRequest;
import org.fieldsafe.core.wire.NewUser;
import org.fieldsafe.core.wire.RoleChange;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code admin login} with a one-time password, {@code admin password}, {@code users role|disable|enable}. */
@ExtendWith(DropwizardExtensionsSupport.class)
class AccountsCliIntegrationTest {
    private static final TestApp APP = new TestApp();
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;

    @TempDir
    Path home;

    private CliRun admin(Map<String, String> env, String... args) {
        return CliRun.at(home, env, args);
    }

    private CliRun asAdmin(String... args) {
        return admin(Map.of("FIELDSAFE_SERVER", APP.baseUrl(), "FIELDSAFE_USER", "admin",
                "FIELDSAFE_PASSWORD", TestApp.ADMIN_PASSWORD), args);
    }

    @Test
    void adminLogin_oneTimePassword_changedFirst() {
        NewUser created = APP.createUserWithOneTimePassword(APP.adminToken(), "cli-first", "coordinator", List.of());

        CliRun noNewPassword = admin(Map.of("FIELDSAFE_PASSWORD", created.password()),
                "login", "--server", APP.baseUrl(), "--user", "cli-first");
        assertThat(noNewPassword.exit()).isNotZero();
        assertThat(noNewPassword.err()).contains("one-time password").contains("FIELDSAFE_NEW_PASSWORD");

        CliRun login = admin(Map.of("FIELDSAFE_PASSWORD", created.password(),
                "FIELDSAFE_NEW_PASSWORD", "my own long password"), "login", "--server", APP.baseUrl(),
                "--user", "cli-first");
        assertThat(login.exit()).as(login.err()).isZero();
        assertThat(login.err()).contains("Password changed.");
        assertThat(login.out()).contains("Logged in").doesNotContain("my own long password");
        CliRun progress = admin(Map.of(), "progress", "--study", TestApp.STUDY);
        assertThat(progress.exit()).as(progress.err()).isZero();
        assertThat(APP.loginResponse("cli-first", "my own long password").passwordChangeRequired()).isFalse();
    }

    @Test
    void adminPassword_changesOwnPassword() {
        NewUser user = APP.createUser(APP.adminToken(), "cli-own", "data_manager", List.of());
        assertThat(admin(Map.of("FIELDSAFE_PASSWORD", user.password()), "login", "--server", APP.baseUrl(),
                "--user", "cli-own").exit()).isZero();

        CliRun weak = admin(Map.of("FIELDSAFE_PASSWORD", user.password(), "FIELDSAFE_NEW_PASSWORD", "short"),
                "password");
        assertThat(weak.exit()).isNotZero();
        assertThat(weak.err()).startsWith("error: ").contains("12");

        CliRun changed = admin(Map.of("FIELDSAFE_PASSWORD", user.password(),
                "FIELDSAFE_NEW_PASSWORD", "a changed long password"), "password");
        assertThat(changed.exit()).as(changed.err()).isZero();
        assertThat(changed.out()).contains("Password of cli-own changed");
        CliRun stillIn = admin(Map.of(), "progress", "--study", TestApp.STUDY);
        assertThat(stillIn.exit()).as(stillIn.err()).isZero();
        assertThat(APP.postJson("/auth/login", null, new LoginRequest("cli-own", user.password())).statusCode())
                .isEqualTo(401);
    }

    @Test
    void usersRole_saysReplaceOrAdd() {
        assertThat(asAdmin("users", "add", "--username", "cli-so", "--role", "safeguarding_officer",
                "--site", "KH-SVR").exit()).isZero();

        CliRun added = asAdmin("users", "role", "--username", "cli-so", "--add", "--site", "BD-DHK");
        assertThat(added.exit()).as(added.err()).isZero();
        assertThat(added.out()).isEqualTo("Added sites to cli-so's role: now safeguarding_officer at BD-DHK, KH-SVR; "
                + "their sessions have ended.\n");

        CliRun replaced = asAdmin("users", "role", "--username", "cli-so", "--role", "coordinator");
        assertThat(replaced.exit()).as(replaced.err()).isZero();
        assertThat(replaced.out()).isEqualTo("Replaced cli-so's role and sites: now coordinator; "
                + "their sessions have ended.\n");

        CliRun neither = asAdmin("users", "role", "--username", "cli-so", "--site", "KH-SVR");
        assertThat(neither.exit()).isNotZero();
        assertThat(neither.err()).contains("--role").contains("--add");
        CliRun typo = asAdmin("users", "role", "--username", "cli-so", "--role", "safeguarding_officer",
                "--site", "KH-SRV");
        assertThat(typo.exit()).isNotZero();
        assertThat(typo.err()).contains("KH-SRV").contains("BD-DHK, KH-SVR");
        assertThat(APP.count("users", "username = 'cli-so' AND role = 'coordinator'")).isEqualTo(1);
    }

    @Test
    void usersRole_transcriber_takesLanguagesAndRefusesNone() {
        assertThat(asAdmin("users", "add", "--username", "cli-tr", "--role", "data_manager").exit()).isZero();

        CliRun none = asAdmin("users", "role", "--username", "cli-tr", "--role", "transcriber", "--site", "KH-SVR");
        assertThat(none.exit()).isNotZero();
        assertThat(none.err()).startsWith("error: ").contains("at least one language").contains("--language");
        // the API refuses it too, and writes nothing
        HttpResponse<String> api = APP.send("PUT", "/users/cli-tr/role", APP.adminToken(), "application/json",
                APP.write(new RoleChange("transcriber", List.of("KH-SVR"), null)));
        assertThat(api.statusCode()).as(api.body()).isEqualTo(400);
        assertThat(api.body()).contains("needs at least one language");
        assertThat(APP.count("users", "username = 'cli-tr' AND role = 'data_manager'")).isEqualTo(1);

        CliRun made = asAdmin("users", "role", "--username", "cli-tr", "--role", "transcriber", "--site", "KH-SVR",
                "--languages", "km,en");
        assertThat(made.exit()).as(made.err()).isZero();
        assertThat(made.out()).isEqualTo("Replaced cli-tr's role and sites: now transcriber at KH-SVR in en, km; "
                + "their sessions have ended.\n");
        assertThat(asAdmin("users", "list").out()).containsPattern("cli-tr +transcriber +KH-SVR +languages en,km");
        CliRun added = asAdmin("users", "role", "--username", "cli-tr", "--add", "--language", "th");
        assertThat(added.exit()).as(added.err()).isZero();
        assertThat(added.out()).contains("now transcriber at KH-SVR in en, km, th");
        assertThat(APP.lastAuditSubject("user.role.changed")).endsWith(" mode:add languages:en,km,th");

        // leaving the role leaves the languages behind
        CliRun left = asAdmin("users", "role", "--username", "cli-tr", "--role", "data_manager");
        assertThat(left.exit()).as(left.err()).isZero();
        assertThat(APP.count("user_languages", "username = 'cli-tr'")).isZero();
        CliRun refused = asAdmin("users", "role", "--username", "cli-tr", "--role", "data_manager", "--language", "km");
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.err()).contains("only a transcriber has languages");
    }

    @Test
    void usersDisable_thenEnable_listShowsIt() {
        NewUser user = APP.createUser(APP.adminToken(), "cli-gone", "data_manager", List.of());

        CliRun disabled = asAdmin("users", "disable", "--username", "cli-gone");
        assertThat(disabled.exit()).as(disabled.err()).isZero();
        assertThat(disabled.out()).contains("cli-gone is disabled");
        assertThat(asAdmin("users", "list").out()).containsPattern("cli-gone +data_manager.*\\(disabled\\)");
        CliRun refused = admin(Map.of("FIELDSAFE_PASSWORD", user.password()), "login", "--server", APP.baseUrl(),
                "--user", "cli-gone");
        assertThat(refused.exit()).isNotZero();

        assertThat(asAdmin("users", "enable", "--username", "cli-gone").out()).contains("cli-gone is enabled");
        assertThat(admin(Map.of("FIELDSAFE_PASSWORD", user.password()), "login", "--server", APP.baseUrl(),
                "--user", "cli-gone").exit()).isZero();
    }
}
