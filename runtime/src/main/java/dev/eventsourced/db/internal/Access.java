package dev.eventsourced.db.internal;

import dev.eventsourced.db.EventSourcedDb;
import dev.eventsourced.db.Query;

/**
 * Lets the SPI reach what the public API keeps package-private, without widening the public API
 * (the "shared secrets" pattern). Set once by {@link EventSourcedDb}'s static initializer.
 */
public final class Access {

  /** Implemented in the public package. */
  public interface Hooks {
    Engine engine(EventSourcedDb db);

    <T extends Record> Query<T> newQuery(CollectionStore<T, ?> store);
  }

  private static volatile Hooks hooks;

  private Access() {}

  public static void install(Hooks installed) {
    hooks = installed;
  }

  private static Hooks hooks() {
    Hooks current = hooks;
    if (current == null) {
      // Initialising EventSourcedDb installs the hooks.
      try {
        Class.forName(EventSourcedDb.class.getName(), true, Access.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
      current = hooks;
    }
    return current;
  }

  public static Engine engine(EventSourcedDb db) {
    return hooks().engine(db);
  }

  public static <T extends Record> Query<T> newQuery(CollectionStore<T, ?> store) {
    return hooks().newQuery(store);
  }
}
