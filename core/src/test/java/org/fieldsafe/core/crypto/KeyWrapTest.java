package org.fieldsafe.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class KeyWrapTest {
    private final byte[] kek = Secrets.randomBytes(KeyWrap.KEY_BYTES);
    private final byte[] secret = Secrets.randomBytes(32);

    @Test
    void unwrap_sameKeyAndContext_returnsTheSecret() throws Exception {
        String wrapped = KeyWrap.wrap(kek, secret, "code-key/s1");
        assertThat(KeyWrap.unwrap(kek, wrapped, "code-key/s1")).isEqualTo(secret);
        assertThat(KeyWrap.wrap(kek, secret, "code-key/s1")).isNotEqualTo(wrapped);
    }

    @Test
    void wrap_format_isNonceCiphertextTagOpenedByTheJdkAesGcm() throws Exception {
        byte[] bytes = Base64.getDecoder().decode(KeyWrap.wrap(kek, secret, "code-key/s1"));
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(kek, "AES"),
                new GCMParameterSpec(128, Arrays.copyOf(bytes, 12)));
        cipher.updateAAD("fieldsafe/v1/wrap/code-key/s1".getBytes(StandardCharsets.UTF_8));
        assertThat(cipher.doFinal(bytes, 12, bytes.length - 12)).isEqualTo(secret);
    }

    @Test
    void unwrap_otherKeyContextOrAlteredByte_fails() {
        String wrapped = KeyWrap.wrap(kek, secret, "code-key/s1");
        assertThatThrownBy(() -> KeyWrap.unwrap(Secrets.randomBytes(32), wrapped, "code-key/s1"))
                .isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> KeyWrap.unwrap(kek, wrapped, "code-key/s2")).isInstanceOf(CryptoException.class);
        byte[] altered = Base64.getDecoder().decode(wrapped);
        altered[20] ^= 1;
        assertThatThrownBy(() -> KeyWrap.unwrap(kek, Base64.getEncoder().encodeToString(altered), "code-key/s1"))
                .isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> KeyWrap.unwrap(kek, "not base64!", "code-key/s1"))
                .isInstanceOf(CryptoException.class);
    }
}
