package org.fieldsafe.core.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RespondentCodesTest {

    @Test
    void hash_rfc4231TestCase1_matches() {
        byte[] key = new byte[20];
        Arrays.fill(key, (byte) 0x0b);
        assertThat(RespondentCodes.hash(key, "Hi There"))
                .isEqualTo("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    }

    @Test
    void hash_rfc4231TestCase2_matches() {
        assertThat(RespondentCodes.hash("Jefe".getBytes(StandardCharsets.US_ASCII), "what do ya want for nothing?"))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void hash_sameKeyAndCode_deterministic() {
        byte[] key = RespondentCodes.newKey();
        assertThat(RespondentCodes.hash(key, "KH-SVR-RH-007")).isEqualTo(RespondentCodes.hash(key, "KH-SVR-RH-007"))
                .hasSize(64).matches("[0-9a-f]{64}");
    }

    @Test
    void hash_differentKeys_differ() {
        assertThat(RespondentCodes.hash(RespondentCodes.newKey(), "KH-SVR-RH-007"))
                .isNotEqualTo(RespondentCodes.hash(RespondentCodes.newKey(), "KH-SVR-RH-007"));
    }

    @Test
    void hash_surroundingWhitespace_trimmedButCaseKept() {
        byte[] key = RespondentCodes.newKey();
        assertThat(RespondentCodes.hash(key, "  KH-SVR-RH-007\n")).isEqualTo(RespondentCodes.hash(key, "KH-SVR-RH-007"));
        assertThat(RespondentCodes.hash(key, "kh-svr-rh-007")).isNotEqualTo(RespondentCodes.hash(key, "KH-SVR-RH-007"));
        assertThat(RespondentCodes.hash(key, "KH-SVR-RH-008")).isNotEqualTo(RespondentCodes.hash(key, "KH-SVR-RH-007"));
    }

    @Test
    void newKey_32RandomBytes() {
        assertThat(RespondentCodes.newKey()).hasSize(32).isNotEqualTo(RespondentCodes.newKey());
    }

    @Test
    void matches_rightAndWrongHash() {
        byte[] key = RespondentCodes.newKey();
        String hash = RespondentCodes.hash(key, "KH-SVR-RH-007");
        assertThat(RespondentCodes.matches(key, " KH-SVR-RH-007 ", hash)).isTrue();
        assertThat(RespondentCodes.matches(key, "KH-SVR-RH-008", hash)).isFalse();
        assertThat(RespondentCodes.matches(key, "KH-SVR-RH-007", null)).isFalse();
    }

    @Test
    void hash_blankCodeOrNoKey_illegalArgument() {
        assertThatThrownBy(() -> RespondentCodes.hash(RespondentCodes.newKey(), "  "))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RespondentCodes.hash(new byte[0], "KH-SVR-RH-007"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
