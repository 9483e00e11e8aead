package dev.eventsourced.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a static method of a {@link Collection} record that rewrites an event payload written with
 * schema version {@link #fromVersion()} into the shape of the next version. It lets a record change
 * in a way old events cannot be read as they are (a component renamed or retyped, an enum constant
 * removed): the runtime passes every older event through the chain of upcasters before it folds it,
 * when it rebuilds the table and when it pulls events that other devices, still on the old version,
 * keep writing.
 *
 * <pre>{@code
 * @Collection("todos")
 * public record Todo(@Key String id, String name, boolean done) {
 *
 *   // version 1 called the name "title"
 *   @Upcast(fromVersion = 1)
 *   static Map<String, Object> titleBecameName(Map<String, Object> payload) {
 *     if (payload.containsKey("title")) payload.put("name", payload.remove("title"));
 *     return payload;
 *   }
 * }
 * }</pre>
 *
 * <p>The method is {@code static}, not {@code private}, takes a {@code Map<String, Object>} and
 * returns one: the payload as a mutable JSON tree ({@code String}, {@code Boolean}, {@code Long} or
 * {@code BigInteger} for integral numbers, {@code Double} for others, {@code null}, {@code
 * List<Object>} for arrays and {@code Map<String, Object>} for objects). It may change the map in
 * place and return it.
 *
 * <p>Write upcasters defensively: an update's payload may carry only the members it changed, and an
 * event whose writer did not state its schema version counts as version 1, so a payload may already
 * have the new shape. When an upcaster renames a member of an update, the update's list of changed
 * fields follows the rename.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Upcast {

  /**
   * The schema version of the payloads this method takes; it returns version {@code fromVersion +
   * 1}.
   */
  int fromVersion();
}
