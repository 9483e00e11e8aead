package dev.eventsourced.db.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import dev.eventsourced.db.exception.InvalidValueException;
import dev.eventsourced.db.spi.CollectionDefinition;
import dev.eventsourced.db.spi.JsonValues;
import dev.eventsourced.db.spi.Values;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.BitSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * One collection's rows as event payloads, both ways, and the place where the value rules of
 * invariant 7 are applied to a written row.
 *
 * <p>A row on its way in is encoded once; the encoding applies the rules (see {@link Values}), and
 * the row every other copy holds is the decoding of that payload: {@link #encode} returns both, so
 * that the repository, the event, the state table and the live rows cannot disagree. (A record
 * whose components are all stored exactly and immutable is its own canonical copy.)
 *
 * <p>Reading is strict: a payload member of the wrong type is an error, never another value.
 *
 * <p>Its length is the value rules' checks and their messages, which name the component and the
 * fix: they stay together so that a row is checked in one pass.
 */
final class PayloadCodec<T extends Record, K> {

  private final CollectionDefinition<T, K> definition;
  private final String keyMember;

  /** Whether a row's own values are already canonical and immutable, so no copy is needed. */
  private final boolean rowsAreCanonical;

  PayloadCodec(CollectionDefinition<T, K> definition) {
    this.definition = definition;
    this.keyMember = definition.columns().get(definition.keyColumn()).component();
    this.rowsAreCanonical = onlyExactImmutableValues(definition.recordType());
  }

  /**
   * Whether every component holds a value that is stored exactly and cannot change in place (text,
   * integers, booleans, enums, UUID, LocalDate, BigDecimal, optionally): then a row needs no
   * canonical copy. Floating point ({@code -0.0}), {@code Instant} (milliseconds), arrays and
   * collections (mutable) do.
   */
  private static boolean onlyExactImmutableValues(Class<?> recordType) {
    for (RecordComponent component : recordType.getRecordComponents()) {
      Type type = component.getGenericType();
      if (type instanceof ParameterizedType parameterized
          && parameterized.getRawType() == Optional.class) {
        type = parameterized.getActualTypeArguments()[0];
      }
      if (!(type instanceof Class<?> plain) || !(EXACT_IMMUTABLE.contains(plain) || plain.isEnum()))
        return false;
    }
    return true;
  }

  private static final Set<Class<?>> EXACT_IMMUTABLE =
      Set.of(
          String.class,
          char.class,
          Character.class,
          boolean.class,
          Boolean.class,
          byte.class,
          Byte.class,
          short.class,
          Short.class,
          int.class,
          Integer.class,
          long.class,
          Long.class,
          UUID.class,
          LocalDate.class,
          BigDecimal.class);

  /** Whether a row cannot change in place (every component is exact and immutable). */
  boolean rowsAreImmutable() {
    return rowsAreCanonical;
  }

  /** A row as it is stored: its canonical value and its payload. */
  record Encoded<T>(T row, String payload) {}

  /**
   * Encodes a row written through the API and decodes it back to its canonical value.
   *
   * @throws InvalidValueException when a value cannot be stored (nothing has been written yet)
   */
  Encoded<T> encode(T row) {
    String payload;
    StringWriter out = new StringWriter(128);
    JsonGenerator json = null;
    try {
      json = JsonValues.FACTORY.createGenerator(out);
      definition.writePayload(json, row);
      json.close();
      payload = out.toString();
    } catch (IOException | RuntimeException e) {
      throw new InvalidValueException(
          definition.collectionId()
              + ": the "
              + where(json)
              + " of "
              + describe(row)
              + " cannot be stored: "
              + e.getMessage()
              + "; "
              + FIX,
          e);
    }
    int bad = Values.firstUnpairedSurrogate(payload);
    if (bad >= 0) {
      throw new InvalidValueException(
          definition.collectionId()
              + ": the "
              + memberWithBadText(payload)
              + " of "
              + describe(row)
              + " contains an unpaired surrogate (U+"
              + Integer.toHexString(payload.charAt(bad)).toUpperCase()
              + "), which is not well-formed UTF-16 and cannot be stored as UTF-8; replace it, e.g. with U+FFFD, "
              + "or keep binary data in a byte[] component");
    }
    if (rowsAreCanonical) {
      return new Encoded<>(row, payload);
    }
    try {
      return new Encoded<>(read(payload), payload);
    } catch (UnreadableEventException e) {
      throw new InvalidValueException(
          definition.collectionId()
              + ": "
              + describe(row)
              + " does not read back from its own payload: "
              + e.getMessage()
              + " (does the record's constructor change or refuse what its accessors return?)",
          e);
    }
  }

  private static final String FIX =
      "store a value the component type can hold (see the value rules in the README)";

  /** The component being written when the generator stopped, for messages. */
  private static String where(JsonGenerator json) {
    if (json == null) return "row";
    JsonStreamContext context = json.getOutputContext();
    String pointer = context.pathAsPointer().toString();
    return pointer.isEmpty() ? "row" : "component at " + pointer;
  }

  /** Where the first text with an unpaired surrogate is in {@code payload}, for messages. */
  private static String memberWithBadText(String payload) {
    try (JsonParser json = JsonValues.FACTORY.createParser(payload)) {
      JsonToken token;
      while ((token = json.nextToken()) != null) {
        if ((token == JsonToken.VALUE_STRING || token == JsonToken.FIELD_NAME)
            && Values.firstUnpairedSurrogate(json.getText()) >= 0) {
          String pointer = json.getParsingContext().pathAsPointer().toString();
          return (token == JsonToken.FIELD_NAME ? "map key at " : "text at ")
              + (pointer.isEmpty() ? "/" : pointer);
        }
      }
    } catch (IOException e) {
      // Fall through to the generic description.
    }
    return "text";
  }

  private String describe(T row) {
    K key = definition.keyOf(row);
    return "the row with key "
        + (key == null ? "null" : definition.numericKey() ? key : "'" + key + "'");
  }

  /**
   * {@code row} as payload text, without the checks of {@link #encode} (for rows read from the
   * table).
   */
  String write(T row) {
    StringWriter out = new StringWriter(128);
    try (JsonGenerator json = JsonValues.FACTORY.createGenerator(out)) {
      definition.writePayload(json, row);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toString();
  }

  /** Decodes a payload. */
  T read(String payload) throws UnreadableEventException {
    try (JsonParser json = JsonValues.FACTORY.createParser(payload)) {
      if (json.nextToken() != JsonToken.START_OBJECT) {
        throw new UnreadableEventException("the payload is not a JSON object");
      }
      try {
        T row = definition.readPayload(json);
        if (json.nextToken() != null) {
          throw new UnreadableEventException("the payload has content after its JSON object");
        }
        return row;
      } catch (IOException | RuntimeException e) {
        String pointer = json.getParsingContext().pathAsPointer().toString();
        throw new UnreadableEventException(
            (pointer.isEmpty() ? "" : "member " + pointer + ": ")
                + (e.getMessage() == null ? e.toString() : firstLine(e.getMessage())));
      }
    } catch (IOException e) {
      throw new UnreadableEventException("malformed JSON: " + firstLine(e.getMessage()));
    }
  }

  /**
   * Decodes the payload of an insert or update of the row {@code key}. The key of an event is its
   * {@code key} member: a payload need not repeat it, but one that names another key contradicts
   * its event.
   */
  T readFor(K key, String payload) throws UnreadableEventException {
    T row = null;
    UnreadableEventException failure = null;
    try {
      row = read(payload);
      if (Objects.equals(key, definition.keyOf(row))) return row;
    } catch (UnreadableEventException e) {
      failure = e;
    }
    if (members(payload).get(definition.keyColumn())) {
      if (failure != null) throw failure;
      throw new UnreadableEventException(
          "the payload's key "
              + keyMember
              + "="
              + definition.keyOf(row)
              + " contradicts the event's key "
              + definition.keyToString(key));
    }
    return read(withKey(payload, key));
  }

  /** {@code payload} with the key member added as its first member. */
  private String withKey(String payload, K key) throws UnreadableEventException {
    int brace = payload.indexOf('{');
    if (brace < 0) throw new UnreadableEventException("the payload is not a JSON object");
    String head;
    StringWriter out = new StringWriter(payload.length() + 32);
    try (JsonGenerator json = JsonValues.FACTORY.createGenerator(out)) {
      json.writeStartObject();
      json.writeFieldName(keyMember);
      if (definition.numericKey()) json.writeNumber(definition.keyToString(key));
      else json.writeString(definition.keyToString(key));
      json.flush();
      head = out.toString(); // before close() ends the object
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    String rest = payload.substring(brace + 1);
    return head + (rest.strip().startsWith("}") ? "" : ",") + rest;
  }

  /**
   * The JSON text of each component's member in {@code payload}, by column ({@code null} when the
   * payload lacks it). Two canonical rows hold the same value in a column exactly when these texts
   * are equal: this is the library's "equal by value" (arrays by content, nested values deeply, the
   * order of sets and maps as stored).
   */
  String[] memberTexts(String payload) {
    String[] texts = new String[definition.columns().size()];
    try (JsonParser json = JsonValues.FACTORY.createParser(payload)) {
      json.nextToken();
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        int column = definition.columnIndex(json.currentName());
        json.nextToken();
        int start = (int) json.currentTokenLocation().getCharOffset();
        json.skipChildren();
        json.finishToken(); // a string's end is only known once it is read
        int end = (int) json.currentLocation().getCharOffset();
        if (column >= 0) texts[column] = payload.substring(start, end);
      }
    } catch (IOException e) {
      throw new IllegalStateException(
          "a payload this codec wrote does not parse: " + e.getMessage(), e);
    }
    return texts;
  }

  /** Whether two rows hold the same values (see {@link #memberTexts}). */
  boolean sameRow(T a, T b) {
    if (a == null || b == null) return a == b;
    return write(a).equals(write(b));
  }

  /**
   * The columns whose components are members of the payload object (unknown members are ignored).
   */
  BitSet members(String payload) throws UnreadableEventException {
    BitSet columns = new BitSet();
    try (JsonParser json = JsonValues.FACTORY.createParser(payload)) {
      if (json.nextToken() != JsonToken.START_OBJECT) {
        throw new UnreadableEventException("the payload is not a JSON object");
      }
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        int column = definition.columnIndex(json.currentName());
        if (column >= 0) columns.set(column);
        json.nextToken();
        json.skipChildren();
      }
    } catch (IOException e) {
      throw new UnreadableEventException("malformed JSON: " + firstLine(e.getMessage()));
    }
    return columns;
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
