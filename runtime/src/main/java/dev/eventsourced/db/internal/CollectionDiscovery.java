package dev.eventsourced.db.internal;

import dev.eventsourced.db.spi.CollectionDefinition;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Finds the generated collections with {@link ServiceLoader}: on the class path, through the {@code
 * META-INF/services/dev.eventsourced.db.spi.CollectionDefinition} file the annotation processor
 * writes; on the module path, through the {@code provides
 * dev.eventsourced.db.spi.CollectionDefinition with ...} of the app's {@code module-info.java} (a
 * named module's service files are ignored). When it finds none, it says why that usually happens
 * and what fixes it, in the log when the database opens and in the errors that follow from it.
 */
public final class CollectionDiscovery {

  private static final Logger LOG = System.getLogger("dev.eventsourced.db");

  /** Why no collection was found, and the fixes. */
  public static final String NONE_FOUND =
      "no generated collection was found (no @Collection record compiled by the annotation"
          + " processor on the class path or module path): the processor did not run, or its"
          + " output did not reach the run time. Put eventsourced-processor on the processor"
          + " path: Maven maven-compiler-plugin <annotationProcessorPaths>, Gradle"
          + " annotationProcessor(\"dev.eventsourced:eventsourced-processor:<version>\"), javac"
          + " -processorpath (from JDK 23 on, javac no longer runs processors found on the class"
          + " path unless given -proc:full). In a modular app, declare each collection in"
          + " module-info.java: provides dev.eventsourced.db.spi.CollectionDefinition with"
          + " com.example.Todo_Collection; or name the collections when opening:"
          + " EventSourcedDb.builder().collections(TodoRepository.COLLECTION)";

  private CollectionDiscovery() {}

  /**
   * The collections visible to {@code loader}, sorted by id; logs {@link #NONE_FOUND} as a warning
   * when there are none.
   */
  @SuppressWarnings({"rawtypes", "unchecked"})
  public static List<CollectionDefinition<?, ?>> discover(ClassLoader loader) {
    List<CollectionDefinition<?, ?>> found = new ArrayList<>();
    for (CollectionDefinition definition : ServiceLoader.load(CollectionDefinition.class, loader)) {
      found.add(definition);
    }
    found.sort(Comparator.comparing(CollectionDefinition::collectionId));
    if (found.isEmpty()) LOG.log(Level.WARNING, NONE_FOUND);
    return found;
  }

  /** {@code message}, followed by {@link #NONE_FOUND} when {@code engine} has no collection. */
  public static String explain(String message, Engine engine) {
    return engine.stores().isEmpty() ? message + "; " + NONE_FOUND : message;
  }
}
