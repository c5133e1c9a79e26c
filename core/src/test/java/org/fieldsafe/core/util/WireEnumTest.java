package org.fieldsafe.core.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Locale;
import org.fieldsafe.core.forms.Cost;
import org.fieldsafe.core.forms.FormKind;
import org.fieldsafe.core.forms.GenderServed;
import org.fieldsafe.core.forms.QuestionType;
import org.fieldsafe.core.forms.Sensitivity;
import org.fieldsafe.core.forms.ServiceKind;
import org.fieldsafe.core.forms.TranslationState;
import org.fieldsafe.core.forms.Urgency;
import org.fieldsafe.core.json.JsonMappers;
import org.junit.jupiter.api.Test;

/** The forms' wire enums: lower-case names in JSON and YAML, parsed back, one error for an unknown name. */
class WireEnumTest {
    private static final List<Class<? extends Enum<?>>> ENUMS = List.of(Cost.class, FormKind.class,
            GenderServed.class, QuestionType.class, Sensitivity.class, ServiceKind.class, TranslationState.class,
            Urgency.class);
    private final ObjectMapper json = JsonMappers.plain();

    @Test
    void wireEnums_everyConstant_lowerCaseOnTheWireAndBack() throws Exception {
        for (Class<? extends Enum<?>> type : ENUMS) {
            assertThat(WireEnum.class).isAssignableFrom(type);
            for (Enum<?> constant : type.getEnumConstants()) {
                String wire = constant.name().toLowerCase(Locale.ROOT);
                assertThat(((WireEnum) constant).wire()).isEqualTo(wire);
                assertThat(constant).hasToString(wire);
                assertThat(json.writeValueAsString(constant)).isEqualTo("\"" + wire + "\"");
                assertThat(json.readValue("\"" + wire + "\"", type)).isSameAs(constant);
                assertThat(type.getMethod("of", String.class).invoke(null, wire)).isSameAs(constant);
            }
        }
    }

    /** An enum with a spelling of its own on the wire, as the export formats have ({@code wide-bom}). */
    private enum Spelled implements WireEnum {
        WIDE_CSV("wide"), WIDE_CSV_BOM("wide-bom");

        private final String wire;

        Spelled(String wire) {
            this.wire = wire;
        }

        @Override
        public String wire() {
            return wire;
        }
    }

    @Test
    void find_ownSpellingOrUnknown_theWireSpellingOnly() throws Exception {
        assertThat(WireEnum.find(Spelled.class, "wide-bom")).contains(Spelled.WIDE_CSV_BOM);
        assertThat(WireEnum.find(Spelled.class, "wide_csv_bom")).isEmpty();
        assertThat(WireEnum.find(Spelled.class, null)).isEmpty();
        assertThat(WireEnum.parse(Spelled.class, "wide")).isSameAs(Spelled.WIDE_CSV);
        assertThat(json.writeValueAsString(Spelled.WIDE_CSV_BOM)).isEqualTo("\"wide-bom\"");
        assertThat(json.readValue("\"wide\"", Spelled.class)).isSameAs(Spelled.WIDE_CSV);
    }

    @Test
    void parse_unknownOrUpperCaseName_namesTheTypeAndValue() {
        assertThatThrownBy(() -> Urgency.of("URGENT")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown Urgency: URGENT");
        assertThatThrownBy(() -> WireEnum.parse(QuestionType.class, "selectone"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown QuestionType: selectone");
        assertThatThrownBy(() -> FormKind.of(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown FormKind: null");
    }
}
