package dev.eventsourced.db.spi;

/**
 * A mutable copy of a row that an update changes by named fields, generated as {@code
 * <Record>Draft}. The update compares the built row with the stored one by value, so the event's
 * {@code fields} list exactly the components whose values changed, however they were changed.
 *
 * <p>Part of the SPI: implemented by generated code.
 *
 * @param <T> the record type
 */
public interface Draft<T extends Record> {

  /** A new record holding the draft's current values. */
  T build();
}
