package org.fieldsafe.server.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fieldsafe.server.mappers.MappedAnswers.headers;
import static org.fieldsafe.server.mappers.MappedAnswers.problem;

import com.fasterxml.jackson.core.type.TypeReference;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.fieldsafe.core.wire.Manifest;
import org.fieldsafe.core.wire.PassphraseChange;
import org.fieldsafe.server.Envelopes;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.UploadFixture;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.auth.Role;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.fieldsafe.server.problems.DomainException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Key custody against the running app: unlock by a holder, wrong passphrases (audited, then rate-limited), other
 * roles refused, and the passphrase change endpoint (same key, new wrapping).
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class KeyCustodyIntegrationTest {
    private static final TestApp APP = new TestApp();
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;
    private static final UploadFixture FIXTURE = new UploadFixture(APP);
    private static final String STUDY = TestApp.STUDY;
    private static final String NEW_PASSPHRASE = "a new passphrase, quite long";

    private static KeyCustody custody;
    private static String officerPassword;
    private static String managerPassword;

    @BeforeAll
    static void setUp() {
        FIXTURE.setUp();
        custody = APP.services().custody();
        officerPassword = APP.createUser(FIXTURE.admin, "so1", "safeguarding_officer", List.of("KH-SVR")).password();
        managerPassword = APP.createUser(FIXTURE.admin, "dm1", "data_manager", List.of()).password();
        for (String manager : List.of("dm-a", "dm-b", "dm-c", "dm-d", "dm-burst")) {
            APP.createUser(FIXTURE.admin, manager, "data_manager", List.of());
        }
    }

    private static FieldsafePrincipal person(String name, Role role) {
        return new FieldsafePrincipal(name, role, List.of(), "0".repeat(64), null);
    }

    private static char[] passphrase() {
        return Envelopes.PASSPHRASE.toCharArray();
    }

    @Test
    void unlock_holderWithRightPassphrase_givesTheKeyAndAuditsTheUnlock() {
        int unlocked = APP.count("audit_log", "event = 'key.unlocked'");
        UnlockedKey key = custody.unlock(STUDY, "research", passphrase(), person("dm-a", Role.DATA_MANAGER), "export");
        byte[] bytes = key.privateKey();
        assertThat(key.fingerprint()).isEqualTo(FIXTURE.keys.fingerprints().get("research"));
        assertThat(bytes).isEqualTo(FIXTURE.keys.pairs().get("research").privateKey());
        assertThat(key.toString()).doesNotContain(java.util.HexFormat.of().formatHex(bytes));
        key.close();
        assertThat(bytes).containsOnly((byte) 0);
        assertThatThrownBy(key::privateKey).isInstanceOf(IllegalStateException.class);

        assertThat(APP.count("audit_log", "event = 'key.unlocked'")).isEqualTo(unlocked + 1);
        assertThat(lastSubject("key.unlocked")).isEqualTo("study:" + STUDY + " purpose:research key:"
                + key.fingerprint() + " for:export");
        assertThat(APP.count("audit_log", "subject LIKE '%" + Envelopes.PASSPHRASE + "%'")).isZero();
    }

    @Test
    void unlock_wrongPassphrase_422KeyUnlockFailedAndAudited() {
        int failed = APP.count("audit_log", "event = 'key.unlock.failed' AND actor = 'dm-b'");
        assertThatThrownBy(() -> custody.unlock(STUDY, "research", "not the passphrase".toCharArray(),
                person("dm-b", Role.DATA_MANAGER), "export"))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(problem(e).status()).isEqualTo(422);
                    assertThat(problem(e).type()).isEqualTo("urn:fieldsafe:problem:key-unlock-failed");
                });
        assertThat(APP.count("audit_log", "event = 'key.unlock.failed' AND actor = 'dm-b'")).isEqualTo(failed + 1);
    }

    @Test
    void unlock_repeatedWrongPassphrases_429WithRetryAfterEvenForTheRightOne_untilTheWindowPasses() {
        FieldsafePrincipal who = person("dm-c", Role.DATA_MANAGER);
        for (int i = 0; i < KeyCustody.MAX_FAILURES; i++) {
            assertThatThrownBy(() -> custody.unlock(STUDY, "research", "wrong".toCharArray(), who, "export"))
                    .isInstanceOfSatisfying(DomainException.class,
                            e -> assertThat(problem(e).status()).isEqualTo(422));
        }
        assertThatThrownBy(() -> custody.unlock(STUDY, "research", passphrase(), who, "export"))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(problem(e).status()).isEqualTo(429);
                    assertThat(headers(e)).containsKey("Retry-After");
                });
        // another person, or the same person's other key, is not held up
        custody.unlock(STUDY, "research", passphrase(), person("dm-d", Role.DATA_MANAGER), "export").close();

        APP.clock.advance(KeyCustody.FAILURE_WINDOW.plus(Duration.ofSeconds(1)));
        custody.unlock(STUDY, "research", passphrase(), who, "export").close();
    }

    @Test
    void unlock_burstOfWrongPassphrasesAtOnce_onlyAboutTheLimitAreTried() throws Exception {
        FieldsafePrincipal who = person("dm-burst", Role.DATA_MANAGER);
        int attempts = 12;
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        List<Future<Integer>> statuses = new ArrayList<>();
        try {
            for (int i = 0; i < attempts; i++) {
                statuses.add(pool.submit(() -> {
                    try {
                        custody.unlock(STUDY, "research", "wrong".toCharArray(), who, "export").close();
                        return 200;
                    } catch (DomainException e) {
                        return problem(e).status();
                    }
                }));
            }
            List<Integer> answers = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                answers.add(status.get(60, TimeUnit.SECONDS));
            }
            long tried = answers.stream().filter(s -> s == 422).count();
            // unwraps run two at a time and each checks the limit when it starts: at most one over the limit
            assertThat(tried).isBetween((long) KeyCustody.MAX_FAILURES,
                    (long) KeyCustody.MAX_FAILURES + KeyCustody.CONCURRENT_UNWRAPS - 1);
            assertThat(answers).containsOnly(422, 429);
            assertThat(APP.count("audit_log", "event = 'key.unlock.failed' AND actor = 'dm-burst'"))
                    .isEqualTo((int) tried);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void unlock_roleThatDoesNotHoldTheKey_403AndAuditedWithoutTryingThePassphrase() {
        for (Role role : List.of(Role.COORDINATOR, Role.PRINCIPAL_INVESTIGATOR, Role.SAFEGUARDING_OFFICER,
                Role.ADMIN)) {
            String name = "not-holder-" + role.wire();
            assertThatThrownBy(() -> custody.unlock(STUDY, "research", passphrase(), person(name, role), "export"))
                    .isInstanceOfSatisfying(DomainException.class, e -> {
                        assertThat(problem(e).status()).isEqualTo(403);
                        assertThat(problem(e).type()).isEqualTo("urn:fieldsafe:problem:key-not-held");
                    });
            assertThat(APP.count("audit_log", "event = 'key.unlock.denied' AND actor = '" + name + "'")).isEqualTo(1);
            assertThat(APP.count("audit_log", "event = 'key.unlocked' AND actor = '" + name + "'")).isZero();
        }
        FieldsafePrincipal device = new FieldsafePrincipal("enum1", Role.ENUMERATOR, List.of("KH-SVR"), "x",
                new FieldsafePrincipal.Device("d1", STUDY, "KH-SVR", null));
        assertThatThrownBy(() -> custody.unlock(STUDY, "identity", passphrase(), device, "identity.read"))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(problem(e).status()).isEqualTo(403));
    }

    @Test
    void unlock_unknownStudyOrPurpose_404() {
        FieldsafePrincipal who = person("dm-e", Role.DATA_MANAGER);
        assertThatThrownBy(() -> custody.unlock("nope", "research", passphrase(), who, "export"))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(problem(e).status()).isEqualTo(404));
        assertThatThrownBy(() -> custody.unlock(STUDY, "receipt", passphrase(), who, "export"))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(problem(e).status()).isEqualTo(404));
        assertThatThrownBy(() -> custody.unlock(STUDY, "research", passphrase(), who, "free text, with spaces"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void passphraseChange_oldPassphraseFailsNewWorksFingerprintUnchanged() {
        String token = APP.login("so1", officerPassword);
        String fingerprint = FIXTURE.keys.fingerprints().get("safeguarding");
        HttpResponse<String> changed = APP.postJson("/studies/" + STUDY + "/keys/safeguarding/passphrase", token,
                new PassphraseChange(passphrase(), NEW_PASSPHRASE.toCharArray()));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(APP.read(changed, Manifest.StudyKey.class).fingerprint()).isEqualTo(fingerprint);
        assertThat(APP.read(APP.get("/studies/" + STUDY + "/keys", token),
                new TypeReference<List<Manifest.StudyKey>>() {
                }).stream().filter(k -> k.purpose().equals("safeguarding")).findFirst().orElseThrow().fingerprint())
                .isEqualTo(fingerprint);
        assertThat(lastSubject("key.rewrapped")).isEqualTo("study:" + STUDY + " purpose:safeguarding key:"
                + fingerprint + " for:passphrase.change");

        FieldsafePrincipal officer = person("so1", Role.SAFEGUARDING_OFFICER);
        assertThatThrownBy(() -> custody.unlock(STUDY, "safeguarding", passphrase(), officer, "referral.read"))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(problem(e).status()).isEqualTo(422));
        try (UnlockedKey key = custody.unlock(STUDY, "safeguarding", NEW_PASSPHRASE.toCharArray(), officer,
                "referral.read")) {
            assertThat(key.fingerprint()).isEqualTo(fingerprint);
            assertThat(key.privateKey()).isEqualTo(FIXTURE.keys.pairs().get("safeguarding").privateKey());
        }
        assertThat(APP.count("audit_log", "subject LIKE '%" + NEW_PASSPHRASE + "%'")).isZero();
    }

    @Test
    void passphraseChange_weakNextWrongCurrentOrOtherRole_refusedAndKeyUnchanged() {
        String managerToken = APP.login("dm1", managerPassword);
        String path = "/studies/" + STUDY + "/keys/research/passphrase";
        String before = wrapped("research");
        for (String weak : List.of("", "short", "aaaaaaaaaaaaaaaaaaaa", "abababababababab", "            ",
                Envelopes.PASSPHRASE)) {
            HttpResponse<String> response = APP.postJson(path, managerToken,
                    new PassphraseChange(passphrase(), weak.toCharArray()));
            assertThat(response.statusCode()).as(weak + ": " + response.body()).isEqualTo(422);
            assertThat(APP.problem(response)).containsEntry("type", "urn:fieldsafe:problem:passphrase-weak");
        }
        HttpResponse<String> wrongCurrent = APP.postJson(path, managerToken,
                new PassphraseChange("wrong current one".toCharArray(), NEW_PASSPHRASE.toCharArray()));
        assertThat(wrongCurrent.statusCode()).isEqualTo(422);
        assertThat(APP.problem(wrongCurrent)).containsEntry("type", "urn:fieldsafe:problem:key-unlock-failed");

        HttpResponse<String> notHolder = APP.postJson("/studies/" + STUDY + "/keys/identity/passphrase",
                managerToken, new PassphraseChange(passphrase(), NEW_PASSPHRASE.toCharArray()));
        assertThat(notHolder.statusCode()).isEqualTo(403);
        assertThat(APP.problem(notHolder)).containsEntry("type", "urn:fieldsafe:problem:key-not-held");
        assertThat(APP.postJson("/studies/" + STUDY + "/keys/receipt/passphrase", managerToken,
                new PassphraseChange(passphrase(), NEW_PASSPHRASE.toCharArray())).statusCode()).isEqualTo(404);
        assertThat(APP.send("POST", path, managerToken, "application/json", "{\"current\": 12}").statusCode())
                .isBetween(400, 422);

        assertThat(wrapped("research")).isEqualTo(before);
        assertThat(APP.count("audit_log", "event = 'key.rewrapped' AND actor = 'dm1'")).isZero();
    }

    private static String wrapped(String purpose) {
        return APP.services().database().read(h -> h.attach(StudyKeyDao.class).find(STUDY, purpose))
                .orElseThrow().wrappedPrivateKey();
    }

    private static String lastSubject(String event) {
        return APP.services().database().read(h -> h.createQuery(
                "SELECT subject FROM audit_log WHERE event = :event ORDER BY seq DESC LIMIT 1")
                .bind("event", event).mapTo(String.class).one());
    }
}
