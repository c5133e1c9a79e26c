package org.fieldsafe.server.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Map;
import org.fieldsafe.core.architecture.MapperRule;
import org.fieldsafe.core.architecture.WireEnumRule;
import org.fieldsafe.core.wire.Problem;
import org.fieldsafe.server.mappers.Problems;
import org.fieldsafe.server.problems.ProblemException;
import org.junit.jupiter.api.Test;

/**
 * The server's layering (issue 14), checked on the compiled main classes: storage at the bottom, resources on
 * services, HTTP only at the edge, the admin CLI apart from the server's internals, and no package cycles.
 */
class ServerArchitectureTest {
    private static final String SERVER = "org.fieldsafe.server";
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(SERVER);

    @Test
    void packages_noCycles() {
        // every package below org.fieldsafe.server with its subpackages (resources.auth is part of resources);
        // the root package holds only the application, the composition root, which nothing imports
        slices().matching(SERVER + ".(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void storage_dependsOnNoFeaturePackage() {
        noClasses().that().resideInAPackage(SERVER + ".storage..")
                .should().dependOnClassesThat(resideInAPackage(SERVER + "..")
                        .and(resideOutsideOfPackages(SERVER + ".storage..", SERVER + ".problems..")))
                .because("storage holds DAOs, rows and the database plumbing; features build on it, not it on them")
                .check(CLASSES);
    }

    @Test
    void resources_dependOnServicesNeverOnDaos() {
        noClasses().that().resideInAPackage(SERVER + ".resources..")
                .should().dependOnClassesThat().haveSimpleNameEndingWith("Dao")
                .orShould().dependOnClassesThat().haveFullyQualifiedName(SERVER + ".storage.Database")
                .orShould().dependOnClassesThat().resideInAPackage("org.jdbi..")
                .because("a resource reads its request and calls a service; storage is the services' business")
                .check(CLASSES);
    }

    @Test
    void httpStatusAndResponseTypes_onlyInMappersAndResources() {
        noClasses().that().resideInAPackage(SERVER + "..")
                .and().resideOutsideOfPackages(SERVER + ".mappers..", SERVER + ".resources..")
                .should().dependOnClassesThat().resideInAPackage("jakarta.ws.rs.core..")
                .orShould().dependOnClassesThat().areAssignableTo("jakarta.ws.rs.WebApplicationException")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.eclipse.jetty.http.HttpStatus")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("jakarta.servlet.http.HttpServletResponse")
                .because("services speak the domain; mappers and resources turn it into HTTP")
                .check(CLASSES);
    }

    @Test
    void adminCli_dependsOnNoServerPackageButItsOwnAndCore() {
        noClasses().that().resideInAPackage(SERVER + ".cli..")
                .should().dependOnClassesThat(resideInAPackage(SERVER + "..")
                        .and(resideOutsideOfPackages(SERVER + ".cli..")))
                .because("the admin CLI talks to the server over HTTP with the wire types of core (and runs the"
                        + " export engine, a module of its own, on pulled sealed files)")
                .check(CLASSES);
    }

    @Test
    void wireEnums_useCoresWireEnum() {
        WireEnumRule.WIRE_ENUMS_USE_WIRE_ENUM.check(CLASSES);
    }

    @Test
    void objectMappers_madeOnlyByTheFactories() {
        MapperRule.mappersMadeOnlyBy(SERVER, SERVER + ".json.ServerJson").check(CLASSES);
    }

    @Test
    void objectMappers_inTestsToo_madeOnlyByTheFactories() {
        // the one exception: Dropwizard's default mapper, the reference the admin CLI's JSON is compared with
        MapperRule.mappersMadeOnlyBy(SERVER, SERVER + ".cli.ApiClientJsonTest").check(new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                .importPackages(SERVER));
    }

    @Test
    void problemStatusNumbers_onlyInProblemsMappersAndResources() {
        noClasses().that().resideInAPackage(SERVER + "..")
                .and().resideOutsideOfPackages(SERVER + ".problems..", SERVER + ".mappers..", SERVER + ".resources..")
                .should().callConstructor(ProblemException.class, int.class, String.class, String.class, String.class)
                .orShould().callConstructor(ProblemException.class, Problem.class, Map.class)
                .orShould().callConstructorWhere(DescribedPredicate.describe("a problem (with its status) is made",
                        (JavaConstructorCall call) -> call.getTargetOwner().isEquivalentTo(Problem.class)))
                .orShould().callMethodWhere(DescribedPredicate.describe("a problem (with its status) is built",
                        (JavaMethodCall call) -> call.getTargetOwner().isEquivalentTo(Problem.class)
                                && call.getName().equals("of")
                                || call.getTargetOwner().isEquivalentTo(Problems.class)))
                .because("services refuse with domain exceptions (CaseStaleException, TooManyAttemptsException, ...,"
                        + " or ProblemException's named factories): the mappers decide statuses, titles and headers")
                .check(CLASSES);
    }
}
