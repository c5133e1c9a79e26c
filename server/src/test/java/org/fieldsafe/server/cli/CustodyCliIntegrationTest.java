package org.fieldsafe.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fieldsafe.core.wire.Envelope;
import org.fieldsafe.server.Envelopes;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.UploadFixture;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.auth.Role;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.fieldsafe.server.keys.UnlockedKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code admin keys passphrase}, {@code admin identity} and {@code admin users role} against a running server. */
@ExtendWith(DropwizardExtensionsSupport.class)
class CustodyCliIntegrationTest {
    private static final TestApp APP = new TestApp();
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;
    private static final UploadFixture FIXTURE = new UploadFixture(APP);
    private static final String NAME = "Dara Pich";

    private static String piPassword;
    private static String submission;

    @BeforeAll
    static void setUp() throws Exception {
        FIXTURE.setUp();
        piPassword = APP.createUser(FIXTURE.admin, "cli-pi", "principal_investigator", List.of()).password();
        byte[] identity = APP.json.writeValueAsBytes(Map.of("respondents", List.of(Map.of("code", "KH-SVR-RH-041",
                "answers", Map.of("full_name", NAME)))));
        submission = FIXTURE.putSealed("KH-SVR-RH-041", Map.of(Envelope.RESEARCH, "{}".getBytes(StandardCharsets.UTF_8),
                Envelope.IDENTITY, identity));
    }

    private static CliRun admin(String user, String password, Map<String, String> extraEnv, String... args) {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put("FIELDSAFE_SERVER", APP.baseUrl());
        env.put("FIELDSAFE_USER", user);
        env.put("FIELDSAFE_PASSWORD", password);
        return CliRun.of(env, args);
    }

    @Test
    void identity_byPrincipalInvestigator_printsThePart_otherwiseOneLineErrorAndNonZeroExit() {
        CliRun read = admin("cli-pi", piPassword, Map.of("FIELDSAFE_PASSPHRASE", Envelopes.PASSPHRASE),
                "identity", "--study", TestApp.STUDY, "--submission", submission, "--reason", "withdrawal");
        assertThat(read.exit()).as(read.err()).isZero();
        assertThat(read.out()).contains("read for withdrawal").contains(NAME).contains("KH-SVR-RH-041")
                .doesNotContain(Envelopes.PASSPHRASE);

        CliRun wrong = admin("cli-pi", piPassword, Map.of("FIELDSAFE_PASSPHRASE", "not the passphrase"),
                "identity", "--study", TestApp.STUDY, "--submission", submission, "--reason", "recontact");
        assertThat(wrong.exit()).isEqualTo(1);
        assertThat(wrong.err()).startsWith("error: ").contains("does not unlock").doesNotContain(NAME);

        CliRun byAdmin = admin("admin", TestApp.ADMIN_PASSWORD, Map.of("FIELDSAFE_PASSPHRASE", Envelopes.PASSPHRASE),
                "identity", "--study", TestApp.STUDY, "--submission", submission, "--reason", "recontact");
        assertThat(byAdmin.exit()).isEqualTo(1);
        assertThat(byAdmin.err()).contains("Only a principal investigator").doesNotContain(NAME);

        CliRun freeText = admin("cli-pi", piPassword, Map.of("FIELDSAFE_PASSPHRASE", Envelopes.PASSPHRASE),
                "identity", "--study", TestApp.STUDY, "--submission", submission, "--reason", "she asked");
        assertThat(freeText.exit()).isEqualTo(1);
        assertThat(freeText.err()).contains("--reason must be one of");
    }

    @Test
    void keysPassphrase_rewrapsTheHoldersKey_newPassphraseUnlocksIt() {
        String password = APP.createUser(FIXTURE.admin, "cli-dm", "data_manager", List.of()).password();
        String next = "the data manager's new passphrase";
        CliRun weak = admin("cli-dm", password, Map.of("FIELDSAFE_PASSPHRASE", Envelopes.PASSPHRASE,
                "FIELDSAFE_NEW_PASSPHRASE", "short"), "keys", "passphrase", "--study", TestApp.STUDY, "--purpose",
                "research");
        assertThat(weak.exit()).isEqualTo(1);
        assertThat(weak.err()).contains("at least 12 characters");

        CliRun changed = admin("cli-dm", password, Map.of("FIELDSAFE_PASSPHRASE", Envelopes.PASSPHRASE,
                "FIELDSAFE_NEW_PASSPHRASE", next), "keys", "passphrase", "--study", TestApp.STUDY, "--purpose",
                "research");
        assertThat(changed.exit()).as(changed.err()).isZero();
        String fingerprint = FIXTURE.keys.fingerprints().get("research");
        assertThat(changed.out()).contains("fingerprint unchanged: " + fingerprint).doesNotContain(next);
        try (UnlockedKey key = APP.services().custody().unlock(TestApp.STUDY, "research", next.toCharArray(),
                new FieldsafePrincipal("cli-dm", Role.DATA_MANAGER, List.of(), "x", null), "export")) {
            assertThat(key.fingerprint()).isEqualTo(fingerprint);
        }
    }

