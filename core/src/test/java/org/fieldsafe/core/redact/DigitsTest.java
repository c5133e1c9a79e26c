package org.fieldsafe.core.redact;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DigitsTest {

    @Test
    void toAscii_everyUtf16Unit_asCharacterDigitReadsIt() {
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            char unit = (char) c;
            char expected = c > '9' && Character.isDigit(unit) && !Character.isSurrogate(unit)
                    ? (char) ('0' + Character.digit(unit, 10)) : unit;
            assertThat(Digits.toAscii("a" + unit + "b")).as("U+%04X", c).isEqualTo("a" + expected + "b");
        }
    }

    @Test
    void toAscii_nativeDigitsInText_replacedInPlace() {
        assertThat(Digits.toAscii("ফোন ০১৭১২৩৪৫৬৭৮ ১ম")).isEqualTo("ফোন 01712345678 1ম");
        assertThat(Digits.toAscii("โทร ๐๘๑ และ ๙")).isEqualTo("โทร 081 และ 9");
    }

    @Test
    void toAscii_noNativeDigit_sameString() {
        String text = "ঢাকা 123 e-mail";
        assertThat(Digits.toAscii(text)).isSameAs(text);
    }
}
