package dev.eventsourced.processor.write;

import static dev.eventsourced.processor.write.RuntimeTypes.JSON_VALUES;
import static dev.eventsourced.processor.write.RuntimeTypes.SQL_VALUES;

import com.palantir.javapoet.CodeBlock;
import dev.eventsourced.processor.base.Scalar;
import dev.eventsourced.processor.base.ValueType;
import dev.eventsourced.processor.base.ValueType.ListType;
import dev.eventsourced.processor.base.ValueType.MapType;
import dev.eventsourced.processor.base.ValueType.OptionalType;
import dev.eventsourced.processor.base.ValueType.ScalarType;
import dev.eventsourced.processor.base.ValueType.SetType;
import dev.eventsourced.processor.model.CollectionModel;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The code that binds, reads, encodes and decodes one value of a {@link ValueType}, shared by the
 * writers: JDBC for primitives, {@code SqlValues} and {@code JsonValues} for the rest, and the
 * generated {@code _Codec} methods for records, lists, sets and maps.
 */
final class ValueCode {

  private final CollectionModel model;

  ValueCode(CollectionModel model) {
    this.model = model;
  }

  /** The codec method that writes ({@code verb} "write") or reads ("read") a JSON-stored type. */
  String codecMethod(String verb, ValueType type) {
    return type.typeName().equals(model.recordType()) ? verb : verb + model.codecName(type);
  }

  /** A statement binding {@code value} as parameter {@code parameterIndex} of {@code statement}. */
  CodeBlock bind(ValueType type, CodeBlock value) {
    if (type instanceof OptionalType optional) {
      return bind(optional.element(), CodeBlock.of("$L.orElse(null)", value));
    }
    if (!(type instanceof ScalarType scalar)) {
      return CodeBlock.of(
          "$T.bindString(statement, parameterIndex, $T.toJson($L, $T::$L))",
          SQL_VALUES,
          JSON_VALUES,
          value,
          model.names().codec(),
          codecMethod("write", type));
    }
    if (scalar.isPrimitive()) {
      return switch (scalar.scalar()) {
        case BOOLEAN -> CodeBlock.of("statement.setInt(parameterIndex, $L ? 1 : 0)", value);
        case FLOAT, DOUBLE ->
            CodeBlock.of("$T.bindDouble(statement, parameterIndex, $L)", SQL_VALUES, value);
        case CHAR ->
            CodeBlock.of(
                "statement.setString(parameterIndex, $T.valueOf($L))", String.class, value);
        default -> CodeBlock.of("statement.setLong(parameterIndex, $L)", value);
      };
    }
    String method =
        switch (scalar.scalar()) {
          case STRING -> "bindString";
          case BOOLEAN -> "bindBoolean";
          case BYTE, SHORT, INT, LONG -> "bindInteger";
          case FLOAT, DOUBLE -> "bindReal";
          case CHAR -> "bindChar";
          case ENUM -> "bindEnum";
          case UUID -> "bindUuid";
          case INSTANT -> "bindInstant";
          case LOCAL_DATE -> "bindLocalDate";
          case BIG_DECIMAL -> "bindBigDecimal";
          case BYTES -> "bindBytes";
        };
    return CodeBlock.of("$T.$L(statement, parameterIndex, $L)", SQL_VALUES, method, value);
  }

  /** An expression reading column {@code column} of {@code resultSet}. */
  CodeBlock read(ValueType type, CodeBlock column) {
    if (type instanceof OptionalType optional) {
      return CodeBlock.of("$T.ofNullable($L)", Optional.class, read(optional.element(), column));
    }
    if (!(type instanceof ScalarType scalar)) {
      return CodeBlock.of(
          "$T.fromJson(resultSet.getString($L), $T::$L)",
          JSON_VALUES,
          column,
          model.names().codec(),
          codecMethod("read", type));
    }
    if (scalar.isPrimitive()) {
      return switch (scalar.scalar()) {
        case BOOLEAN -> CodeBlock.of("resultSet.getInt($L) != 0", column);
        case BYTE -> CodeBlock.of("resultSet.getByte($L)", column);
        case SHORT -> CodeBlock.of("resultSet.getShort($L)", column);
        case INT -> CodeBlock.of("resultSet.getInt($L)", column);
        case FLOAT -> CodeBlock.of("$T.readFloatPrimitive(resultSet, $L)", SQL_VALUES, column);
        case DOUBLE -> CodeBlock.of("$T.readDoublePrimitive(resultSet, $L)", SQL_VALUES, column);
        case CHAR -> CodeBlock.of("$T.readCharPrimitive(resultSet, $L)", SQL_VALUES, column);
        default -> CodeBlock.of("resultSet.getLong($L)", column);
      };
    }
    if (scalar.scalar() == Scalar.ENUM) {
      return CodeBlock.of(
          "$T.readEnum(resultSet, $L, $T.class)", SQL_VALUES, column, scalar.typeName());
    }
    return CodeBlock.of("$T.$L(resultSet, $L)", SQL_VALUES, readMethod(scalar.scalar()), column);
  }

