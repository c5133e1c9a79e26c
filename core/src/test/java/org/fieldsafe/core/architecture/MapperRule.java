package org.fieldsafe.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;

/**
 * One ObjectMapper factory per module (issue 14), a rule the modules' architecture tests check on their main and
 * their test classes: core's {@code JsonMappers}, the server's {@code ServerJson}.
 */
public final class MapperRule {
    private MapperRule() {
    }

    /**
     * No class of {@code pkg} (and its sub-packages) but {@code allowed} makes a mapper ({@code new ObjectMapper()},
     * {@code new CsvMapper()}, ...), builds one ({@code JsonMapper.builder()}) or asks Dropwizard for one.
     */
    public static ArchRule mappersMadeOnlyBy(String pkg, String... allowed) {
        Set<String> names = Set.of(allowed);
        return noClasses().that().resideInAPackage(pkg + "..")
                .and(DescribedPredicate.describe("are not " + names, (JavaClass c) -> !names.contains(c.getName())))
                .should().callConstructorWhere(DescribedPredicate.describe("a mapper is made",
                        (JavaConstructorCall call) -> call.getTargetOwner().isAssignableTo(ObjectMapper.class)))
                .orShould().callMethodWhere(DescribedPredicate.describe("a mapper is built",
                        (JavaMethodCall call) -> call.getTargetOwner().isAssignableTo(ObjectMapper.class)
                                && call.getName().equals("builder")
                                || call.getTargetOwner().getName().equals("io.dropwizard.jackson.Jackson")
                                && call.getName().equals("newObjectMapper")))
                .because("one factory per module (core's JsonMappers, the server's ServerJson) makes each kind of"
                        + " mapper");
    }
}
