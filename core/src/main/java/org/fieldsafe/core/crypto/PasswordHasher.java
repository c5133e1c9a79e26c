package org.fieldsafe.core.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Argon2id password hashes in the PHC string format
 * ({@code $argon2id$v=19$m=65536,t=3,p=1$<salt>$<hash>}), so each hash carries its own salt and cost.
 */
public final class PasswordHasher {
    private static final Pattern ENCODED = Pattern.compile(
            "^\\$argon2id\\$v=19\\$m=(\\d{1,8}),t=(\\d{1,3}),p=(\\d{1,3})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)$");
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    private final Cost cost;

    /** Argon2id cost: memory in KiB, passes, lanes. */
    public record Cost(int memoryKib, int iterations, int parallelism) {

        /** True when this cost is at least {@code minimum} in memory, passes and lanes alike. */
        public boolean atLeast(Cost minimum) {
            return memoryKib >= minimum.memoryKib && iterations >= minimum.iterations
                    && parallelism >= minimum.parallelism;
        }
    }

    public PasswordHasher(Cost cost) {
        this.cost = cost;
    }

    public String hash(String password) {
        byte[] salt = Secrets.randomBytes(SALT_BYTES);
        byte[] hash = derive(password, salt, cost.memoryKib(), cost.iterations(), cost.parallelism(), HASH_BYTES);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$m=" + cost.memoryKib() + ",t=" + cost.iterations() + ",p=" + cost.parallelism()
                + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    /** True when {@code password} matches {@code encoded}; false for a wrong password or a malformed hash. */
    public boolean verify(String password, String encoded) {
        Matcher m = ENCODED.matcher(encoded);
        if (!m.matches()) {
            return false;
        }
        Base64.Decoder b64 = Base64.getDecoder();
        byte[] salt = b64.decode(m.group(4));
        byte[] expected = b64.decode(m.group(5));
        byte[] actual = derive(password, salt, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    /** Spends the same work as a verification, so unknown user names are not faster to reject. */
    public void burn(String password) {
        derive(password, new byte[SALT_BYTES], cost.memoryKib(), cost.iterations(), cost.parallelism(), HASH_BYTES);
    }

    private static byte[] derive(String password, byte[] salt, int memoryKib, int iterations, int parallelism,
                                 int length) {
        return Argon2id.derive(password.getBytes(StandardCharsets.UTF_8), salt, memoryKib, iterations, parallelism,
                length);
    }
}
