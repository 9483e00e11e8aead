package dev.eventsourced.processor.base;

import com.palantir.javapoet.ClassName;
import dev.eventsourced.processor.base.ValueType.ListType;
import dev.eventsourced.processor.base.ValueType.MapType;
import dev.eventsourced.processor.base.ValueType.OptionalType;
import dev.eventsourced.processor.base.ValueType.RecordType;
import dev.eventsourced.processor.base.ValueType.ScalarType;
import dev.eventsourced.processor.base.ValueType.SetType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The rule for {@code @Default} texts: which component types may have a default, and which texts
 * are valid for each (see the javadoc of {@code @Default}). Defaults follow the runtime's value
 * rules: an {@code Instant} has at most millisecond precision, floating point numbers are finite,
 * text is well-formed UTF-16.
 */
public final class DefaultText {

  /** The types that may have a default, as listed in messages. */
  public static final String SUPPORTED =
      "String, boolean, byte, short, int, long, float, double, char and their boxes, enums, UUID,"
          + " Instant, LocalDate, BigDecimal, Optional<T> of those, and List, Set and Map (\"[]\","
          + " \"[]\" and \"{}\": empty)";

  private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");

  private DefaultText() {}

  /** Whether a component of {@code type} may have a default. */
  public static boolean isSupported(ValueType type) {
    if (type instanceof OptionalType optional) {
      return !(optional.element() instanceof OptionalType) && isSupported(optional.element());
    }
    if (type instanceof ScalarType scalar) return scalar.scalar() != Scalar.BYTES;
    return !(type instanceof RecordType);
  }

  /**
   * What is wrong with {@code text} as a default of {@code type}: "" when it is valid, else what a
   * valid text looks like ("a decimal integer from ... to ...").
   *
   * @param enums the constants of each enum type, by type
   */
  public static String problem(ValueType type, String text, Map<ClassName, List<String>> enums) {
    if (type instanceof OptionalType optional) {
      return problem(optional.element(), text, enums);
    }
    if (type instanceof ListType || type instanceof SetType) {
      return text.equals("[]") ? "" : "\"[]\" (a default list or set is empty)";
    }
    if (type instanceof MapType) {
      return text.equals("{}") ? "" : "\"{}\" (a default map is empty)";
    }
    ScalarType scalar = (ScalarType) type;
    return switch (scalar.scalar()) {
      case STRING -> wellFormed(text) ? "" : "text without unpaired surrogates";
      case BOOLEAN -> text.equals("true") || text.equals("false") ? "" : "true or false";
      case BYTE -> integer(text, Byte.MIN_VALUE, Byte.MAX_VALUE);
      case SHORT -> integer(text, Short.MIN_VALUE, Short.MAX_VALUE);
      case INT -> integer(text, Integer.MIN_VALUE, Integer.MAX_VALUE);
      case LONG -> integer(text, Long.MIN_VALUE, Long.MAX_VALUE);
      case FLOAT ->
          DECIMAL.matcher(text).matches() && Float.isFinite(Float.parseFloat(text))
              ? ""
              : "a finite decimal number such as 1.5, -2 or 6.02e23";
      case DOUBLE ->
          DECIMAL.matcher(text).matches() && Double.isFinite(Double.parseDouble(text))
              ? ""
              : "a finite decimal number such as 1.5, -2 or 6.02e23";
      case CHAR ->
          text.length() == 1 && !Character.isSurrogate(text.charAt(0))
              ? ""
              : "exactly one character";
      case ENUM -> {
        List<String> constants = enums.getOrDefault((ClassName) scalar.typeName(), List.of());
        yield constants.contains(text)
            ? ""
            : "the name of a constant of "
                + scalar.typeName()
                + ": "
                + String.join(", ", constants);
      }
      case UUID -> uuid(text) ? "" : "a UUID such as 123e4567-e89b-12d3-a456-426614174000";
      case INSTANT ->
          instant(text)
              ? ""
              : "an ISO-8601 instant in UTC with at most millisecond precision, such as"
                  + " 2024-01-31T10:15:30Z";
      case LOCAL_DATE -> localDate(text) ? "" : "an ISO-8601 date such as 2024-01-31";
      case BIG_DECIMAL -> bigDecimal(text) ? "" : "a decimal number such as 12.50 or -1E+3";
      case BYTES -> "no default: byte[] cannot have one";
    };
  }

  private static String integer(String text, long min, long max) {
    if (INTEGER.matcher(text).matches()) {
      BigInteger value = new BigInteger(text);
      if (value.compareTo(BigInteger.valueOf(min)) >= 0
          && value.compareTo(BigInteger.valueOf(max)) <= 0) {
        return "";
      }
    }
    return "a decimal integer from " + min + " to " + max;
  }

  private static boolean wellFormed(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  private static boolean uuid(String text) {
    try {
      return UUID.fromString(text).toString().equalsIgnoreCase(text);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean instant(String text) {
    try {
      Instant value = Instant.parse(text);
      value.toEpochMilli();
      return value.truncatedTo(ChronoUnit.MILLIS).equals(value);
    } catch (DateTimeParseException | ArithmeticException e) {
      return false;
    }
  }

  private static boolean localDate(String text) {
    try {
      LocalDate.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static boolean bigDecimal(String text) {
    try {
      new BigDecimal(text);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
