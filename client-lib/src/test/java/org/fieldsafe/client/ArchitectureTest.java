package org.fieldsafe.client;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.nio.file.Path;
import org.fieldsafe.core.architecture.MapperRule;
import org.fieldsafe.core.architecture.WireEnumRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape of client-lib: the command line is one view on top of the library (the field app is the other), and
 * the packages depend on each other one way. The root package holds two layers: the facade
 * ({@link FieldsafeClient}, on top of everything) and the types of its signatures that every layer may use
 * ({@link ClientException}, {@link PullProgress}, ...), which depend on no client package.
 */
class ArchitectureTest {
    static final String ROOT = "org.fieldsafe.client";
    static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        // client-lib's own main classes only (the classpath's other jars are not scanned)
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPath(Path.of("target", "classes"));
    }

    /** Each sub-package is a slice; the root package is two: the facade and the API types under everything. */
    static final SliceAssignment PACKAGES = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass c) {
            String pkg = c.getPackageName();
            if (pkg.equals(ROOT)) {
                boolean facade = c.getName().equals(FieldsafeClient.class.getName())
                        || c.getName().startsWith(FieldsafeClient.class.getName() + "$");
                return SliceIdentifier.of(facade ? "facade" : "api types");
            }
            if (pkg.startsWith(ROOT + ".")) {
                return SliceIdentifier.of(pkg.substring(ROOT.length() + 1).split("\\.")[0]);
            }
            return SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "client-lib's packages (the root package as facade and API types)";
        }
    };

    @Test
    void packages_haveNoCycles() {
        assertThat(classes.stream().map(c -> PACKAGES.getIdentifierOf(c).toString()).distinct().count())
                .as("slices found").isGreaterThanOrEqualTo(8);
        slices().assignedFrom(PACKAGES).should().beFreeOfCycles().check(classes);
    }

    @Test
    void cli_isImportedByNothingOutsideIt() {
        assertThat(classes.stream().filter(c -> c.getPackageName().equals(ROOT + ".cli"))).isNotEmpty();
        noClasses().that().resideOutsideOfPackage(ROOT + ".cli..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".cli..")
                .check(classes);
    }

    @Test
    void wireEnums_useCoresWireEnum() {
        WireEnumRule.WIRE_ENUMS_USE_WIRE_ENUM.check(classes);
    }

    @Test
    void objectMappers_inTests_madeOnlyByCoresJsonMappers() {
        // the tests' mappers come from core's JsonMappers (the library's own are still made where they are used)
        MapperRule.mappersMadeOnlyBy(ROOT)
                .check(new ClassFileImporter().importPath(Path.of("target", "test-classes")));
    }

    @Test
    void staticFields_areFinal_noStaticHooks() {
        fields().that().areStatic().should().beFinal()
                .because("collaborators come in through constructors, never through static hooks")
                .check(classes);
    }
}
