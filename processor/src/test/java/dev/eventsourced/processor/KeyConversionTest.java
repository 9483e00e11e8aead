package dev.eventsourced.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code keyToString}, {@code keyFromString}, {@code numericKey} and {@code keyOf} per key type.
 */
class KeyConversionTest {

  private static final List<KeyCase> KEYS = KeyCase.all(Fixtures.compiled());

  @Test
  void everyKeyType_roundTripsThroughItsCanonicalText() {
    for (KeyCase key : KEYS) {
      assertThat(key.definition().keyOf(key.row())).as(key.name()).isEqualTo(key.value());
      assertThat(key.definition().keyToString(key.value())).as(key.name()).isEqualTo(key.text());
      assertThat(key.definition().keyFromString(key.text())).as(key.name()).isEqualTo(key.value());
    }
  }

  @Test
  void integralKeys_areNumericAndOthersAreNot() {
    for (KeyCase key : KEYS) {
      assertThat(key.definition().numericKey()).as(key.name()).isEqualTo(key.numeric());
    }
  }

  @Test
  void malformedKeyText_throwsIllegalArgumentNamingCollection() {
    for (KeyCase key : KEYS) {
      if (key.name().equals("StringKey")) continue;
      String collection = key.definition().collectionId();
      for (String bad :
          List.of(
              "",
              "nope",
              "1.5",
              " 42",
              "123e4567-e89b-12d3-a456-42661417400",
              "99999999999999999999")) {
        assertThatThrownBy(() -> key.definition().keyFromString(bad))
            .as("%s from '%s'", key.name(), bad)
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith(
                "'" + bad + "' is not a key of collection " + collection + ": expected ");
      }
    }
  }

  @Test
  void nullKeyText_throwsIllegalArgument() {
    for (KeyCase key : KEYS) {
      assertThatThrownBy(() -> key.definition().keyFromString(null))
          .as(key.name())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("is not a key of collection " + key.definition().collectionId());
    }
  }

  @Test
  void nonCanonicalUuid_isRejected() {
    KeyCase uuid = KEYS.stream().filter(k -> k.name().equals("UuidKey")).findFirst().orElseThrow();
    assertThat(uuid.definition().keyFromString("123E4567-E89B-12D3-A456-426614174000"))
        .isEqualTo(uuid.value());
    assertThatThrownBy(() -> uuid.definition().keyFromString("1-2-3-4-5"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "'1-2-3-4-5' is not a key of collection uuid_key: expected a UUID in canonical form, e.g. 123e4567-e89b-12d3-a456-426614174000");
  }

  @Test
  void defaultIdsAndNames_comeFromTheRecordName() {
    KeyCase key = KEYS.get(0);
    assertThat(key.definition().collectionId()).isEqualTo("string_key");
    assertThat(key.definition().tableName()).isEqualTo("string_key");
    assertThat(key.definition().recordType().getName()).isEqualTo("test.keys.Keys$StringKey");
    assertThat(key.definition().schemaVersion()).isEqualTo(1);
  }
}
