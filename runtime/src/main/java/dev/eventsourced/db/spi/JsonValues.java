package dev.eventsourced.db.spi;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.UUID;

/**
 * Null-safe JSON writing and reading of component values for event payloads and JSON columns, over
 * Jackson's streaming API (no reflection). Encodings: {@code Instant} as an epoch-millisecond
 * number, {@code LocalDate}, {@code UUID}, enums and {@code BigDecimal} as strings (exact), {@code
 * byte[]} as a base64 string, {@code char} as a one-character string.
 *
 * <p>Readers are called with the parser positioned on the value's first token and leave it on the
 * value's last token. A JSON {@code null} reads as Java {@code null}, or zero/false for primitives.
 *
 * <p>Part of the SPI: called by generated code; not meant for hand use.
 *
 * <p>It has one reader and one writer per supported value type, each strict and documented; that
 * list is its length.
 */
public final class JsonValues {

  /** The shared, thread-safe factory used for payloads and JSON columns. */
  public static final JsonFactory FACTORY =
      JsonFactory.builder()
          // A member name is text like any other (a map key can be as long as a string value):
          // Jackson's default cap on names (50,000 chars) would refuse values we store.
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNameLength(StreamReadConstraints.DEFAULT_MAX_STRING_LEN)
                  .build())
          .build();

  private JsonValues() {}

  /** Writes one value. */
  @FunctionalInterface
  public interface Writer<T> {
    void write(JsonGenerator json, T value) throws IOException;
  }

  /** Reads one value; the parser is on its first token. */
  @FunctionalInterface
  public interface Reader<T> {
    T read(JsonParser json) throws IOException;
  }

  /** {@code value} as JSON text, or {@code null} for {@code null} (stored as SQL NULL). */
  public static <T> String toJson(T value, Writer<? super T> writer) {
    if (value == null) return null;
    StringWriter out = new StringWriter(64);
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      writer.write(json, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** Parses JSON text written by {@link #toJson}; {@code null} text gives {@code null}. */
  public static <T> T fromJson(String text, Reader<T> reader) {
    if (text == null) return null;
    try (JsonParser json = FACTORY.createParser(text)) {
      json.nextToken();
      return reader.read(json);
    } catch (IOException e) {
      throw new UncheckedIOException("malformed JSON column value: " + abbreviate(text), e);
    }
  }

  /**
   * Expects the parser to be on {@code expected}.
   *
   * @throws JsonParseException naming what was found instead
   */
  public static void expect(JsonParser json, JsonToken expected) throws IOException {
    if (json.currentToken() != expected) {
      throw new JsonParseException(
          json, "expected " + expected + " but found " + json.currentToken());
    }
  }

  public static void writeString(JsonGenerator json, String value) throws IOException {
    if (value == null) json.writeNull();
    else json.writeString(value);
  }

  public static void writeNumber(JsonGenerator json, Number value) throws IOException {
    if (value == null) json.writeNull();
    else if (value instanceof Double || value instanceof Float)
      writeDouble(json, value.doubleValue());
    else json.writeNumber(value.longValue());
  }

  /**
   * Writes a {@code double} by the value rule of floating-point components: {@code -0.0} is written
   * as {@code 0.0} (SQLite's REAL columns do not keep the sign of zero, so every copy of the value
   * holds {@code 0.0}); NaN and the infinities as the strings {@code "NaN"}, {@code "Infinity"} and
   * {@code "-Infinity"}.
   */
  public static void writeDouble(JsonGenerator json, double value) throws IOException {
    if (value == 0.0) json.writeNumber(0.0);
    else if (Double.isNaN(value) || Double.isInfinite(value))
      json.writeString(Double.toString(value));
    else json.writeNumber(value);
  }

  /** Writes a {@code float} by the rule of {@link #writeDouble}. */
  public static void writeFloat(JsonGenerator json, float value) throws IOException {
    writeDouble(json, value);
  }

  public static void writeBoolean(JsonGenerator json, Boolean value) throws IOException {
    if (value == null) json.writeNull();
    else json.writeBoolean(value);
  }

  public static void writeChar(JsonGenerator json, Character value) throws IOException {
    writeString(json, value == null ? null : value.toString());
  }

  public static void writeEnum(JsonGenerator json, Enum<?> value) throws IOException {
    writeString(json, value == null ? null : value.name());
  }

  public static void writeUuid(JsonGenerator json, UUID value) throws IOException {
    writeString(json, value == null ? null : value.toString());
  }

  /** Writes epoch milliseconds; see {@link Values#epochMillis}. */
  public static void writeInstant(JsonGenerator json, Instant value) throws IOException {
    if (value == null) json.writeNull();
    else json.writeNumber(Values.epochMillis(value));
  }

  public static void writeLocalDate(JsonGenerator json, LocalDate value) throws IOException {
    writeString(json, value == null ? null : value.toString());
  }

  public static void writeBigDecimal(JsonGenerator json, BigDecimal value) throws IOException {
    writeString(json, value == null ? null : value.toString());
  }

  public static void writeBytes(JsonGenerator json, byte[] value) throws IOException {
    writeString(json, value == null ? null : Base64.getEncoder().encodeToString(value));
  }

  public static String readString(JsonParser json) throws IOException {
    if (json.currentToken() == JsonToken.VALUE_NULL) return null;
    if (json.currentToken() != JsonToken.VALUE_STRING) {
      throw new JsonParseException(json, "expected a string but found " + json.currentToken());
    }
    return json.getText();
  }

  public static Long readLong(JsonParser json) throws IOException {
    return json.currentToken() == JsonToken.VALUE_NULL ? null : readLongPrimitive(json);
  }

  /**
   * Reads an integral JSON number that fits a {@code long}. Anything else (a fraction, a string, a
   * boolean) is refused: a payload member of the wrong type must not become some other value.
   */
  public static long readLongPrimitive(JsonParser json) throws IOException {
    if (json.currentToken() == JsonToken.VALUE_NULL) return 0L;
    if (json.currentToken() != JsonToken.VALUE_NUMBER_INT) {
      throw new JsonParseException(json, "expected an integer but found " + describe(json));
    }
    return json.getLongValue();
  }

  public static Integer readInteger(JsonParser json) throws IOException {
    return json.currentToken() == JsonToken.VALUE_NULL ? null : readIntPrimitive(json);
  }

  public static int readIntPrimitive(JsonParser json) throws IOException {
    return (int) readIntegral(json, Integer.MIN_VALUE, Integer.MAX_VALUE, "an int");
  }

  public static Short readShort(JsonParser json) throws IOException {
    return json.currentToken() == JsonToken.VALUE_NULL ? null : readShortPrimitive(json);
  }

  public static short readShortPrimitive(JsonParser json) throws IOException {
    return (short) readIntegral(json, Short.MIN_VALUE, Short.MAX_VALUE, "a short");
  }

  public static Byte readByte(JsonParser json) throws IOException {
    return json.currentToken() == JsonToken.VALUE_NULL ? null : readBytePrimitive(json);
  }

  public static byte readBytePrimitive(JsonParser json) throws IOException {
    return (byte) readIntegral(json, Byte.MIN_VALUE, Byte.MAX_VALUE, "a byte");
  }

  private static long readIntegral(JsonParser json, long min, long max, String what)
      throws IOException {
    long value = readLongPrimitive(json);
    if (value < min || value > max) {
      throw new JsonParseException(json, value + " is out of range for " + what);
    }
    return value;
  }

  public static Double readDouble(JsonParser json) throws IOException {
    return json.currentToken() == JsonToken.VALUE_NULL ? null : readDoublePrimitive(json);
  }

  /**
   * Reads a number, or one of the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}
   * written by {@link #writeDouble}. {@code -0.0} reads as {@code 0.0}.
   */
  public static double readDoublePrimitive(JsonParser json) throws IOException {
    switch (json.currentToken()) {
      case VALUE_NULL:
        return 0.0;
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return json.getDoubleValue() + 0.0;
      case VALUE_STRING:
        switch (json.getText()) {
          case "NaN":
            return Double.NaN;
          case "Infinity":
            return Double.POSITIVE_INFINITY;
          case "-Infinity":
            return Double.NEGATIVE_INFINITY;
          default:
            throw new JsonParseException(json, "expected a number but found " + describe(json));
        }
      default:
        throw new JsonParseException(json, "expected a number but found " + describe(json));
    }
  }

  public static Float readFloat(JsonParser json) throws IOException {
    return json.currentToken() == JsonToken.VALUE_NULL ? null : readFloatPrimitive(json);
  }

  public static float readFloatPrimitive(JsonParser json) throws IOException {
    return (float) readDoublePrimitive(json) + 0.0f;
  }

  public static Boolean readBoolean(JsonParser json) throws IOException {
    return json.currentToken() == JsonToken.VALUE_NULL ? null : readBooleanPrimitive(json);
  }

  public static boolean readBooleanPrimitive(JsonParser json) throws IOException {
    switch (json.currentToken()) {
      case VALUE_NULL:
      case VALUE_FALSE:
        return false;
      case VALUE_TRUE:
        return true;
      default:
        throw new JsonParseException(json, "expected true or false but found " + describe(json));
    }
  }

  /** Reads a one-character string. */
  public static Character readChar(JsonParser json) throws IOException {
    String value = readString(json);
    if (value == null) return null;
    if (value.length() != 1) {
      throw new JsonParseException(
          json, "expected a one-character string but found " + describe(json));
    }
    return value.charAt(0);
  }

  public static char readCharPrimitive(JsonParser json) throws IOException {
    Character value = readChar(json);
    return value == null ? '\0' : value;
  }

  public static <E extends Enum<E>> E readEnum(JsonParser json, Class<E> type) throws IOException {
    String value = readString(json);
    if (value == null) return null;
    try {
      return Enum.valueOf(type, value);
    } catch (IllegalArgumentException e) {
      throw new JsonParseException(
          json, "\"" + value + "\" is not a constant of " + type.getName());
    }
  }

  public static UUID readUuid(JsonParser json) throws IOException {
    String value = readString(json);
    return value == null ? null : parse(json, value, UUID::fromString, "a UUID");
  }

  /**
   * Reads epoch milliseconds (as {@link #writeInstant} writes them) or an ISO-8601 string,
   * truncated to milliseconds: the precision every copy of an {@code Instant} component holds.
   */
  public static Instant readInstant(JsonParser json) throws IOException {
    switch (json.currentToken()) {
      case VALUE_NULL:
        return null;
      case VALUE_STRING:
        try {
          return Values.instant(Instant.parse(json.getText()));
        } catch (RuntimeException e) {
          throw new JsonParseException(
              json, "expected an ISO-8601 instant but found " + describe(json));
        }
      default:
        return Instant.ofEpochMilli(readLongPrimitive(json));
    }
  }

  public static LocalDate readLocalDate(JsonParser json) throws IOException {
    String value = readString(json);
    return value == null ? null : parse(json, value, LocalDate::parse, "an ISO-8601 date");
  }

  public static BigDecimal readBigDecimal(JsonParser json) throws IOException {
    switch (json.currentToken()) {
      case VALUE_NULL:
        return null;
      case VALUE_STRING:
        return parse(json, json.getText(), BigDecimal::new, "a decimal number");
      default:
        return json.getDecimalValue();
    }
  }

  public static byte[] readBytes(JsonParser json) throws IOException {
    String value = readString(json);
    return value == null ? null : parse(json, value, Base64.getDecoder()::decode, "base64 bytes");
  }

  private static <V> V parse(
      JsonParser json, String text, java.util.function.Function<String, V> parser, String what)
      throws JsonParseException {
    try {
      return parser.apply(text);
    } catch (RuntimeException e) {
      throw new JsonParseException(
          json, "expected " + what + " but found \"" + abbreviate(text) + "\"");
    }
  }

  /** The current token, for messages: a value's text (abbreviated) or the token's kind. */
  private static String describe(JsonParser json) throws IOException {
    JsonToken token = json.currentToken();
    if (token == null) return "the end of the input";
    if (token == JsonToken.VALUE_STRING) return "the string \"" + abbreviate(json.getText()) + "\"";
    if (token.isScalarValue()) return abbreviate(json.getText());
    return token == JsonToken.START_OBJECT
        ? "an object"
        : token == JsonToken.START_ARRAY ? "an array" : token.toString();
  }

  private static String abbreviate(String text) {
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }
}
