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
import org.junit.jupiter.api.Test;

/** The forms' wire enums: lower-case names in JSON and YAML, parsed back, one error for an unknown name. */
class WireEnumTest {
    private static final List<Class<? extends Enum<?>>> ENUMS = List.of(Cost.class, FormKind.class,
            GenderServed.class, QuestionType.class, Sensitivity.class, ServiceKind.class, TranslationState.class,
            Urgency.class);
    private final ObjectMapper json = new ObjectMapper();

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
