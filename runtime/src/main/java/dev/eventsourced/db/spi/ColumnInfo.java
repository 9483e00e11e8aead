package dev.eventsourced.db.spi;

/**
 * One record component's column in a collection's table.
 *
 * @param component the record component name, e.g. {@code createdAt}; also the name used in an
 *     update event's {@code fields}
 * @param column the SQLite column name, e.g. {@code created_at}
 * @param type how the value is stored
 * @param nullable whether the column accepts NULL (boxed, {@code Optional} and reference types
 *     unless primitive)
 * @param key whether this is the {@code @Key} component
 */
public record ColumnInfo(
    String component, String column, ColumnType type, boolean nullable, boolean key) {}
