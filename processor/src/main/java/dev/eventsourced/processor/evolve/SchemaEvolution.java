package dev.eventsourced.processor.evolve;

import dev.eventsourced.processor.evolve.SchemaDiff.Change;
import dev.eventsourced.processor.model.CollectionModel;
import dev.eventsourced.processor.model.UpcastModel;
import dev.eventsourced.processor.parse.CollectionDeclaration;
import dev.eventsourced.processor.parse.ComponentDeclaration;
import dev.eventsourced.processor.parse.NestedComponentDeclaration;
import dev.eventsourced.processor.parse.UpcastDeclaration;
import dev.eventsourced.processor.validate.Messages;
import dev.eventsourced.processor.validate.ValidationReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * Stage 4: compares a valid record with its schema snapshot and decides its schema version. The
 * same payload shape keeps the snapshot's version; a compatible change raises it by one; a change
 * that breaks the snapshot version's events is an error unless the record has an
 * {@code @Upcast(fromVersion = <that version>)} method, which makes it a new version too (rules:
 * {@link SchemaDiff}). The result is raised to {@code @Collection(schemaVersion)} when that is
 * higher. Without a snapshot file the version is {@code @Collection(schemaVersion)} and the file is
 * created; without a snapshot directory nothing is compared.
 */
public final class SchemaEvolution {

  /**
   * What evolution decided about one record.
   *
   * @param version the current schema version
   * @param errors the errors (breaking changes, a malformed snapshot, bad upcaster versions)
   * @param notes notes to print once the record's code is written
   * @param snapshot where to write the new snapshot text, when it differs from the file's
   * @param snapshotText the new snapshot text, or null when the file stays as it is
   */
  public record Result(
      int version,
      ValidationReport errors,
      List<String> notes,
      Optional<Path> snapshot,
      String snapshotText) {

    public Result {
      notes = List.copyOf(notes);
    }
  }

  private final SnapshotLocator locator;

  public SchemaEvolution(SnapshotLocator locator) {
    this.locator = locator;
  }

  public Result evolve(CollectionDeclaration declaration, CollectionModel model) {
    TypeElement record = declaration.element();
    ValidationReport errors = new ValidationReport();
    List<String> notes = new ArrayList<>();
    int declared = model.schemaVersion();
    Optional<Path> directory = locator.directory(record);
    if (directory.isEmpty()) {
      checkUpcasters(declaration, model, declared, errors);
      return new Result(declared, errors, notes, Optional.empty(), null);
    }
    Path file = directory.get().resolve(model.collectionId() + ".json");
    String shown = file.toString();
    String existing;
    try {
      existing = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      existing = null;
    } catch (IOException | RuntimeException e) {
      errors.error(Messages.snapshotIo(record, model.collectionId(), shown, "read", e), record);
      return new Result(declared, errors, notes, Optional.empty(), null);
    }
    if (existing == null) {
      checkUpcasters(declaration, model, declared, errors);
      notes.add(Messages.snapshotCreated(record, model.collectionId(), declared, shown));
      String text = SnapshotFormat.write(SchemaSnapshot.of(model, declared));
      return new Result(declared, errors, notes, Optional.of(file), text);
    }
    SchemaSnapshot last;
    try {
      last = SnapshotFormat.read(existing);
    } catch (Json.MalformedException e) {
      errors.error(
          Messages.invalidSnapshot(record, model.collectionId(), shown, e.getMessage()), record);
      return new Result(declared, errors, notes, Optional.empty(), null);
    }
    SchemaSnapshot current = SchemaSnapshot.of(model, last.version());
    int version = last.version();
    if (!current.sameShape(last)) {
      List<Change> changes = SchemaDiff.compare(last, current);
      Optional<UpcastModel> upcaster =
          model.upcasts().stream().filter(u -> u.fromVersion() == last.version()).findFirst();
      for (Change change : changes) {
        if (change.breaking() && !change.upcastable()) {
          errors.error(
              Messages.irreparableChange(
                  record,
                  model.collectionId(),
                  change.description(),
                  change.reason(),
                  shown,
                  last.version()),
              element(declaration, change));
        }
      }
      if (upcaster.isEmpty()) {
        for (Change change : changes) {
          if (!change.breaking() || !change.upcastable()) continue;
          errors.error(
              Messages.incompatibleChange(
                  record,
                  model.collectionId(),
                  change.description(),
                  change.reason(),
                  shown,
                  last.version(),
                  change.renamedFrom(),
                  change.renamedFrom() == null ? null : change.component(),
                  change.description().endsWith("without a @Default")),
              element(declaration, change));
        }
      }
      version = last.version() + 1;
      notes.add(
          Messages.schemaChanged(
              record,
              model.collectionId(),
              last.version(),
              Math.max(version, declared),
              changes.stream().map(Change::description).toList(),
              changes.stream().anyMatch(Change::breaking)
                  ? upcaster.map(UpcastModel::method).orElse(null)
                  : null,
              shown));
    }
    version = Math.max(version, declared);
    checkUpcasters(declaration, model, version, errors);
    String text = SnapshotFormat.write(current.withVersion(version));
    return new Result(
        version, errors, notes, Optional.of(file), text.equals(existing) ? null : text);
  }

  /** Writes {@code result}'s snapshot, if it has one to write: a whole file or none. */
  public static void writeSnapshot(Result result) throws IOException {
    if (result.snapshotText() == null || result.snapshot().isEmpty()) return;
    Path file = result.snapshot().get();
    Path directory = Objects.requireNonNull(file.toAbsolutePath().getParent());
    Files.createDirectories(directory);
    Path temporary = Files.createTempFile(directory, file.getFileName().toString(), ".tmp");
    try {
      Files.writeString(temporary, result.snapshotText(), StandardCharsets.UTF_8);
      try {
        Files.move(
            temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /** Every upcaster's {@code fromVersion} is below the current version. */
  private static void checkUpcasters(
      CollectionDeclaration declaration,
      CollectionModel model,
      int version,
      ValidationReport errors) {
    for (UpcastDeclaration upcast : declaration.upcasts()) {
      if (upcast.fromVersion() >= version) {
        errors.error(
            Messages.upcastVersionTooHigh(
                declaration.element(),
                upcast.name(),
                upcast.fromVersion(),
                model.collectionId(),
                version),
            upcast.method(),
            upcast.annotation(),
            upcast.fromVersionSource());
      }
    }
  }

  /** The element a change is reported on: its component, else the record. */
  private static Element element(CollectionDeclaration declaration, Change change) {
    if (change.component() != null && change.nestedRecord() == null) {
      for (ComponentDeclaration component : declaration.components()) {
        if (component.name().equals(change.component())) return component.element();
      }
    } else if (change.component() != null) {
      for (NestedComponentDeclaration component : declaration.nestedComponents()) {
        if (component.record().toString().equals(change.nestedRecord())
            && component.name().equals(change.component())) {
          return component.element();
        }
      }
    }
    return declaration.element();
  }
}
