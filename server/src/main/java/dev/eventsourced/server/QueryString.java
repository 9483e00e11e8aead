package dev.eventsourced.server;

import dev.eventsourced.protocol.Rejection;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses a raw query string strictly: a malformed %-escape is a 400 naming the parameter, not a
 * silently dropped value.
 */
final class QueryString {

  private QueryString() {}

  /** Parameter name to its values, in order. */
  static Map<String, List<String>> parse(String rawQuery) {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return parameters;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String rawName = equals < 0 ? pair : pair.substring(0, equals);
      String rawValue = equals < 0 ? "" : pair.substring(equals + 1);
      String name = decode(rawName, rawName);
      parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(decode(name, rawValue));
    }
    return parameters;
  }

  private static String decode(String parameter, String raw) {
    try {
      return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw InvalidRequestException.badRequest(
          "invalid query",
          List.of(
              Rejection.ofRequest(
                  parameter,
                  "has a malformed %-escape in \""
                      + raw
                      + "\"; percent-encode the value as UTF-8")));
    }
  }
}
