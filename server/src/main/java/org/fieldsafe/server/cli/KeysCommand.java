package org.fieldsafe.server.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.fieldsafe.core.crypto.KeyPairBytes;
import org.fieldsafe.core.crypto.PassphraseCipher;
import org.fieldsafe.core.crypto.RespondentCodes;
import org.fieldsafe.core.crypto.StudyKeys;
import org.fieldsafe.core.wire.Manifest;
import org.fieldsafe.core.wire.PassphraseChange;
import org.fieldsafe.core.wire.StudyKeysRequest;
import org.fieldsafe.server.keys.WrappedKeyService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code admin keys init|list|passphrase}: a study's key pairs, created on this machine; the server gets them
 * wrapped. A holder can re-wrap their key under a new passphrase.
 */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Create or list a study's keys.",
        subcommands = {KeysCommand.Init.class, KeysCommand.ListKeys.class, KeysCommand.Passphrase.class,
                KeysCommand.Fetch.class})
final class KeysCommand implements Runnable {
    static final List<String> PURPOSES = List.of("research", "safeguarding", "identity");

    @ParentCommand
    AdminCli admin;

    @Override
    public void run() {
        throw new CliException("Missing command: keys init or keys list");
    }

    @Command(name = "init", mixinStandardHelpOptions = true,
            description = {"Create the study's research, safeguarding and identity key pairs on this machine, wrap "
                    + "each private key under its holder's passphrase and upload them with a new respondent-code "
                    + "key. Passphrases (at least " + Passphrases.MIN_LENGTH + " characters) come from "
                    + "FIELDSAFE_PASSPHRASE_RESEARCH, _SAFEGUARDING and _IDENTITY, or are asked twice on the "
                    + "console. The server never sees a passphrase or an unwrapped key; keys are set once."})
    static final class Init implements Runnable {
        @ParentCommand
        private KeysCommand keys;

        @Option(names = "--study", required = true, description = "Study id")
        private String study;

