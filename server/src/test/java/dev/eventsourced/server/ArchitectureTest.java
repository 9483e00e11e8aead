package dev.eventsourced.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Packages point one way (STYLE.md practices 21 and 23), in the server and in the protocol it
 * speaks.
 */
class ArchitectureTest {

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.eventsourced.server", "dev.eventsourced.protocol");

  @Test
  void serverSubPackages_areFreeOfCycles() {
    slices()
        .matching("dev.eventsourced.server.(**)")
        .should()
        .beFreeOfCycles()
        .allowEmptyShould(true)
        .check(CLASSES);
  }

  /**
   * {@code server.(**)} does not match the package {@code dev.eventsourced.server} itself; this
   * rule does.
   */
  @Test
  void serverPackages_includingTheApiPackage_areFreeOfCycles() {
    slices().matching("dev.eventsourced.(**)").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void protocolPackages_areFreeOfCycles() {
    slices()
        .matching("dev.eventsourced.protocol.(**)")
        .should()
        .beFreeOfCycles()
        .allowEmptyShould(true)
        .check(CLASSES);
  }

  @Test
  void server_neverUsesTheClientRuntime() {
    noClasses()
        .that()
        .resideInAPackage("dev.eventsourced.server..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.eventsourced.db..")
        .check(CLASSES);
  }

  @Test
  void protocol_dependsOnNothingButJacksonCoreAndTheJdk() {
    classes()
        .that()
        .resideInAPackage("dev.eventsourced.protocol..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("dev.eventsourced.protocol..", "com.fasterxml.jackson.core..", "java..")
        .check(CLASSES);
  }

  @Test
  void protocol_knowsNeitherServerNorRuntime() {
    noClasses()
        .that()
        .resideInAPackage("dev.eventsourced.protocol..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.eventsourced.server..", "dev.eventsourced.db..")
        .check(CLASSES);
  }
}
