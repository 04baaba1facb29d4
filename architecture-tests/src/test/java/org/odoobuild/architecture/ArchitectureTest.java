package org.odoobuild.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rules of {@code docs/architecture.md}: ports in the core, Odoo at one edge. Checked over
 * the main classes of every module (tests are not imported).
 */
class ArchitectureTest {
  static final String CLIENT = "org.odoobuild.client..";
  static final String MODEL = "org.odoobuild.model..";
  static final String CONNECTORS = "org.odoobuild.connectors..";
  static final String WORKFLOW = "org.odoobuild.workflow..";
  static final String ADAPTERS = "org.odoobuild.adapters..";
  static final String CONSOLE = "org.odoobuild.console..";
  static final String TESTKIT = "org.odoobuild.testkit..";
  static final String EXAMPLES = "org.odoobuild.examples..";
  /** The root package of each module that has an {@code internal} package (or may grow one). */

  static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    // only our packages are imported, from the modules' jars or class folders; test classes are not
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.odoobuild");
  }

  @Test
  void everyModuleIsImported() {
    for (String root : List.of("org.odoobuild.client", "org.odoobuild.model", "org.odoobuild.connectors", "org.odoobuild.workflow",
        "org.odoobuild.adapters", "org.odoobuild.console", "org.odoobuild.testkit", "org.odoobuild.examples")) {
      if (classes.stream().noneMatch(c -> c.getPackageName().startsWith(root))) {
        throw new AssertionError("no main classes of " + root + " on the class path: the rules below would pass vacuously");
      }
    }
  }

  @Test
  void theModulesFormTheDocumentedGraph() {
    layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("client").definedBy(CLIENT)
        .layer("model").definedBy(MODEL)
        .layer("connectors").definedBy(CONNECTORS)
        .layer("workflow").definedBy(WORKFLOW)
        .layer("adapters").definedBy(ADAPTERS)
        .layer("console").definedBy(CONSOLE)
        .layer("testkit").definedBy(TESTKIT)
        .layer("examples").definedBy(EXAMPLES)
        .whereLayer("client").mayOnlyBeAccessedByLayers("adapters", "examples")
        .whereLayer("model").mayOnlyBeAccessedByLayers("workflow", "adapters", "console", "examples")
        .whereLayer("connectors").mayOnlyBeAccessedByLayers("workflow", "adapters", "console", "examples")
        .whereLayer("workflow").mayOnlyBeAccessedByLayers("adapters", "console", "examples")
        .whereLayer("adapters").mayOnlyBeAccessedByLayers("examples")
        .whereLayer("console").mayOnlyBeAccessedByLayers("examples")
        .whereLayer("testkit").mayOnlyBeAccessedByLayers("examples")
        .whereLayer("examples").mayNotBeAccessedByAnyLayer()
        .check(classes);
  }

  @Test
  void theCoreNeverSpeaksOdoo() {
    noClasses().that().resideInAnyPackage(MODEL, CONNECTORS, WORKFLOW, CONSOLE)
        .should().dependOnClassesThat().resideInAnyPackage(CLIENT, ADAPTERS)
        .because("canonical-model, connectors and workflow-kit are the core, and the console sees only the core; Odoo lives in odoo-adapters")
        .check(classes);
  }

  @Test
  void theClientSpeaksOnlyTheWire() {
    noClasses().that().resideInAPackage(CLIENT)
        .should().dependOnClassesThat().resideInAnyPackage(MODEL, CONNECTORS, WORKFLOW, ADAPTERS, TESTKIT, EXAMPLES)
        .check(classes);
  }

  @Test
  void theEmulatorDependsOnNothingOfOurs() {
    noClasses().that().resideInAPackage(TESTKIT)
        .should().dependOnClassesThat().resideInAnyPackage(CLIENT, MODEL, CONNECTORS, WORKFLOW, ADAPTERS, EXAMPLES)
        .because("tests of the client must not pass because client and emulator share code")
        .check(classes);
  }

  @ParameterizedTest
  @ValueSource(strings = {"org.odoobuild.client", "org.odoobuild.model", "org.odoobuild.connectors", "org.odoobuild.workflow",
      "org.odoobuild.adapters", "org.odoobuild.console", "org.odoobuild.testkit"})
  void noModuleUsesAnotherModulesInternals(String root) {
    noClasses().that().resideOutsideOfPackage(root + "..")
        .should().dependOnClassesThat().resideInAPackage(root + ".internal..")
        .allowEmptyShould(true)
        .check(classes);
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
      "org.odoobuild.client, org.odoobuild.client.OdooException",
      "org.odoobuild.model, org.odoobuild.model.common.ModelException",
      "org.odoobuild.connectors, org.odoobuild.connectors.ConnectorsException",
      "org.odoobuild.workflow, org.odoobuild.workflow.kit.WorkflowException",
      "org.odoobuild.adapters, org.odoobuild.adapters.AdapterException"})
  void eachModuleHasOneExceptionRoot(String root, String exceptionRoot) throws ClassNotFoundException {
    Class<?> rootType = Class.forName(exceptionRoot);
    // exceptions an API can throw; an internal package's own exceptions are translated before they leave it
    classes().that().resideInAPackage(root + "..").and().resideOutsideOfPackage("..internal..").and().areAssignableTo(Throwable.class)
        .should().beAssignableTo(rootType)
        .because("callers catch one type per library (jOOQ's DataAccessException style)")
        .check(classes);
  }

  @Test
  void publicTypesDoNotImplementInternalTypes() {
    classes().that().arePublic().and().resideOutsideOfPackage("..internal..")
        .should(notImplementAnythingInternal())
        .check(classes);
  }

  private static ArchCondition<JavaClass> notImplementAnythingInternal() {
    return new ArchCondition<>("not implement or extend a type of an internal package") {
      @Override
      public void check(JavaClass c, ConditionEvents events) {
        c.getAllRawInterfaces().stream().filter(i -> i.getPackageName().contains(".internal"))
            .forEach(i -> events.add(SimpleConditionEvent.violated(c, c.getName() + " implements " + i.getName())));
        c.getRawSuperclass().filter(s -> s.getPackageName().contains(".internal") && !c.getModifiers().contains(JavaModifier.SYNTHETIC))
            .ifPresent(s -> events.add(SimpleConditionEvent.violated(c, c.getName() + " extends " + s.getName())));
      }
    };
  }
}
