package dev.eventsourced.db.spi;

/**
 * A mutable copy of a row that an update changes by named fields, generated as {@code
 * <Record>Draft}. It remembers which components were set so that the update event lists them in
 * its {@code fields} member.
 *
 * <p>Part of the SPI: implemented by generated code.
 *
 * @param <T> the record type
 */
public interface Draft<T extends Record> {

  /** A new record holding the draft's current values. */
  T build();

  /**
   * The positions (in {@link CollectionDefinition#columns()} order) of the components whose
   * setters were called, as a bit set: bit {@code i} is set when component {@code i} changed.
   * Records with more than 64 components report all of them as changed.
   */
  long changedColumns();
}