  /**
   * A statement writing {@code value} (maybe null, unless primitive) to the generator {@code json}.
   */
  CodeBlock write(ValueType type, CodeBlock value) {
    if (type instanceof OptionalType optional) {
      return write(optional.element(), CodeBlock.of("$L.orElse(null)", value));
    }
    if (!(type instanceof ScalarType scalar)) {
      return CodeBlock.of("$L(json, $L)", codecMethod("write", type), value);
    }
    if (scalar.isPrimitive() && scalar.scalar() != Scalar.CHAR) {
      // Floating point goes through JsonValues for the value rule (-0.0 is written as 0.0), as
      // boxed values do through writeNumber.
      return switch (scalar.scalar()) {
        case BOOLEAN -> CodeBlock.of("json.writeBoolean($L)", value);
        case FLOAT -> CodeBlock.of("$T.writeFloat(json, $L)", JSON_VALUES, value);
        case DOUBLE -> CodeBlock.of("$T.writeDouble(json, $L)", JSON_VALUES, value);
        default -> CodeBlock.of("json.writeNumber($L)", value);
      };
    }
    String method =
        switch (scalar.scalar()) {
          case STRING -> "writeString";
          case BOOLEAN -> "writeBoolean";
          case BYTE, SHORT, INT, LONG, FLOAT, DOUBLE -> "writeNumber";
          case CHAR -> "writeChar";
          case ENUM -> "writeEnum";
          case UUID -> "writeUuid";
          case INSTANT -> "writeInstant";
          case LOCAL_DATE -> "writeLocalDate";
          case BIG_DECIMAL -> "writeBigDecimal";
          case BYTES -> "writeBytes";
        };
    return CodeBlock.of("$T.$L(json, $L)", JSON_VALUES, method, value);
  }

  /** An expression reading a value from the parser {@code json}, positioned on its first token. */
  CodeBlock read(ValueType type) {
    if (type instanceof OptionalType optional) {
      return CodeBlock.of("$T.ofNullable($L)", Optional.class, read(optional.element()));
    }
    if (!(type instanceof ScalarType scalar)) {
      return CodeBlock.of("$L(json)", codecMethod("read", type));
    }
    if (scalar.scalar() == Scalar.ENUM) {
      return CodeBlock.of("$T.readEnum(json, $T.class)", JSON_VALUES, scalar.typeName());
    }
    String method =
        "read" + (scalar.scalar() == Scalar.CHAR ? "Char" : scalar.scalar().codecName());
    if (scalar.isPrimitive()) {
      method =
          switch (scalar.scalar()) {
            case BOOLEAN -> "readBooleanPrimitive";
            case INT -> "readIntPrimitive";
            default -> method + "Primitive";
          };
    }
    return CodeBlock.of("$T.$L(json)", JSON_VALUES, method);
  }

  /** The value a payload member that is missing reads as. */
  static CodeBlock missingValue(ValueType type) {
    if (type instanceof OptionalType) {
      return CodeBlock.of("$T.empty()", Optional.class);
    }
    if (type instanceof ScalarType scalar && scalar.isPrimitive()) {
      return switch (scalar.scalar()) {
        case BOOLEAN -> CodeBlock.of("false");
        case CHAR -> CodeBlock.of("'\\0'");
        default -> CodeBlock.of("0");
      };
    }
    return CodeBlock.of("null");
  }

  /**
   * The value of the {@code @Default} text {@code text} (valid: checked by validation) of a
   * component of {@code type}, as an expression that can initialise a variable of that type.
   */
  static CodeBlock defaultValue(ValueType type, String text) {
    if (type instanceof OptionalType optional) {
      return CodeBlock.of("$T.of($L)", Optional.class, defaultValue(optional.element(), text));
    }
    if (type instanceof ListType) return CodeBlock.of("$T.of()", List.class);
    if (type instanceof SetType) return CodeBlock.of("$T.of()", Set.class);
    if (type instanceof MapType) return CodeBlock.of("$T.of()", Map.class);
    ScalarType scalar = (ScalarType) type;
    return switch (scalar.scalar()) {
      case STRING -> CodeBlock.of("$S", text);
      case BOOLEAN -> CodeBlock.of("$L", Boolean.parseBoolean(text));
      case BYTE -> CodeBlock.of("(byte) $L", new BigInteger(text));
      case SHORT -> CodeBlock.of("(short) $L", new BigInteger(text));
      case INT -> CodeBlock.of("$L", new BigInteger(text));
      case LONG -> CodeBlock.of("$LL", new BigInteger(text));
      // -0.0 is 0.0 by the value rule; "+ 0.0" normalises it.
      case FLOAT -> CodeBlock.of("$Lf", Float.parseFloat(text) + 0.0f);
      case DOUBLE -> CodeBlock.of("$L", Double.parseDouble(text) + 0.0);
      case CHAR -> charLiteral(text.charAt(0));
      case ENUM -> CodeBlock.of("$T.$L", scalar.typeName(), text);
      case UUID -> CodeBlock.of("$T.fromString($S)", UUID.class, text.toLowerCase(Locale.ROOT));
      case INSTANT -> CodeBlock.of("$T.parse($S)", Instant.class, text);
      case LOCAL_DATE -> CodeBlock.of("$T.parse($S)", LocalDate.class, text);
      case BIG_DECIMAL -> CodeBlock.of("new $T($S)", BigDecimal.class, text);
      case BYTES -> throw new IllegalArgumentException("byte[] has no default");
    };
  }

  /** A {@code char} literal; {@code (char) N} for what would not read well in quotes. */
  private static CodeBlock charLiteral(char c) {
    if (c == '\'' || c == '\\') return CodeBlock.of("'\\$L'", c);
    if (c >= 0x20 && c <= 0x7e) return CodeBlock.of("'$L'", c);
    return CodeBlock.of("(char) $L", (int) c);
  }

  private static String readMethod(Scalar scalar) {
    return switch (scalar) {
      case CHAR -> "readChar";
      case INT -> "readInteger";
      default -> "read" + scalar.codecName();
    };
  }
}
