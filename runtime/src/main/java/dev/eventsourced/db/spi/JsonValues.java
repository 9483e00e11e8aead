package dev.eventsourced.db.spi;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.UUID;

/**
 * Null-safe JSON writing and reading of component values for event payloads and JSON columns,
 * over Jackson's streaming API (no reflection). Encodings: {@code Instant} as an epoch-millisecond
 * number, {@code LocalDate}, {@code UUID}, enums and {@code BigDecimal} as strings (exact),
 * {@code byte[]} as a base64 string, {@code char} as a one-character string.
 *
 * <p>Readers are called with the parser positioned on the value's first token and leave it on the
 * value's last token. A JSON {@code null} reads as Java {@code null}, or zero/false for
 * primitives.
 *
 * <p>Part of the SPI: called by generated code; not meant for hand use.
 */
public final class JsonValues {

  /** The shared, thread-safe factory used for payloads and JSON columns. */
  public static final JsonFactory FACTORY = new JsonFactory();

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
    else if (value instanceof Double || value instanceof Float) writeDouble(json, value.doubleValue());
    else json.writeNumber(value.longValue());
  }

  /**
   * Writes a {@code double} by the value rule of floating-point components: {@code -0.0} is
   * written as {@code 0.0} (SQLite's REAL columns do not keep the sign of zero, so every copy of
   * the value holds {@code 0.0}); NaN and the infinities as the strings {@code "NaN"},
   * {@code "Infinity"} and {@code "-Infinity"}.
   */
  public static void writeDouble(JsonGenerator json, double value) throws IOException {
    if (value == 0.0) json.writeNumber(0.0);
    else if (Double.isNaN(value) || Double.isInfinite(value)) json.writeString(Double.toString(value));
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

  public static void writeInstant(JsonGenerator json, Instant value) throws IOException {
    if (value == null) json.writeNull();
    else json.writeNumber(value.toEpochMilli());
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
    return json.currentToken() == JsonToken.VALUE_NULL ? null : json.getValueAsLong();
  }

  public static long readLongPrimitive(JsonParser json) throws IOException {
    return json.currentToken() == JsonToken.VALUE_NULL ? 0L : json.getLongValue();
  }

  public static Integer readInteger(JsonParser json) throws IOException {
    return json.currentToken() == JsonToken.VALUE_NULL ? null : json.getIntValue();
  }

  public static int readIntPrimitive(JsonParser json) throws IOException {
    return json.currentToken() == JsonToken.VALUE_NULL ? 0 : json.getIntValue();
  }

  public static Short readShort(JsonParser json) throws IOException {
    return json.currentToken() == JsonToken.VALUE_NULL ? null : json.getShortValue();
  }

  public static short readShortPrimitive(JsonParser json) throws IOException {
    return json.currentToken() == JsonToken.VALUE_NULL ? 0 : json.getShortValue();
  }

  public static Byte readByte(JsonParser json) throws IOException {
    return json.currentToken() == JsonToken.VALUE_NULL ? null : json.getByteValue();
  }

  public static byte readBytePrimitive(JsonParser json) throws IOException {
    return json.currentToken() == JsonToken.VALUE_NULL ? 0 : json.getByteValue();
  }

  public static Double readDouble(JsonParser json) throws IOException {
    return json.currentToken() == JsonToken.VALUE_NULL ? null : readDoublePrimitive(json);
  }

  /** Reads a number; also accepts the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}. */
  public static double readDoublePrimitive(JsonParser json) throws IOException {
    switch (json.currentToken()) {
      case VALUE_NULL:
        return 0.0;
      case VALUE_STRING:
        return Double.parseDouble(json.getText());
      default:
        return json.getDoubleValue();
    }
  }

  public static Float readFloat(JsonParser json) throws IOException {
    return json.currentToken() == JsonToken.VALUE_NULL ? null : (float) readDoublePrimitive(json);
  }

  public static float readFloatPrimitive(JsonParser json) throws IOException {
    return (float) readDoublePrimitive(json);
  }

  public static Boolean readBoolean(JsonParser json) throws IOException {
    return json.currentToken() == JsonToken.VALUE_NULL ? null : json.getBooleanValue();
  }

  public static boolean readBooleanPrimitive(JsonParser json) throws IOException {
    return json.currentToken() != JsonToken.VALUE_NULL && json.getBooleanValue();
  }

  public static Character readChar(JsonParser json) throws IOException {
    String value = readString(json);
    return value == null || value.isEmpty() ? null : value.charAt(0);
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
    return value == null ? null : UUID.fromString(value);
  }

  public static Instant readInstant(JsonParser json) throws IOException {
    switch (json.currentToken()) {
      case VALUE_NULL:
        return null;
      case VALUE_STRING:
        return Instant.parse(json.getText());
      default:
        return Instant.ofEpochMilli(json.getLongValue());
    }
  }

  public static LocalDate readLocalDate(JsonParser json) throws IOException {
    String value = readString(json);
    return value == null ? null : LocalDate.parse(value);
  }

  public static BigDecimal readBigDecimal(JsonParser json) throws IOException {
    switch (json.currentToken()) {
      case VALUE_NULL:
        return null;
      case VALUE_STRING:
        return new BigDecimal(json.getText());
      default:
        return json.getDecimalValue();
    }
  }

  public static byte[] readBytes(JsonParser json) throws IOException {
    String value = readString(json);
    return value == null ? null : Base64.getDecoder().decode(value);
  }

  private static String abbreviate(String text) {
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }
}
