package dev.eventsourced.db.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.eventsourced.db.spi.CollectionDefinition;
import dev.eventsourced.db.spi.JsonValues;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Brings an event written with an older schema version of its collection to the current one, by the
 * record's {@code @Upcast} methods, before the fold reads it. The payload travels to the methods as
 * a mutable JSON tree and back as text; an update's {@code fields} follow the members the upcasters
 * renamed.
 */
final class Upcasting {

  private Upcasting() {}

  /** An event's payload and fields, as the current version of the record reads them. */
  record Upcast(String payload, List<String> fields) {}

  /** Whether an event of {@code schemaVersion} goes through at least one upcaster. */
  static boolean needed(CollectionDefinition<?, ?> definition, int schemaVersion) {
    return schemaVersion < definition.schemaVersion()
        && schemaVersion <= definition.lastUpcastVersion();
  }

  /**
   * Runs {@code payload} through the upcasters from {@code schemaVersion} to the current version.
   *
   * @throws UnreadableEventException when the payload is not a JSON object or an upcaster fails
   */
  static Upcast apply(
      CollectionDefinition<?, ?> definition, int schemaVersion, String payload, List<String> fields)
      throws UnreadableEventException {
    Map<String, Object> tree = readObject(payload);
    Set<String> before = new LinkedHashSet<>(tree.keySet());
    for (int version = Math.max(schemaVersion, 1);
        version < definition.schemaVersion();
        version++) {
      try {
        tree = definition.upcast(version, tree);
      } catch (RuntimeException e) {
        throw new UnreadableEventException(
            "the @Upcast(fromVersion = "
                + version
                + ") method of "
                + definition.recordType().getName()
                + " failed on it: "
                + e);
      }
      if (tree == null) {
        throw new UnreadableEventException(
            "the @Upcast(fromVersion = "
                + version
                + ") method of "
                + definition.recordType().getName()
                + " returned null; it must return the payload");
      }
    }
    return new Upcast(write(tree), renamedFields(fields, before, tree.keySet()));
  }

  /**
   * An update's fields after its payload's members changed from {@code before} to {@code after}:
   * the fields still present and, when a listed field is gone (renamed), the members the upcasters
   * added in its place. A member renamed that the update did not list stays out: the update did not
   * change it, and its value in the payload is the writer's stale copy.
   */
  private static List<String> renamedFields(
      List<String> fields, Set<String> before, Set<String> after) {
    if (fields.isEmpty()) return fields;
    Set<String> result = new LinkedHashSet<>();
    boolean listedFieldGone = false;
    for (String field : fields) {
      if (after.contains(field)) result.add(field);
      else if (before.contains(field)) listedFieldGone = true;
    }
    if (listedFieldGone) {
      for (String member : after) if (!before.contains(member)) result.add(member);
    }
    return List.copyOf(result);
  }

  static Map<String, Object> readObject(String payload) throws UnreadableEventException {
    try (JsonParser json = JsonValues.FACTORY.createParser(payload)) {
      if (json.nextToken() != JsonToken.START_OBJECT) {
        throw new UnreadableEventException("the payload is not a JSON object");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> tree = (Map<String, Object>) readValue(json);
      return tree;
    } catch (IOException e) {
      throw new UnreadableEventException("malformed JSON: " + e.getMessage());
    }
  }

  private static Object readValue(JsonParser json) throws IOException {
    switch (json.currentToken()) {
      case START_OBJECT:
        Map<String, Object> object = new LinkedHashMap<>();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
          String name = json.currentName();
          json.nextToken();
          object.put(name, readValue(json));
        }
        return object;
      case START_ARRAY:
        List<Object> array = new ArrayList<>();
        while (json.nextToken() != JsonToken.END_ARRAY) array.add(readValue(json));
        return array;
      case VALUE_STRING:
        return json.getText();
      case VALUE_NUMBER_INT:
        return json.getNumberType() == JsonParser.NumberType.BIG_INTEGER
            ? json.getBigIntegerValue()
            : (Object) json.getLongValue();
      case VALUE_NUMBER_FLOAT:
        return json.getDoubleValue();
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

  static String write(Map<String, Object> tree) throws UnreadableEventException {
    StringWriter out = new StringWriter(128);
    try (JsonGenerator json = JsonValues.FACTORY.createGenerator(out)) {
      writeValue(json, tree);
    } catch (IOException | IllegalArgumentException e) {
      throw new UnreadableEventException(
          "an upcaster returned a payload that is not JSON: " + e.getMessage());
    }
    return out.toString();
  }

  private static void writeValue(JsonGenerator json, Object value) throws IOException {
    if (value == null) {
      json.writeNull();
    } else if (value instanceof Map<?, ?> map) {
      json.writeStartObject();
      for (Map.Entry<?, ?> member : map.entrySet()) {
        if (!(member.getKey() instanceof String name)) {
          throw new IllegalArgumentException("a map key is not a String: " + member.getKey());
        }
        json.writeFieldName(name);
        writeValue(json, member.getValue());
      }
      json.writeEndObject();
    } else if (value instanceof Iterable<?> array) {
      json.writeStartArray();
      for (Object element : array) writeValue(json, element);
      json.writeEndArray();
    } else if (value instanceof String text) {
      json.writeString(text);
    } else if (value instanceof Boolean bool) {
      json.writeBoolean(bool);
    } else if (value instanceof Double || value instanceof Float) {
      JsonValues.writeDouble(json, ((Number) value).doubleValue());
    } else if (value instanceof BigInteger big) {
      json.writeNumber(big);
    } else if (value instanceof BigDecimal decimal) {
      json.writeNumber(decimal);
    } else if (value instanceof Number number) {
      json.writeNumber(number.longValue());
    } else if (value instanceof Character || value instanceof Enum<?>) {
      json.writeString(value.toString());
    } else {
      throw new IllegalArgumentException(
          "a value of type " + value.getClass().getName() + " (" + value + ") has no JSON form");
    }
  }
}
