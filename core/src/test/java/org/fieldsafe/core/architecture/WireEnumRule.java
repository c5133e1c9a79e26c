package org.fieldsafe.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchRule;
import org.fieldsafe.core.util.WireEnum;

/**
 * One helper for the wire enums (issue 14), a rule every module's architecture test checks: an enum that spells
 * itself for the wire ({@code wire()}) or parses a wire name (a static {@code of(String)} or {@code parse(String)})
 * is a {@link WireEnum}, so the spelling and the parsing live in one place.
 */
public final class WireEnumRule {
    public static final ArchRule WIRE_ENUMS_USE_WIRE_ENUM = classes().that().areEnums()
            .and(DescribedPredicate.describe("spell or parse a wire name", WireEnumRule::spellsOrParses))
            .should().beAssignableTo(WireEnum.class)
            .because("core's WireEnum is the one helper of the wire enums' spelling and parsing");

    private WireEnumRule() {
    }

    private static boolean spellsOrParses(JavaClass type) {
        return type.getMethods().stream().anyMatch(WireEnumRule::spellsOrParses);
    }

    private static boolean spellsOrParses(JavaMethod m) {
        boolean spells = m.getName().equals("wire") && m.getRawParameterTypes().isEmpty();
        boolean parses = (m.getName().equals("of") || m.getName().equals("parse"))
                && m.getModifiers().contains(JavaModifier.STATIC) && m.getRawParameterTypes().size() == 1
                && m.getRawParameterTypes().get(0).isEquivalentTo(String.class);
        return spells || parses;
    }
}
