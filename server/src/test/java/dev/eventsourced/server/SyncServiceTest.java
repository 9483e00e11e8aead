package dev.eventsourced.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventsourced.protocol.Confirmation;
import dev.eventsourced.protocol.EventType;
import dev.eventsourced.protocol.PullResult;
import dev.eventsourced.protocol.Rejection;
import dev.eventsourced.protocol.SyncEvent;
import dev.eventsourced.server.testing.StoreKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The framework-free service API, for apps that push and pull in process. */
@ParameterizedClass
@EnumSource(StoreKind.class)
class SyncServiceTest {

  private final StoreKind storeKind;
  private StoreKind.StoreFixture fixture;
  private EventStore store;
  private SyncService service;

  @TempDir Path tempDir;

  SyncServiceTest(StoreKind storeKind) {
    this.storeKind = storeKind;
  }

  @BeforeEach
  void open() {
    fixture = storeKind.fixture(tempDir);
    store = fixture.open();
    service = new SyncService(store);
  }

  @AfterEach
  void close() {
    service.close();
    store.close();
    fixture.close();
  }

  private static SyncEvent event(String collection, String key) {
    return event(collection, key, false);
  }

  private static SyncEvent event(String collection, String key, boolean numericKey) {
    return new SyncEvent(
        UUID.randomUUID(),
        collection,
        EventType.INSERT,
        key,
        numericKey,
        "{\"n\":1}",
        null,
        1_700_000_000_000L,
        null,
        null,
        null);
  }

  @Test
  void push_confirmsEveryEventInOrder() {
    SyncEvent first = event("todos", "a");
    SyncEvent second = event("todos", "7", true);

    List<Confirmation> confirmations = service.push(List.of(first, second, first));

    assertThat(confirmations)
        .containsExactly(
            new Confirmation(first.eventId(), 1),
            new Confirmation(second.eventId(), 2),
            new Confirmation(first.eventId(), 1));
  }

  @Test
  void pull_returnsStoredEventsWithCursorAndHasMore() {
    SyncEvent update =
        new SyncEvent(
            UUID.randomUUID(),
            "todos",
            EventType.UPDATE,
            "a",
            false,
            "{\"title\":\"x\"}",
            List.of("title"),
            5,
            "phone",
            2,
            null);
    service.push(List.of(event("todos", "x"), update, event("users", "u")));

    PullResult page = service.pull(0, 2, Set.of());
    PullResult todos = service.pull(1, 10, Set.of("todos"));

    assertThat(page.events()).extracting(SyncEvent::globalSeq).containsExactly(1L, 2L);
    assertThat(page.cursor()).isEqualTo(2);
    assertThat(page.hasMore()).isTrue();
    assertThat(page.head()).as("the last globalSeq: how far behind the client is").isEqualTo(3L);
    assertThat(todos.events()).singleElement().isEqualTo(update.withGlobalSeq(2));
    assertThat(todos.head()).as("a filtered pull would count other collections").isNull();
  }

  @Test
  void keysAndPayloads_comeBackAsPushed() {
    SyncEvent number =
        new SyncEvent(
            UUID.randomUUID(),
            "todos",
            EventType.INSERT,
            "6.02e23",
            true,
            "{ \"b\" : 1.0, \"e\":\"\\u00e9\" }",
            null,
            1,
            null,
            null,
            null);
    SyncEvent text =
        event("todos", "quote \" backslash \\ newline \n emoji \uD83D\uDE80 lone \uD800 end");
    SyncEvent digits = event("todos", "42");
    service.push(List.of(number, text, digits));

    assertThat(service.pull(0, 10, Set.of()).events())
        .containsExactly(number.withGlobalSeq(1), text.withGlobalSeq(2), digits.withGlobalSeq(3));
  }

  @Test
  void push_withInvalidJsonTexts_isRejectedAndStoresNothing() {
    SyncEvent badKey = event("todos", "");
    SyncEvent badPayload =
        new SyncEvent(
            UUID.randomUUID(),
            "todos",
            EventType.INSERT,
            "1",
            true,
            "[1]",
            null,
            1,
            null,
            null,
            null);
    SyncEvent trailing =
        new SyncEvent(
            UUID.randomUUID(),
            "todos",
            EventType.INSERT,
            "1 2",
            true,
            "{} {}",
            null,
            1,
            null,
            null,
            null);

    assertThatThrownBy(
            () -> service.push(List.of(event("todos", "ok"), badKey, badPayload, trailing)))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.details())
                  .extracting(p -> p.index() + ":" + p.field())
                  .containsExactly("1:key", "2:payload", "3:key", "3:payload");
            });
    assertThat(service.pull(0, 10, Set.of()).events()).isEmpty();
  }

  @Test
  void push_withRuleViolations_namesEachOne() {
    SyncEvent deleteWithFields =
        new SyncEvent(
            UUID.randomUUID(),
            "",
            EventType.DELETE,
            "1",
            true,
            "{}",
            List.of("a"),
            0,
            "",
            -1,
            null);

    assertThatThrownBy(() -> service.push(List.of(deleteWithFields)))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e ->
                assertThat(e.details())
                    .extracting(Rejection::field)
                    .containsExactly(
                        "collectionId", "timestamp", "clientId", "schemaVersion", "fields"));
  }

  @Test
  void push_ofNothingOrTooMuch_isRejected() {
    List<SyncEvent> tooMany = new ArrayList<>();
    for (int i = 0; i < 501; i++) {
      tooMany.add(event("todos", String.valueOf(i), true));
    }

    assertThatThrownBy(() -> service.push(List.of()))
        .hasMessageContaining("must hold 1..500 events, got 0");
    assertThatThrownBy(() -> service.push(tooMany))
        .hasMessageContaining("must hold 1..500 events, got 501");
  }

  @Test
  void pull_withNegativeSince_isRejected() {
    assertThatThrownBy(() -> service.pull(-1, 10, Set.of()))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("since: must be a non-negative integer");
  }

  @Test
  void waitingPull_completesWhenAnEventIsPushed() throws Exception {
    CompletableFuture<PullResult> waiting = service.pull(0, 10, Set.of(), Duration.ofSeconds(20));
    assertThat(waiting).isNotDone();

    service.push(List.of(event("todos", "1", true)));

    assertThat(waiting.get(10, TimeUnit.SECONDS).events()).hasSize(1);
  }

  @Test
  void closingTheService_endsWaitingPullsWithAnEmptyPage() throws Exception {
    CompletableFuture<PullResult> waiting = service.pull(0, 10, Set.of(), Duration.ofSeconds(20));

    service.close();

    PullResult page = waiting.get(10, TimeUnit.SECONDS);
    assertThat(page.events()).isEmpty();
    assertThat(page.cursor()).isZero();
  }
}
