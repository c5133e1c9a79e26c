package org.fieldsafe.export.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.fieldsafe.core.architecture.MapperRule;
import org.fieldsafe.core.architecture.WireEnumRule;
import org.junit.jupiter.api.Test;

/**
 * The export engine runs in the server's export jobs and in the admin CLI on a coordinator's machine (admin export
 * --local): it builds on core only, never on the server, the field client, HTTP or the database.
 */
class ExportArchitectureTest {
    private static final String EXPORT = "org.fieldsafe.export";
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(EXPORT);

    /** The root package (the engine) is one slice, each sub-package (generalise, syntax) another. */
    private static final SliceAssignment PACKAGES = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass c) {
            String pkg = c.getPackageName();
            if (pkg.equals(EXPORT)) {
                return SliceIdentifier.of("engine");
            }
            return pkg.startsWith(EXPORT + ".")
                    ? SliceIdentifier.of(pkg.substring(EXPORT.length() + 1).split("\\.")[0])
                    : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "the export module's packages (the root package as the engine)";
        }
    };

    @Test
    void packages_noCycles() {
        assertThat(CLASSES.stream().map(c -> PACKAGES.getIdentifierOf(c).toString()).distinct().count())
                .as("slices found").isGreaterThanOrEqualTo(3);
        slices().assignedFrom(PACKAGES).should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void engine_dependsOnNoServerClientHttpOrDatabase() {
        noClasses().that().resideInAPackage(EXPORT + "..")
                .should().dependOnClassesThat().resideInAnyPackage("org.fieldsafe.server..", "org.fieldsafe.client..",
                        "io.dropwizard..", "org.glassfish.jersey..", "jakarta.ws.rs..", "javax.ws.rs..",
                        "org.eclipse.jetty..", "jakarta.servlet..", "org.jdbi..", "java.sql..")
                .because("the engine runs on the admin CLI's machine too, over pulled sealed files")
                .check(CLASSES);
    }

    @Test
    void wireEnums_useCoresWireEnum() {
        WireEnumRule.WIRE_ENUMS_USE_WIRE_ENUM.check(CLASSES);
    }

    @Test
    void objectMappers_madeOnlyByCoresJsonMappers() {
        MapperRule.mappersMadeOnlyBy(EXPORT).check(CLASSES);
    }

    @Test
    void objectMappers_inTestsToo_madeOnlyByCoresJsonMappers() {
        MapperRule.mappersMadeOnlyBy(EXPORT).check(new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                .importPackages(EXPORT));
    }
}
