package dev.eventsourced.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NotifyPayloadTest {

  @Test
  void seqAndCollections_roundTrip_whateverTheirCharacters() {
    Set<String> collections = Set.of("todos", "a b", "quote\"s", "line\nbreak", "ünï", "[x]");
    NotifyPayload.Commit commit = NotifyPayload.read(NotifyPayload.write(42, collections));
    assertThat(commit).isEqualTo(new NotifyPayload.Commit(42, collections));
  }

  @Test
  void aBareSeq_asOlderServersSendIt_meansAnyCollection() {
    assertThat(NotifyPayload.read("17")).isEqualTo(new NotifyPayload.Commit(17, null));
  }

  @Test
  void collectionsPastThePayloadLimit_areLeftOut() {
    Set<String> many = new LinkedHashSet<>();
    for (int i = 0; i < 2_000; i++) {
      many.add("collection-" + i);
    }
    String payload = NotifyPayload.write(9, many);
    assertThat(payload).isEqualTo("9");
    assertThat(NotifyPayload.read(payload).collections()).isNull();
  }

  @Test
  void foreignOrDamagedPayloads_areIgnoredOrWakeEverything() {
    assertThat(NotifyPayload.read("hello")).isNull();
    assertThat(NotifyPayload.read(null)).isNull();
    assertThat(NotifyPayload.read("5 [\"a\",")).isEqualTo(new NotifyPayload.Commit(5, null));
    assertThat(NotifyPayload.read("5 {}")).isEqualTo(new NotifyPayload.Commit(5, null));
  }
}
