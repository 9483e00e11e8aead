package dev.eventsourced.devtools.cli;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

/**
 * How a payload member is stored in its column, by the column's type (the runtime's {@code
 * ColumnType}; see {@code JsonValues} and {@code SqlValues}): text as TEXT, booleans as INTEGER
 * 0/1, integers as INTEGER, floating point as REAL (NaN as the text {@code NaN}), an {@code
 * Instant} as INTEGER epoch milliseconds, {@code UUID}, {@code LocalDate}, enums and {@code
 * BigDecimal} as TEXT, {@code byte[]} as a BLOB, nested records and collections as JSON TEXT.
 * Without the app's classes the rules are applied to the values as the payload holds them.
 */
final class ColumnValues {

  /** A value the payload does not determine (a member it lacks: its default is the app's). */
  static final Object UNKNOWN = new Object();

  private ColumnValues() {}

  /** The member does not fit the column: the event is unreadable, as the runtime would find. */
  static final class Unfit extends Exception {
    private static final long serialVersionUID = 1L;

    Unfit(String message) {
      super(message);
    }
  }

  /**
   * The stored form of payload member {@code value} (a tree of {@link Json#parse}) in a column of
   * {@code column}'s type: {@code Long}, {@code Double}, {@code String}, {@code byte[]}, a JSON
   * tree for JSON columns, {@code null}, or {@link #UNKNOWN}.
   */
  static Object stored(StoredCollection.Column column, Object value) throws Unfit {
    if (value == null) {
      // a primitive reads null as zero or false; which one is a matter of the record's type
      return column.nullable() || column.type().equals("JSON") ? null : UNKNOWN;
    }
    try {
      switch (column.type()) {
        case "STRING":
        case "ENUM":
          return text(value);
        case "CHAR":
          String character = text(value);
          if (character.length() != 1) throw new Unfit("not one character");
          return character;
        case "BOOLEAN":
          if (value instanceof Boolean bool) return bool ? 1L : 0L;
          throw new Unfit("not a boolean");
        case "INTEGER":
          return number(value).longValueExact();
        case "REAL":
          if (value instanceof String special) {
            double parsed = Double.parseDouble(special);
            if (!Double.isNaN(parsed) && !Double.isInfinite(parsed)) throw new Unfit("text");
            return Double.isNaN(parsed) ? "NaN" : (Object) parsed;
          }
          return number(value).doubleValue() + 0.0;
        case "UUID":
          return UUID.fromString(text(value)).toString();
        case "INSTANT":
          if (value instanceof String iso) return Instant.parse(iso).toEpochMilli();
          return number(value).longValueExact();
        case "LOCAL_DATE":
          return LocalDate.parse(text(value)).toString();
        case "BIG_DECIMAL":
          if (value instanceof String decimal) return new BigDecimal(decimal).toString();
          return number(value).toString();
        case "BYTES":
          return Base64.getDecoder().decode(text(value));
        case "JSON":
          return value;
        default:
          return UNKNOWN; // a type this tool does not know: not compared
      }
    } catch (RuntimeException e) {
      throw new Unfit(
          "member " + column.component() + " does not fit a " + column.type() + " column");
    }
  }

  private static String text(Object value) throws Unfit {
    if (value instanceof String text) return text;
    throw new Unfit("not a string");
  }

  private static BigDecimal number(Object value) throws Unfit {
    if (value instanceof BigDecimal number) return number;
    throw new Unfit("not a number");
  }

  /** The key column's stored value as the event log's canonical key text. */
  static String keyText(Object stored) {
    if (stored instanceof byte[] bytes) return HexFormat.of().formatHex(bytes);
    return stored == null ? null : stored.toString();
  }

  /** The canonical text of an event's key for a key column of {@code type}, or null if invalid. */
  static String canonicalKey(String type, String key) {
    try {
      switch (type) {
        case "INTEGER":
          return Long.toString(Long.parseLong(key));
        case "UUID":
          return UUID.fromString(key).toString();
        default:
          return key;
      }
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Whether the column's stored value equals the folded one. */
  static boolean same(StoredCollection.Column column, Object folded, Object stored) {
    if (folded == UNKNOWN) return true;
    if (column.type().equals("JSON")) {
      if (stored == null || folded == null) return stored == folded;
      try {
        return Json.same(folded, Json.parse(stored.toString()));
      } catch (IOException e) {
        return false; // the column holds something that is not JSON
      }
    }
    if (folded instanceof byte[] a) return stored instanceof byte[] b && Arrays.equals(a, b);
    if (folded instanceof Double a && stored instanceof Number b) {
      return a.doubleValue() == b.doubleValue();
    }
    if (folded instanceof Long a && stored instanceof Double b) {
      return a.doubleValue() == b;
    }
    return folded == null ? stored == null : folded.equals(stored);
  }

  /** A value for a person: text quoted, blobs in hex, cut to a readable length. */
  static String show(Object value) {
    if (value == null) return "null";
    if (value == UNKNOWN) return "(unknown)";
    if (value instanceof byte[] bytes) {
      return "x'" + TextTable.abbreviate(HexFormat.of().formatHex(bytes), 40) + "'";
    }
    if (value instanceof String text) return '"' + TextTable.abbreviate(text, 60) + '"';
    if (value instanceof Double || value instanceof Long) return value.toString();
    return TextTable.abbreviate(toJson(value), 60);
  }

  /** A stored or folded value as JSON, for {@code --json}: blobs as base64 strings. */
  static void write(com.fasterxml.jackson.core.JsonGenerator json, Object value)
      throws IOException {
    if (value == UNKNOWN) json.writeNull();
    else if (value instanceof byte[] bytes)
      json.writeString(Base64.getEncoder().encodeToString(bytes));
    else Json.write(json, value);
  }

  private static String toJson(Object tree) {
    java.io.StringWriter out = new java.io.StringWriter();
    try (com.fasterxml.jackson.core.JsonGenerator json = Json.FACTORY.createGenerator(out)) {
      Json.write(json, tree);
    } catch (IOException e) {
      return String.valueOf(tree);
    }
    return out.toString();
  }
}
