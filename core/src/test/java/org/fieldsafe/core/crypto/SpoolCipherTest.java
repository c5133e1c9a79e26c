package org.fieldsafe.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SpoolCipherTest {
    private static final byte[] PLAIN = "answer text ".repeat(300_000).getBytes(StandardCharsets.UTF_8);

    private static byte[] encrypt(SpoolCipher cipher, String purpose) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream enc = cipher.encrypt(out, purpose)) {
            enc.write(PLAIN);
        }
        return out.toByteArray();
    }

    private static byte[] decrypt(SpoolCipher cipher, byte[] sealed, String purpose) throws IOException {
        try (InputStream in = cipher.decrypt(new ByteArrayInputStream(sealed), purpose)) {
            return in.readAllBytes();
        }
    }

    @Test
    void decrypt_sameCipherAndPurpose_roundTripsSeveralSegments() throws IOException {
        try (SpoolCipher cipher = new SpoolCipher()) {
            byte[] sealed = encrypt(cipher, "rows");
            assertThat(PLAIN.length).isGreaterThan(3 << 20);
            assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("answer text");
            assertThat(decrypt(cipher, sealed, "rows")).isEqualTo(PLAIN);
        }
    }

    @Test
    void decrypt_smallSegments_roundTripsAndRefusesATruncatedFile() throws IOException {
        try (SpoolCipher cipher = new SpoolCipher(1 << 16)) {
            byte[] sealed = encrypt(cipher, "cases");
            assertThat(decrypt(cipher, sealed, "cases")).isEqualTo(PLAIN);
            byte[] truncated = Arrays.copyOf(sealed, sealed.length - (1 << 16));
            assertThatThrownBy(() -> decrypt(cipher, truncated, "cases")).isInstanceOf(IOException.class);
        }
        assertThatThrownBy(() -> new SpoolCipher(100)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decrypt_otherKeyOtherPurposeAlteredOrTruncated_fails() throws IOException {
        try (SpoolCipher cipher = new SpoolCipher(); SpoolCipher other = new SpoolCipher()) {
            byte[] sealed = encrypt(cipher, "rows");
            assertThatThrownBy(() -> decrypt(other, sealed, "rows")).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> decrypt(cipher, sealed, "other")).isInstanceOf(IOException.class);
            byte[] altered = sealed.clone();
            altered[altered.length / 2] ^= 1;
            assertThatThrownBy(() -> decrypt(cipher, altered, "rows")).isInstanceOf(IOException.class);
            byte[] truncated = Arrays.copyOf(sealed, sealed.length - (1 << 20));
            assertThatThrownBy(() -> decrypt(cipher, truncated, "rows")).isInstanceOf(IOException.class);
        }
    }
}
