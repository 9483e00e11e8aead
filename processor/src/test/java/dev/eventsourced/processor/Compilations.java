package dev.eventsourced.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.ToolProvider;

/** Compiles test sources with both processors, as a user's build would. */
final class Compilations {

  private static final List<File> CLASSPATH = classpath();

  private Compilations() {}

  static Compilation compile(JavaFileObject... sources) {
    return compile(List.of(), sources);
  }

  /** As {@link #compile(JavaFileObject...)}, with more compiler options (e.g. {@code -A...}). */
  static Compilation compile(List<String> options, JavaFileObject... sources) {
    List<String> all = new ArrayList<>(List.of("-Xlint:all", "-Werror"));
    all.addAll(options);
    return javac()
        .withProcessors(new CollectionProcessor(), new RegistryProcessor())
        .withOptions(all)
        .withClasspath(CLASSPATH)
        .compile(sources);
  }

  static JavaFileObject source(String name, String text) {
    return JavaFileObjects.forSourceString(name, text);
  }

  /** The text of a generated source file. */
  static String generated(Compilation compilation, String name) {
    JavaFileObject file =
        compilation
            .generatedSourceFile(name)
            .orElseThrow(
                () ->
                    new AssertionError(
                        "not generated: "
                            + name
                            + "; generated: "
                            + compilation.generatedSourceFiles()));
    try {
      return file.getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The test class path, with a {@code RepositoryBase} shim first while the runtime's is a stub.
   */
  static List<File> classpath() {
    List<File> classpath = new ArrayList<>();
    if (repositoryBaseIsStub()) {
      classpath.add(compileRepositoryBaseShim());
    }
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      classpath.add(new File(entry));
    }
    return classpath;
  }

  /**
   * Whether the runtime's {@code RepositoryBase} still leaves {@code Repository}'s methods
   * abstract: on the processor branch it is a stub (the runtime implements it on main), and
   * generated repositories only compile against the real one. The shim, used for compiling only,
   * goes away by itself once the real class is there.
   */
  private static boolean repositoryBaseIsStub() {
    try {
      Class<?> base = Class.forName("dev.eventsourced.db.RepositoryBase");
      return Modifier.isAbstract(base.getMethod("query").getModifiers());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static File compileRepositoryBaseShim() {
    try {
      Path dir = Files.createTempDirectory("repository-base-shim");
      Path source = dir.resolve("RepositoryBase.java");
      Files.writeString(
          source,
          """
          package dev.eventsourced.db.spi;

          import dev.eventsourced.db.EventSourcedDb;
          import dev.eventsourced.db.Query;
          import dev.eventsourced.db.Repository;
          import java.util.Collection;
          import java.util.List;
          import java.util.Optional;
          import java.util.function.Consumer;
          import java.util.function.Function;

          public abstract class RepositoryBase<T extends Record, K> implements Repository<T, K> {
            protected RepositoryBase(EventSourcedDb db, CollectionDefinition<T, K> definition) {}
            protected final <D extends Draft<T>> T update(K key, Function<? super T, D> draftOf, Consumer<? super D> change) { throw new UnsupportedOperationException(); }
            public final T insert(T row) { throw new UnsupportedOperationException(); }
            public final void insertAll(Collection<? extends T> rows) { throw new UnsupportedOperationException(); }
            public final T upsert(T row) { throw new UnsupportedOperationException(); }
            public final void upsertAll(Collection<? extends T> rows) { throw new UnsupportedOperationException(); }
            public final T update(T row) { throw new UnsupportedOperationException(); }
            public final void updateAll(Collection<? extends T> rows) { throw new UnsupportedOperationException(); }
            public final void delete(K key) { throw new UnsupportedOperationException(); }
            public final boolean deleteIfExists(K key) { throw new UnsupportedOperationException(); }
            public final void deleteAll(Collection<? extends K> keys) { throw new UnsupportedOperationException(); }
            public final T get(K key) { throw new UnsupportedOperationException(); }
            public final Optional<T> find(K key) { throw new UnsupportedOperationException(); }
            public final boolean exists(K key) { throw new UnsupportedOperationException(); }
            public final List<T> all() { throw new UnsupportedOperationException(); }
            public final long count() { throw new UnsupportedOperationException(); }
            public final Query<T> query() { throw new UnsupportedOperationException(); }
          }
          """);
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      int status =
          javac.run(
              null,
              null,
              null,
              "-d",
              dir.toString(),
              "-cp",
              System.getProperty("java.class.path"),
              "--release",
              "17",
              source.toString());
      if (status != 0) throw new IllegalStateException("the RepositoryBase shim does not compile");
      try (Stream<Path> files = Files.list(dir)) {
        files.filter(f -> f.toString().endsWith(".java")).forEach(f -> f.toFile().delete());
      }
      return dir.toFile();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
