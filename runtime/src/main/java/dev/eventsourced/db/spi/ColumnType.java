package dev.eventsourced.db.spi;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * How a record component is stored in its SQLite column and compared in queries. One constant per
 * supported component type family; generated code picks the constant, the runtime converts query
 * parameters with {@link #toSql(Object)}.
 *
 * <p>Part of the SPI: generated code uses it; not meant for hand use.
 */
public enum ColumnType {
  /** {@code String}: TEXT. */
  STRING("TEXT"),
  /** {@code char}/{@code Character}: TEXT of length 1. */
  CHAR("TEXT"),
  /** {@code boolean}/{@code Boolean}: INTEGER 0 or 1. */
  BOOLEAN("INTEGER"),
  /** {@code byte}, {@code short}, {@code int}, {@code long} and their boxes: INTEGER. */
  INTEGER("INTEGER"),
  /** {@code float}, {@code double} and their boxes: REAL. */
  REAL("REAL"),
  /** an {@code enum}: TEXT holding {@link Enum#name()}. */
  ENUM("TEXT"),
  /** {@code UUID}: TEXT in canonical form. */
  UUID("TEXT"),
  /** {@code Instant}: INTEGER epoch milliseconds (sub-millisecond precision is truncated). */
  INSTANT("INTEGER"),
  /** {@code LocalDate}: TEXT ISO-8601 {@code yyyy-MM-dd}, which sorts chronologically. */
  LOCAL_DATE("TEXT"),
  /**
   * {@code BigDecimal}: TEXT {@link BigDecimal#toString()}, exact; compared numerically in queries.
   */
  BIG_DECIMAL("TEXT"),
  /** {@code byte[]}: BLOB. */
  BYTES("BLOB"),
  /** a nested record, {@code List}, {@code Set} or {@code Map}: TEXT holding JSON. */
  JSON("TEXT");

  private final String sqlType;

  ColumnType(String sqlType) {
    this.sqlType = sqlType;
  }

  /** The SQLite column type (type affinity) used in the DDL. */
  public String sqlType() {
    return sqlType;
  }

  /**
   * Converts a Java value of this type to the value bound as a JDBC parameter, the same
   * representation the column stores, so that SQL comparisons see like with like.
   */
  public Object toSql(Object value) {
    switch (this) {
      case CHAR:
        return String.valueOf(value);
      case BOOLEAN:
        return ((Boolean) value) ? 1 : 0;
      case ENUM:
        return ((Enum<?>) value).name();
      case UUID:
        return ((java.util.UUID) value).toString();
      case INSTANT:
        return Values.epochMillisClamped((Instant) value);
      case LOCAL_DATE:
        return ((LocalDate) value).toString();
      case BIG_DECIMAL:
        return ((BigDecimal) value).toString();
      case JSON:
        throw new IllegalArgumentException(
            "JSON columns (nested records, List, Set, Map) cannot be compared in a query; "
                + "filter on a scalar column or use a raw SQL query with json_extract");
      default:
        return value;
    }
  }
}
