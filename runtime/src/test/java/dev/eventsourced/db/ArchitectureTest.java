package dev.eventsourced.db;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The package rules of STYLE.md practices 16 and 21, enforced. */
class ArchitectureTest {

  private static final JavaClasses RUNTIME =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.eventsourced.db");

  @Test
  void publicApiAndSpi_neverMentionInternalTypes() {
    List<String> leaks = new ArrayList<>();
    for (JavaClass type : RUNTIME) {
      boolean exported = !type.getPackageName().startsWith("dev.eventsourced.db.internal");
      if (!exported || !type.getModifiers().contains(JavaModifier.PUBLIC)) continue;
      for (JavaCodeUnit member : type.getCodeUnits()) {
        boolean visible =
            member.getModifiers().contains(JavaModifier.PUBLIC)
                || member.getModifiers().contains(JavaModifier.PROTECTED);
        if (!visible) continue;
        member.getParameterTypes().forEach(p -> check(leaks, member.getFullName(), p.toErasure()));
        check(leaks, member.getFullName(), member.getRawReturnType());
      }
      for (JavaField field : type.getFields()) {
        if (field.getModifiers().contains(JavaModifier.PUBLIC))
          check(leaks, field.getFullName(), field.getRawType());
      }
    }
    assertThat(leaks).isEmpty();
  }

  private static void check(List<String> leaks, String member, JavaClass type) {
    if (type.getPackageName().startsWith("dev.eventsourced.db.internal")) {
      leaks.add(member + " exposes " + type.getName());
    }
  }

  /**
   * Packages point one way: the public packages that internal code needs (spi, event, exception,
   * live, sync) never depend on it; the root package (the database, repositories and queries) sits
   * on top. One slice per package, the root included.
   */
  @Test
  void packages_formNoCycle() {
    slices()
        .assignedFrom(
            new SliceAssignment() {
              @Override
              public SliceIdentifier getIdentifierOf(JavaClass type) {
                return type.getPackageName().startsWith("dev.eventsourced.db")
                    ? SliceIdentifier.of(type.getPackageName())
                    : SliceIdentifier.ignore();
              }

              @Override
              public String getDescription() {
                return "one slice per package of the runtime";
              }
            })
        .should()
        .beFreeOfCycles()
        .check(RUNTIME);
  }

  @Test
  void lowerPublicPackages_neverDependOnTheRootOrInternals() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "dev.eventsourced.db.spi..",
            "dev.eventsourced.db.event..",
            "dev.eventsourced.db.exception..",
            "dev.eventsourced.db.live..",
            "dev.eventsourced.db.sync..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.eventsourced.db", "dev.eventsourced.db.internal..")
        .check(RUNTIME);
  }

  @Test
  void runtime_neverPrintsToStandardStreams() {
    noClasses()
        .should()
        .accessField(System.class, "out")
        .orShould()
        .accessField(System.class, "err")
        .because("a library must not write to the application's console")
        .check(RUNTIME);
  }
}
