package org.fieldsafe.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.fieldsafe.core.crypto.PassphraseCipher;

/**
 * Study key custody (docs/sealing.md, "Key custody").
 *
 * @param minArgon2 the least Argon2id cost of a wrapped private key: an uploaded copy ({@code admin keys init})
 *                  wrapped more cheaply is refused, and every copy the server wraps itself (a passphrase change,
 *                  a holder taking up a pending copy, a grant) is wrapped at exactly this cost
 */
public record KeysConfig(@JsonProperty @Valid @NotNull AuthConfig.Argon2 minArgon2) {
    public static KeysConfig defaults() {
        return new KeysConfig(new AuthConfig.Argon2(PassphraseCipher.DEFAULT_COST.memoryKib(),
                PassphraseCipher.DEFAULT_COST.iterations(), PassphraseCipher.DEFAULT_COST.parallelism()));
    }
}
