package dev.eventsourced.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventsourced.db.exception.SyncException;
import dev.eventsourced.protocol.Confirmation;
import dev.eventsourced.protocol.PullResult;
import dev.eventsourced.protocol.PushResult;
import dev.eventsourced.protocol.SyncEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The protocol's contract, as the backend keeps it (docs/architecture.md, "The sync protocol",
 * invariants 3, 5).
 */
class TestBackendContractTest {

  private final TestBackend backend = new TestBackend(1);
  private final TestTransport phone = backend.transport("phone");
  private final TestTransport laptop = backend.transport("laptop");

  @Test
  void retriedPush_getsTheSameGlobalSeqs_andStoresEachEventOnce() {
    List<SyncEvent> batch = List.of(Events.insert("a"), Events.insert("b"));
    PushResult first = phone.push(batch);
    laptop.push(List.of(Events.insert("c")));
    PushResult retried = phone.push(batch);

    assertThat(retried).isEqualTo(first);
    assertThat(first.confirmed()).extracting(Confirmation::globalSeq).containsExactly(1L, 2L);
    assertThat(backend.log()).extracting(SyncEvent::key).containsExactly("a", "b", "c");
  }

  @Test
  void partlyKnownBatch_confirmsOldEventsWithTheirSeqs_andNewOnesAfterTheLog() {
    SyncEvent a = Events.insert("a");
    phone.push(List.of(a));
    laptop.push(List.of(Events.insert("b")));

    PushResult result = phone.push(List.of(a, Events.insert("c")));

    assertThat(result.confirmed()).extracting(Confirmation::globalSeq).containsExactly(1L, 3L);
  }

  @Test
  void pullsInAnyPageSize_returnEveryEventOnce_inGlobalOrder() {
    for (int i = 0; i < 23; i++) {
      (i % 2 == 0 ? phone : laptop).push(List.of(Events.insert("k" + i)));
    }
    backend.maxPage(5);
    for (int limit : new int[] {1, 3, 7, 1000}) {
      List<SyncEvent> pulled = Events.pullAll(laptop, 0, limit);
      assertThat(pulled).extracting(SyncEvent::globalSeq).isSorted().doesNotHaveDuplicates();
      assertThat(pulled).hasSize(23).isEqualTo(backend.log());
    }
    PullResult tail = laptop.pull(20, 1000);
    assertThat(tail.events()).extracting(SyncEvent::globalSeq).containsExactly(21L, 22L, 23L);
    assertThat(tail.hasMore()).isFalse();
    assertThat(tail.cursor()).isEqualTo(23);
  }

  @Test
  void pullPastTheEnd_isEmpty_withTheCursorUnchanged() {
    phone.push(List.of(Events.insert("a")));

    PullResult page = phone.pull(5, 100);

    assertThat(page.events()).isEmpty();
    assertThat(page.cursor()).isEqualTo(5);
    assertThat(page.hasMore()).isFalse();
  }

  @Test
  void pullOutsideTheProtocolsRange_failsWithStatus400() {
    assertThatThrownBy(() -> phone.pull(0, 1001))
        .isInstanceOfSatisfying(SyncException.class, e -> assertThat(e.status()).isEqualTo(400))
        .hasMessageContaining("limit 1..1000");
    assertThatThrownBy(() -> phone.pull(-1, 10)).isInstanceOf(SyncException.class);
  }

  @Test
  void invalidBatch_isRefusedWhole_namingTheEvent() {
    SyncEvent good = Events.insert("a");
    SyncEvent bad =
        new SyncEvent(
            good.eventId(), "notes", good.type(), "", false, "[1]", List.of(), 0, null, null, null);

    PushResult result = phone.push(List.of(Events.insert("b"), bad));

    assertThat(result.confirmed()).isEmpty();
    assertThat(result.rejected()).isNotEmpty().allSatisfy(r -> assertThat(r.index()).isEqualTo(1));
    assertThat(result.rejected().toString()).contains("key", "payload", "timestamp");
    assertThat(backend.log()).isEmpty();
  }

  @Test
  void batchSize_mustBe1To500() {
    List<SyncEvent> big = new ArrayList<>();
    for (int i = 0; i < 501; i++) big.add(Events.insert("k" + i));

    assertThat(phone.push(Collections.emptyList()).rejected()).isNotEmpty();
    assertThat(phone.push(big).rejected().toString()).contains("1..500", "got 501");
    assertThat(phone.push(big.subList(0, 500)).confirmed()).hasSize(500);
  }

  @Test
  void rejecting_refusesTheBatch_andStoresNothingOfIt() {
    backend.rejecting(event -> event.key().equals("bad"));

    PushResult result = phone.push(List.of(Events.insert("ok"), Events.insert("bad")));

    assertThat(result.rejected())
        .singleElement()
        .satisfies(r -> assertThat(r.index()).isEqualTo(1));
    assertThat(backend.log()).isEmpty();
  }

  @Test
  void optionalMembers_areStoredAndPulledAsPushed() {
    SyncEvent update = Events.update("a", "new");
    phone.push(List.of(update));

    SyncEvent pulled = laptop.pull(0, 10).events().get(0);

    assertThat(pulled).isEqualTo(update.withGlobalSeq(1));
    assertThat(pulled.fields()).containsExactly("title");
    assertThat(pulled.clientId()).isEqualTo("client-1");
    assertThat(pulled.schemaVersion()).isEqualTo(2);
  }

  @Test
  void dropOptionalMembers_storesOnlyTheCoreMembers_likeAMinimalServer() {
    backend.dropOptionalMembers();
    SyncEvent update = Events.update("a", "new");
    phone.push(List.of(update));

    SyncEvent pulled = laptop.pull(0, 10).events().get(0);

    assertThat(pulled.fields()).isEmpty();
    assertThat(pulled.clientId()).isNull();
    assertThat(pulled.schemaVersion()).isNull();
    assertThat(pulled.payload()).isEqualTo(update.payload());
    assertThat(pulled.eventId()).isEqualTo(update.eventId());
  }

  @Test
  void transport_isOnePerDeviceName_andNamesAreChecked() {
    assertThat(backend.transport("phone")).isSameAs(phone);
    assertThatThrownBy(() -> backend.transport("../etc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("device name");
  }
}
