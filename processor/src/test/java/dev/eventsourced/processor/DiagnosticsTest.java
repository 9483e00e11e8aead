package dev.eventsourced.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.eventsourced.processor.Compilations.compile;
import static dev.eventsourced.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** One test per processor message: the error, its count, its text and its position. */
class DiagnosticsTest {

  @Test
  void classAnnotatedWithCollection_failsOnClass() {
    JavaFileObject todo =
        source(
            "test.Todo",
            """
        package test;

        import dev.eventsourced.annotations.Collection;

        @Collection("todos")
        public class Todo {
          String id;
        }
        """);
    Compilation compilation = compile(todo);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[eventsourced:NotARecord] @Collection is on class test.Todo, but only records can be collections")
        .inFile(todo)
        .onLineContaining("public class Todo");
  }

  @Test
  void recordWithoutKey_failsOnRecord() {
    JavaFileObject todo =
        source(
            "test.Todo",
            """
        package test;

        import dev.eventsourced.annotations.Collection;

        @Collection("todos")
        public record Todo(String id, String title) {}
        """);
    Compilation compilation = compile(todo);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[eventsourced:MissingKey] @Collection record test.Todo has no @Key component; annotate exactly one component with @Key")
        .inFile(todo)
        .onLineContaining("public record Todo");
  }

  @Test
  void twoKeys_failsOnSecondKey() {
    JavaFileObject todo =
        source(
            "test.Todo",
            """
        package test;

        import dev.eventsourced.annotations.Collection;
        import dev.eventsourced.annotations.Key;

        @Collection("todos")
        public record Todo(
            @Key String id,
            @Key String otherId,
            String title) {}
        """);
    Compilation compilation = compile(todo);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[eventsourced:DuplicateKey] @Collection record test.Todo has more than one @Key: component Todo.otherId and component Todo.id")
        .inFile(todo)
        .onLineContaining("@Key String otherId");
  }

  @Test
  void unsupportedComponentType_failsOnComponentListingSupportedTypes() {
    JavaFileObject todo =
        source(
            "test.Todo",
            """
        package test;

        import dev.eventsourced.annotations.Collection;
        import dev.eventsourced.annotations.Key;

        @Collection("todos")
        public record Todo(
            @Key String id,
            Object payload) {}
        """);
    Compilation compilation = compile(todo);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[eventsourced:UnsupportedType] component Todo.payload has type java.lang.Object, which is not supported; supported types: String, boolean,")
        .inFile(todo)
        .onLineContaining("Object payload");
  }

  @Test
  void unsupportedTypeInNestedRecord_failsOnOuterComponentNamingPath() {
    JavaFileObject todo =
        source(
            "test.Todo",
            """
        package test;

        import dev.eventsourced.annotations.Collection;
        import dev.eventsourced.annotations.Key;
        import java.util.List;

        @Collection("todos")
        public record Todo(
            @Key String id,
            List<Place> places) {
          public record Place(String name, Thread owner) {}
        }
        """);
    Compilation compilation = compile(todo);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[eventsourced:UnsupportedType] component Todo.places.owner has type java.lang.Thread, which is not supported")
        .inFile(todo)
        .onLineContaining("List<Place> places");
  }

  @Test
  void unsupportedMapKey_failsOnComponentNamingTheKeyTypes() {
    JavaFileObject todo =
        source(
            "test.Todo",
            """
        package test;

        import dev.eventsourced.annotations.Collection;
        import dev.eventsourced.annotations.Key;
        import java.time.Instant;
        import java.util.Map;

        @Collection("todos")
        public record Todo(
            @Key String id,
            Map<Instant, String> log) {}
        """);
    Compilation compilation = compile(todo);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[eventsourced:UnsupportedType] component Todo.log has type java.time.Instant, which is not supported (Map keys must be String, an enum, UUID, Integer or Long)")
        .inFile(todo)
        .onLineContaining("Map<Instant, String> log");
  }

