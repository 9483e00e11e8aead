package dev.eventsourced.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The value a record component takes when an event's payload does not carry it: events written
 * before the component was added to the record, and events from writers that leave it out. Writes
 * made through the repository always carry every component, so the default only ever fills gaps in
 * the log.
 *
 * <pre>{@code
 * @Collection("todos")
 * public record Todo(@Key String id, String title, @Default("3") int priority) {}
 * }</pre>
 *
 * <p>The value is written as text and checked at compile time against the component's type:
 *
 * <ul>
 *   <li>numbers in decimal ({@code "3"}, {@code "-1.5"}), booleans {@code "true"}/{@code "false"},
 *       a {@code char} as one character;
 *   <li>{@code String}: the text as it is ({@code @Default("")} is the empty string);
 *   <li>an enum: a constant's name ({@code "OPEN"});
 *   <li>{@code UUID}, {@code LocalDate} ({@code "2024-01-31"}), {@code Instant} ({@code
 *       "2024-01-31T10:15:30Z"}) and {@code BigDecimal} in their ISO / canonical text form;
 *   <li>{@code Optional<T>}: a value of {@code T} (the default is {@code Optional.of} it);
 *   <li>{@code List}, {@code Set}: {@code "[]"}; {@code Map}: {@code "{}"} (empty).
 * </ul>
 *
 * <p>A component added to a record needs a default unless it is nullable (any reference type:
 * missing reads as {@code null}, or {@code Optional.empty()}). Adding a primitive component without
 * one fails the build.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Default {

  /** The default value in text form (see the class description). */
  String value();
}