        @Override
        public void run() {
            AdminCli admin = keys.admin;
            ApiClient client = admin.client();
            List<StudyKeysRequest.Key> wrapped = new ArrayList<>();
            for (String purpose : PURPOSES) {
                char[] passphrase = Passphrases.ask(admin.env, purpose);
                KeyPairBytes pair = StudyKeys.generateX25519();
                byte[] privateKey = pair.privateKey();
                try {
                    admin.out.println("Wrapping the " + purpose + " key...");
                    wrapped.add(new StudyKeysRequest.Key(purpose, "X25519",
                            Base64.getEncoder().encodeToString(pair.publicKey()), pair.fingerprint(),
                            PassphraseCipher.wrapPrivateKey(privateKey, passphrase, purpose, pair.fingerprint(),
                                    PassphraseCipher.DEFAULT_COST).toJson()));
                } finally {
                    Arrays.fill(passphrase, '\0');
                    Arrays.fill(privateKey, (byte) 0);
                    pair.destroy();
                }
            }
            byte[] codeKey = RespondentCodes.newKey();
            StudyKeysRequest request = new StudyKeysRequest(wrapped, Base64.getEncoder().encodeToString(codeKey));
            Arrays.fill(codeKey, (byte) 0);
            List<Manifest.StudyKey> created = client.send("POST", "/studies/" + study + "/keys", request,
                    client.json().getTypeFactory().constructCollectionType(List.class, Manifest.StudyKey.class));
            admin.out.println("Keys of " + study + " created (fingerprints):");
            print(admin, created);
            admin.out.println("Devices enrolled from now on pin these keys; devices enrolled before must re-enrol.");
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List a study's public keys.")
    static final class ListKeys implements Runnable {
        @ParentCommand
        private KeysCommand keys;

        @Option(names = "--study", required = true, description = "Study id")
        private String study;

        @Override
        public void run() {
            AdminCli admin = keys.admin;
            ApiClient client = admin.client();
            List<Manifest.StudyKey> listed = client.get("/studies/" + study + "/keys",
                    client.json().getTypeFactory().constructCollectionType(List.class, Manifest.StudyKey.class));
            if (listed.isEmpty()) {
                admin.out.println("The study has no keys yet: run 'admin keys init --study " + study + "'");
            }
            print(admin, listed);
        }
    }

    /** The {@code --study} and {@code --purpose} of one study key. */
    static final class StudyKeyOption {
        @Option(names = "--study", required = true, description = "Study id")
        String study;

        @Option(names = "--purpose", required = true, description = "research, safeguarding or identity")
        String purpose;

        String path() {
            return "/studies/" + study + "/keys/" + purpose;
        }
    }

    @Command(name = "passphrase", mixinStandardHelpOptions = true,
            description = {"Change the passphrase of a study key you hold: the server unwraps it with the current "
                    + "passphrase and wraps the same key under the new one (the fingerprint stays). Passphrases come "
                    + "from FIELDSAFE_PASSPHRASE and FIELDSAFE_NEW_PASSPHRASE (at least " + Passphrases.MIN_LENGTH
                    + " characters), or are asked on the console."})
    static final class Passphrase implements Runnable {
        @ParentCommand
        private KeysCommand keys;

        @Mixin
        private StudyKeyOption key;

        @Override
        public void run() {
            AdminCli admin = keys.admin;
            if (!PURPOSES.contains(key.purpose)) {
                throw new CliException("--purpose must be one of " + String.join(", ", PURPOSES));
            }
            ApiClient client = admin.client();
            char[] current = Passphrases.existing(admin.env, key.purpose);
            char[] next = null;
            try {
                next = Passphrases.next(admin.env, key.purpose);
                Manifest.StudyKey changed = client.post(key.path() + "/passphrase", new PassphraseChange(current, next),
                        Manifest.StudyKey.class);
                admin.out.println("The " + changed.purpose() + " key of " + key.study + " is now wrapped under the new "
                        + "passphrase (fingerprint unchanged: " + changed.fingerprint() + ").");
            } finally {
                Passphrases.wipe(current);
                Passphrases.wipe(next);
            }
        }
    }

    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = {"Save a study private key, still wrapped under its holder's passphrase, to a file (readable "
                    + "by you only) for exports on this machine ('admin export --key FILE'). Only the key's holders "
                    + "(study.yaml key_holders) may fetch it; the fetch is audited."})
    static final class Fetch implements Runnable {
        @ParentCommand
        private KeysCommand keys;

        @Mixin
        private StudyKeyOption key;

        @Option(names = "--out", required = true, description = "The key file to write (must not exist)")
        private Path out;

        @Override
        public void run() {
            AdminCli admin = keys.admin;
            ApiClient client = admin.client();
            WrappedKeyService.WrappedKeyFile file = client.get(key.path() + "/wrapped",
                    client.json().constructType(WrappedKeyService.WrappedKeyFile.class));
            try {
                Files.write(ownerOnly(out), client.json().writerWithDefaultPrettyPrinter()
                        .writeValueAsBytes(file), StandardOpenOption.TRUNCATE_EXISTING);
            } catch (IOException e) {
                throw new CliException("Cannot write " + out + ": " + e.getMessage());
            }
            admin.out.println("Saved the " + key.purpose + " key of " + key.study + " (" + file.fingerprint() + ") to "
                    + out + ", still wrapped under its holder's passphrase. Keep it offline.");
        }

        private static Path ownerOnly(Path file) throws IOException {
            if (Files.exists(file)) {
                throw new CliException(file + " exists; give a new file name");
            }
            try {
                return Files.createFile(file, PosixFilePermissions
                        .asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                return Files.createFile(file);
            }
        }
    }

    private static void print(AdminCli admin, List<Manifest.StudyKey> keys) {
        for (Manifest.StudyKey key : keys) {
            admin.out.printf(Locale.ROOT, "%-13s %-7s %s%n", key.purpose(), key.algorithm(), key.fingerprint());
        }
    }
}
