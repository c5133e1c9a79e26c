package org.fieldsafe.server.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fieldsafe.server.mappers.MappedAnswers.problem;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.util.List;
import org.fieldsafe.core.crypto.PassphraseCipher;
import org.fieldsafe.core.wire.PassphraseChange;
import org.fieldsafe.server.Envelopes;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.auth.Role;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.fieldsafe.server.problems.DomainException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A study keyed before per-holder copies (migration V14): its one shared copy stays in {@code study_keys} until the
 * first holder takes it over with the shared passphrase; then the shared copy is gone and others need a grant.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class LegacySharedKeyIntegrationTest {
    private static final TestApp APP = new TestApp();
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;
    private static final String SHARED = "the old shared identity passphrase";
    private static final String OWN = "pi-a chose these words";

    private static HttpResponse<String> change(String token, String current, String next) {
        return APP.postJson("/studies/" + TestApp.STUDY + "/keys/identity/passphrase", token,
                new PassphraseChange(current.toCharArray(), next.toCharArray()));
    }

    private static FieldsafePrincipal pi(String name) {
        return new FieldsafePrincipal(name, Role.PRINCIPAL_INVESTIGATOR, List.of(), "0".repeat(64), null);
    }

    @Test
    void rewrap_legacySharedCopy_firstHolderTakesItOverAndTheSharedPassphraseStopsWorking() {
        String admin = APP.adminToken();
        String piA = APP.login("pi-a", APP.createUser(admin, "pi-a", "principal_investigator", List.of()).password());
        String piB = APP.login("pi-b", APP.createUser(admin, "pi-b", "principal_investigator", List.of()).password());
        Envelopes.StudyKeys keys = Envelopes.newStudyKeys();
        assertThat(APP.postStudyKeys(admin, TestApp.STUDY, keys.request()).statusCode()).isEqualTo(201);
        String fingerprint = keys.fingerprints().get("identity");
        String shared = PassphraseCipher.wrapPrivateKey(keys.pairs().get("identity").privateKey(),
                SHARED.toCharArray(), "identity", fingerprint, Envelopes.CHEAP).toJson();
        // the identity key as a study keyed before V14 holds it: one shared copy, no holder copies
        APP.services().database().write(h -> {
            h.createUpdate("DELETE FROM study_key_holders WHERE purpose = 'identity'").execute();
            return h.createUpdate("UPDATE study_keys SET wrapped_private_key = :w WHERE purpose = 'identity'")
                    .bind("w", shared).execute();
        });
        KeyCustody custody = APP.services().custody();
        assertThatThrownBy(() -> custody.unlock(TestApp.STUDY, "identity", SHARED.toCharArray(), pi("pi-a"),
                "identity.read")).isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(problem(e).type()).isEqualTo("urn:fieldsafe:problem:key-copy-missing"));

        assertThat(change(piA, SHARED, OWN).statusCode()).isEqualTo(200);
        assertThat(APP.count("study_keys", "purpose = 'identity' AND wrapped_private_key = ''")).isEqualTo(1);
        assertThat(APP.count("study_key_holders", "purpose = 'identity' AND username = 'pi-a' AND state = 'active'"))
                .isEqualTo(1);
        assertThat(APP.count("audit_log", "event = 'key.holder.claimed' AND actor = 'pi-a' AND subject LIKE "
                + "'% from:shared'")).isEqualTo(1);
        try (UnlockedKey key = custody.unlock(TestApp.STUDY, "identity", OWN.toCharArray(), pi("pi-a"),
                "identity.read")) {
            assertThat(key.privateKey()).isEqualTo(keys.pairs().get("identity").privateKey());
        }

        HttpResponse<String> late = change(piB, SHARED, "pi-b would choose these");
        assertThat(late.statusCode()).isEqualTo(403);
        assertThat(APP.problem(late)).containsEntry("type", "urn:fieldsafe:problem:key-copy-missing");
        assertThat(APP.count("study_key_holders", "username = 'pi-b'")).isZero();
    }
}
