package dev.eventsourced.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

/**
 * A growable byte buffer that writes UTF-8 JSON by hand. The protocol's bodies have a fixed shape,
 * so writing them straight into bytes skips a generator's per-character bookkeeping; pull pages
 * (1000 events) and push batches (500) are the hot paths of sync. Strings are escaped exactly as
 * Jackson's generator escapes them; JSON text that is already valid (a payload, a number key) is
 * copied as it is.
 */
final class JsonBytes {
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] HEX_UPPER = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

  private byte[] buffer;
  private int size;

  JsonBytes(int capacity) {
    buffer = new byte[Math.max(capacity, 64)];
  }

  JsonBytes write(int b) {
    ensure(1);
    buffer[size++] = (byte) b;
    return this;
  }

  /** Text known to be ASCII (constants, member names). */
  JsonBytes ascii(String text) {
    int length = text.length();
    ensure(length);
    byte[] out = buffer;
    int at = size;
    for (int i = 0; i < length; i++) {
      out[at + i] = (byte) text.charAt(i);
    }
    size = at + length;
    return this;
  }

  /** JSON text that is valid already (a payload, a number), copied as UTF-8. */
  JsonBytes raw(String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buffer, size, bytes.length);
    size += bytes.length;
    return this;
  }

  /**
   * A JSON string literal: quotes, backslashes and control characters escaped as Jackson does
   * ({@code \n}, {@code \t}, <code>&#92;u0001</code>), other characters as UTF-8; an unpaired
   * surrogate, which UTF-8 cannot carry, as a <code>&#92;uXXXX</code> escape.
   */
  JsonBytes string(String value) {
    int length = value.length();
    ensure(length + 2);
    byte[] out = buffer;
    int at = size;
    out[at++] = '"';
    int i = 0;
    for (; i < length; i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') {
        break;
      }
      out[at++] = (byte) c;
    }
    size = at;
    if (i < length) {
      escapeFrom(value, i);
    }
    ensure(1);
    buffer[size++] = '"';
    return this;
  }

  private void escapeFrom(String value, int from) {
    int length = value.length();
    ensure((length - from) * 6);
    for (int i = from; i < length; i++) {
      char c = value.charAt(i);
      if (c < 0x80) {
        if (c == '"' || c == '\\') {
          buffer[size++] = '\\';
          buffer[size++] = (byte) c;
        } else if (c >= 0x20) {
          buffer[size++] = (byte) c;
        } else {
          escapeControl(c);
        }
      } else if (c < 0x800) {
        buffer[size++] = (byte) (0xC0 | c >> 6);
        buffer[size++] = (byte) (0x80 | c & 0x3F);
      } else if (Character.isHighSurrogate(c)
          && i + 1 < length
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        int codePoint = Character.toCodePoint(c, value.charAt(++i));
        buffer[size++] = (byte) (0xF0 | codePoint >> 18);
        buffer[size++] = (byte) (0x80 | codePoint >> 12 & 0x3F);
        buffer[size++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
        buffer[size++] = (byte) (0x80 | codePoint & 0x3F);
      } else if (Character.isSurrogate(c)) {
        unicodeEscape(c);
      } else {
        buffer[size++] = (byte) (0xE0 | c >> 12);
        buffer[size++] = (byte) (0x80 | c >> 6 & 0x3F);
        buffer[size++] = (byte) (0x80 | c & 0x3F);
      }
    }
  }

  private void escapeControl(char c) {
    char shortForm;
    switch (c) {
      case '\b':
        shortForm = 'b';
        break;
      case '\t':
        shortForm = 't';
        break;
      case '\n':
        shortForm = 'n';
        break;
      case '\f':
        shortForm = 'f';
        break;
      case '\r':
        shortForm = 'r';
        break;
      default:
        unicodeEscape(c);
        return;
    }
    buffer[size++] = '\\';
    buffer[size++] = (byte) shortForm;
  }

  private void unicodeEscape(char c) {
    buffer[size++] = '\\';
    buffer[size++] = 'u';
    buffer[size++] = HEX_UPPER[c >> 12 & 0xF];
    buffer[size++] = HEX_UPPER[c >> 8 & 0xF];
    buffer[size++] = HEX_UPPER[c >> 4 & 0xF];
    buffer[size++] = HEX_UPPER[c & 0xF];
  }

  /** A UUID as a JSON string in canonical lower-case form, without building its text first. */
  JsonBytes uuid(UUID id) {
    ensure(38);
    buffer[size++] = '"';
    long most = id.getMostSignificantBits();
    long least = id.getLeastSignificantBits();
    hex(most >>> 32, 8);
    buffer[size++] = '-';
    hex(most >>> 16, 4);
    buffer[size++] = '-';
    hex(most, 4);
    buffer[size++] = '-';
    hex(least >>> 48, 4);
    buffer[size++] = '-';
    hex(least, 12);
    buffer[size++] = '"';
    return this;
  }

  private void hex(long value, int digits) {
    for (int i = digits - 1; i >= 0; i--) {
      buffer[size + i] = HEX[(int) (value & 0xF)];
      value >>>= 4;
    }
    size += digits;
  }

  /** A whole number in decimal. */
  JsonBytes number(long value) {
    if (value < 0) {
      return ascii(Long.toString(value));
    }
    ensure(20);
    int digits = 1;
    for (long rest = value / 10; rest > 0; rest /= 10) {
      digits++;
    }
    for (int i = size + digits - 1; i >= size; i--) {
      buffer[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    size += digits;
    return this;
  }

  private void ensure(int more) {
    if (size + more > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
    }
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buffer, size);
  }
}
