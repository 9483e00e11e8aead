package dev.eventsourced.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsourced.db.EventSourcedDb;
import dev.eventsourced.db.Repository;
import dev.eventsourced.db.event.Event;
import dev.eventsourced.it.RecordVersions.Compiled;
import dev.eventsourced.it.RecordVersions.Version;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A change that breaks the events already written (a component renamed or retyped, an enum constant
 * removed, the key changed) fails the build of the next version with an error on the component that
 * names the change and the upcaster to write; with that upcaster the same change compiles, and the
 * old events are upcast when the file is opened.
 */
class BreakingChangeTest {

  private static final String TODO_V1 =
      todo(
          """
              @Key String id,
              String title,
              Status status,
              long createdAt""",
          "OPEN, DONE, ARCHIVED");

  /** The record with the given components, one a line, and {@code Status} constants. */
  private static String todo(String components, String constants) {
    return """
        package app;

        import dev.eventsourced.annotations.Collection;
        import dev.eventsourced.annotations.Key;

        @Collection("todos")
        public record Todo(
        %s) {
          public enum Status { %s }
        }
        """
        .formatted(components, constants);
  }

  @TempDir Path dir;
  private RecordVersions versions;
  private final Devices devices = new Devices();

  @AfterEach
  void close() throws Exception {
    devices.close();
    if (versions != null) versions.close();
  }

  static Stream<Arguments> breakingChanges() {
    return Stream.of(
        Arguments.of(
            "renamed",
            todo(
                """
                    @Key String id,
                    String name,
                    Status status,
                    long createdAt""",
                "OPEN, DONE, ARCHIVED"),
            "String name",
            List.of("title", "name")),
        Arguments.of(
            "retyped",
            todo(
                """
                    @Key String id,
                    String title,
                    Status status,
                    String createdAt""",
                "OPEN, DONE, ARCHIVED"),
            "String createdAt",
            List.of("createdAt", "String")));
  }

  /** Breaking changes the processor reports on the record rather than on a component. */
  static Stream<Arguments> recordLevelChanges() {
    return Stream.of(
        Arguments.of(
            "enum constant removed",
            todo(
                """
                    @Key String id,
                    String title,
                    Status status,
                    long createdAt""",
                "OPEN, DONE"),
            "Status status",
            List.of("ARCHIVED")),
        Arguments.of(
            "key changed",
            todo(
                """
                    String id,
                    String title,
                    Status status,
                    @Key long createdAt""",
                "OPEN, DONE, ARCHIVED"),
            "@Key long createdAt",
            List.of("key", "id", "createdAt")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("breakingChanges")
  void renameOrRetype_withoutUpcaster_failsTheBuild_onTheComponent_namingUpcast(
      String change, String source, String componentLine, List<String> named) {
    assertThat(errorLine(assertBreaks(change, source, named))).contains(componentLine);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("recordLevelChanges")
  void enumConstantRemovedOrKeyChanged_withoutUpcaster_failsTheBuild_namingUpcast(
      String change, String source, String componentLine, List<String> named) {
    assertBreaks(change, source, named);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("recordLevelChanges")
  void enumConstantRemovedOrKeyChanged_errorIsOnTheComponent(
      String change, String source, String componentLine, List<String> named) {
    assertThat(errorLine(assertBreaks(change, source, named))).contains(componentLine);
  }

  /** Compiles v1 then {@code source} as v2, which must fail with one error; returns it. */
  private Diagnostic<? extends JavaFileObject> assertBreaks(
      String change, String source, List<String> named) {
    versions = new RecordVersions(dir.resolve("build"));
    versions.version("v1", TODO_V1);
    Path snapshot = versions.schemaDir().resolve("todos.json");
    assertThat(snapshot).exists();
    String v1Snapshot = read(snapshot);

    Compiled v2 = versions.compile("v2", source);

    assertThat(v2.success()).as(change + " must not compile:\n" + v2.describe()).isFalse();
    List<Diagnostic<? extends JavaFileObject>> errors =
        v2.diagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR).toList();
    assertThat(errors).as(v2.describe()).hasSize(1);
    Diagnostic<? extends JavaFileObject> error = errors.get(0);
    assertThat(error.getMessage(Locale.ROOT))
        .contains("[eventsourced:IncompatibleChange]")
        .contains("@Upcast(fromVersion = 1)")
        .contains(named);
    assertThat(error.getSource()).as("attached to the record's file").isNotNull();
    assertThat(Path.of(error.getSource().toUri()).getFileName()).hasToString("Todo.java");
    assertThat(read(snapshot)).as("a failed build leaves the snapshot").isEqualTo(v1Snapshot);
    return error;
  }

  /** The source line an error is on. */
  private static String errorLine(Diagnostic<? extends JavaFileObject> error) {
    return read(Path.of(error.getSource().toUri()))
        .lines()
        .toList()
        .get((int) error.getLineNumber() - 1);
  }

  @Test
  void renameWithUpcaster_compiles_andOldEventsAreUpcastWhenTheFileOpens() throws Exception {
    versions = new RecordVersions(dir.resolve("build"));
    Version v1 = versions.version("v1", TODO_V1);
    Path file = dir.resolve("app.sqlite");
    try (EventSourcedDb db = devices.open(file, v1.definition("app.Todo"))) {
      Repository<Record, Object> todos = v1.repository(db, "app.Todo");
      todos.insert(v1.row("app.Todo", "a", "milk", "OPEN", 1L));
      todos.insert(v1.row("app.Todo", "b", "bread", "ARCHIVED", 2L));
      todos.update(v1.row("app.Todo", "a", "oat milk", "OPEN", 1L));
      assertThat(db.eventLog().all()).allSatisfy(e -> assertThat(e.schemaVersion()).isEqualTo(1));
    }

    Version v2 =
        versions.version(
            "v2",
            """
            package app;

            import dev.eventsourced.annotations.Collection;
            import dev.eventsourced.annotations.Key;
            import dev.eventsourced.annotations.Upcast;
            import java.util.Map;

            @Collection("todos")
            public record Todo(@Key String id, String name, Status status, long createdAt) {
              public enum Status { OPEN, DONE, ARCHIVED }

              // Version 1 called the name "title".
              @Upcast(fromVersion = 1)
              static Map<String, Object> titleBecameName(Map<String, Object> payload) {
                if (payload.containsKey("title")) payload.put("name", payload.remove("title"));
                return payload;
              }
            }
            """);
    assertThat(v2.definition("app.Todo").schemaVersion()).isEqualTo(2);
    assertThat(read(versions.schemaDir().resolve("todos.json"))).contains("\"name\"");

    try (EventSourcedDb db = devices.open(file, v2.definition("app.Todo"))) {
      Repository<Record, Object> todos = v2.repository(db, "app.Todo");
      assertThat(todos.all())
          .containsExactly(
              v2.row("app.Todo", "a", "oat milk", "OPEN", 1L),
              v2.row("app.Todo", "b", "bread", "ARCHIVED", 2L));
      todos.update(v2.row("app.Todo", "b", "rye bread", "ARCHIVED", 2L));
      List<Event> events = db.eventLog().all();
      assertThat(events.get(3).schemaVersion()).isEqualTo(2);
      assertThat(events.get(3).payload()).contains("\"name\"").doesNotContain("\"title\"");
      assertThat(db.verify().isHealthy()).isTrue();
    }
    assertThat(new SqliteFile(file).columns("todos")).contains("name").doesNotContain("title");
    assertThat(devices.completed()).hasSize(1);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
