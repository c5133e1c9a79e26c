package org.fieldsafe.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.fieldsafe.core.crypto.KeyPairBytes;
import org.fieldsafe.core.crypto.PassphraseCipher;
import org.fieldsafe.core.crypto.StudyKeys;
import org.fieldsafe.core.wire.NewUser;
import org.fieldsafe.core.wire.NewUserRequest;
import org.fieldsafe.core.wire.StudyKeysRequest;
import org.fieldsafe.server.keys.KeyHolderDao;
import org.fieldsafe.server.keys.KeyHolderRow;

/** Transcribers and the study's transcription key for tests of the transcription desk. */
public final class Transcribers {
    private Transcribers() {
    }

    /** A transcriber at {@code sites} working in {@code languages}, with their own password (returned). */
    public static String create(TestApp app, String admin, String name, List<String> sites, List<String> languages) {
        HttpResponse<String> made = app.postJson("/users", admin, new NewUserRequest(name, "transcriber", sites, null,
                languages));
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        return app.ownPassword(app.read(made, NewUser.class)).password();
    }

    /**
     * The study's transcription key, posted as {@code admin keys transcription} does, with each of {@code holders}'
     * own active copy under {@link Envelopes#PASSPHRASE} written straight to the table (standing in for the grant
     * and claim round trip, as {@link TestApp#postStudyKeys} does for the other keys).
     */
    public static void transcriptionKey(TestApp app, String admin, String study, List<String> holders) {
        KeyPairBytes pair = StudyKeys.generateX25519();
        String fingerprint = StudyKeys.fingerprint(pair.publicKey());
        String wrapped = PassphraseCipher.wrapPrivateKey(pair.privateKey(), Envelopes.PASSPHRASE.toCharArray(),
                "transcription", fingerprint, Envelopes.CHEAP).toJson();
        HttpResponse<String> posted = app.postJson("/studies/" + study + "/transcription-key", admin,
                new StudyKeysRequest.Key("transcription", "X25519", Base64.getEncoder().encodeToString(
                        pair.publicKey()), fingerprint, wrapped, holders.get(0)));
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
        app.services().database().write(h -> {
            h.createUpdate("DELETE FROM study_key_holders WHERE purpose = 'transcription'").execute();
            for (String holder : holders) {
                h.attach(KeyHolderDao.class).insert(new KeyHolderRow(study, "transcription", holder,
                        KeyHolderRow.ACTIVE, wrapped, "test-seed", Instant.EPOCH));
            }
            return null;
        });
    }
}
