package dev.eventsourced.devtools.cli;

import java.util.List;

/**
 * A collection as the file's {@code _meta} describes it.
 *
 * @param id the collection id
 * @param table the state table, or {@code null} when the file does not say (a file written before
 *     the column descriptions were stored, or a collection with events but no table)
 * @param schemaVersion the schema version of the record that wrote the table, or {@code null}
 * @param hasTable whether an app opened the file with this collection (its fingerprint is stored)
 * @param keyType the key's {@code ColumnType} name, or {@code null} when the file does not say
 * @param columns the table's columns in order, or {@code null} when the file does not describe them
 */
record StoredCollection(
    String id,
    String table,
    Integer schemaVersion,
    boolean hasTable,
    String keyType,
    List<Column> columns) {

  /**
   * One column of a state table.
   *
   * @param component the record component (and payload member) name
   * @param column the SQLite column name
   * @param type the runtime's {@code ColumnType} name, e.g. {@code INSTANT}
   * @param nullable whether the column may hold NULL
   * @param key whether it is the key column
   */
  record Column(String component, String column, String type, boolean nullable, boolean key) {}

  /** Whether keys travel as JSON numbers on the wire (an integral key). */
  boolean numericKey() {
    return "INTEGER".equals(keyType);
  }
}
