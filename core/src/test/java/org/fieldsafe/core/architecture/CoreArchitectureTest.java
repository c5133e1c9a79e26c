package org.fieldsafe.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Core is the shared bottom of server and client: no package cycles, and nothing of Dropwizard or Jersey. */
class CoreArchitectureTest {
    private static final String CORE = "org.fieldsafe.core";
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(CORE);

    @Test
    void packages_noCycles() {
        slices().matching(CORE + ".(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void core_dependsOnNoDropwizardOrJersey() {
        noClasses().that().resideInAPackage(CORE + "..")
                .should().dependOnClassesThat().resideInAnyPackage("io.dropwizard..", "org.glassfish.jersey..",
                        "jakarta.ws.rs..", "org.eclipse.jetty..", "org.fieldsafe.server..", "org.fieldsafe.client..")
                .because("core is shared by the server, the field laptops' library and the admin CLI")
                .check(CLASSES);
    }

    @Test
    void wireEnums_useWireEnum() {
        WireEnumRule.WIRE_ENUMS_USE_WIRE_ENUM.check(CLASSES);
    }

    @Test
    void objectMappers_madeOnlyByJsonMappers() {
        MapperRule.mappersMadeOnlyBy(CORE, CORE + ".json.JsonMappers").check(CLASSES);
    }

    @Test
    void objectMappers_inTestsToo_madeOnlyByJsonMappers() {
        MapperRule.mappersMadeOnlyBy(CORE).check(new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                .importPackages(CORE));
    }
}
