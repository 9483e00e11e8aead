package dev.eventsourced.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static dev.eventsourced.processor.Compilations.compile;
import static dev.eventsourced.processor.Compilations.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.palantir.javapoet.TypeSpec;
import dev.eventsourced.processor.model.CollectionModel;
import dev.eventsourced.processor.write.SourceWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/** How the processor behaves across records and rounds: fail soft, defer, register. */
class ProcessingTest {

  private static final JavaFileObject GOOD =
      source(
          "test.Good",
          """
      package test;

      import dev.eventsourced.annotations.Collection;
      import dev.eventsourced.annotations.Key;

      @Collection("goods")
      public record Good(@Key String id, String title) {}
      """);

  /** Compiles only if Good's generated types exist. */
  private static final JavaFileObject USES_GOOD =
      source(
          "test.UsesGood",
          """
      package test;

      class UsesGood {
        Object[] uses = {GoodRepository.COLLECTION, Good_.TITLE, GoodDraft.class, Good_Collection.INSTANCE};
      }
      """);

  @Test
  void badRecord_doesNotStopGoodRecordFromGenerating() {
    JavaFileObject bad =
        source(
            "test.Bad",
            """
        package test;

        import dev.eventsourced.annotations.Collection;

        @Collection("bads")
        public record Bad(String id) {}
        """);
    Compilation compilation = compile(bad, GOOD, USES_GOOD);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[eventsourced:MissingKey]")
        .inFile(bad)
        .onLineContaining("record Bad");
  }

  @Test
  void exceptionWhileWritingRecord_reportsInternalErrorOnItAndGoesOn() {
    SourceWriter failing =
        new SourceWriter() {
          @Override
          protected TypeSpec.Builder type(CollectionModel model) {
            if (model.recordType().simpleName().equals("Bad"))
              throw new IllegalStateException("boom");
            return TypeSpec.classBuilder(model.names().prefix() + "_Marker");
          }
        };
    JavaFileObject bad =
        source(
            "test.Bad",
            """
        package test;

        import dev.eventsourced.annotations.Collection;
        import dev.eventsourced.annotations.Key;

        @Collection("bads")
        public record Bad(@Key String id) {}
        """);
    Compilation compilation =
        javac()
            .withProcessors(new CollectionProcessor(List.of(failing)))
            .withClasspath(Compilations.classpath())
            .compile(
                bad,
                GOOD,
                source(
                    "test.UsesMarker", "package test; class UsesMarker { Good_Marker marker; }"));
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[eventsourced:Internal] unexpected error while processing @Collection record test.Bad; this is a bug in the EventSourced DB processor, please report it")
        .inFile(bad)
        .onLineContaining("record Bad");
    assertThat(compilation).hadErrorContaining("java.lang.IllegalStateException: boom");
  }

  @Test
  void typeNeverDefined_failsWithUndefinedTypeOnComponent() {
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
            Missing status) {}
        """);
    Compilation compilation = compile(todo);
    assertThat(compilation).failed();
    // javac's own "cannot find symbol", and ours once no round defined the type.
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining("cannot find symbol")
        .inFile(todo)
        .onLineContaining("Missing status");
    assertThat(compilation)
        .hadErrorContaining(
            "[eventsourced:UndefinedType] component Todo.status has type Missing, which is not defined")
        .inFile(todo)
        .onLineContaining("Missing status");
  }

  @Test
  void typeGeneratedInLaterRound_isWaitedFor() {
    JavaFileObject todo =
        source(
            "test.Todo",
            """
        package test;

        import dev.eventsourced.annotations.Collection;
        import dev.eventsourced.annotations.Key;

        @Collection("todos")
        public record Todo(@Key String id, Status status) {}
        """);
    Compilation compilation =
        javac()
            .withProcessors(
                new GeneratesStatus(), new CollectionProcessor(), new RegistryProcessor())
            .withClasspath(Compilations.classpath())
            .compile(todo);
    assertThat(compilation).succeeded();
    assertThat(Compilations.generated(compilation, "test.Todo_Codec"))
        .contains("JsonValues.readEnum(json, Status.class)");
  }

  @Test
  void records_areListedSortedInServiceFile() throws IOException {
    JavaFileObject todo =
        source(
            "test.Todo",
            """
        package test;

        import dev.eventsourced.annotations.Collection;
        import dev.eventsourced.annotations.Key;

        @Collection(value = "todos", name = "Task")
        public record Todo(@Key String id) {
          @Collection
          public record Note(@Key long id) {}
        }
        """);
    Compilation compilation = compile(GOOD, todo);
    assertThat(compilation).succeeded();
    JavaFileObject services =
        compilation
            .generatedFile(
                StandardLocation.CLASS_OUTPUT,
                "META-INF/services/dev.eventsourced.db.spi.CollectionDefinition")
            .orElseThrow();
    assertThat(services.getCharContent(true).toString())
        .isEqualTo("test.Good_Collection\ntest.Task_Collection\ntest.Todo_Note_Collection\n");
  }

  /** Generates {@code test.Status} in the first round, as another processor might. */
  static final class GeneratesStatus extends AbstractProcessor {
    private boolean done;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (done) return false;
      done = true;
      try (Writer out = processingEnv.getFiler().createSourceFile("test.Status").openWriter()) {
        out.write("package test; public enum Status { OPEN, DONE }");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return false;
    }
  }
}