  @Test
  void optionalInsideList_failsOnComponent() {
    JavaFileObject todo =
        source(
            "test.Todo",
            """
        package test;

        import dev.eventsourced.annotations.Collection;
        import dev.eventsourced.annotations.Key;
        import java.util.List;
        import java.util.Optional;

        @Collection("todos")
        public record Todo(
            @Key String id,
            List<Optional<String>> notes) {}
        """);
    Compilation compilation = compile(todo);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[eventsourced:UnsupportedType] component Todo.notes has type java.util.Optional<java.lang.String>, which is not supported (Optional is supported as a component type only")
        .inFile(todo)
        .onLineContaining("List<Optional<String>> notes");
  }

  @Test
  void unsupportedKeyType_failsOnKeyListingKeyTypes() {
    JavaFileObject todo =
        source(
            "test.Todo",
            """
        package test;

        import dev.eventsourced.annotations.Collection;
        import dev.eventsourced.annotations.Key;

        @Collection("todos")
        public record Todo(
            @Key double id,
            String title) {}
        """);
    Compilation compilation = compile(todo);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[eventsourced:UnsupportedKeyType] @Key component Todo.id has type double, which cannot be a key; supported key types: String, UUID, int/Integer, long/Long and enums")
        .inFile(todo)
        .onLineContaining("@Key double id");
  }

  @Test
  void duplicateCollectionId_failsOnSecondRecordNamingTheFirst() {
    JavaFileObject todo =
        source(
            "test.Todo",
            """
        package test;

        import dev.eventsourced.annotations.Collection;
        import dev.eventsourced.annotations.Key;

        @Collection("todos")
        public record Todo(@Key String id) {}
        """);
    JavaFileObject task =
        source(
            "test.Task",
            """
        package test;

        import dev.eventsourced.annotations.Collection;
        import dev.eventsourced.annotations.Key;

        @Collection("todos")
        public record Task(@Key String id) {}
        """);
    Compilation compilation = compile(todo, task);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[eventsourced:DuplicateCollection] collection id 'todos' of test.Task is already used by test.Todo")
        .inFile(task)
        .onLineContaining("public record Task");
  }

  @Test
  void duplicateTableName_failsOnSecondRecordNamingTheFirst() {
    JavaFileObject todo =
        source(
            "test.Todo",
            """
        package test;

        import dev.eventsourced.annotations.Collection;
        import dev.eventsourced.annotations.Key;

        @Collection("todos")
        public record Todo(@Key String id) {}
        """);
    JavaFileObject task =
        source(
            "test.Task",
            """
        package test;

        import dev.eventsourced.annotations.Collection;
        import dev.eventsourced.annotations.Key;

        @Collection(value = "tasks", table = "TODOS")
        public record Task(@Key String id) {}
        """);
    Compilation compilation = compile(todo, task);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[eventsourced:DuplicateCollection] table \"TODOS\" of test.Task is already used by test.Todo")
        .inFile(task)
        .onLineContaining("public record Task");
  }

  @Test
  void invalidCollectionId_failsOnAnnotationValueWithSuggestion() {
    JavaFileObject todo =
        source(
            "test.Todo",
            """
        package test;

        import dev.eventsourced.annotations.Collection;
        import dev.eventsourced.annotations.Key;

        @Collection(
            value = "Todo-Items")
        public record Todo(@Key String id) {}
        """);
    Compilation compilation = compile(todo);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[eventsourced:InvalidCollectionId] collection id 'Todo-Items' of test.Todo is invalid: use lower-case letters, digits and _, starting with a letter, e.g. @Collection(\"todo_items\")")
        .inFile(todo)
        .onLineContaining("value = \"Todo-Items\"");
  }

