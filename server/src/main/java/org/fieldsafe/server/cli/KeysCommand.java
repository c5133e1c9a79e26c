package org.fieldsafe.server.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.fieldsafe.core.crypto.KeyPairBytes;
import org.fieldsafe.core.crypto.PassphraseCipher;
import org.fieldsafe.core.crypto.RespondentCodes;
import org.fieldsafe.core.crypto.Secrets;
import org.fieldsafe.core.crypto.StudyKeys;
import org.fieldsafe.core.wire.KeyGrant;
import org.fieldsafe.core.wire.KeyGrantRequest;
import org.fieldsafe.core.wire.KeyHolder;
import org.fieldsafe.core.wire.Manifest;
import org.fieldsafe.core.wire.PassphraseChange;
import org.fieldsafe.core.wire.StudyKeysRequest;
import org.fieldsafe.core.wire.WrappedKeyFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code admin keys init|list|passphrase|fetch|grant|revoke}: a study's key pairs, created on this machine;
 * the server gets each private key only as its holders' own wrapped copies. A holder re-wraps their copy under a new
 * passphrase (or sets their first one), adds another holder or removes one.
 */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Create or list a study's keys.",
        subcommands = {KeysCommand.Init.class, KeysCommand.ListKeys.class, KeysCommand.Passphrase.class,
                KeysCommand.Fetch.class, KeysCommand.Grant.class, KeysCommand.Revoke.class, OdkKeyCommand.class,
                TranscriptionKeyCommand.class})
final class KeysCommand implements Runnable {
    static final List<String> PURPOSES = List.of("research", "safeguarding", "identity");
    /** Every key a holder holds a copy of: the three above and the ODK key ({@code keys odk}). */
    static final List<String> HELD_PURPOSES = List.of("research", "safeguarding", "identity", "odk", "transcription");

    @ParentCommand
    AdminCli admin;

    @Override
    public void run() {
        throw new CliException("Missing command: keys init, list, passphrase, fetch, grant, revoke or odk");
    }

    @Command(name = "init", mixinStandardHelpOptions = true,
            description = {"Create the study's research, safeguarding and identity key pairs on this machine and "
                    + "upload them with a new respondent-code key. Each private key goes to the server only as its "
                    + "first holder's pending copy, wrapped under a fresh one-time secret printed here once: hand "
                    + "it to that holder, who sets their own passphrase with it ('keys passphrase') before the copy "
                    + "unlocks anything. You never set or see a holder's passphrase; keys are set once."})
    static final class Init implements Runnable {
        @ParentCommand
        private KeysCommand keys;

        @Option(names = "--study", required = true, description = "Study id")
        private String study;

        @Option(names = "--holder", required = true, paramLabel = "PURPOSE=USER",
                description = "The first holder of each key, e.g. --holder research=dm1 --holder safeguarding=so-kh "
                        + "--holder identity=pi1 (their role must hold the key in study.yaml key_holders)")
        private Map<String, String> holders;

        @Override
        public void run() {
            AdminCli admin = keys.admin;
            if (!new TreeSet<>(holders.keySet()).equals(new TreeSet<>(PURPOSES))) {
                throw new CliException("--holder needs one user for each of " + String.join(", ", PURPOSES));
            }
            ApiClient client = admin.client();
            List<StudyKeysRequest.Key> wrapped = new ArrayList<>();
            Map<String, String> secrets = new LinkedHashMap<>();
            for (String purpose : PURPOSES) {
                String secret = Secrets.newToken();
                wrapped.add(wrapForFirstHolder(admin, purpose, "X25519", StudyKeys.generateX25519(),
                        holders.get(purpose), secret));
                secrets.put(purpose, secret);
            }
            byte[] codeKey = RespondentCodes.newKey();
            StudyKeysRequest request = new StudyKeysRequest(wrapped, Base64.getEncoder().encodeToString(codeKey));
            Arrays.fill(codeKey, (byte) 0);
            List<Manifest.StudyKey> created = client.send("POST", "/studies/" + study + "/keys", request,
                    client.json().getTypeFactory().constructCollectionType(List.class, Manifest.StudyKey.class));
            admin.out.println("Keys of " + study + " created (fingerprints):");
            print(admin, created);
            admin.out.println("One-time secrets, shown only now: give each to its holder, who sets their own "
                    + "passphrase with it (FIELDSAFE_PASSPHRASE=<secret> ./fieldsafe admin keys passphrase --study "
                    + study + " --purpose <purpose>); until then the copy unlocks nothing:");
            secrets.forEach((purpose, secret) -> admin.out.printf(Locale.ROOT, "%-13s %-16s %s%n", purpose,
                    holders.get(purpose), secret));
            admin.out.println("Devices enrolled from now on pin these keys; devices enrolled before must re-enrol.");
        }
    }

