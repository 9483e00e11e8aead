package dev.eventsourced.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code fields} of an update as a store keeps them: the text of a JSON array of strings, or
 * SQL NULL when there are none.
 */
final class FieldsJson {
  private static final JsonFactory JSON =
      JsonFactory.builder()
          // A member name is text like any other (a map key can be as long as a string value):
          // Jackson's default cap on names (50,000 chars) would refuse values we store.
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNameLength(StreamReadConstraints.DEFAULT_MAX_STRING_LEN)
                  .build())
          .build();

  private FieldsJson() {}

  /** No fields (an empty list) is {@code null}. */
  static String write(List<String> fields) {
    if (fields.isEmpty()) {
      return null;
    }
    StringWriter out = new StringWriter(16 * (fields.size() + 1));
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartArray();
      for (String field : fields) {
        json.writeString(field);
      }
      json.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** {@code null} stays {@code null}. */
  static List<String> read(String text) {
    if (text == null) {
      return null;
    }
    try (JsonParser json = JSON.createParser(text)) {
      if (json.nextToken() != JsonToken.START_ARRAY) {
        throw new IllegalStateException("stored fields are not a JSON array: " + text);
      }
      List<String> fields = new ArrayList<>();
      while (json.nextToken() == JsonToken.VALUE_STRING) {
        fields.add(json.getText());
      }
      return fields;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
