package dev.eventsourced.protocol;

/** Small text helpers for problem messages. */
final class Texts {
  private static final int MAX_QUOTED = 60;

  private Texts() {}

  /** {@code value} in double quotes, control characters escaped, cut after 60 characters. */
  static String quote(String value) {
    StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_QUOTED) + 8).append('"');
    int end = Math.min(value.length(), MAX_QUOTED);
    if (end < value.length() && Character.isHighSurrogate(value.charAt(end - 1))) {
      end--; // do not cut a surrogate pair in two
    }
    for (int i = 0; i < end; i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || Character.isSurrogate(c) && !isPaired(value, i)) {
        out.append(String.format("\\u%04X", (int) c));
      } else {
        out.append(c);
      }
    }
    if (end < value.length()) {
      out.append("...");
    }
    return out.append('"').toString();
  }

  private static boolean isPaired(String value, int i) {
    char c = value.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
  }
}
