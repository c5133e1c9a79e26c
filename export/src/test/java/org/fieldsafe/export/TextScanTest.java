package org.fieldsafe.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fieldsafe.core.forms.Redaction;
import org.junit.jupiter.api.Test;

/** The export's text scan: placeholders, stable ids, kept originals and the review's context at a text's edges. */
class TextScanTest {
    private static final TextScan SCAN = new TextScan(new Redaction(List.of("Svay Rieng"), List.of("MOSAVY"),
            Map.of()));

    @Test
    void scan_placeholderAtTheVeryEndAndStart_contextCutAtTheEdges() {
        // a transcript that ends with a phone number: the context after it is empty, not an error
        TextScan.Scanned s = SCAN.scan("i/r/transcript-km-v1", "Svay Rieng, call 012 345 678", Set.of());
        assertThat(s.text()).isEqualTo("[PLACE], call [PHONE]");
        assertThat(s.found()).extracting(TextScan.Found::id)
                .containsExactly("i/r/transcript-km-v1#0", "i/r/transcript-km-v1#1");
        TextScan.Found place = s.found().get(0);
        assertThat(place.before()).isEmpty();
        assertThat(place.offset()).isZero();
        assertThat(place.length()).isEqualTo("[PLACE]".length());
        TextScan.Found phone = s.found().get(1);
        assertThat(phone.original()).isEqualTo("012 345 678");
        assertThat(phone.after()).isEmpty();
        assertThat(phone.before()).isEqualTo("[PLACE], call ");
        assertThat(s.text().substring(phone.offset(), phone.offset() + phone.length())).isEqualTo("[PHONE]");
    }

    @Test
    void scan_keptOriginal_writtenAsGivenAndMarkedKept() {
        TextScan.Scanned s = SCAN.scan("i/r/q", "MOSAVY helped", Set.of("i/r/q#0"));
        assertThat(s.text()).isEqualTo("MOSAVY helped");
        assertThat(s.found()).singleElement().satisfies(f -> {
            assertThat(f.kept()).isTrue();
            assertThat(f.kind()).isEqualTo("organisation");
            assertThat(f.after()).isEqualTo(" helped");
        });
    }

    @Test
    void scan_nothingFound_textUnchanged() {
        assertThat(SCAN.scan("i/r/q", "A quiet answer.", Set.of()).found()).isEmpty();
    }
}