    @Test
    void keysGrantAndRevoke_byAHolder_newHolderSetsTheirOwnPassphraseWithTheOneTimeSecret() {
        String holder = APP.createUser(FIXTURE.admin, "cli-dm-a", "data_manager", List.of()).password();
        String other = APP.createUser(FIXTURE.admin, "cli-dm-b", "data_manager", List.of()).password();
        Map<String, String> holderEnv = Map.of("FIELDSAFE_PASSPHRASE", Envelopes.PASSPHRASE);
        CliRun revoked = admin("cli-dm-a", holder, holderEnv, "keys", "revoke", "--study", TestApp.STUDY,
                "--purpose", "research", "--user", "cli-dm-b");
        assertThat(revoked.exit()).as(revoked.err()).isZero();
        assertThat(revoked.out()).contains("cli-dm-b no longer holds the research key");
        assertThat(APP.count("study_key_holders", "username = 'cli-dm-b'")).isZero();

        CliRun granted = admin("cli-dm-a", holder, holderEnv, "keys", "grant", "--study", TestApp.STUDY,
                "--purpose", "research", "--user", "cli-dm-b");
        assertThat(granted.exit()).as(granted.err()).isZero();
        assertThat(granted.out()).contains("cli-dm-b now holds a pending copy").doesNotContain(Envelopes.PASSPHRASE);
        String secret = granted.out().strip().lines().reduce((first, second) -> second).orElseThrow();
        assertThat(secret).hasSize(43);

        String own = "cli-dm-b picked this one";
        CliRun set = admin("cli-dm-b", other, Map.of("FIELDSAFE_PASSPHRASE", secret, "FIELDSAFE_NEW_PASSPHRASE", own),
                "keys", "passphrase", "--study", TestApp.STUDY, "--purpose", "research");
        assertThat(set.exit()).as(set.err()).isZero();
        try (UnlockedKey key = APP.services().custody().unlock(TestApp.STUDY, "research", own.toCharArray(),
                new FieldsafePrincipal("cli-dm-b", Role.DATA_MANAGER, List.of(), "x", null), "export")) {
            assertThat(key.fingerprint()).isEqualTo(FIXTURE.keys.fingerprints().get("research"));
        }

        CliRun byOfficer = admin("cli-dm-b", other, Map.of(), "keys", "revoke", "--study", TestApp.STUDY,
                "--purpose", "identity", "--user", "cli-pi");
        assertThat(byOfficer.exit()).isEqualTo(1);
        assertThat(byOfficer.err()).startsWith("error: ").contains("Only the admin or a holder");
        CliRun badPurpose = admin("cli-dm-a", holder, holderEnv, "keys", "grant", "--study", TestApp.STUDY,
                "--purpose", "receipt", "--user", "cli-dm-b");
        assertThat(badPurpose.exit()).isEqualTo(1);
        assertThat(badPurpose.err()).contains("--purpose must be one of");
    }

    @Test
    void usersRole_changesTheRoleAndEndsSessions() {
        String password = APP.createUser(FIXTURE.admin, "cli-coord", "coordinator", List.of()).password();
        String token = APP.login("cli-coord", password);
        CliRun changed = admin("admin", TestApp.ADMIN_PASSWORD, Map.of(), "users", "role", "--username", "cli-coord",
                "--role", "safeguarding_officer", "--site", "KH-SVR");
        assertThat(changed.exit()).as(changed.err()).isZero();
        assertThat(changed.out()).contains("Replaced cli-coord's role and sites: now safeguarding_officer at KH-SVR");
        assertThat(APP.get("/auth/me", token).statusCode()).isEqualTo(401);

        CliRun bad = admin("admin", TestApp.ADMIN_PASSWORD, Map.of(), "users", "role", "--username", "cli-coord",
                "--role", "safeguarding_officer");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("needs at least one site");
    }
}
