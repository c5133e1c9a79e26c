package org.fieldsafe.server.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.fieldsafe.core.crypto.PassphraseCipher;
import org.fieldsafe.core.crypto.PasswordHasher;
import org.fieldsafe.core.wire.KeyGrant;
import org.fieldsafe.core.wire.KeyGrantRequest;
import org.fieldsafe.core.wire.PassphraseChange;
import org.fieldsafe.core.wire.StudyKeysRequest;
import org.fieldsafe.server.Envelopes;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.auth.Role;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Argon2id cost of wrapped keys (issue 12, point 13): with {@code keys.minArgon2} raised above what the other
 * tests use, an upload wrapped more cheaply is refused with nothing written, and every copy the server wraps (a
 * passphrase change, a claim, a grant) gets the configured cost, whatever the cost of the copy it came from.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeyHandlingIntegrationTest {
    private static final PasswordHasher.Cost MINIMUM = new PasswordHasher.Cost(128, 2, 1);
    private static final TestApp APP = new TestApp(
            ConfigOverride.config("keys.minArgon2.memoryKib", "128"),
            ConfigOverride.config("keys.minArgon2.iterations", "2"),
            ConfigOverride.config("keys.minArgon2.parallelism", "1"));
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;
    private static final String STUDY = TestApp.STUDY;
    private static final String KEYS = "/studies/" + STUDY + "/keys";
    private static final String OWN_PASSPHRASE = "research holder's own words";

    private static String admin;
    private static String holder;
    private static String veteran;

    @BeforeAll
    static void setUp() {
        admin = APP.adminToken();
        holder = APP.login("kh-research", APP.createUser(admin, "kh-research", "data_manager", List.of()).password());
        veteran = APP.login("dm-veteran", APP.createUser(admin, "dm-veteran", "data_manager", List.of()).password());
    }

    private static PasswordHasher.Cost storedCost(String user) {
        KeyHolderRow copy = APP.services().database().read(h -> h.attach(KeyHolderDao.class)
                .find(STUDY, "research", user)).orElseThrow();
        return PassphraseCipher.Sealed.fromJson(copy.wrappedPrivateKey()).cost();
    }

    private static HttpResponse<String> changePassphrase(String token, String current, String next) {
        return APP.postJson(KEYS + "/research/passphrase", token,
                new PassphraseChange(current.toCharArray(), next.toCharArray()));
    }

    @Test
    @Order(1)
    void keysInit_wrappedKeyBelowMinimumCost_refusedNothingWritten() {
        // every key at the cost the other tests use (64 KiB, 1 pass): below this server's minimum
        HttpResponse<String> cheap = APP.postStudyKeys(admin, STUDY, Envelopes.newStudyKeys(Envelopes.CHEAP).request());
        assertThat(cheap.statusCode()).as(cheap.body()).isEqualTo(422);
        assertThat(APP.problem(cheap)).containsEntry("type", "urn:fieldsafe:problem:study-keys-invalid")
                .containsEntry("detail", "Field 'keys[0].wrappedPrivateKey' is not valid.");
        // enough memory but one pass too few, in the second key only
        StudyKeysRequest good = Envelopes.newStudyKeys(MINIMUM).request();
        List<StudyKeysRequest.Key> mixed = new ArrayList<>(good.keys());
        StudyKeysRequest.Key second = mixed.get(1);
        mixed.set(1, new StudyKeysRequest.Key(second.purpose(), second.algorithm(), second.publicKey(),
                second.fingerprint(), PassphraseCipher.wrapPrivateKey(new byte[32], "secret".toCharArray(),
                second.purpose(), second.fingerprint(), new PasswordHasher.Cost(256, 1, 1)).toJson(),
                second.holder()));
        HttpResponse<String> onePass = APP.postStudyKeys(admin, STUDY, new StudyKeysRequest(mixed,
                good.respondentCodeKey()));
        assertThat(onePass.statusCode()).as(onePass.body()).isEqualTo(422);
        assertThat(APP.problem(onePass)).containsEntry("detail", "Field 'keys[1].wrappedPrivateKey' is not valid.");
        assertThat(APP.count("study_keys")).isZero();
        assertThat(APP.count("study_key_holders")).isZero();
        assertThat(APP.count("audit_log", "event LIKE 'study.keys%' OR event LIKE 'key.%'")).isZero();
    }

    @Test
    @Order(2)
    void passphraseChange_rewrapsAtCurrentCost() {
        // uploaded above the minimum: the claim brings the copy to the configured cost, not the uploaded one
        Envelopes.StudyKeys keys = Envelopes.newStudyKeys(new PasswordHasher.Cost(256, 3, 1));
        HttpResponse<String> created = APP.postStudyKeys(admin, STUDY, keys.request());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(storedCost("kh-research")).isEqualTo(new PasswordHasher.Cost(256, 3, 1));
        HttpResponse<String> claimed = changePassphrase(holder, Envelopes.FIRST_SECRET, OWN_PASSPHRASE);
        assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(200);
        assertThat(storedCost("kh-research")).isEqualTo(MINIMUM);

        // a copy wrapped more cheaply before the minimum was raised still unlocks, and its change brings it up
        String old = PassphraseCipher.wrapPrivateKey(keys.pairs().get("research").privateKey(),
                Envelopes.PASSPHRASE.toCharArray(), "research", keys.fingerprints().get("research"), Envelopes.CHEAP)
                .toJson();
        APP.services().database().write(h -> {
            h.attach(KeyHolderDao.class).insert(new KeyHolderRow(STUDY, "research", "dm-veteran",
                    KeyHolderRow.ACTIVE, old, "test-seed", Instant.EPOCH));
            return null;
        });
        HttpResponse<String> changed = changePassphrase(veteran, Envelopes.PASSPHRASE, "the veteran's new words");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(storedCost("dm-veteran")).isEqualTo(MINIMUM);
        FieldsafePrincipal who = new FieldsafePrincipal("dm-veteran", Role.DATA_MANAGER, List.of(), "0".repeat(64),
                null);
        try (UnlockedKey key = APP.services().custody().unlock(STUDY, "research",
                "the veteran's new words".toCharArray(), who, "export")) {
            assertThat(key.privateKey()).isEqualTo(keys.pairs().get("research").privateKey());
        }

        // a grant wraps the new holder's pending copy at the configured cost too
        APP.createUser(admin, "dm-new", "data_manager", List.of());
        HttpResponse<String> granted = APP.postJson(KEYS + "/research/holders", holder,
                new KeyGrantRequest("dm-new", OWN_PASSPHRASE.toCharArray()));
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(201);
        assertThat(APP.read(granted, KeyGrant.class).fingerprint()).isEqualTo(keys.fingerprints().get("research"));
        assertThat(storedCost("dm-new")).isEqualTo(MINIMUM);
    }
}