  @Test
  void invalidTableName_failsOnAnnotationValue() {
    JavaFileObject todo =
        source(
            "test.Todo",
            """
        package test;

        import dev.eventsourced.annotations.Collection;
        import dev.eventsourced.annotations.Key;

        @Collection(
            table = "my todos")
        public record Todo(@Key String id) {}
        """);
    Compilation compilation = compile(todo);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[eventsourced:InvalidSqlName] table name \"my todos\" of test.Todo is invalid")
        .inFile(todo)
        .onLineContaining("table = \"my todos\"");
  }

  @Test
  void invalidTypeNamePrefix_failsOnAnnotationValue() {
    JavaFileObject todo =
        source(
            "test.Todo",
            """
        package test;

        import dev.eventsourced.annotations.Collection;
        import dev.eventsourced.annotations.Key;

        @Collection(
            name = "2Do")
        public record Todo(@Key String id) {}
        """);
    Compilation compilation = compile(todo);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[eventsourced:InvalidTypeName] @Collection(name = \"2Do\") of test.Todo is not a Java identifier")
        .inFile(todo)
        .onLineContaining("name = \"2Do\"");
  }

  @Test
  void reservedTableName_failsOnTableValue() {
    JavaFileObject todo =
        source(
            "test.Todo",
            """
        package test;

        import dev.eventsourced.annotations.Collection;
        import dev.eventsourced.annotations.Key;

        @Collection(
            table = "sqlite_todos")
        public record Todo(@Key String id) {}
        """);
    Compilation compilation = compile(todo);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[eventsourced:ReservedName] table \"sqlite_todos\" of test.Todo has a reserved name: names starting with _ or sqlite_")
        .inFile(todo)
        .onLineContaining("table = \"sqlite_todos\"");
  }

  @Test
  void componentStartingWithUnderscore_failsOnComponent() {
    JavaFileObject todo =
        source(
            "test.Todo",
            """
        package test;

        import dev.eventsourced.annotations.Collection;
        import dev.eventsourced.annotations.Key;

        @Collection("todos")
        public record Todo(
            @Key String id,
            String _pending) {}
        """);
    Compilation compilation = compile(todo);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[eventsourced:ReservedName] component Todo._pending has a reserved name: its column \"_pending\" starts with _, which is reserved for metadata columns")
        .inFile(todo)
        .onLineContaining("String _pending");
  }

  @Test
  void componentNamedSynced_failsOnComponent() {
    JavaFileObject todo =
        source(
            "test.Todo",
            """
        package test;

        import dev.eventsourced.annotations.Collection;
        import dev.eventsourced.annotations.Key;

        @Collection("todos")
        public record Todo(
            @Key String id,
            boolean synced) {}
        """);
    Compilation compilation = compile(todo);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[eventsourced:ReservedName] component Todo.synced has a reserved name: it collides with the metamodel's virtual column Todo_.SYNCED; rename the component")
        .inFile(todo)
        .onLineContaining("boolean synced");
  }

  @Test
  void componentNamedRowid_failsOnComponent() {
    JavaFileObject todo =
        source(
            "test.Todo",
            """
        package test;

        import dev.eventsourced.annotations.Collection;
        import dev.eventsourced.annotations.Key;

        @Collection("todos")
        public record Todo(
            @Key String id,
            long rowid) {}
        """);
    Compilation compilation = compile(todo);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[eventsourced:ReservedName] component Todo.rowid has a reserved name: its column \"rowid\" is an alias of SQLite's rowid")
        .inFile(todo)
        .onLineContaining("long rowid");
  }

  @Test
  void componentNamedLikeDraftMethod_failsOnComponent() {
    JavaFileObject todo =
        source(
            "test.Todo",
            """
        package test;

        import dev.eventsourced.annotations.Collection;
        import dev.eventsourced.annotations.Key;

        @Collection("todos")
        public record Todo(
            @Key String id,
            String build) {}
        """);
    Compilation compilation = compile(todo);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[eventsourced:ReservedName] component Todo.build has a reserved name: it collides with the method build() of the generated draft")
        .inFile(todo)
        .onLineContaining("String build");
  }

  @Test
  void componentsWithSameColumn_failOnSecondComponent() {
    JavaFileObject todo =
        source(
            "test.Todo",
            """
        package test;

        import dev.eventsourced.annotations.Collection;
        import dev.eventsourced.annotations.Key;

        @Collection("todos")
        public record Todo(
            @Key String id,
            long createdAt,
            long created_at) {}
        """);
    Compilation compilation = compile(todo);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[eventsourced:DuplicateColumn] component Todo.created_at and component Todo.createdAt both map to column \"created_at\"")
        .inFile(todo)
        .onLineContaining("long created_at");
  }

  @Test
  void unknownIndexComponent_failsOnIndexWithDidYouMean() {
    JavaFileObject todo =
        source(
            "test.Todo",
            """
        package test;

        import dev.eventsourced.annotations.Collection;
        import dev.eventsourced.annotations.Index;
        import dev.eventsourced.annotations.Key;

        @Collection("todos")
        @Index({"userID", "createdAt"})
        public record Todo(@Key String id, String userId, long createdAt) {}
        """);
    Compilation compilation = compile(todo);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[eventsourced:UnknownIndexComponent] @Index on test.Todo names component 'userID', which Todo does not have. Did you mean 'userId'? Components: id, userId, createdAt")
        .inFile(todo)
        .onLineContaining("@Index({\"userID\"");
  }

  /**
   * javac synthesizes the {@code @Index.List} container of repeated annotations and cannot place a
   * diagnostic on one of them: the error goes on the record and names the component.
   */
  @Test
  void repeatedIndexWithUnknownComponent_failsOnRecordNamingComponent() {
    JavaFileObject todo =
        source(
            "test.Todo",
            """
        package test;

        import dev.eventsourced.annotations.Collection;
        import dev.eventsourced.annotations.Index;
        import dev.eventsourced.annotations.Key;

        @Collection("todos")
        @Index({"userId", "createdAt"})
        @Index(value = "title", unique = true)
        public record Todo(@Key String id, String userId, long createdAt) {}
        """);
    Compilation compilation = compile(todo);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[eventsourced:UnknownIndexComponent] @Index on test.Todo names component 'title', which Todo does not have. Components: id, userId, createdAt")
        .inFile(todo)
        .onLineContaining("public record Todo");
  }

  @Test
  void recordIndexWithoutComponents_failsOnIndex() {
    JavaFileObject todo =
        source(
            "test.Todo",
            """
        package test;

        import dev.eventsourced.annotations.Collection;
        import dev.eventsourced.annotations.Index;
        import dev.eventsourced.annotations.Key;

        @Collection("todos")
        @Index(unique = true)
        public record Todo(@Key String id, String userId) {}
        """);
    Compilation compilation = compile(todo);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[eventsourced:InvalidIndex] @Index on record test.Todo lists no components")
        .inFile(todo)
        .onLineContaining("@Index(unique = true)");
  }

  @Test
  void componentIndexWithComponentNames_failsOnComponent() {
    JavaFileObject todo =
        source(
            "test.Todo",
            """
        package test;

        import dev.eventsourced.annotations.Collection;
        import dev.eventsourced.annotations.Index;
        import dev.eventsourced.annotations.Key;

        @Collection("todos")
        public record Todo(
            @Key String id,
            @Index({"userId", "id"}) String userId) {}
        """);
    Compilation compilation = compile(todo);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[eventsourced:InvalidIndex] @Index on component Todo.userId lists components")
        .inFile(todo)
        .onLineContaining("String userId");
  }

  @Test
  void invalidIndexName_failsOnAnnotationValue() {
    JavaFileObject todo =
        source(
            "test.Todo",
            """
        package test;

        import dev.eventsourced.annotations.Collection;
        import dev.eventsourced.annotations.Index;
        import dev.eventsourced.annotations.Key;

        @Collection("todos")
        @Index(value = "userId",
            name = "sqlite_by_user")
        public record Todo(@Key String id, String userId) {}
        """);
    Compilation compilation = compile(todo);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[eventsourced:InvalidSqlName] index name \"sqlite_by_user\" of test.Todo is invalid")
        .inFile(todo)
        .onLineContaining("name = \"sqlite_by_user\"");
  }

  @Test
  void genericRecord_failsOnRecord() {
    JavaFileObject box =
        source(
            "test.Box",
            """
        package test;

        import dev.eventsourced.annotations.Collection;
        import dev.eventsourced.annotations.Key;

        @Collection("boxes")
        public record Box<T>(@Key String id, T content) {}
        """);
    Compilation compilation = compile(box);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[eventsourced:GenericRecord] @Collection record test.Box has type parameters, which are not supported")
        .inFile(box)
        .onLineContaining("public record Box<T>");
  }

  @Test
  void privateNestedRecord_failsOnRecord() {
    JavaFileObject outer =
        source(
            "test.Outer",
            """
        package test;

        import dev.eventsourced.annotations.Collection;
        import dev.eventsourced.annotations.Key;

        public class Outer {
          @Collection("todos")
          private record Todo(@Key String id) {}
        }
        """);
    Compilation compilation = compile(outer);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[eventsourced:PrivateRecord] @Collection record test.Outer.Todo is private or nested in a private type")
        .inFile(outer)
        .onLineContaining("private record Todo");
  }

  @Test
  void severalProblems_allReportedOnTheirElements() {
    JavaFileObject todo =
        source(
            "test.Todo",
            """
        package test;

        import dev.eventsourced.annotations.Collection;
        import dev.eventsourced.annotations.Key;

        @Collection("todos")
        public record Todo(
            String id,
            Object payload,
            String origin) {}
        """);
    Compilation compilation = compile(todo);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(3);
    assertThat(compilation)
        .hadErrorContaining("[eventsourced:MissingKey]")
        .inFile(todo)
        .onLineContaining("public record Todo");
    assertThat(compilation)
        .hadErrorContaining("[eventsourced:UnsupportedType]")
        .inFile(todo)
        .onLineContaining("Object payload");
    assertThat(compilation)
        .hadErrorContaining("[eventsourced:ReservedName]")
        .inFile(todo)
        .onLineContaining("String origin");
  }
}
