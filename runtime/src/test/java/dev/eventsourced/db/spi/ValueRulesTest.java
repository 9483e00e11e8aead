package dev.eventsourced.db.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParseException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The value rules that are not "stored exactly" ({@link Values}), at the level of single values.
 */
class ValueRulesTest {

  @Test
  void negativeZero_isWrittenAsZero_andReadsAsZero() throws Exception {
    assertThat(JsonValues.toJson(-0.0, JsonValues::writeDouble)).isEqualTo("0.0");
    assertThat(JsonValues.toJson(-0.0f, JsonValues::writeFloat)).isEqualTo("0.0");
    assertThat(JsonValues.toJson(-0.0, JsonValues::writeNumber)).isEqualTo("0.0");
    assertThat(
            Double.doubleToRawLongBits(
                JsonValues.fromJson("-0.0", JsonValues::readDoublePrimitive)))
        .isZero();
    assertThat(Float.floatToRawIntBits(JsonValues.fromJson("-0.0", JsonValues::readFloatPrimitive)))
        .isZero();
    assertThat(Double.doubleToRawLongBits(sqlRoundTrip(-0.0))).isZero();
  }

  @Test
  void nanAndInfinities_areKept() throws Exception {
    for (double value :
        new double[] {
          Double.NaN,
          Double.POSITIVE_INFINITY,
          Double.NEGATIVE_INFINITY,
          Double.MIN_VALUE,
          -Double.MAX_VALUE,
          9007199254740993.0
        }) {
      String json = JsonValues.toJson(value, JsonValues::writeDouble);
      assertThat((Double) JsonValues.fromJson(json, JsonValues::readDoublePrimitive))
          .as(json)
          .isEqualTo(Double.valueOf(value));
      assertThat((Double) sqlRoundTrip(value)).isEqualTo(Double.valueOf(value));
    }
  }

  @Test
  void instants_areTruncatedToMilliseconds_towardThePast() {
    Instant nanos = Instant.parse("2026-12-01T10:15:30.123456789Z");
    Instant beforeEpoch = Instant.parse("1969-12-31T23:59:59.999999999Z");

    assertThat(
            JsonValues.fromJson(
                JsonValues.toJson(nanos, JsonValues::writeInstant), JsonValues::readInstant))
        .isEqualTo(Values.instant(nanos))
        .isEqualTo(Instant.parse("2026-12-01T10:15:30.123Z"));
    assertThat(
            JsonValues.fromJson(
                JsonValues.toJson(beforeEpoch, JsonValues::writeInstant), JsonValues::readInstant))
        .isEqualTo(Values.instant(beforeEpoch))
        .isEqualTo(Instant.parse("1969-12-31T23:59:59.999Z"));
    assertThat(JsonValues.fromJson("\"2026-12-01T10:15:30.123456789Z\"", JsonValues::readInstant))
        .isEqualTo(Instant.parse("2026-12-01T10:15:30.123Z"));
  }

  @Test
  void instantsBeyondEpochMillisInALong_areRefused() {
    assertThatThrownBy(() -> Values.epochMillis(Instant.MAX))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("outside the range");
    assertThat(Values.epochMillis(Instant.ofEpochMilli(Long.MIN_VALUE))).isEqualTo(Long.MIN_VALUE);
    assertThat(ColumnType.INSTANT.toSql(Instant.MAX)).isEqualTo(Long.MAX_VALUE);
    assertThat(ColumnType.INSTANT.toSql(Instant.MIN)).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void unpairedSurrogates_areFound_pairsAreNot() {
    assertThat(Values.firstUnpairedSurrogate("plain \u0000 text \uD83D\uDE00")).isEqualTo(-1);
    assertThat(Values.firstUnpairedSurrogate("a\uD800")).isEqualTo(1);
    assertThat(Values.firstUnpairedSurrogate("\uDE00b")).isEqualTo(0);
    assertThat(Values.firstUnpairedSurrogate("\uD83D\uDE00\uDE00")).isEqualTo(2);
  }

  @Test
  void readers_refuseMembersOfTheWrongType() {
    assertRefused("1.5", JsonValues::readLongPrimitive, "expected an integer");
    assertRefused("\"12\"", JsonValues::readLong, "expected an integer");
    assertRefused("true", JsonValues::readInteger, "expected an integer");
    assertRefused("256", JsonValues::readBytePrimitive, "out of range for a byte");
    assertRefused("-129", JsonValues::readByte, "out of range for a byte");
    assertRefused("40000", JsonValues::readShortPrimitive, "out of range for a short");
    assertRefused("2147483648", JsonValues::readIntPrimitive, "out of range for an int");
    assertRefused("\"1.5\"", JsonValues::readDoublePrimitive, "expected a number");
    assertRefused("\"ab\"", JsonValues::readChar, "one-character string");
    assertRefused("1", JsonValues::readBooleanPrimitive, "expected true or false");
    assertRefused("\"not-a-uuid\"", JsonValues::readUuid, "expected a UUID");
    assertRefused("\"2026-13-01\"", JsonValues::readLocalDate, "expected an ISO-8601 date");
    assertRefused("\"12,5\"", JsonValues::readBigDecimal, "expected a decimal number");
    assertRefused("\"%%%\"", JsonValues::readBytes, "expected base64 bytes");
    assertRefused("1.5", JsonValues::readInstant, "expected an integer");
    assertRefused("5", JsonValues::readString, "expected a string");
  }

  private static void assertRefused(String json, JsonValues.Reader<?> reader, String message) {
    assertThatThrownBy(() -> JsonValues.fromJson(json, reader))
        .as(json)
        .hasRootCauseInstanceOf(JsonParseException.class)
        .rootCause()
        .hasMessageContaining(message);
  }

  private static double sqlRoundTrip(double value) throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite::memory:")) {
      connection.createStatement().execute("CREATE TABLE t (v REAL)");
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO t VALUES (?)")) {
        SqlValues.bindDouble(insert, 1, value);
        insert.executeUpdate();
      }
      try (ResultSet rs = connection.createStatement().executeQuery("SELECT v FROM t")) {
        rs.next();
        return SqlValues.readDoublePrimitive(rs, 1);
      }
    }
  }
}
