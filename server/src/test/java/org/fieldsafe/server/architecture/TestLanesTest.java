package org.fieldsafe.server.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.fieldsafe.server.faults.ForksJvm;
import org.fieldsafe.server.faults.ServerProcess;
import org.fieldsafe.server.storage.NeedsPostgres;
import org.fieldsafe.server.storage.TestDatabases;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The test lanes (docs/testing.md): a test class that needs the test PostgreSQL server or starts a server JVM is
 * tagged, so it runs in {@code mvn verify} (failsafe) and not in the fast {@code mvn test}.
 */
class TestLanesTest {
    private static final JavaClasses TESTS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
            .importPackages("org.fieldsafe.server");

    @Test
    void postgresTests_taggedForTheIntegrationLane() {
        classes().that().haveSimpleNameEndingWith("Test").and().resideOutsideOfPackage("..architecture..")
                .and(needPostgres())
                .should().beAnnotatedWith(NeedsPostgres.class)
                .check(TESTS);
    }

    @Test
    void serverProcessTests_taggedForTheIntegrationLane() {
        classes().that().haveSimpleNameEndingWith("Test").and().resideOutsideOfPackage("..architecture..")
                .and(startServerProcesses())
                .should().beAnnotatedWith(ForksJvm.class)
                .check(TESTS);
    }

    /** Classes that (or whose nested classes) ask for a PostgreSQL schema or run a test on every backend. */
    private static DescribedPredicate<JavaClass> needPostgres() {
        return DescribedPredicate.describe("need PostgreSQL", c -> withNested(c).anyMatch(n ->
                n.getMethodCallsFromSelf().stream().anyMatch(call -> call.getTarget().getOwner()
                        .isEquivalentTo(TestDatabases.class) && call.getName().equals("freshPostgresSchemaUrl"))
                        || n.getFieldAccessesFromSelf().stream().anyMatch(access -> access.getTarget().getOwner()
                        .isEquivalentTo(TestDatabases.Backend.class) && access.getName().equals("POSTGRESQL"))
                        || n.getMethods().stream().anyMatch(TestLanesTest::onEveryBackend)));
    }

    private static boolean onEveryBackend(JavaMethod method) {
        return method.tryGetAnnotationOfType(EnumSource.class.getName())
                .flatMap(source -> source.get("value"))
                .filter(value -> value instanceof JavaClass type && type.isEquivalentTo(TestDatabases.Backend.class))
                .isPresent();
    }

    private static DescribedPredicate<JavaClass> startServerProcesses() {
        return DescribedPredicate.describe("start server processes", c -> withNested(c)
                .flatMap(n -> n.getDirectDependenciesFromSelf().stream())
                .anyMatch(d -> d.getTargetClass().isEquivalentTo(ServerProcess.class)));
    }

    private static Stream<JavaClass> withNested(JavaClass c) {
        return Stream.concat(Stream.of(c), TESTS.stream().filter(n -> n.getName().startsWith(c.getName() + "$")));
    }
}
