package dev.eventsourced.db.spi;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.RecordComponent;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * Everything the runtime needs to know about one {@code @Collection} record, generated at compile
 * time as {@code <Record>_Collection}. Implementations only describe: table and column names, the
 * DDL, binding and reading one row, encoding and decoding one event payload. Transactions, the
 * event log and notifications live once in the runtime.
 *
 * <p>Column positions used by {@link #bindColumn} and {@link #readRow} are indexes into {@link
 * #columns()}, which lists the record components in declaration order.
 *
 * <p>Part of the SPI: implemented by generated code; not meant for hand use.
 *
 * @param <T> the record type
 * @param <K> the key type (boxed)
 */
public interface CollectionDefinition<T extends Record, K> {

  /** The collection id, as in {@code @Collection("todos")}: the {@code collectionId} of events. */
  String collectionId();

  /** The SQLite table holding the current state, one row per key. */
  String tableName();

  /** The record class. */
  Class<T> recordType();

  /**
   * The schema version stamped on events of this collection: the version of the payload's shape,
   * raised by the processor whenever that shape changes.
   */
  int schemaVersion();

  /**
   * Whether the collection syncs ({@code @Collection(sync)}): the events of a local-only collection
   * are logged but never pushed, and pulled events of its id are ignored.
   */
  default boolean synced() {
    return true;
  }

  /**
   * The highest {@code fromVersion} of the record's {@code @Upcast} methods; 0 when it has none.
   */
  default int lastUpcastVersion() {
    return 0;
  }

  /**
   * Rewrites a payload of schema version {@code fromVersion} into the shape of version {@code
   * fromVersion + 1} with the record's {@code @Upcast(fromVersion)} method, or returns it unchanged
   * when the record has none for that version. The payload is a mutable JSON tree ({@code String},
   * {@code Boolean}, {@code Long}/{@code BigInteger}, {@code Double}, {@code null}, {@code List},
   * {@code Map}); the method may change it in place.
   */
  default Map<String, Object> upcast(int fromVersion, Map<String, Object> payload) {
    return payload;
  }

  /**
   * The statements that create the table and its indexes, each idempotent ({@code IF NOT EXISTS}):
   * the {@code CREATE TABLE} first, then one {@code CREATE [UNIQUE] INDEX} per index. The table has
   * one column per component in {@link #columns()} order, the key column as primary key, then the
   * metadata columns {@code "_origin" TEXT NOT NULL DEFAULT 'local'} and {@code "_pending" INTEGER
   * NOT NULL DEFAULT 0}.
   */
  List<String> ddl();

  /**
   * A digest of everything that decides how a value is stored, encoded or decoded: each component's
   * name, column, full Java type and column kind, the key, the components of nested records, the
   * constants of enums, the defaults, and the CREATE TABLE statement (not the indexes: those are
   * created and dropped on open without touching the rows). Stored in the database file: a file
   * whose table was written by another version of the record has it rebuilt from the log on open.
   */
  String fingerprint();

  /** The columns, one per record component, in declaration order. */
  List<ColumnInfo> columns();

  /** The position of the key column in {@link #columns()}. */
  int keyColumn();

  /**
   * The position in {@link #columns()} of the component named {@code component}, or -1 when the
   * record has no such component.
   */
  int columnIndex(String component);

  /** The key of {@code row}. */
  K keyOf(T row);

  /**
   * The key in its canonical text form, as stored in the event log's {@code key} column. Numbers
   * are written in decimal, UUIDs in canonical form, enums by name.
   */
  String keyToString(K key);

  /**
   * Parses the canonical text form written by {@link #keyToString}.
   *
   * @throws IllegalArgumentException when {@code key} is not a valid key of this collection
   */
  K keyFromString(String key);

  /** Whether keys travel as JSON numbers (integral key types) rather than strings on the wire. */
  boolean numericKey();

  /** Binds {@code key} as a parameter, converted as its column stores it. */
  void bindKey(PreparedStatement statement, int parameterIndex, K key) throws SQLException;

  /**
   * Binds the value of column {@code column} of {@code row} as parameter {@code parameterIndex}.
   */
  void bindColumn(PreparedStatement statement, int parameterIndex, T row, int column)
      throws SQLException;

  /**
   * Reads a row whose {@link #columns()} are the result set's columns {@code firstColumn}, {@code
   * firstColumn + 1}, ... in order.
   */
  T readRow(ResultSet resultSet, int firstColumn) throws SQLException;

  /**
   * The value of column {@code column}'s component in {@code row}, as the accessor returns it. Used
   * to find which fields an update changed. Generated code overrides this with a switch; the
   * default reads the record accessor through a cached method handle.
   */
  default Object componentValue(T row, int column) {
    try {
      return Accessors.FOR_TYPE.get(row.getClass())[column].invoke(row);
    } catch (Throwable e) {
      throw new IllegalStateException(
          "cannot read component " + column + " of " + row.getClass(), e);
    }
  }

  /**
   * A new row whose components are {@code values}, in {@link #columns()} order (boxed; {@code
   * Optional} components as {@code Optional}). Used by the fold to merge an update's fields into
   * the current row. Generated code overrides this with a direct constructor call; the default
   * calls the canonical constructor through a cached method handle.
   */
  @SuppressWarnings("unchecked")
  default T newRow(Object[] values) {
    try {
      return (T) Accessors.CONSTRUCTOR.get(recordType()).invokeWithArguments(values);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("cannot construct a " + recordType().getName(), e);
    }
  }

  /** Writes {@code row} as one JSON object whose members are named after the components. */
  void writePayload(JsonGenerator json, T row) throws IOException;

  /**
   * Reads a payload written by {@link #writePayload}. The parser is positioned on the object's
   * {@code START_OBJECT}; on return it is on the matching {@code END_OBJECT}. Unknown members are
   * skipped; missing members read as their {@code @Default}, else null ({@code Optional.empty()}),
   * or zero/false for primitives.
   */
  T readPayload(JsonParser json) throws IOException;

  /** Record accessors per record class, for the default {@link #componentValue}. */
  final class Accessors {
    static final ClassValue<MethodHandle[]> FOR_TYPE =
        new ClassValue<>() {
          @Override
          protected MethodHandle[] computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            MethodHandle[] handles = new MethodHandle[components.length];
            try {
              for (int i = 0; i < components.length; i++) {
                components[i].getAccessor().setAccessible(true);
                handles[i] = MethodHandles.lookup().unreflect(components[i].getAccessor());
              }
            } catch (IllegalAccessException e) {
              throw new IllegalStateException("cannot access the components of " + type, e);
            }
            return handles;
          }
        };

    static final ClassValue<MethodHandle> CONSTRUCTOR =
        new ClassValue<>() {
          @Override
          protected MethodHandle computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            Class<?>[] parameters = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) parameters[i] = components[i].getType();
            try {
              java.lang.reflect.Constructor<?> constructor =
                  type.getDeclaredConstructor(parameters);
              constructor.setAccessible(true);
              return MethodHandles.lookup().unreflectConstructor(constructor);
            } catch (ReflectiveOperationException e) {
              throw new IllegalStateException(
                  "cannot access the canonical constructor of " + type, e);
            }
          }
        };

    private Accessors() {}
  }
}
