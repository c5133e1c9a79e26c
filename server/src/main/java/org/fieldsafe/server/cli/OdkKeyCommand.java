package org.fieldsafe.server.cli;

import org.fieldsafe.core.crypto.odk.OdkRsaKeys;
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
        KeysCommand.createForFirstHolder(keys.admin, study, "odk", "ODK", "RSA-2048", OdkRsaKeys.generate(), holder);
    }
}
