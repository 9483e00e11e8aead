package dev.eventsourced.processor;

import com.palantir.javapoet.JavaFile;
import dev.eventsourced.processor.evolve.SchemaEvolution;
import dev.eventsourced.processor.evolve.SnapshotLocator;
import dev.eventsourced.processor.model.CollectionModel;
import dev.eventsourced.processor.model.CollectionModelBuilder;
import dev.eventsourced.processor.parse.CollectionDeclaration;
import dev.eventsourced.processor.parse.CollectionParser;
import dev.eventsourced.processor.parse.ComponentDeclaration;
import dev.eventsourced.processor.parse.ParsedType;
import dev.eventsourced.processor.validate.CollectionRegistry;
import dev.eventsourced.processor.validate.CollectionValidator;
import dev.eventsourced.processor.validate.Messages;
import dev.eventsourced.processor.validate.ValidationReport;
import dev.eventsourced.processor.write.SourceWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * Runs one {@code @Collection} type through the pipeline: parse, validate, model, evolve (compare
 * with the schema snapshot, decide the schema version), write (the code, then the snapshot). Never
 * throws: an unexpected exception becomes an {@code [eventsourced:Internal]} error on the record.
 */
final class CollectionStep {

  /** What happened to a record. */
  enum Outcome {
    GENERATED,
    FAILED,
    /** It uses a type that is not defined yet; retry in the next round. */
    DEFERRED
  }

  private final CollectionParser parser;
  private final CollectionValidator validator;
  private final SchemaEvolution evolution;
  private final List<SourceWriter> writers;
  private final Messager messager;
  private final Filer filer;

  CollectionStep(
      ProcessingEnvironment environment, List<SourceWriter> writers, CollectionRegistry registry) {
    this.parser = new CollectionParser(environment.getElementUtils(), environment.getTypeUtils());
    this.validator = new CollectionValidator(registry);
    this.evolution = new SchemaEvolution(new SnapshotLocator(environment));
    this.writers = List.copyOf(writers);
    this.messager = environment.getMessager();
    this.filer = environment.getFiler();
  }

  /**
   * Processes {@code element}. In the last round ({@code lastRound}) a type that is still not
   * defined is an error rather than a reason to wait.
   */
  Outcome process(TypeElement element, boolean lastRound) {
    try {
      CollectionDeclaration declaration = parser.parse(element);
      if (declaration.firstUndefined().isPresent()) {
        if (!lastRound) return Outcome.DEFERRED;
        undefinedTypes(declaration).printTo(messager);
        return Outcome.FAILED;
      }
      ValidationReport report = validator.validate(declaration);
      report.printTo(messager);
      if (!report.isClean()) return Outcome.FAILED;
      CollectionModel model = CollectionModelBuilder.build(declaration);
      SchemaEvolution.Result evolved = evolution.evolve(declaration, model);
      evolved.errors().printTo(messager);
      if (!evolved.errors().isClean()) return Outcome.FAILED;
      model = model.withSchemaVersion(evolved.version());
      // Build every file before writing any, so that a failure leaves no partial output.
      List<JavaFile> files = new ArrayList<>();
      for (SourceWriter writer : writers) {
        files.add(writer.toJavaFile(model));
      }
      for (JavaFile file : files) {
        file.writeTo(filer);
      }
      try {
        SchemaEvolution.writeSnapshot(evolved);
      } catch (IOException e) {
        String file = evolved.snapshot().map(Object::toString).orElse("");
        messager.printMessage(
            Diagnostic.Kind.ERROR,
            Messages.snapshotIo(element, model.collectionId(), file, "write", e),
            element);
        return Outcome.FAILED;
      }
      for (String note : evolved.notes()) {
        messager.printMessage(Diagnostic.Kind.NOTE, note, element);
      }
      return Outcome.GENERATED;
    } catch (IOException | RuntimeException | LinkageError e) {
      messager.printMessage(Diagnostic.Kind.ERROR, Messages.internal(element, e), element);
      return Outcome.FAILED;
    }
  }

  private static ValidationReport undefinedTypes(CollectionDeclaration declaration) {
    ValidationReport report = new ValidationReport();
    for (ComponentDeclaration component : declaration.components()) {
      if (component.type() instanceof ParsedType.Undefined undefined) {
        report.error(
            Messages.undefinedType(declaration.element(), undefined.path(), undefined.type()),
            component.element());
      }
    }
    return report;
  }
}
