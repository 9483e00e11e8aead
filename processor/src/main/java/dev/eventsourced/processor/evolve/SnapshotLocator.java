package dev.eventsourced.processor.evolve;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;

/**
 * Where the schema snapshots go: the directory of the {@value #OPTION} option ({@code none}: no
 * snapshots), or else one next to the record's source root: {@code src/main/schemas} for a root
 * named {@code java} ({@code src/main/java}, as Maven and Gradle lay sources out), else {@code
 * <root>/eventsourced-schemas}. When the source file is not a file on disk (sources in memory, a
 * compiler without the javac tree API) there is no default and no snapshot.
 */
public final class SnapshotLocator {

  /** The processor option naming the snapshot directory. */
  public static final String OPTION = "eventsourced.schemaDir";

  /** The value of {@link #OPTION} that disables snapshots. */
  public static final String NONE = "none";

  private final ProcessingEnvironment environment;
  private final String option;

  public SnapshotLocator(ProcessingEnvironment environment) {
    this.environment = environment;
    this.option = environment.getOptions().get(OPTION);
  }

  /** The directory of {@code record}'s snapshot, if it has one. */
  public Optional<Path> directory(TypeElement record) {
    if (option != null && !option.isBlank()) {
      return option.strip().equals(NONE) ? Optional.empty() : Optional.of(Path.of(option.strip()));
    }
    return sourceRoot(record)
        .map(
            root ->
                root.getFileName() != null && root.getFileName().toString().equals("java")
                    ? root.resolveSibling("schemas")
                    : root.resolve("eventsourced-schemas"));
  }

  /**
   * Where {@code record}'s source file is: through javac's tree API, or, where the processing
   * environment is wrapped (Gradle's incremental processing) and that fails, through {@code
   * Elements.getFileObjectOf} (JDK 18+, called reflectively: we compile for 17).
   */
  private URI sourceFile(TypeElement record) {
    try {
      TreePath path = Trees.instance(environment).getPath(record);
      if (path != null) {
        CompilationUnitTree unit = path.getCompilationUnit();
        return unit.getSourceFile().toUri();
      }
    } catch (RuntimeException | LinkageError e) {
      // A wrapped environment: try the other way.
    }
    try {
      Object file =
          javax.lang.model.util.Elements.class
              .getMethod("getFileObjectOf", javax.lang.model.element.Element.class)
              .invoke(environment.getElementUtils(), record);
      return file instanceof javax.tools.FileObject fileObject ? fileObject.toUri() : null;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return null; // JDK 17, or not javac
    }
  }

  /** The source root of {@code record}'s file: its directory minus the package's directories. */
  private Optional<Path> sourceRoot(TypeElement record) {
    try {
      URI uri = sourceFile(record);
      if (uri == null || !"file".equalsIgnoreCase(uri.getScheme())) return Optional.empty();
      Path directory = Path.of(uri).toAbsolutePath().normalize().getParent();
      Path fileDirectory = directory;
      PackageElement pkg = environment.getElementUtils().getPackageOf(record);
      if (!pkg.isUnnamed()) {
        String[] parts = pkg.getQualifiedName().toString().split("\\.");
        for (int i = parts.length - 1; i >= 0; i--) {
          if (directory == null
              || directory.getFileName() == null
              || !directory.getFileName().toString().equals(parts[i])) {
            // Not laid out by package (sources written side by side): their directory is the root.
            return Optional.ofNullable(fileDirectory);
          }
          directory = directory.getParent();
        }
      }
      return Optional.ofNullable(directory);
    } catch (RuntimeException | LinkageError e) {
      // Not javac (ECJ), or a javac without the tree API: no default location.
      return Optional.empty();
    }
  }
}
