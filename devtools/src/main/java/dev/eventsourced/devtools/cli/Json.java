package dev.eventsourced.devtools.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON values as plain Java trees, over Jackson's streaming API. */
final class Json {

  /** Reads values as long as the runtime stores them (no cap below the line limit). */
  static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxStringLength(Integer.MAX_VALUE)
                  .maxNameLength(Integer.MAX_VALUE)
                  .maxNumberLength(10_000)
                  .build())
          .build();

  private Json() {}

  /**
   * Parses one JSON value into a tree: {@code Map} (insertion order), {@code List}, {@code String},
   * {@code Boolean}, {@code null}, and numbers as {@code BigDecimal} (so that {@code 1.0} and
   * {@code 1.00} are equal by {@link #same}).
   *
   * @throws IOException when the text is not exactly one JSON value
   */
  static Object parse(String text) throws IOException {
    try (JsonParser json = FACTORY.createParser(text)) {
      JsonToken first = json.nextToken();
      if (first == null) throw new IOException("no JSON value");
      Object value = read(json);
      if (json.nextToken() != null) throw new IOException("content after the JSON value");
      return value;
    }
  }

  /** Reads the value whose first token is current. */
  static Object read(JsonParser json) throws IOException {
    switch (json.currentToken()) {
      case START_OBJECT:
        Map<String, Object> object = new LinkedHashMap<>();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
          String name = json.currentName();
          json.nextToken();
          object.put(name, read(json));
        }
        return object;
      case START_ARRAY:
        List<Object> array = new ArrayList<>();
        while (json.nextToken() != JsonToken.END_ARRAY) array.add(read(json));
        return array;
      case VALUE_STRING:
        return json.getText();
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return json.getDecimalValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new IOException("unexpected " + json.currentToken());
    }
  }

  /** Whether two trees of {@link #parse} hold the same value (numbers compared by value). */
  static boolean same(Object a, Object b) {
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) return x.compareTo(y) == 0;
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      if (x.size() != y.size()) return false;
      for (Map.Entry<?, ?> entry : x.entrySet()) {
        if (!y.containsKey(entry.getKey()) || !same(entry.getValue(), y.get(entry.getKey())))
          return false;
      }
      return true;
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) return false;
      for (int i = 0; i < x.size(); i++) if (!same(x.get(i), y.get(i))) return false;
      return true;
    }
    return a == null ? b == null : a.equals(b);
  }

  /** Writes a tree of {@link #parse}. */
  static void write(JsonGenerator json, Object value) throws IOException {
    if (value == null) {
      json.writeNull();
    } else if (value instanceof Map<?, ?> map) {
      json.writeStartObject();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        json.writeFieldName(String.valueOf(entry.getKey()));
        write(json, entry.getValue());
      }
      json.writeEndObject();
    } else if (value instanceof List<?> list) {
      json.writeStartArray();
      for (Object element : list) write(json, element);
      json.writeEndArray();
    } else if (value instanceof BigDecimal number) {
      json.writeNumber(number);
    } else if (value instanceof Number number) {
      if (number instanceof Double || number instanceof Float)
        json.writeNumber(number.doubleValue());
      else json.writeNumber(number.longValue());
    } else if (value instanceof Boolean bool) {
      json.writeBoolean(bool);
    } else {
      json.writeString(value.toString());
    }
  }

  /** The strings of a JSON array ({@code fields}); {@code null} or unreadable text gives none. */
  static List<String> stringList(String text) {
    if (text == null) return List.of();
    List<String> strings = new ArrayList<>();
    try (JsonParser json = FACTORY.createParser(text)) {
      if (json.nextToken() != JsonToken.START_ARRAY) return List.of();
      while (json.nextToken() == JsonToken.VALUE_STRING) strings.add(json.getText());
    } catch (IOException e) {
      return List.of();
    }
    return List.copyOf(strings);
  }

  /** A JSON array of strings. */
  static String stringArray(List<String> strings) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      json.writeStartArray();
      for (String string : strings) json.writeString(string);
      json.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
