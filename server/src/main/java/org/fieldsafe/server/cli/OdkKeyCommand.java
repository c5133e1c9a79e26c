package org.fieldsafe.server.cli;

import java.util.Arrays;
import java.util.Base64;
import org.fieldsafe.core.crypto.KeyPairBytes;
import org.fieldsafe.core.crypto.PassphraseCipher;
import org.fieldsafe.core.crypto.Secrets;
import org.fieldsafe.core.crypto.odk.OdkRsaKeys;
import org.fieldsafe.core.wire.Manifest;
import org.fieldsafe.core.wire.StudyKeysRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code admin keys odk --study S --holder USER}: the study's RSA key pair for ODK Collect (OpenRosa), made on this
 * machine like the other study keys. The public key goes into every XForm as {@code base64RsaPublicKey}; the
 * private key goes to the server only as the holder's pending copy under a one-time secret printed once.
 */
@Command(name = "odk", mixinStandardHelpOptions = true,
        description = {"Create the study's RSA-2048 key pair for ODK-encrypted submissions (ODK Collect over "
                + "OpenRosa) on this machine, after 'keys init'. Its public key is published in the study's XForms; "
                + "its private key goes to the server only as the holder's pending copy (purpose odk), wrapped under "
                + "a one-time secret printed here once. The holder (a research key holder, e.g. a data manager) "
                + "sets their own passphrase with it: 'keys passphrase --purpose odk'. Set once per study."})
final class OdkKeyCommand implements Runnable {
    @ParentCommand
    private KeysCommand keys;

    @Option(names = "--study", required = true, description = "Study id")
    private String study;

    @Option(names = "--holder", required = true, paramLabel = "USER",
            description = "The key's first holder: a person whose role holds the research key (study.yaml key_holders)")
    private String holder;

    @Override
    public void run() {
        AdminCli admin = keys.admin;
        ApiClient client = admin.client();
        String secret = Secrets.newToken();
        KeyPairBytes pair = OdkRsaKeys.generate();
        byte[] privateKey = pair.privateKey();
        char[] chars = secret.toCharArray();
        StudyKeysRequest.Key request;
        try {
            admin.out.println("Wrapping the ODK key for " + holder + "...");
            request = new StudyKeysRequest.Key("odk", "RSA-2048", Base64.getEncoder().encodeToString(pair.publicKey()),
                    pair.fingerprint(), PassphraseCipher.wrapPrivateKey(privateKey, chars, "odk", pair.fingerprint(),
                            PassphraseCipher.DEFAULT_COST).toJson(), holder);
        } finally {
            Arrays.fill(chars, '\0');
            Arrays.fill(privateKey, (byte) 0);
            pair.destroy();
        }
        Manifest.StudyKey created = client.post("/studies/" + study + "/odk-key", request, Manifest.StudyKey.class);
        admin.out.println("ODK key of " + study + " created (fingerprint): " + created.fingerprint());
        admin.out.println("One-time secret for " + holder + ", shown only now: " + secret);
        admin.out.println("They set their own passphrase with it (FIELDSAFE_PASSPHRASE=<secret> ./fieldsafe admin keys "
                + "passphrase --study " + study + " --purpose odk); until then the copy unlocks nothing.");
    }
}
