package org.fieldsafe.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fieldsafe.core.crypto.PassphraseCipher;
import org.fieldsafe.core.crypto.StudyKeys;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.fieldsafe.server.storage.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The admin command line against a running server: login, users add, enrol, and its errors. */
@ExtendWith(DropwizardExtensionsSupport.class)
class AdminCliIntegrationTest {
    private static final TestApp APP = new TestApp();
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;

    @TempDir
    Path home;

    private CliRun admin(Map<String, String> extraEnv, String... args) {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put("FIELDSAFE_ADMIN_HOME", home.toString());
        return CliRun.of(env, args);
    }

    @Test
    void loginUsersAddEnrol_endToEnd() throws Exception {
        CliRun login = admin(Map.of("FIELDSAFE_PASSWORD", TestApp.ADMIN_PASSWORD),
                "login", "--server", APP.baseUrl(), "--user", "admin");
        assertThat(login.exit()).as(login.err()).isZero();
        assertThat(login.out()).contains("Logged in").doesNotContain(TestApp.ADMIN_PASSWORD);
        Path session = home.resolve("session.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(session))).isEqualTo("rw-------");

        CliRun add = admin(Map.of(), "users", "add", "--username", "enum-kh1", "--role", "enumerator",
                "--site", "KH-SVR");
        assertThat(add.exit()).as(add.err()).isZero();
        Matcher password = Pattern.compile("One-time password: (\\S+)").matcher(add.out());
        assertThat(password.find()).isTrue();
        assertThat(APP.login("enum-kh1", password.group(1))).isNotBlank();

        CliRun enrol = admin(Map.of(), "enrol", "--study", TestApp.STUDY, "--site", "KH-SVR", "--enumerator", "enum-kh1");
        assertThat(enrol.exit()).as(enrol.err()).isZero();
        Matcher code = Pattern.compile("[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}").matcher(enrol.out());
        assertThat(code.find()).isTrue();
        assertThat(enrol.out()).contains("Valid once, until");
        assertThat(APP.enrolDevice(code.group()).enumerator()).isEqualTo("enum-kh1");

        CliRun list = admin(Map.of(), "users", "list");
        assertThat(list.out()).contains("enum-kh1").contains("admin");
    }

    @Test
    void auditVerify_intactThenATamperedEntryNamed_nonZeroExit() {
        Map<String, String> env = Map.of("FIELDSAFE_SERVER", APP.baseUrl(), "FIELDSAFE_USER", "admin",
                "FIELDSAFE_PASSWORD", TestApp.ADMIN_PASSWORD);
        CliRun intact = admin(env, "audit", "verify");
        assertThat(intact.exit()).as(intact.err()).isZero();
        assertThat(intact.out()).startsWith("Audit log intact: ").contains("Protection: keyed");

        Database db = APP.services().database();
        long seq = db.read(h -> h.createQuery("SELECT MIN(seq) FROM audit_log").mapTo(Long.class).one());
        String actor = db.read(h -> h.createQuery("SELECT actor FROM audit_log WHERE seq = :s").bind("s", seq)
                .mapTo(String.class).one());
        db.write(h -> h.createUpdate("UPDATE audit_log SET actor = 'mallory' WHERE seq = :s").bind("s", seq).execute());
        try {
            CliRun broken = admin(env, "audit", "verify");
            assertThat(broken.exit()).isNotZero();
            assertThat(broken.err()).contains("Audit log BROKEN at entry " + seq);
        } finally {
            db.write(h -> h.createUpdate("UPDATE audit_log SET actor = :a WHERE seq = :s").bind("a", actor)
                    .bind("s", seq).execute());
        }
        assertThat(admin(env, "audit", "verify").exit()).as("restored").isZero();
    }

    @Test
    void usersAdd_credentialsFromEnvironment_noStoredSession() {
        CliRun add = admin(Map.of("FIELDSAFE_SERVER", APP.baseUrl(), "FIELDSAFE_USER", "admin",
                "FIELDSAFE_PASSWORD", TestApp.ADMIN_PASSWORD), "users", "add", "--username", "pi1",
                "--role", "principal_investigator");
        assertThat(add.exit()).as(add.err()).isZero();
        assertThat(home.resolve("session.json")).doesNotExist();
    }

    @Test
    void usersAddWithEmail_thenEmailChangeAndRemoval_listShowsIt() {
        Map<String, String> env = Map.of("FIELDSAFE_SERVER", APP.baseUrl(), "FIELDSAFE_USER", "admin",
                "FIELDSAFE_PASSWORD", TestApp.ADMIN_PASSWORD);
        CliRun add = admin(env, "users", "add", "--username", "so-kh", "--role", "safeguarding_officer",
                "--site", "KH-SVR", "--email", "so-kh@example.org");
        assertThat(add.exit()).as(add.err()).isZero();
        assertThat(APP.count("users", "username = 'so-kh' AND email = 'so-kh@example.org'")).isEqualTo(1);
        assertThat(admin(env, "users", "list").out()).containsPattern("so-kh +safeguarding_officer +KH-SVR +"
                + "so-kh@example.org");

        CliRun bad = admin(env, "users", "email", "--username", "so-kh", "--email", "not an address");
        assertThat(bad.exit()).isNotZero();
        assertThat(bad.err()).contains("email must be one plain e-mail address");
        CliRun changed = admin(env, "users", "email", "--username", "so-kh", "--email", "so.kh@example.org");
        assertThat(changed.exit()).as(changed.err()).isZero();
        assertThat(changed.out().strip()).isEqualTo("so-kh gets notifications at so.kh@example.org.");
        CliRun removed = admin(env, "users", "email", "--username", "so-kh", "--email", "");
        assertThat(removed.out().strip()).isEqualTo("so-kh has no e-mail address now.");
        assertThat(APP.count("users", "username = 'so-kh' AND email IS NULL")).isEqualTo(1);
    }

    @Test
    void login_wrongPassword_oneLineErrorAndNonZeroExit() {
        CliRun login = admin(Map.of("FIELDSAFE_PASSWORD", "wrong"), "login", "--server", APP.baseUrl(), "--user", "admin");
        assertThat(login.exit()).isNotZero();
        assertThat(login.err().strip()).isEqualTo("error: Login failed: Unknown user name or wrong password.");
    }

    @Test
    void usersAdd_notLoggedIn_clearError() {
        CliRun add = admin(Map.of(), "users", "add", "--username", "x1", "--role", "admin");
        assertThat(add.exit()).isNotZero();
        assertThat(add.err()).startsWith("error: Not logged in").doesNotContain("Exception");
    }

    @Test
    void enrol_unknownStudy_problemTitleOnStderr() {
        CliRun enrol = admin(Map.of("FIELDSAFE_SERVER", APP.baseUrl(), "FIELDSAFE_USER", "admin",
                "FIELDSAFE_PASSWORD", TestApp.ADMIN_PASSWORD), "enrol", "--study", "nope", "--site", "KH-SVR",
                "--enumerator", "x");
        assertThat(enrol.exit()).isNotZero();
        assertThat(enrol.err().strip()).isEqualTo("error: Not found: Study not found.");
    }

    @Test
    void login_unreachableServer_clearError() {
        CliRun login = admin(Map.of("FIELDSAFE_PASSWORD", "x"), "login", "--server", "http://127.0.0.1:1", "--user", "a");
        assertThat(login.exit()).isNotZero();
        assertThat(login.err()).startsWith("error: Cannot reach the server").doesNotContain("\tat ");
    }

    @Test
    void formsCheck_repositoryForms_coverageTable() {
        CliRun check = admin(Map.of(), "forms", "check", Path.of("..", "forms").toString());
        assertThat(check.exit()).as(check.err()).isZero();
        assertThat(check.out()).contains("Study beyond-awareness").containsPattern("consent +en +complete +\\d+/\\d+")
                .containsPattern("interview +lhu +missing +0/\\d+")
                .contains("directory KH-SVR v1: 5 entries, 5 UNCONFIRMED, 0 STALE (confirmed over 365 days ago):"
                        + " kh-child-helpline, kh-police, kh-ccwc, kh-mosavy, kh-lscw");
    }

    @Test
    void formsCheck_invalidForm_messagesWithFileAndLine() throws Exception {
        Path study = home.resolve("forms/s");
        Files.createDirectories(study);
        Files.writeString(study.resolve("study.yaml"), "id: s\nbogus: 1\n");
        CliRun check = admin(Map.of(), "forms", "check", home.resolve("forms").toString());
        assertThat(check.exit()).isNotZero();
        assertThat(check.err()).contains("study.yaml:").contains("problem(s)");
    }

    @Test
    void usersAdd_staleSession_asksToLogInAgain() {
        new AdminSession(APP.baseUrl(), "admin", "not-a-valid-token", null).save(home, APP.json);
        CliRun add = admin(Map.of(), "users", "add", "--username", "x9", "--role", "admin");
        assertThat(add.exit()).isNotZero();
        assertThat(add.err().strip()).startsWith("error: Not authenticated").endsWith("(log in again with 'admin login')");
    }

    @Test
    void keysInit_namedHolders_uploadsPendingCopiesThatOnlyTheirOneTimeSecretsOpen() throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("FIELDSAFE_SERVER", APP.baseUrl(), "FIELDSAFE_USER", "admin",
                "FIELDSAFE_PASSWORD", TestApp.ADMIN_PASSWORD));
        CliRun missing = admin(env, "keys", "init", "--study", TestApp.STUDY, "--holder", "research=cli-kh-dm");
        assertThat(missing.exit()).isNotZero();
        assertThat(missing.err().strip()).isEqualTo(
                "error: --holder needs one user for each of research, safeguarding, identity");
        String admin = APP.adminToken();
        APP.createUser(admin, "cli-kh-dm", "data_manager", List.of());
        APP.createUser(admin, "cli-kh-so", "safeguarding_officer", List.of("KH-SVR"));
        APP.createUser(admin, "cli-kh-pi", "principal_investigator", List.of());
        CliRun wrongRole = admin(env, "keys", "init", "--study", TestApp.STUDY, "--holder", "research=cli-kh-dm",
                "--holder", "safeguarding=cli-kh-so", "--holder", "identity=cli-kh-dm");
        assertThat(wrongRole.exit()).isNotZero();
        assertThat(wrongRole.err()).contains("Field 'keys[2].holder' is not valid");
        assertThat(APP.count("study_keys")).isZero();
        assertThat(APP.count("study_key_holders")).isZero();

