package dev.eventsourced.db.spi;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Null-safe binding and reading of component values in the representation {@link ColumnType}
 * documents. Primitives are bound and read with the plain JDBC methods; these helpers cover
 * reference types, where SQL NULL stands for Java {@code null}.
 *
 * <p>Part of the SPI: called by generated code; not meant for hand use.
 */
public final class SqlValues {

  private SqlValues() {}

  public static void bindString(PreparedStatement st, int index, String value) throws SQLException {
    if (value == null) st.setNull(index, Types.VARCHAR);
    else st.setString(index, value);
  }

  /** Binds a {@code Byte}, {@code Short}, {@code Integer} or {@code Long} as INTEGER. */
  public static void bindInteger(PreparedStatement st, int index, Number value)
      throws SQLException {
    if (value == null) st.setNull(index, Types.BIGINT);
    else st.setLong(index, value.longValue());
  }

  /** Binds a {@code Float} or {@code Double} as REAL; see {@link #bindDouble}. */
  public static void bindReal(PreparedStatement st, int index, Number value) throws SQLException {
    if (value == null) st.setNull(index, Types.DOUBLE);
    else bindDouble(st, index, value.doubleValue());
  }

  /**
   * Binds a {@code double} or {@code float} as REAL. SQLite turns a NaN REAL into NULL, so NaN is
   * stored as the text {@code 'NaN'} (which a REAL column keeps as text) and read back by {@link
   * #readDoublePrimitive}. {@code -0.0} is stored as {@code 0.0}: SQLite does not keep the sign,
   * and {@link Values} makes every copy of the value {@code 0.0}.
   */
  public static void bindDouble(PreparedStatement st, int index, double value) throws SQLException {
    if (Double.isNaN(value)) st.setString(index, "NaN");
    else st.setDouble(index, value + 0.0);
  }

  public static void bindBoolean(PreparedStatement st, int index, Boolean value)
      throws SQLException {
    if (value == null) st.setNull(index, Types.INTEGER);
    else st.setInt(index, value ? 1 : 0);
  }

  public static void bindChar(PreparedStatement st, int index, Character value)
      throws SQLException {
    bindString(st, index, value == null ? null : value.toString());
  }

  public static void bindEnum(PreparedStatement st, int index, Enum<?> value) throws SQLException {
    bindString(st, index, value == null ? null : value.name());
  }

  public static void bindUuid(PreparedStatement st, int index, UUID value) throws SQLException {
    bindString(st, index, value == null ? null : value.toString());
  }

  public static void bindInstant(PreparedStatement st, int index, Instant value)
      throws SQLException {
    if (value == null) st.setNull(index, Types.BIGINT);
    else st.setLong(index, Values.epochMillis(value));
  }

  public static void bindLocalDate(PreparedStatement st, int index, LocalDate value)
      throws SQLException {
    bindString(st, index, value == null ? null : value.toString());
  }

  public static void bindBigDecimal(PreparedStatement st, int index, BigDecimal value)
      throws SQLException {
    bindString(st, index, value == null ? null : value.toString());
  }

  public static void bindBytes(PreparedStatement st, int index, byte[] value) throws SQLException {
    if (value == null) st.setNull(index, Types.BLOB);
    else st.setBytes(index, value);
  }

  public static String readString(ResultSet rs, int index) throws SQLException {
    return rs.getString(index);
  }

  public static Long readLong(ResultSet rs, int index) throws SQLException {
    long value = rs.getLong(index);
    return rs.wasNull() ? null : value;
  }

  public static Integer readInteger(ResultSet rs, int index) throws SQLException {
    int value = rs.getInt(index);
    return rs.wasNull() ? null : value;
  }

  public static Short readShort(ResultSet rs, int index) throws SQLException {
    short value = rs.getShort(index);
    return rs.wasNull() ? null : value;
  }

  public static Byte readByte(ResultSet rs, int index) throws SQLException {
    byte value = rs.getByte(index);
    return rs.wasNull() ? null : value;
  }

  public static Double readDouble(ResultSet rs, int index) throws SQLException {
    double value = readDoublePrimitive(rs, index);
    return rs.wasNull() ? null : value;
  }

  /** Reads a REAL column written by {@link #bindDouble}. */
  public static double readDoublePrimitive(ResultSet rs, int index) throws SQLException {
    double value = rs.getDouble(index);
    return value == 0.0 ? zeroOrNaN(rs, index) : value;
  }

  public static Float readFloat(ResultSet rs, int index) throws SQLException {
    Double value = readDouble(rs, index);
    return value == null ? null : value.floatValue();
  }

  /** Reads a REAL column written by {@link #bindDouble}. */
  public static float readFloatPrimitive(ResultSet rs, int index) throws SQLException {
    return (float) readDoublePrimitive(rs, index);
  }

  /** The text 'NaN' reads as 0.0 through getDouble; only then is the text looked at. */
  private static double zeroOrNaN(ResultSet rs, int index) throws SQLException {
    return "NaN".equals(rs.getString(index)) ? Double.NaN : 0.0;
  }

  public static Boolean readBoolean(ResultSet rs, int index) throws SQLException {
    int value = rs.getInt(index);
    return rs.wasNull() ? null : value != 0;
  }

  /** Reads a primitive {@code char}; an empty or NULL column reads as {@code '\0'}. */
  public static char readCharPrimitive(ResultSet rs, int index) throws SQLException {
    String value = rs.getString(index);
    return value == null || value.isEmpty() ? '\0' : value.charAt(0);
  }

  public static Character readChar(ResultSet rs, int index) throws SQLException {
    String value = rs.getString(index);
    return value == null || value.isEmpty() ? null : value.charAt(0);
  }

  public static <E extends Enum<E>> E readEnum(ResultSet rs, int index, Class<E> type)
      throws SQLException {
    String value = rs.getString(index);
    return value == null ? null : Enum.valueOf(type, value);
  }

  public static UUID readUuid(ResultSet rs, int index) throws SQLException {
    String value = rs.getString(index);
    return value == null ? null : UUID.fromString(value);
  }

  public static Instant readInstant(ResultSet rs, int index) throws SQLException {
    long value = rs.getLong(index);
    return rs.wasNull() ? null : Instant.ofEpochMilli(value);
  }

  public static LocalDate readLocalDate(ResultSet rs, int index) throws SQLException {
    String value = rs.getString(index);
    return value == null ? null : LocalDate.parse(value);
  }

  public static BigDecimal readBigDecimal(ResultSet rs, int index) throws SQLException {
    String value = rs.getString(index);
    return value == null ? null : new BigDecimal(value);
  }

  public static byte[] readBytes(ResultSet rs, int index) throws SQLException {
    return rs.getBytes(index);
  }
}
