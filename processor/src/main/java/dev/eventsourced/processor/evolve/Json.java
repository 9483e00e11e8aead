package dev.eventsourced.processor.evolve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The little JSON the schema snapshots need, without a dependency on the processor path: a reader
 * into {@code Map} (in member order), {@code List}, {@code String}, {@code Long}, {@code Boolean}
 * and {@code null} (other numbers are refused: snapshots hold none), and a writer that prints the
 * same values with two-space indentation, one member or element per line.
 */
final class Json {

  /** Thrown for text that is not JSON (of the supported subset). */
  static final class MalformedException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedException(String message) {
      super(message);
    }
  }

  private final String text;
  private int position;

  private Json(String text) {
    this.text = text;
  }

  /** The value {@code text} holds; nothing but whitespace may follow it. */
  static Object parse(String text) throws MalformedException {
    Json json = new Json(text);
    Object value = json.value();
    json.skipWhitespace();
    if (json.position < text.length()) throw json.error("unexpected text after the JSON value");
    return value;
  }

  /** {@code value} as pretty-printed JSON, without a trailing newline. */
  static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out, "");
    return out.toString();
  }

  private Object value() throws MalformedException {
    skipWhitespace();
    if (position >= text.length()) throw error("unexpected end of the file");
    char c = text.charAt(position);
    switch (c) {
      case '{':
        return object();
      case '[':
        return array();
      case '"':
        return string();
      case 't':
        return literal("true", Boolean.TRUE);
      case 'f':
        return literal("false", Boolean.FALSE);
      case 'n':
        return literal("null", null);
      default:
        if (c == '-' || (c >= '0' && c <= '9')) return number();
        throw error("unexpected character '" + c + "'");
    }
  }

  private Map<String, Object> object() throws MalformedException {
    Map<String, Object> object = new LinkedHashMap<>();
    position++;
    skipWhitespace();
    if (peek() == '}') {
      position++;
      return object;
    }
    while (true) {
      skipWhitespace();
      if (peek() != '"') throw error("expected a member name in quotes");
      String name = string();
      skipWhitespace();
      expect(':');
      if (object.containsKey(name)) throw error("member \"" + name + "\" appears twice");
      object.put(name, value());
      skipWhitespace();
      if (peek() == ',') {
        position++;
      } else {
        expect('}');
        return object;
      }
    }
  }

  private List<Object> array() throws MalformedException {
    List<Object> array = new ArrayList<>();
    position++;
    skipWhitespace();
    if (peek() == ']') {
      position++;
      return array;
    }
    while (true) {
      array.add(value());
      skipWhitespace();
      if (peek() == ',') {
        position++;
      } else {
        expect(']');
        return array;
      }
    }
  }

  private String string() throws MalformedException {
    StringBuilder out = new StringBuilder();
    position++;
    while (true) {
      if (position >= text.length()) throw error("unterminated string");
      char c = text.charAt(position++);
      if (c == '"') return out.toString();
      if (c < 0x20) throw error("control character in a string");
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (position >= text.length()) throw error("unterminated string");
      char escaped = text.charAt(position++);
      switch (escaped) {
        case '"', '\\', '/' -> out.append(escaped);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          if (position + 4 > text.length()) throw error("incomplete \\u escape");
          try {
            out.append((char) Integer.parseInt(text.substring(position, position + 4), 16));
          } catch (NumberFormatException e) {
            throw error("invalid \\u escape");
          }
          position += 4;
        }
        default -> throw error("invalid escape \\" + escaped);
      }
    }
  }

  private Long number() throws MalformedException {
    int start = position;
    if (peek() == '-') position++;
    while (position < text.length() && Character.isDigit(text.charAt(position))) position++;
    char next = peek();
    if (next == '.' || next == 'e' || next == 'E') throw error("expected a whole number");
    try {
      return Long.parseLong(text.substring(start, position));
    } catch (NumberFormatException e) {
      throw error("invalid number " + text.substring(start, position));
    }
  }

  private Object literal(String word, Object value) throws MalformedException {
    if (!text.startsWith(word, position)) throw error("unexpected text");
    position += word.length();
    return value;
  }

  private void expect(char c) throws MalformedException {
    if (peek() != c) throw error("expected '" + c + "'");
    position++;
  }

  private char peek() {
    return position < text.length() ? text.charAt(position) : '\0';
  }

  private void skipWhitespace() {
    while (position < text.length() && " \t\r\n".indexOf(text.charAt(position)) >= 0) position++;
  }

  private MalformedException error(String problem) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < Math.min(position, text.length()); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return new MalformedException(problem + " at line " + line + ", column " + column);
  }

  private static void write(Object value, StringBuilder out, String indent) {
    if (value instanceof Map<?, ?> map) {
      if (map.isEmpty()) {
        out.append("{}");
        return;
      }
      out.append("{\n");
      String inner = indent + "  ";
      int i = 0;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        out.append(inner);
        writeString((String) entry.getKey(), out);
        out.append(": ");
        write(entry.getValue(), out, inner);
        out.append(++i < map.size() ? ",\n" : "\n");
      }
      out.append(indent).append('}');
    } else if (value instanceof List<?> list) {
      if (list.isEmpty()) {
        out.append("[]");
        return;
      }
      out.append("[\n");
      String inner = indent + "  ";
      for (int i = 0; i < list.size(); i++) {
        out.append(inner);
        write(list.get(i), out, inner);
        out.append(i + 1 < list.size() ? ",\n" : "\n");
      }
      out.append(indent).append(']');
    } else if (value instanceof String string) {
      writeString(string, out);
    } else {
      out.append(value);
    }
  }

  /** A JSON string; {@code \\u} escapes for control characters only, so the file stays readable. */
  private static void writeString(String value, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20 || Character.isSurrogate(c) && !validPair(value, i)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static boolean validPair(String value, int i) {
    char c = value.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
  }
}
