package dev.eventsourced.processor;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The package rules of STYLE.md practices 1 and 21 for the processor, enforced. */
class ArchitectureTest {

  private static final JavaClasses PROCESSOR =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.eventsourced.processor");

  @Test
  void packages_areFreeOfCycles() {
    slices()
        .matching("dev.eventsourced.processor.(*)..")
        .should()
        .beFreeOfCycles()
        .check(PROCESSOR);
  }

  /** Each stage uses the shared vocabulary and the stages before it, never one after it. */
  @Test
  void stages_dependOnEarlierStagesOnly() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("base")
        .definedBy("dev.eventsourced.processor.base..")
        .layer("parse")
        .definedBy("dev.eventsourced.processor.parse..")
        .layer("validate")
        .definedBy("dev.eventsourced.processor.validate..")
        .layer("model")
        .definedBy("dev.eventsourced.processor.model..")
        .layer("evolve")
        .definedBy("dev.eventsourced.processor.evolve..")
        .layer("write")
        .definedBy("dev.eventsourced.processor.write..")
        .whereLayer("base")
        .mayNotAccessAnyLayer()
        .whereLayer("parse")
        .mayOnlyAccessLayers("base")
        .whereLayer("validate")
        .mayOnlyAccessLayers("base", "parse")
        .whereLayer("model")
        .mayOnlyAccessLayers("base", "parse")
        .whereLayer("evolve")
        .mayOnlyAccessLayers("base", "parse", "validate", "model")
        .whereLayer("write")
        .mayOnlyAccessLayers("base", "model")
        .check(PROCESSOR);
  }
}
