package dev.eventsourced.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code record} as an event-sourced collection: the annotation processor generates a typed
 * repository ({@code <Record>Repository}), a metamodel ({@code <Record>_}), a draft type ({@code
 * <Record>Draft}), the SQLite table, the event payload codec and the replay handler.
 *
 * <pre>{@code
 * @Collection("todos")
 * public record Todo(@Key String id, String title, Status status, long createdAt) {}
 * }</pre>
 *
 * <p>Every insert, update and delete made through the generated repository is stored in the
 * collection's table and, in the same SQLite transaction, appended to the database's event log.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Collection {

  /**
   * The collection id: the name events carry in {@code collectionId} on the wire and, by default,
   * the table name. Lower case letters, digits and {@code _}, starting with a letter. When empty
   * (the default) it is the record's simple name in snake_case, e.g. {@code TodoItem} gives {@code
   * todo_item}.
   */
  String value() default "";

  /** The SQLite table name; when empty (the default) it is the collection id. */
  String table() default "";

  /**
   * Overrides the simple name prefix of the generated types: with {@code name = "Task"}, the record
   * {@code TaskRecord} gets {@code TaskRepository}, {@code Task_} and {@code TaskDraft}. When empty
   * (the default) the record's simple name is used (nested records are joined with {@code _}, e.g.
   * {@code Outer_Inner}).
   */
  String name() default "";

  /**
   * The schema version stamped on every event this collection writes. The processor keeps it in the
   * collection's schema snapshot and raises it by itself when the payload's shape changes (see the
   * README, "Changing your records"); set it only to start a collection at a higher version, or
   * when the build has no snapshot directory ({@code -Aeventsourced.schemaDir=none}).
   */
  int schemaVersion() default 1;

  /**
   * Whether the collection syncs. A local-only collection ({@code sync = false}) is persisted,
   * queryable, live and evolved like the others, and its changes are logged as events (its table
   * can be rebuilt from them), but they are never pushed, and pulled events of its id are ignored.
   */
  boolean sync() default true;
}
