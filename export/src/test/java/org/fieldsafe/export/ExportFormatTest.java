package org.fieldsafe.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import org.fieldsafe.core.json.JsonMappers;
import org.fieldsafe.core.util.WireEnum;
import org.junit.jupiter.api.Test;

/** The export formats are wire enums with their own spelling, the one requests, the CLI and manifests use. */
class ExportFormatTest {
    private static final ObjectMapper JSON = JsonMappers.plain();

    @Test
    void wire_everyFormat_keepsItsSpellingInJsonAndBack() throws Exception {
        assertThat(WireEnum.class).isAssignableFrom(ExportFormat.class);
        assertThat(Arrays.stream(ExportFormat.values()).map(ExportFormat::wire))
                .containsExactly("wide", "long", "jsonl", "wide-bom", "xlsx", "qdpx");
        for (ExportFormat f : ExportFormat.values()) {
            assertThat(f).hasToString(f.wire());
            assertThat(ExportFormat.of(f.wire())).isSameAs(f);
            assertThat(JSON.writeValueAsString(f)).isEqualTo("\"" + f.wire() + "\"");
            assertThat(JSON.readValue("\"" + f.wire() + "\"", ExportFormat.class)).isSameAs(f);
        }
    }

    @Test
    void of_unknownOrEnumName_refusedWithTheFormats() {
        assertThatThrownBy(() -> ExportFormat.of("WIDE_CSV")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown export format: WIDE_CSV (wide, long, jsonl, wide-bom, xlsx or qdpx)");
    }
}
