package org.fieldsafe.server;

import java.time.Instant;
import java.util.Map;
import org.fieldsafe.core.crypto.PassphraseCipher;
import org.fieldsafe.server.keys.KeyHolderDao;
import org.fieldsafe.server.keys.KeyHolderRow;
import org.fieldsafe.server.auth.UserDao;
import org.fieldsafe.server.auth.UserRow;

/**
 * Test-only: gives a person whose role holds a study key (the fixture studies' {@code key_holders}: research to data
 * managers, safeguarding to safeguarding officers, identity to principal investigators) their own active copy,
 * wrapped under {@link Envelopes#PASSPHRASE}, written straight to the table. Stands in for "each holder was granted
 * the key and set their passphrase"; the grant and claim themselves are tested in {@code KeyHoldersIntegrationTest}.
 */
final class KeyHolderSeeds {
    private static final Map<String, String> PURPOSE_BY_ROLE = Map.of("data_manager", "research",
            "safeguarding_officer", "safeguarding", "principal_investigator", "identity");

    private KeyHolderSeeds() {
    }

    static void seedAll(TestApp app, String study, Envelopes.StudyKeys keys) {
        for (UserRow user : app.services().database().read(h -> h.attach(UserDao.class).list())) {
            seed(app, study, keys, user.username(), user.role());
        }
    }

    static void seed(TestApp app, String study, Envelopes.StudyKeys keys, String username, String role) {
        String purpose = PURPOSE_BY_ROLE.get(role);
        if (purpose == null) {
            return;
        }
        String wrapped = PassphraseCipher.wrapPrivateKey(keys.pairs().get(purpose).privateKey(),
                Envelopes.PASSPHRASE.toCharArray(), purpose, keys.fingerprints().get(purpose), Envelopes.CHEAP).toJson();
        app.services().database().write(h -> {
            KeyHolderDao copies = h.attach(KeyHolderDao.class);
            if (copies.find(study, purpose, username).isEmpty()) {
                copies.insert(new KeyHolderRow(study, purpose, username, KeyHolderRow.ACTIVE, wrapped, "test-seed",
                        Instant.EPOCH));
            }
            return null;
        });
    }

    /** Removes the first holders ({@link Envelopes#FIRST_HOLDERS}) with their pending copies. */
    static void dropFirstHolders(TestApp app) {
        app.services().database().write(h -> {
            for (java.util.List<String> holder : Envelopes.FIRST_HOLDERS.values()) {
                for (String table : java.util.List.of("study_key_holders", "user_sites", "users")) {
                    h.createUpdate("DELETE FROM " + table + " WHERE username = :u").bind("u", holder.get(0)).execute();
                }
            }
            return null;
        });
    }
}
