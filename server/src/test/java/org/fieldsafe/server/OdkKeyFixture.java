package org.fieldsafe.server;

import java.net.http.HttpResponse;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;
import org.fieldsafe.core.crypto.CryptoException;
import org.fieldsafe.core.crypto.KeyPairBytes;
import org.fieldsafe.core.crypto.PassphraseCipher;
import org.fieldsafe.core.crypto.odk.OdkRsaKeys;
import org.fieldsafe.core.wire.PassphraseChange;
import org.fieldsafe.core.wire.StudyKeysRequest;

/**
 * Test-only: a study's ODK key as {@code admin keys odk} makes it (RSA-2048, the private key wrapped under a one-time
 * secret for its first holder), posted, then claimed by that holder with {@link Envelopes#PASSPHRASE} through the
 * same passphrase route the CLI uses.
 */
public final class OdkKeyFixture {
    public static final String ONE_TIME = "odk one-time secret for tests";

    public final KeyPairBytes pair = OdkRsaKeys.generate();

    public StudyKeysRequest.Key request(String holder) {
        return new StudyKeysRequest.Key("odk", "RSA-2048", Base64.getEncoder().encodeToString(pair.publicKey()),
                pair.fingerprint(), PassphraseCipher.wrapPrivateKey(pair.privateKey(), ONE_TIME.toCharArray(), "odk",
                        pair.fingerprint(), Envelopes.CHEAP).toJson(), holder);
    }

    public HttpResponse<String> post(TestApp app, String token, String study, String holder) {
        return app.postJson("/studies/" + study + "/odk-key", token, request(holder));
    }

    /** Creates a data manager {@code holder}, posts the key with them as first holder and lets them claim it. */
    public String setUp(TestApp app, String adminToken, String study, String holder) {
        String password = app.createUser(adminToken, holder, "data_manager", List.of()).password();
        HttpResponse<String> created = post(app, adminToken, study, holder);
        if (created.statusCode() != 201) {
            throw new IllegalStateException("ODK key refused: " + created.body());
        }
        HttpResponse<String> claimed = app.postJson("/studies/" + study + "/keys/odk/passphrase",
                app.login(holder, password), new PassphraseChange(ONE_TIME.toCharArray(),
                        Envelopes.PASSPHRASE.toCharArray()));
        if (claimed.statusCode() != 200) {
            throw new IllegalStateException("ODK key not claimed: " + claimed.body());
        }
        return password;
    }

    public PublicKey publicKey() {
        try {
            return OdkRsaKeys.publicKey(pair.publicKey());
        } catch (CryptoException e) {
            throw new IllegalStateException(e);
        }
    }

    public PrivateKey privateKey() {
        try {
            return OdkRsaKeys.privateKey(pair.privateKey());
        } catch (CryptoException e) {
            throw new IllegalStateException(e);
        }
    }
}
