package dev.eventsourced.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Keys as the JSON value they travel as, for stores that keep them that way. */
class KeyJsonTest {

  @Test
  void keys_roundTripThroughTheirJsonValue() {
    List<String> strings =
        List.of(
            "todo-1",
            "42",
            "",
            "quote \" backslash \\ tab \t nul \u0000",
            "\uD83D\uDE80 \u00e9",
            "lone \uD800",
            "trailing \\");
    for (String key : strings) {
      String json = SyncJson.keyToJson(key, false);
      assertThat(SyncJson.isNumericKeyJson(json)).isFalse();
      assertThat(SyncJson.keyFromJson(json)).isEqualTo(key);
    }
    for (String number : List.of("42", "-7", "1.50", "6.02e23", "12345678901234567890123")) {
      String json = SyncJson.keyToJson(number, true);
      assertThat(json).isEqualTo(number);
      assertThat(SyncJson.isNumericKeyJson(json)).isTrue();
      assertThat(SyncJson.keyFromJson(json)).isEqualTo(number);
    }
  }

  @Test
  void storedJsonWithEscapes_isUnescaped() {
    assertThat(SyncJson.keyFromJson("\"\\u0041\\n\"")).isEqualTo("A\n");
    assertThat(SyncJson.keyToJson("A\n", false)).isEqualTo("\"A\\n\"");
  }

  @Test
  void textThatIsNoKey_isRefused() {
    for (String bad : List.of("abc", "\"open", "\"a\" \"b\"", "{}", "1 2")) {
      assertThatThrownBy(() -> SyncJson.keyFromJson(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
