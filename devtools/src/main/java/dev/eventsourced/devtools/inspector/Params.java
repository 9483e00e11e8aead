package dev.eventsourced.devtools.inspector;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The parameters of a query string or a form body, the first value of each name. */
final class Params {

  private final Map<String, String> values;

  private Params(Map<String, String> values) {
    this.values = values;
  }

  /** Parses {@code a=1&b=x%20y}; {@code null} or empty gives no parameters. */
  static Params parse(String encoded) {
    Map<String, String> values = new LinkedHashMap<>();
    if (encoded != null && !encoded.isEmpty()) {
      for (String pair : encoded.split("&")) {
        if (pair.isEmpty()) continue;
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        values.putIfAbsent(name, value);
      }
    }
    return new Params(values);
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("malformed parameter '" + text + "'");
    }
  }

  /** URL-encodes one query parameter value or name. */
  static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /** The value, or {@code null} when absent or empty. */
  String get(String name) {
    String value = values.get(name);
    return value == null || value.isEmpty() ? null : value;
  }

  /** The value as a long, or {@code fallback} when absent. */
  long getLong(String name, long fallback) {
    String value = get(name);
    if (value == null) return fallback;
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new BadRequestException("parameter " + name + " must be a number, got '" + value + "'");
    }
  }

  /** A copy with {@code name} set to {@code value} (removed when {@code null}). */
  Params with(String name, Object value) {
    Map<String, String> copy = new LinkedHashMap<>(values);
    if (value == null) copy.remove(name);
    else copy.put(name, String.valueOf(value));
    return new Params(copy);
  }

  /** {@code path} with these parameters as its query string (empty values left out). */
  String url(String path) {
    StringBuilder url = new StringBuilder(path);
    char separator = '?';
    for (Map.Entry<String, String> entry : values.entrySet()) {
      if (entry.getValue() == null || entry.getValue().isEmpty()) continue;
      url.append(separator)
          .append(encode(entry.getKey()))
          .append('=')
          .append(encode(entry.getValue()));
      separator = '&';
    }
    return url.toString();
  }

  /** A request the inspector cannot answer: a 400 with the message. */
  static final class BadRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadRequestException(String message) {
      super(message);
    }
  }
}
