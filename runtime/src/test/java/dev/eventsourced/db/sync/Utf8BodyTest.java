package dev.eventsourced.db.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Answers are decoded as strict UTF-8: a real U+FFFD passes, malformed bytes never do. */
class Utf8BodyTest {

  @Test
  void text_withARealReplacementCharacter_isKept() throws Exception {
    String text = "{\"title\":\"\uFFFD caf\u00e9 \uD83D\uDE00\"}";
    assertThat(HttpSyncTransport.utf8(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(text);
  }

  @Test
  void malformedBytes_anywhere_areRefused() {
    byte[][] bodies = {
      {'{', (byte) 0xC3, (byte) 0x28, '}'}, // a lead byte without its continuation
      {'"', (byte) 0xFF, '"'}, // never valid
      {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'}, // an encoded surrogate
      {'"', (byte) 0xE2, (byte) 0x82}, // cut short at the end
    };
    for (byte[] body : bodies) {
      assertThatThrownBy(() -> HttpSyncTransport.utf8(body))
          .as(Arrays.toString(body))
          .isInstanceOf(CharacterCodingException.class);
    }
  }

  @Test
  void randomBytes_decodeExactlyWhenAStrictDecoderAccepts() {
    long seed = System.nanoTime();
    System.out.println("Utf8BodyTest seed: " + seed);
    Random random = new Random(seed);
    for (int i = 0; i < 5_000; i++) {
      byte[] bytes = new byte[random.nextInt(12)];
      random.nextBytes(bytes);
      String strict;
      try {
        strict = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
      } catch (CharacterCodingException e) {
        strict = null;
      }
      String ours;
      try {
        ours = HttpSyncTransport.utf8(bytes);
      } catch (CharacterCodingException e) {
        ours = null;
      }
      assertThat(ours).as("seed %d, bytes %s", seed, Arrays.toString(bytes)).isEqualTo(strict);
    }
  }
}
