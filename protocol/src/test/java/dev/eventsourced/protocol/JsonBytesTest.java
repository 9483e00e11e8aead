package dev.eventsourced.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The hand-written writer escapes exactly as Jackson's generator does. (Jackson's byte generator
 * writes a character outside the BMP as two escapes, its text generator as the character; we write
 * the character, as UTF-8, like the text generator.)
 */
class JsonBytesTest {

  private static String jackson(String value) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = SyncJson.FACTORY.createGenerator(out)) {
      json.writeString(value);
    }
    return out.toString();
  }

  private static String ours(String value) {
    return new String(new JsonBytes(0).string(value).toByteArray(), StandardCharsets.UTF_8);
  }

  @Test
  void strings_areEscapedLikeJackson() throws IOException {
    String[] samples = {
      "",
      "todos",
      "a\"b\\c\nd\te\u0001f\u001f\u007f",
      "\u00e9 \u6F22 \uD83D\uDE80 </script>",
      "\b\f\r",
      "\u0080\u07FF\u0800\uFFFF",
      "\uD800\uDC00\uDBFF\uDFFF"
    };
    for (String sample : samples) {
      assertThat(ours(sample)).as(sample).isEqualTo(jackson(sample));
    }
  }

  @Test
  void randomStrings_areEscapedLikeJackson() throws IOException {
    Random random = new Random(42);
    for (int i = 0; i < 2000; i++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(40);
      while (text.length() < length) {
        int kind = random.nextInt(4);
        int codePoint =
            kind == 0
                ? random.nextInt(0x80)
                : kind == 1
                    ? random.nextInt(0x800)
                    : kind == 2
                        ? 0xE000 + random.nextInt(0x2000)
                        : 0x10000 + random.nextInt(0x10000);
        text.appendCodePoint(codePoint);
      }
      assertThat(ours(text.toString())).isEqualTo(jackson(text.toString()));
    }
  }

  @Test
  void loneSurrogates_becomeUnicodeEscapes() {
    assertThat(ours("a\uD800b\uDC00")).isEqualTo("\"a\\uD800b\\uDC00\"");
  }

  @Test
  void uuids_andNumbers_matchTheirTextForms() {
    Random random = new Random(7);
    for (int i = 0; i < 1000; i++) {
      UUID id = new UUID(random.nextLong(), random.nextLong());
      assertThat(new String(new JsonBytes(0).uuid(id).toByteArray(), StandardCharsets.US_ASCII))
          .isEqualTo("\"" + id + "\"");
      long number = random.nextLong();
      assertThat(
              new String(new JsonBytes(0).number(number).toByteArray(), StandardCharsets.US_ASCII))
          .isEqualTo(Long.toString(number));
    }
    assertThat(
            new String(
                new JsonBytes(0).number(0).number(Long.MIN_VALUE).toByteArray(),
                StandardCharsets.US_ASCII))
        .isEqualTo("0" + Long.MIN_VALUE);
  }
}
