package dev.eventsourced.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.palantir.javapoet.ClassName;
import dev.eventsourced.annotations.Collection;
import dev.eventsourced.db.EventSourcedDb;
import dev.eventsourced.processor.CollectionProcessor;
import dev.eventsourced.protocol.SyncEvent;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A modular app: its {@code module-info.java} requires {@code dev.eventsourced.db} and provides its
 * collection; javac compiles it with the processor on the processor path and {@code -Xlint:all
 * -Werror}, and a child JVM runs it on the module path ({@code java -p ... -m app/app.Main}). It
 * proves the module descriptors (exports, {@code requires transitive}, {@code uses}), that the
 * generated code needs no {@code java.compiler}, and that {@code provides} registers the collection
 * when the database opens.
 */
class ModularAppTest {

  @TempDir Path dir;

  @Test
  void modularApp_compilesStrictly_andWritesAndReadsARow() throws Exception {
    Path sources = dir.resolve("src");
    write(
        sources.resolve("module-info.java"),
        """
        module app {
          requires dev.eventsourced.db;

          provides dev.eventsourced.db.spi.CollectionDefinition with app.Note_Collection;
        }
        """);
    write(
        sources.resolve("app/Note.java"),
        """
        package app;

        import dev.eventsourced.annotations.Collection;
        import dev.eventsourced.annotations.Index;
        import dev.eventsourced.annotations.Key;

        @Collection("notes")
        public record Note(@Key String id, @Index String title) {}
        """);
    write(
        sources.resolve("app/Main.java"),
        """
        package app;

        import dev.eventsourced.db.EventSourcedDb;
        import java.nio.file.Path;

        public class Main {
          public static void main(String[] args) {
            Path file = Path.of(args[0]);
            try (EventSourcedDb db = EventSourcedDb.builder().path(file).open()) {
              // fails unless the module's provides registered the collection when the file opened
              db.rebuild("notes");
              NoteRepository.of(db).insert(new Note("n1", "hello"));
            }
            try (EventSourcedDb db = EventSourcedDb.builder().path(file).open()) {
              System.out.println("read " + NoteRepository.of(db).get("n1"));
            }
          }
        }
        """);
    Path classes = dir.resolve("classes");
    Path generated = dir.resolve("generated");
    Files.createDirectories(classes);
    Files.createDirectories(generated);

    String modulePath =
        path(EventSourcedDb.class, Collection.class, SyncEvent.class, JsonFactory.class)
            + File.pathSeparator
            + location(org.sqlite.JDBC.class);
    String processorPath = path(CollectionProcessor.class, ClassName.class, Collection.class);
    List<String> options =
        List.of(
            "-Xlint:all",
            "-Werror",
            // in process, javac's default class path is this test's: give it an empty one
            "-classpath",
            classes.toString(),
            "--module-path",
            modulePath,
            "-processorpath",
            processorPath,
            "-Aeventsourced.schemaDir=none",
            "-d",
            classes.toString(),
            "-s",
            generated.toString());
    List<String> arguments = new ArrayList<>(options);
    try (Stream<Path> files = Files.walk(sources)) {
      files.filter(f -> f.toString().endsWith(".java")).forEach(f -> arguments.add(f.toString()));
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    int status = javac.run(null, diagnostics, diagnostics, arguments.toArray(String[]::new));
    assertThat(status).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(diagnostics.toString(StandardCharsets.UTF_8)).doesNotContain("warning");
    assertThat(Files.readString(generated.resolve("app/NoteRepository.java")))
        .contains("@EventSourcedGenerated")
        .doesNotContain("javax.annotation.processing.Generated");

    Process app =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-p",
                modulePath + File.pathSeparator + classes,
                "-m",
                "app/app.Main",
                dir.resolve("notes.sqlite").toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(app.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(app.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(app.exitValue()).as(output).isZero();
    assertThat(output).contains("read Note[id=n1, title=hello]");
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  /** Where each class was loaded from (a jar, or a reactor module's target/classes). */
  private static String path(Class<?>... classes) {
    return Stream.of(classes)
        .map(ModularAppTest::location)
        .distinct()
        .collect(Collectors.joining(File.pathSeparator));
  }

  private static String location(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
