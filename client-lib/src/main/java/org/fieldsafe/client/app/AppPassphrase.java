package org.fieldsafe.client.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.fieldsafe.client.ClientException;
import org.fieldsafe.client.ClientException.Reason;
import org.fieldsafe.client.interview.DraftPassphrase;
import org.fieldsafe.core.crypto.PasswordHasher;

/**
 * The app passphrase: chosen at the app's first start (the same strength rule as a draft passphrase), kept only as
 * an Argon2id hash (PHC string, core's {@link PasswordHasher}) in {@code <home>/app-passphrase}, and asked to unlock
 * the app after quick-hide or idle time. The passphrase itself is never stored or logged.
 */
final class AppPassphrase {
    static final String FILE = "app-passphrase";

    private final Path file;
    private final PasswordHasher hasher;

    AppPassphrase(Path home, PasswordHasher.Cost cost) {
        this.file = home.resolve(FILE);
        this.hasher = new PasswordHasher(cost);
    }

    boolean isSet() {
        return Files.isRegularFile(file);
    }

    /** Sets the passphrase once; {@link IllegalArgumentException} names the rule a weak or mistyped one breaks. */
    synchronized void set(char[] passphrase, char[] again) throws ClientException {
        if (isSet()) {
            throw new IllegalStateException("the app passphrase is already set");
        }
        DraftPassphrase.check(passphrase, again);
        String encoded = hasher.hash(new String(passphrase));
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), FILE, ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the home directory's own protection applies
            }
            Files.writeString(tmp, encoded + "\n", StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ClientException(Reason.STORE, "could not save the app passphrase in " + file.getParent(), e);
        }
    }

    boolean verify(char[] passphrase) throws ClientException {
        if (!isSet() || passphrase == null || passphrase.length == 0) {
            return false;
        }
        try {
            return hasher.verify(new String(passphrase), Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            throw new ClientException(Reason.STORE, "could not read the app passphrase file " + file, e);
        }
    }
}