        CliRun init = admin(env, "keys", "init", "--study", TestApp.STUDY, "--holder", "research=cli-kh-dm",
                "--holder", "safeguarding=cli-kh-so", "--holder", "identity=cli-kh-pi");
        assertThat(init.exit()).as(init.err()).isZero();
        assertThat(init.out()).containsPattern("research +X25519 +[0-9a-f]{64}")
                .containsPattern("identity +X25519 +[0-9a-f]{64}");
        for (String purpose : List.of("research", "safeguarding", "identity")) {
            java.util.regex.Matcher line = java.util.regex.Pattern.compile("(?m)^" + purpose + " +(cli-kh-\\S+) +(\\S{43})$")
                    .matcher(init.out());
            assertThat(line.find()).as(init.out()).isTrue();
            Map<String, Object> row = APP.services().database().read(h -> h.createQuery(
                    "SELECT k.public_key, k.fingerprint, k.wrapped_private_key AS shared, c.wrapped_private_key, "
                            + "c.state FROM study_keys k JOIN study_key_holders c ON c.study_id = k.study_id "
                            + "AND c.purpose = k.purpose WHERE k.purpose = :p AND c.username = :u")
                    .bind("p", purpose).bind("u", line.group(1)).mapToMap().one());
            assertThat(row.get("shared")).isEqualTo("");
            assertThat(row.get("state")).isEqualTo("pending");
            byte[] privateKey = PassphraseCipher.unwrapPrivateKey(
                    PassphraseCipher.Sealed.fromJson((String) row.get("wrapped_private_key")),
                    line.group(2).toCharArray(), purpose, (String) row.get("fingerprint"));
            assertThat(Base64.getEncoder().encodeToString(StudyKeys.x25519PublicKey(privateKey)))
                    .isEqualTo(row.get("public_key"));
        }
        assertThat(APP.count("study_key_holders")).isEqualTo(3);
        assertThat(APP.count("audit_log", "event = 'key.holder.granted' AND actor = 'admin'")).isEqualTo(3);
        assertThat(APP.services().keys().respondentCodeKey(TestApp.STUDY)).isPresent();
        CliRun list = admin(env, "keys", "list", "--study", TestApp.STUDY);
        assertThat(list.out()).containsPattern("safeguarding +X25519 +[0-9a-f]{64}");
        CliRun again = admin(env, "keys", "init", "--study", TestApp.STUDY, "--holder", "research=cli-kh-dm",
                "--holder", "safeguarding=cli-kh-so", "--holder", "identity=cli-kh-pi");
        assertThat(again.exit()).isNotZero();
        assertThat(again.err().strip()).isEqualTo("error: Study keys exist: The study has keys already; they cannot "
                + "be replaced.");
    }

    @Test
    void noCommand_oneLineErrorNonZero() {
        CliRun none = admin(Map.of());
        assertThat(none.exit()).isNotZero();
        assertThat(none.err().strip()).startsWith("error: Missing command");
    }

    @Test
    void missingOption_usageErrorNonZero() {
        CliRun enrol = admin(Map.of(), "enrol", "--study", "s");
        assertThat(enrol.exit()).isNotZero();
        assertThat(enrol.err()).contains("Missing required options");
    }
}
