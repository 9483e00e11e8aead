package dev.eventsourced.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsourced.db.EventSourcedDb;
import dev.eventsourced.db.Repository;
import dev.eventsourced.db.spi.CollectionDefinition;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The versions of an app's records, as successive releases of the app compile them: each version's
 * sources are written as real files into {@code <root>/<version>/src/main/java}, compiled in
 * process by javac with the real processor (from this test's class path), with one schema snapshot
 * directory shared by all the versions, and loaded in a fresh class loader whose parent is the
 * test's, so the runtime's classes are shared.
 */
final class RecordVersions implements AutoCloseable {

  private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;");
  private static final Pattern TYPE =
      Pattern.compile("(?m)^public\\s+(?:final\\s+)?(?:record|class|enum|interface)\\s+(\\w+)");

  private final Path root;
  private final Path schemas;
  private final List<Version> loaded = new ArrayList<>();

  /** Versions compiled under {@code root}, sharing the snapshot directory {@code root/schemas}. */
  RecordVersions(Path root) {
    this.root = root;
    this.schemas = root.resolve("schemas");
  }

  /** The schema snapshot directory the versions share ({@code -Aeventsourced.schemaDir}). */
  Path schemaDir() {
    return schemas;
  }

  /**
   * Compiles {@code sources} (whole compilation units, one public type each) as version {@code
   * name}, whether or not they compile.
   */
  Compiled compile(String name, String... sources) {
    return compile(name, List.of(), sources);
  }

  /**
   * Like {@link #compile(String, String...)}, with more javac options (e.g. {@code -Xlint:all}).
   */
  Compiled compile(String name, List<String> moreOptions, String... sources) {
    Path sourceRoot = root.resolve(name).resolve("src/main/java");
    Path classes = root.resolve(name).resolve("classes");
    Path generated = root.resolve(name).resolve("generated");
    List<File> files = new ArrayList<>();
    try {
      Files.createDirectories(classes);
      Files.createDirectories(generated);
      for (String source : sources) files.add(write(sourceRoot, source).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    String classPath = System.getProperty("java.class.path");
    List<String> options = new ArrayList<>();
    options.addAll(
        List.of(
            "-classpath",
            classPath,
            "-processorpath",
            classPath,
            "-d",
            classes.toString(),
            "-s",
            generated.toString(),
            "-Aeventsourced.schemaDir=" + schemas,
            "-encoding",
            "UTF-8",
            "-Xlint:-options"));
    options.addAll(moreOptions);
    boolean success;
    try (StandardJavaFileManager fileManager =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      Writer out = new java.io.StringWriter();
      success =
          javac
              .getTask(
                  out,
                  fileManager,
                  diagnostics,
                  options,
                  null,
                  fileManager.getJavaFileObjectsFromFiles(files))
              .call();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Compiled(name, success, List.copyOf(diagnostics.getDiagnostics()), classes);
  }

  /** Compiles version {@code name} and loads it; fails the test when it does not compile. */
  Version version(String name, String... sources) {
    Compiled compiled = compile(name, sources);
    assertThat(compiled.success())
        .as("version %s compiles:%n%s", name, compiled.describe())
        .isTrue();
    Version version = Version.load(compiled.classes());
    loaded.add(version);
    return version;
  }

  private static Path write(Path sourceRoot, String source) throws IOException {
    Matcher pkg = PACKAGE.matcher(source);
    Matcher type = TYPE.matcher(source);
    if (!type.find()) throw new IllegalArgumentException("no public type in:\n" + source);
    Path dir = pkg.find() ? sourceRoot.resolve(pkg.group(1).replace('.', '/')) : sourceRoot;
    Files.createDirectories(dir);
    Path file = dir.resolve(type.group(1) + ".java");
    Files.writeString(file, source, StandardCharsets.UTF_8);
    return file;
  }

  @Override
  public void close() throws IOException {
    for (Version version : loaded) version.close();
  }

  /**
   * The outcome of compiling one version.
   *
   * @param name the version's name
   * @param success whether javac succeeded
   * @param diagnostics everything javac and the processor reported
   * @param classes where the class files went
   */
  record Compiled(
      String name,
      boolean success,
      List<Diagnostic<? extends JavaFileObject>> diagnostics,
      Path classes) {

    /** The error messages, in order. */
    List<String> errors() {
      return diagnostics.stream()
          .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
          .map(d -> d.getMessage(Locale.ROOT))
          .toList();
    }

    /** Every diagnostic with its kind, file and line, for assertion messages. */
    String describe() {
      return diagnostics.stream()
          .map(
              d ->
                  d.getKind()
                      + " "
                      + (d.getSource() == null ? "" : Path.of(d.getSource().toUri()).getFileName())
                      + ":"
                      + d.getLineNumber()
                      + " "
                      + d.getMessage(Locale.ROOT))
          .collect(Collectors.joining("\n"));
    }
  }

  /**
   * One compiled version of the records, in its own class loader. Rows are used reflectively:
   * records through their canonical constructor and accessors, collections through the generated
   * {@code <Record>_Collection.INSTANCE} and {@code <Record>Repository.of(db)}.
   */
  static final class Version implements AutoCloseable {

    private final URLClassLoader loader;

    private Version(URLClassLoader loader) {
      this.loader = loader;
    }

    /** Loads the classes in {@code classes} in a new loader whose parent is this class's loader. */
    static Version load(Path classes) {
      try {
        return new Version(
            new URLClassLoader(
                new URL[] {classes.toUri().toURL()}, RecordVersions.class.getClassLoader()));
      } catch (MalformedURLException e) {
        throw new IllegalArgumentException(e);
      }
    }

    /** The class {@code name} ({@code app.Todo}, {@code app.Todo$Status}) of this version. */
    Class<?> type(String name) {
      try {
        return Class.forName(name, true, loader);
      } catch (ClassNotFoundException e) {
        throw new IllegalArgumentException(name + " is not in this version", e);
      }
    }

    /** The generated definition of {@code record} ({@code app.Todo}). */
    @SuppressWarnings("unchecked")
    CollectionDefinition<Record, Object> definition(String record) {
      try {
        return (CollectionDefinition<Record, Object>)
            type(record + "_Collection").getField("INSTANCE").get(null);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }

    /** The generated repository of {@code record} in {@code db}. */
    @SuppressWarnings("unchecked")
    Repository<Record, Object> repository(EventSourcedDb db, String record) {
      try {
        return (Repository<Record, Object>)
            type(record + "Repository").getMethod("of", EventSourcedDb.class).invoke(null, db);
      } catch (InvocationTargetException e) {
        throw new IllegalStateException(e.getCause());
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }

    /** The constant {@code name} of {@code record}'s metamodel ({@code app.Todo_.SYNCED}). */
    Object metamodel(String record, String name) {
      try {
        return type(record + "_").getField(name).get(null);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }

    /**
     * A new {@code record} from its components' values in order; a {@code String} given for an enum
     * component is the constant's name.
     */
    Record row(String record, Object... values) {
      Class<?> type = type(record);
      RecordComponent[] components = type.getRecordComponents();
      if (components.length != values.length)
        throw new IllegalArgumentException(
            record + " has " + components.length + " components, got " + values.length);
      Class<?>[] parameters = new Class<?>[components.length];
      Object[] arguments = new Object[components.length];
      for (int i = 0; i < components.length; i++) {
        parameters[i] = components[i].getType();
        arguments[i] =
            parameters[i].isEnum() && values[i] instanceof String name
                ? enumConstant(parameters[i], name)
                : values[i];
      }
      try {
        Constructor<?> constructor = type.getDeclaredConstructor(parameters);
        return (Record) constructor.newInstance(arguments);
      } catch (InvocationTargetException e) {
        throw new IllegalStateException(e.getCause());
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumConstant(Class<?> type, String name) {
      return Enum.valueOf((Class) type, name);
    }

    @Override
    public void close() throws IOException {
      loader.close();
    }
  }

  /** The components of {@code row} by name, enum constants as their names. */
  static Map<String, Object> values(Record row) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (RecordComponent component : row.getClass().getRecordComponents()) {
      try {
        Object value = component.getAccessor().invoke(row);
        values.put(component.getName(), value instanceof Enum<?> e ? e.name() : value);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return values;
  }

  /** The value of {@code row}'s component {@code name}, an enum constant as its name. */
  static Object value(Record row, String name) {
    Map<String, Object> values = values(row);
    if (!values.containsKey(name))
      throw new IllegalArgumentException(row.getClass().getName() + " has no component " + name);
    return values.get(name);
  }
}
