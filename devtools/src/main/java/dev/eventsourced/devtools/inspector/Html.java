package dev.eventsourced.devtools.inspector;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Builds HTML text. Every piece of data goes through {@link #text} or {@link #attr}, which escape
 * it: record values, keys, payloads and error messages are hostile input.
 */
final class Html {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final StringBuilder out = new StringBuilder(8192);

  /** Escapes {@code value} for element content and quoted attribute values. */
  static String escape(String value) {
    StringBuilder escaped = new StringBuilder(value.length() + 16);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '<':
          escaped.append("&lt;");
          break;
        case '>':
          escaped.append("&gt;");
          break;
        case '&':
          escaped.append("&amp;");
          break;
        case '"':
          escaped.append("&quot;");
          break;
        case '\'':
          escaped.append("&#39;");
          break;
        default:
          escaped.append(c);
      }
    }
    return escaped.toString();
  }

  /** A time as shown everywhere in the inspector, in UTC to the millisecond. */
  static String time(Instant instant) {
    return instant == null ? "" : TIME.format(instant);
  }

  /** Appends trusted markup (never data). */
  Html raw(String markup) {
    out.append(markup);
    return this;
  }

  /** Appends {@code value} as escaped text; {@code null} appends nothing. */
  Html text(Object value) {
    if (value != null) out.append(escape(String.valueOf(value)));
    return this;
  }

  /** Appends {@code name="value"} with the value escaped, preceded by a space. */
  Html attr(String name, Object value) {
    out.append(' ').append(name).append("=\"").append(escape(String.valueOf(value))).append('"');
    return this;
  }

  /** Appends an element with escaped text content: {@code <tag>text</tag>}. */
  Html element(String tag, Object content) {
    out.append('<').append(tag).append('>');
    text(content);
    out.append("</").append(tag).append('>');
    return this;
  }

  /** Appends a link with escaped text and address. */
  Html link(String href, Object content) {
    out.append("<a");
    attr("href", href);
    out.append('>');
    text(content);
    out.append("</a>");
    return this;
  }

  /** Appends a table cell with escaped text. */
  Html cell(Object content) {
    return element("td", content);
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
