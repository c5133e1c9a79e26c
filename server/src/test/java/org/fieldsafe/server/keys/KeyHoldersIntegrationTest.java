package org.fieldsafe.server.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fieldsafe.server.mappers.MappedAnswers.problem;

import com.fasterxml.jackson.core.type.TypeReference;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.util.List;
import org.fieldsafe.core.wire.KeyGrant;
import org.fieldsafe.core.wire.KeyGrantRequest;
import org.fieldsafe.core.wire.KeyHolder;
import org.fieldsafe.core.wire.PassphraseChange;
import org.fieldsafe.core.wire.StudyKeysRequest;
import org.fieldsafe.server.Envelopes;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.auth.Role;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.fieldsafe.server.problems.DomainException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Key holders each with their own copy under their own passphrase (issue 11, point 8): the admin names the first
 * holders, whose copies wait under a one-time secret until they set their passphrase; an existing holder adds
 * another; removing a holder deletes their copy. No copy is seeded here: every one is made through the API.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class KeyHoldersIntegrationTest {
    private static final TestApp APP = new TestApp();
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;
    private static final String STUDY = TestApp.STUDY;
    private static final String KEYS = "/studies/" + STUDY + "/keys";
    private static final String DM_ONE_PASSPHRASE = "first data manager, own words";
    private static final String DM_TWO_PASSPHRASE = "second data manager, other words";

    private static Envelopes.StudyKeys keys;
    private static String admin;
    private static String dmOne;
    private static String dmTwo;
    private static String dmThree;
    private static String officer;
    private static String piOne;
    private static String piTwo;
    private static String coordinator;

    @BeforeAll
    static void setUp() {
        admin = APP.adminToken();
        dmOne = APP.login("dm-one", APP.createUser(admin, "dm-one", "data_manager", List.of()).password());
        dmTwo = APP.login("dm-two", APP.createUser(admin, "dm-two", "data_manager", List.of()).password());
        dmThree = APP.login("dm-three", APP.createUser(admin, "dm-three", "data_manager", List.of()).password());
        officer = APP.login("so-one", APP.createUser(admin, "so-one", "safeguarding_officer", List.of("KH-SVR"))
                .password());
        piOne = APP.login("pi-one", APP.createUser(admin, "pi-one", "principal_investigator", List.of()).password());
        piTwo = APP.login("pi-two", APP.createUser(admin, "pi-two", "principal_investigator", List.of()).password());
        coordinator = APP.login("coord", APP.createUser(admin, "coord", "coordinator", List.of()).password());
        keys = Envelopes.newStudyKeys();
        List<String> first = List.of("dm-one", "so-one", "pi-one");
        List<StudyKeysRequest.Key> named = keys.request().keys().stream()
                .map(k -> new StudyKeysRequest.Key(k.purpose(), k.algorithm(), k.publicKey(), k.fingerprint(),
                        k.wrappedPrivateKey(), first.get(List.of("research", "safeguarding", "identity")
                        .indexOf(k.purpose()))))
                .toList();
        HttpResponse<String> created = APP.postJson(KEYS, admin,
                new StudyKeysRequest(named, keys.request().respondentCodeKey()));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        // the first research holder takes up their copy with the one-time secret the admin handed them
        assertThat(setPassphrase(dmOne, "research", Envelopes.FIRST_SECRET, DM_ONE_PASSPHRASE).statusCode())
                .isEqualTo(200);
    }

    private static FieldsafePrincipal person(String name, Role role) {
        return new FieldsafePrincipal(name, role, List.of(), "0".repeat(64), null);
    }

    private static HttpResponse<String> setPassphrase(String token, String purpose, String current, String next) {
        return APP.postJson(KEYS + "/" + purpose + "/passphrase", token,
                new PassphraseChange(current.toCharArray(), next.toCharArray()));
    }

    private static HttpResponse<String> grant(String token, String purpose, String user, String passphrase) {
        return APP.postJson(KEYS + "/" + purpose + "/holders", token,
                new KeyGrantRequest(user, passphrase.toCharArray()));
    }

    private static byte[] unlock(String purpose, String passphrase, String name, Role role) {
        try (UnlockedKey key = APP.services().custody().unlock(STUDY, purpose, passphrase.toCharArray(),
                person(name, role), "export")) {
            return key.privateKey().clone();
        }
    }

    private static void assertRefused(String purpose, String passphrase, String name, Role role, int status,
                                      String type) {
        assertThatThrownBy(() -> unlock(purpose, passphrase, name, role))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(problem(e).status()).isEqualTo(status);
                    assertThat(problem(e).type()).isEqualTo("urn:fieldsafe:problem:" + type);
                });
    }

    private static int events(String event, String actor, String holder) {
        return APP.count("audit_log", "event = '" + event + "' AND actor = '" + actor + "'"
                + (holder == null ? "" : " AND subject LIKE '% holder:" + holder + "%'"));
    }

    private static int copies(String purpose, String user) {
        return APP.count("study_key_holders", "purpose = '" + purpose + "' AND username = '" + user + "'");
    }

    @Test
    void keys_twoDataManagers_ownPassphrases() {
        assertRefused("research", DM_TWO_PASSPHRASE, "dm-two", Role.DATA_MANAGER, 403, "key-copy-missing");
        assertThat(APP.count("audit_log", "event = 'key.unlock.denied' AND actor = 'dm-two' AND subject LIKE "
                + "'% copy:none'")).isEqualTo(1);

        HttpResponse<String> granted = grant(dmOne, "research", "dm-two", DM_ONE_PASSPHRASE);
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(201);
        assertThat(granted.headers().firstValue("Cache-Control")).hasValue("no-store");
        KeyGrant grant = APP.read(granted, KeyGrant.class);
        assertThat(grant.fingerprint()).isEqualTo(keys.fingerprints().get("research"));
        assertThat(events("key.holder.granted", "dm-one", "dm-two")).isEqualTo(1);
        // the pending copy unlocks nothing until dm-two sets their own passphrase with the one-time secret
        assertRefused("research", grant.oneTimeSecret(), "dm-two", Role.DATA_MANAGER, 409, "key-copy-pending");
        assertThat(APP.count("audit_log", "event = 'key.unlock.denied' AND actor = 'dm-two' AND subject LIKE "
                + "'% copy:pending'")).isEqualTo(1);
        assertThat(setPassphrase(dmTwo, "research", grant.oneTimeSecret(), DM_TWO_PASSPHRASE).statusCode())
                .isEqualTo(200);
        assertThat(events("key.holder.claimed", "dm-two", null)).isEqualTo(1);

        byte[] research = keys.pairs().get("research").privateKey();
        assertThat(unlock("research", DM_ONE_PASSPHRASE, "dm-one", Role.DATA_MANAGER)).isEqualTo(research);
        assertThat(unlock("research", DM_TWO_PASSPHRASE, "dm-two", Role.DATA_MANAGER)).isEqualTo(research);
        assertRefused("research", DM_ONE_PASSPHRASE, "dm-two", Role.DATA_MANAGER, 422, "key-unlock-failed");
        assertRefused("research", DM_TWO_PASSPHRASE, "dm-one", Role.DATA_MANAGER, 422, "key-unlock-failed");
        assertRefused("research", grant.oneTimeSecret(), "dm-two", Role.DATA_MANAGER, 422, "key-unlock-failed");

        assertThat(APP.send("DELETE", KEYS + "/research/holders/dm-two", dmOne, null, null).statusCode())
                .isEqualTo(204);
        assertThat(copies("research", "dm-two")).isZero();
        assertThat(events("key.holder.revoked", "dm-one", "dm-two")).isEqualTo(1);
        assertRefused("research", DM_TWO_PASSPHRASE, "dm-two", Role.DATA_MANAGER, 403, "key-copy-missing");
        assertThat(APP.get(KEYS + "/research/wrapped", dmTwo).statusCode()).isEqualTo(403);
        assertThat(unlock("research", DM_ONE_PASSPHRASE, "dm-one", Role.DATA_MANAGER)).isEqualTo(research);
        assertThat(APP.count("audit_log", "subject LIKE '%" + DM_ONE_PASSPHRASE + "%' OR subject LIKE '%"
                + DM_TWO_PASSPHRASE + "%' OR subject LIKE '%" + grant.oneTimeSecret() + "%'")).isZero();
    }

    @Test
    void grant_withoutAnExistingHoldersUnlock_refusedAndNothingWritten() {
        int rows = APP.count("study_key_holders");
        // a data manager with the role but no copy of their own
        HttpResponse<String> noCopy = grant(dmThree, "research", "dm-three", DM_ONE_PASSPHRASE);
        assertThat(noCopy.statusCode()).isEqualTo(403);
        assertThat(APP.problem(noCopy)).containsEntry("type", "urn:fieldsafe:problem:key-copy-missing");
        // a holder whose passphrase is wrong: audited, nothing granted
        int failed = events("key.unlock.failed", "dm-one", null);
        HttpResponse<String> wrong = grant(dmOne, "research", "dm-three", "not dm-one's passphrase");
        assertThat(wrong.statusCode()).isEqualTo(422);
        assertThat(APP.problem(wrong)).containsEntry("type", "urn:fieldsafe:problem:key-unlock-failed");
        assertThat(events("key.unlock.failed", "dm-one", null)).isEqualTo(failed + 1);
        // the admin holds no key and cannot add holders
        HttpResponse<String> byAdmin = grant(admin, "research", "dm-three", DM_ONE_PASSPHRASE);
        assertThat(byAdmin.statusCode()).isEqualTo(403);
        assertThat(APP.problem(byAdmin)).containsEntry("type", "urn:fieldsafe:problem:key-not-held");
        // a new holder whose role cannot hold the key, or who holds it already
        HttpResponse<String> coordinatorAsHolder = grant(dmOne, "research", "coord", DM_ONE_PASSPHRASE);
        assertThat(coordinatorAsHolder.statusCode()).isEqualTo(422);
        assertThat(APP.problem(coordinatorAsHolder)).containsEntry("type", "urn:fieldsafe:problem:key-holder-invalid");
        assertThat(grant(dmOne, "research", "nobody-at-all", DM_ONE_PASSPHRASE).statusCode()).isEqualTo(422);
        HttpResponse<String> again = grant(dmOne, "research", "dm-one", DM_ONE_PASSPHRASE);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(APP.problem(again)).containsEntry("type", "urn:fieldsafe:problem:key-holder-exists");

        assertThat(APP.count("study_key_holders")).isEqualTo(rows);
        assertThat(copies("research", "dm-three")).isZero();
        assertThat(events("key.holder.granted", "dm-three", null) + events("key.holder.granted", "admin", "dm-three")
                + events("key.holder.granted", "dm-one", "dm-three")).isZero();
    }

    @Test
    void keysInit_adminNeverSetsOrSeesTheHoldersPassphrase() {
        // what the admin handed over (the one-time secret) opens nothing: the copy waits for so-one's own passphrase
        assertRefused("safeguarding", Envelopes.FIRST_SECRET, "so-one", Role.SAFEGUARDING_OFFICER, 409,
                "key-copy-pending");
        // the admin cannot set it: their role holds no key
        HttpResponse<String> byAdmin = setPassphrase(admin, "safeguarding", Envelopes.FIRST_SECRET,
                "the admin's choice for so-one");
        assertThat(byAdmin.statusCode()).isEqualTo(403);
        assertThat(APP.problem(byAdmin)).containsEntry("type", "urn:fieldsafe:problem:key-not-held");

        String own = "so-one chose these words";
        assertThat(setPassphrase(officer, "safeguarding", Envelopes.FIRST_SECRET, own).statusCode()).isEqualTo(200);
        assertThat(events("key.holder.claimed", "so-one", null)).isEqualTo(1);
        assertRefused("safeguarding", Envelopes.FIRST_SECRET, "so-one", Role.SAFEGUARDING_OFFICER, 422,
                "key-unlock-failed");
        assertThat(unlock("safeguarding", own, "so-one", Role.SAFEGUARDING_OFFICER))
                .isEqualTo(keys.pairs().get("safeguarding").privateKey());

        // the admin sees who holds what, never key material; the study key row keeps no shared copy
        HttpResponse<String> listed = APP.get(KEYS + "/holders", admin);
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).doesNotContain("argon2id").doesNotContain("wrapped").doesNotContain(own);
        assertThat(APP.read(listed, new TypeReference<List<KeyHolder>>() {
        })).extracting(h -> h.purpose() + " " + h.user() + " " + h.state() + " " + h.grantedBy())
                .contains("safeguarding so-one active admin");
        assertThat(APP.count("study_keys", "wrapped_private_key <> ''")).isZero();
    }

    @Test
    void revoke_lastActiveCopyOtherRolesAndUnknownHolders_refusedAndAudited() {
        String own = "identity words of pi-one";
        assertThat(setPassphrase(piOne, "identity", Envelopes.FIRST_SECRET, own).statusCode()).isEqualTo(200);
        HttpResponse<String> last = APP.send("DELETE", KEYS + "/identity/holders/pi-one", admin, null, null);
        assertThat(last.statusCode()).isEqualTo(409);
        assertThat(APP.problem(last)).containsEntry("type", "urn:fieldsafe:problem:last-key-holder");
        assertThat(copies("identity", "pi-one")).isEqualTo(1);

        HttpResponse<String> byCoordinator = APP.send("DELETE", KEYS + "/identity/holders/pi-one", coordinator,
                null, null);
        assertThat(byCoordinator.statusCode()).isEqualTo(403);
        assertThat(events("key.holder.revoke.denied", "coord", "pi-one")).isEqualTo(1);
        assertThat(APP.send("DELETE", KEYS + "/identity/holders/dm-one", admin, null, null).statusCode())
                .isEqualTo(404);

        assertThat(grant(piOne, "identity", "pi-two", own).statusCode()).isEqualTo(201);
        // pi-two holds only a pending copy: they cannot remove others
        assertThat(APP.send("DELETE", KEYS + "/identity/holders/pi-one", piTwo, null, null).statusCode())
                .isEqualTo(403);
        assertThat(APP.send("DELETE", KEYS + "/identity/holders/pi-two", admin, null, null).statusCode())
                .isEqualTo(204);
        assertThat(copies("identity", "pi-two")).isZero();
        assertThat(events("key.holder.revoked", "admin", "pi-two")).isEqualTo(1);
        assertThat(copies("identity", "pi-one")).isEqualTo(1);
    }
}
