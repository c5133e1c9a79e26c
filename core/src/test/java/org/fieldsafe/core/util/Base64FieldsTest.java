package org.fieldsafe.core.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Base64FieldsTest {
    private static final String CHARACTERS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_ \n\r!\u0100\u00c1\u0141";

    /** What decoding says of a field: its length, or -1 when it is refused. */
    private static long decoded(String field) {
        byte[] bytes = Base64Fields.decodeOrNull(field);
        return bytes == null ? -1 : bytes.length;
    }

    @Test
    void decodedLength_anyField_sameVerdictAndLengthAsDecoding() {
        Random random = new Random(19);
        List<String> fields = new ArrayList<>(List.of("", "=", "==", "A", "AA", "AAA", "AAAA", "AA==", "AA=", "AAA=",
                "AAAA====", "AB=C", "QUJD\n", " QUJD", "QUJD\r\n", "QU-D", "QU_D", "Q\u0100JD", "\u0141UJD"));
        for (int i = 0; i < 50_000; i++) {
            byte[] bytes = new byte[random.nextInt(48)];
            random.nextBytes(bytes);
            String field = Base64.getEncoder().encodeToString(bytes);
            if (random.nextBoolean() && !field.isEmpty()) {
                char[] chars = field.toCharArray();
                for (int k = random.nextInt(3); k > 0; k--) {
                    chars[random.nextInt(chars.length)] = CHARACTERS.charAt(random.nextInt(CHARACTERS.length()));
                }
                field = new String(chars);
                if (random.nextInt(4) == 0) {
                    field = field.substring(0, random.nextInt(field.length() + 1));
                }
                if (random.nextInt(4) == 0) {
                    field += CHARACTERS.charAt(random.nextInt(CHARACTERS.length()));
                }
            }
            fields.add(field);
        }
        long refused = 0;
        for (String field : fields) {
            assertThat(Base64Fields.decodedLength(field)).as(field).isEqualTo(decoded(field));
            refused += decoded(field) < 0 ? 1 : 0;
        }
        // both verdicts are exercised
        assertThat(refused).isBetween(5_000L, 45_000L);
        assertThat(Base64Fields.decodedLength(null)).isEqualTo(-1);
    }

    @Test
    void decodedLength_fieldsOfSeveralKilobytes_sameVerdictAndLengthAsDecoding() {
        // fields of kilobytes, as an upload's ciphertext: bad characters, padding and cuts anywhere, and about a
        // kilobyte in (where decodedLength once decoded in chunks)
        Random random = new Random(20);
        long refused = 0;
        for (int i = 0; i < 3_000; i++) {
            int size = random.nextBoolean() ? 765 + random.nextInt(9) : random.nextInt(5_000);
            byte[] bytes = new byte[size];
            random.nextBytes(bytes);
            char[] chars = Base64.getEncoder().encodeToString(bytes).toCharArray();
            if (chars.length > 0 && random.nextBoolean()) {
                int at = random.nextBoolean() ? Math.min(chars.length - 1, 1020 + random.nextInt(8))
                        : random.nextInt(chars.length);
                chars[at] = CHARACTERS.charAt(random.nextInt(CHARACTERS.length()));
            }
            String field = new String(chars);
            if (random.nextInt(4) == 0) {
                field = field.substring(0, random.nextInt(field.length() + 1));
            }
            assertThat(Base64Fields.decodedLength(field)).as("field of %d characters", field.length())
                    .isEqualTo(decoded(field));
            refused += decoded(field) < 0 ? 1 : 0;
        }
        assertThat(refused).isBetween(300L, 2_700L);
    }

    @Test
    void decodedLength_paddingFollowedByData_refused() {
        // the JDK's decoding stream alone stops at the padding and would count these as 1, 2 and 11 bytes
        assertThat(Base64Fields.decodedLength("AA==AA==")).isEqualTo(-1);
        assertThat(Base64Fields.decodedLength("AAA=A")).isEqualTo(-1);
        assertThat(Base64Fields.decodedLength("08W0N2oPE2iQAJP==")).isEqualTo(-1);
        assertThat(Base64Fields.decodedLength("AAA=")).isEqualTo(2);
        assertThat(Base64Fields.decodedLength(Base64.getEncoder().encodeToString(new byte[10_000]))).isEqualTo(10_000);
    }
}
