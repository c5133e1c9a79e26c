package org.fieldsafe.core.crypto;

import java.util.HexFormat;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.fieldsafe.core.crypto.Digests;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher(new PasswordHasher.Cost(256, 2, 1));

    @Test
    void hash_roundTrip_rightPasswordVerifies() {
        String encoded = hasher.hash("correct horse battery staple");
        assertThat(encoded).startsWith("$argon2id$v=19$m=256,t=2,p=1$");
        assertThat(hasher.verify("correct horse battery staple", encoded)).isTrue();
    }

    @Test
    void verify_wrongPassword_false() {
        assertThat(hasher.verify("wrong", hasher.hash("right"))).isFalse();
    }

    @Test
    void hash_samePasswordTwice_differentSalts() {
        assertThat(hasher.hash("same")).isNotEqualTo(hasher.hash("same"));
    }

    @Test
    void verify_hashMadeWithOtherCost_usesItsOwnParameters() {
        String encoded = new PasswordHasher(new PasswordHasher.Cost(128, 1, 2)).hash("pw");
        assertThat(hasher.verify("pw", encoded)).isTrue();
    }

    @Test
    void verify_malformedHash_false() {
        assertThat(hasher.verify("pw", "not-a-hash")).isFalse();
        assertThat(hasher.verify("pw", "$argon2i$v=19$m=256,t=2,p=1$AAAA$AAAA")).isFalse();
    }

    @Test
    void derive_matchesRfc9106TestVector() {
        // RFC 9106 section 5.3 (Argon2id) with secret and associated data, checked via BouncyCastle directly to
        // pin the primitive the hasher builds on.
        byte[] out = new byte[32];
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(32).withIterations(3).withParallelism(4)
                .withSalt(filled(16, 0x02)).withSecret(filled(8, 0x03)).withAdditional(filled(12, 0x04))
                .build());
        generator.generateBytes(filled(32, 0x01), out);
        assertThat(HexFormat.of().formatHex(out))
                .isEqualTo("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
    }

    @Test
    void secrets_tokenIs256BitsAndHashIsHex() {
        String token = Secrets.newToken();
        assertThat(java.util.Base64.getUrlDecoder().decode(token)).hasSize(32);
        assertThat(Digests.sha256Hex("abc")).isEqualTo(
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Secrets.equal("abc", "abc")).isTrue();
        assertThat(Secrets.equal("abc", "abd")).isFalse();
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        java.util.Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