    /**
     * A new key pair's request: the private key wrapped under the one-time {@code secret} for its first holder (who
     * sets their own passphrase with it), the key material wiped after; {@code keys init} and {@code keys odk}.
     */
    static StudyKeysRequest.Key wrapForFirstHolder(AdminCli admin, String purpose, String algorithm,
                                                   KeyPairBytes pair, String holder, String secret) {
        byte[] privateKey = pair.privateKey();
        char[] chars = secret.toCharArray();
        try {
            admin.out.println("Wrapping the " + purpose + " key for " + holder + "...");
            return new StudyKeysRequest.Key(purpose, algorithm, Base64.getEncoder().encodeToString(pair.publicKey()),
                    pair.fingerprint(), PassphraseCipher.wrapPrivateKey(privateKey, chars, purpose, pair.fingerprint(),
                            PassphraseCipher.DEFAULT_COST).toJson(), holder);
        } finally {
            Arrays.fill(chars, '\0');
            Arrays.fill(privateKey, (byte) 0);
            pair.destroy();
        }
    }

    /**
     * One more study key ({@code keys odk}, {@code keys transcription}): the pair wrapped for its first holder under a
     * new one-time secret, posted to {@code /studies/{study}/{purpose}-key}, and the fingerprint, the secret (shown
     * only now) and how the holder sets their own passphrase printed.
     */
    static void createForFirstHolder(AdminCli admin, String study, String purpose, String name, String algorithm,
                                     KeyPairBytes pair, String holder) {
        String secret = Secrets.newToken();
        StudyKeysRequest.Key request = wrapForFirstHolder(admin, purpose, algorithm, pair, holder, secret);
        Manifest.StudyKey created = admin.client().post("/studies/" + study + "/" + purpose + "-key", request,
                Manifest.StudyKey.class);
        admin.out.println(name + " key of " + study + " created (fingerprint): " + created.fingerprint());
        admin.out.println("One-time secret for " + holder + ", shown only now: " + secret);
        admin.out.println("They set their own passphrase with it (FIELDSAFE_PASSPHRASE=<secret> ./fieldsafe admin keys "
                + "passphrase --study " + study + " --purpose " + purpose + "); until then the copy unlocks nothing.");
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List a study's public keys and who holds a copy of each (pending until they set their "
                    + "passphrase).")
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
            List<KeyHolder> holders = client.get("/studies/" + study + "/keys/holders",
                    client.json().getTypeFactory().constructCollectionType(List.class, KeyHolder.class));
            for (KeyHolder holder : holders) {
                admin.out.printf(Locale.ROOT, "holder: %-13s %-16s %-8s granted by %s%n", holder.purpose(),
                        holder.user(), holder.state(), holder.grantedBy());
            }
        }
    }

    /** The {@code --study} and {@code --purpose} of one study key. */
    static class StudyKeyOption {
        @Option(names = "--study", required = true, description = "Study id")
        String study;

        @Option(names = "--purpose", required = true, description = "research, safeguarding, identity or odk")
        String purpose;

        String path() {
            return "/studies/" + study + "/keys/" + purpose;
        }

        /** {@link #path()}, once the purpose is known to be one of {@link #PURPOSES}. */
        String checkedPath() {
            if (!HELD_PURPOSES.contains(purpose)) {
                throw new CliException("--purpose must be one of " + String.join(", ", HELD_PURPOSES));
            }
            return path();
        }
    }

    /** One study key and one of its (new or present) holders. */
    static final class KeyHolderOption extends StudyKeyOption {
        @Option(names = "--user", required = true, description = "The holder (their role must hold the key)")
        String user;
    }

    @Command(name = "passphrase", mixinStandardHelpOptions = true,
            description = {"Change the passphrase of your own copy of a study key: the server unwraps it with the "
                    + "current passphrase for this request only and wraps the same key under the new one (the "
                    + "fingerprint stays). A new holder sets their first passphrase this way, the current one being "
                    + "the one-time secret they were given. Passphrases come from FIELDSAFE_PASSPHRASE and "
                    + "FIELDSAFE_NEW_PASSPHRASE (at least " + Passphrases.MIN_LENGTH + " characters), or are asked "
                    + "on the console."})
    static final class Passphrase implements Runnable {
        @ParentCommand
        private KeysCommand keys;

        @Mixin
        private StudyKeyOption key;

        @Override
        public void run() {
            AdminCli admin = keys.admin;
            String path = key.checkedPath();
            ApiClient client = admin.client();
            char[] current = Passphrases.existing(admin.env, key.purpose);
            char[] next = null;
            try {
                next = Passphrases.next(admin.env, key.purpose);
                Manifest.StudyKey changed = client.post(path + "/passphrase", new PassphraseChange(current, next),
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
            description = {"Save your own copy of a study private key, still wrapped under your passphrase, to a file "
                    + "(readable by you only) for exports on this machine ('admin export --key FILE'). Only the key's "
                    + "holders may fetch their copy; no passphrase is sent; the fetch is audited."})
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
            WrappedKeyFile file = client.get(key.path() + "/wrapped",
                    client.json().constructType(WrappedKeyFile.class));
            try {
                Files.write(ownerOnly(out), client.json().writerWithDefaultPrettyPrinter()
                        .writeValueAsBytes(file), StandardOpenOption.TRUNCATE_EXISTING);
            } catch (IOException e) {
                throw new CliException("Cannot write " + out + ": " + e.getMessage());
            }
            admin.out.println("Saved the " + key.purpose + " key of " + key.study + " (" + file.fingerprint() + ") to "
                    + out + ", still wrapped under your passphrase. Keep it offline.");
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

    @Command(name = "grant", mixinStandardHelpOptions = true,
            description = {"Add a holder of a study key you hold: the server unlocks your copy with your passphrase "
                    + "(FIELDSAFE_PASSPHRASE_<PURPOSE> or FIELDSAFE_PASSPHRASE, or asked) for this request only and "
                    + "wraps the key for the new holder under a one-time secret, printed here once: hand it to them; "
                    + "they set their own passphrase with it ('keys passphrase'). Audited."})
    static final class Grant implements Runnable {
        @ParentCommand
        private KeysCommand keys;

        @Mixin
        private KeyHolderOption key;

        @Override
        public void run() {
            AdminCli admin = keys.admin;
            String path = key.checkedPath();
            ApiClient client = admin.client();
            char[] passphrase = Passphrases.existing(admin.env, key.purpose);
            try {
                KeyGrant grant = client.post(path + "/holders", new KeyGrantRequest(key.user, passphrase),
                        KeyGrant.class);
                admin.out.println(grant.user() + " now holds a pending copy of the " + grant.purpose() + " key of "
                        + grant.study() + " (" + grant.fingerprint() + ").");
                admin.out.println("One-time secret, shown only now; give it to " + grant.user() + ", who sets their "
                        + "own passphrase with it (FIELDSAFE_PASSPHRASE=<secret> ./fieldsafe admin keys passphrase "
                        + "--study " + grant.study() + " --purpose " + grant.purpose() + "):");
                admin.out.println(grant.oneTimeSecret());
            } finally {
                Passphrases.wipe(passphrase);
            }
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = {"Remove a holder of a study key: their wrapped copy is deleted (never the last active "
                    + "one). The admin or a holder of the key may; audited."})
    static final class Revoke implements Runnable {
        @ParentCommand
        private KeysCommand keys;

        @Mixin
        private KeyHolderOption key;

        @Override
        public void run() {
            AdminCli admin = keys.admin;
            admin.client().send("DELETE", key.checkedPath() + "/holders/" + key.user, null, null);
            admin.out.println(key.user + " no longer holds the " + key.purpose + " key of " + key.study
                    + " (their copy is deleted).");
        }
    }

    private static void print(AdminCli admin, List<Manifest.StudyKey> keys) {
        for (Manifest.StudyKey key : keys) {
            admin.out.printf(Locale.ROOT, "%-13s %-7s %s%n", key.purpose(), key.algorithm(), key.fingerprint());
        }
    }
}
