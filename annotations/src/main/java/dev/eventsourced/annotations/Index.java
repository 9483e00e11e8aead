package dev.eventsourced.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares an SQLite index on a {@link Collection} record's table.
 *
 * <p>On a record component it indexes that component's column:
 *
 * <pre>{@code
 * record Todo(@Key String id, @Index String userId, ...) {}
 * }</pre>
 *
 * <p>On the record it declares a composite index over the named components, in order:
 *
 * <pre>{@code
 * @Collection("todos")
 * @Index({"userId", "createdAt"})
 * record Todo(...) {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.RECORD_COMPONENT})
@Repeatable(Index.List.class)
public @interface Index {

  /**
   * The record component names the index covers, in order. Leave empty on a component (the
   * component itself is indexed); required on a record.
   */
  String[] value() default {};

  /** Whether the index is {@code UNIQUE}. */
  boolean unique() default false;

  /** The index name; when empty it is {@code <table>_<column>_<column>..._idx}. */
  String name() default "";

  /** Holds repeated {@link Index} annotations on a record. */
  @Documented
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.TYPE)
  @interface List {
    Index[] value();
  }
}
