package io.promptcms.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The structure the README's architecture section draws, checked on every build over the production classes of
 * every module on this classpath (kernel, core, api, authorizer, template, engines, the runtime). A cycle between
 * packages is how a change to one feature starts touching the others; a handler that sees a stored item couples
 * the HTTP layer to the table layout.
 */
class ArchitectureTest {

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar")) // the modules' test-jars (shared test support)
            .importPackages("io.promptcms");

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        slices().matching("io.promptcms.(**)").namingSlices("$1")
                .should().beFreeOfCycles()
                .check(PRODUCTION);
    }

    @Test
    void handlersNeverSeeStoredItems() {
        noClasses().that().resideInAPackage("io.promptcms.api..")
                .should().dependOnClassesThat(describe("are stored items (io.promptcms..*Item)",
                        (JavaClass type) -> type.getPackageName().startsWith("io.promptcms.") && type.getSimpleName().endsWith("Item")))
                .check(PRODUCTION);
    }
}
