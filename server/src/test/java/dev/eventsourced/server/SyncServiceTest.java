package dev.eventsourced.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @TempDir
    Path tempDir;

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

    private static Event event(String collection, String keyJson) {
        return Event.of(UUID.randomUUID(), collection, EventType.INSERT, keyJson, "{\"n\":1}", 1_700_000_000_000L);
    }

    @Test
    void push_confirmsEveryEventInOrder() {
        Event first = event("todos", "\"a\"");
        Event second = event("todos", "7");

        List<Confirmation> confirmations = service.push(List.of(first, second, first));

        assertThat(confirmations).containsExactly(new Confirmation(first.eventId(), 1), new Confirmation(second.eventId(), 2),
                new Confirmation(first.eventId(), 1));
    }

    @Test
    void pull_returnsStoredEventsWithCursorAndHasMore() {
        Event update = new Event(UUID.randomUUID(), "todos", EventType.UPDATE, "\"a\"", "{\"title\":\"x\"}", 5,
                List.of("title"), "phone", 2);
        service.push(List.of(event("todos", "\"x\""), update, event("users", "\"u\"")));

        EventPage page = service.pull(0, 2, Set.of());
        EventPage todos = service.pull(1, 10, Set.of("todos"));

        assertThat(page.events()).extracting(SequencedEvent::globalSeq).containsExactly(1L, 2L);
        assertThat(page.cursor()).isEqualTo(2);
        assertThat(page.hasMore()).isTrue();
        assertThat(todos.events()).singleElement().isEqualTo(new SequencedEvent(2, update));
    }

    @Test
    void push_withInvalidJsonTexts_isRejectedAndStoresNothing() {
        Event badKey = event("todos", "\"\"");
        Event badPayload = new Event(UUID.randomUUID(), "todos", EventType.INSERT, "1", "[1]", 1, null, null, null);
        Event trailing = new Event(UUID.randomUUID(), "todos", EventType.INSERT, "1 2", "{} {}", 1, null, null, null);

        assertThatThrownBy(() -> service.push(List.of(event("todos", "\"ok\""), badKey, badPayload, trailing)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.details()).extracting(p -> p.index() + ":" + p.field())
                            .containsExactly("1:key", "2:payload", "3:key", "3:payload");
                });
        assertThat(service.pull(0, 10, Set.of()).events()).isEmpty();
    }

    @Test
    void push_withRuleViolations_namesEachOne() {
        Event deleteWithFields = new Event(UUID.randomUUID(), "", EventType.DELETE, "1", "{}", 0, List.of("a"), "", -1);

        assertThatThrownBy(() -> service.push(List.of(deleteWithFields)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.details())
                        .extracting(Problem::field)
                        .containsExactly("collectionId", "timestamp", "clientId", "schemaVersion", "fields"));
    }

    @Test
    void push_ofNothingOrTooMuch_isRejected() {
        List<Event> tooMany = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            tooMany.add(event("todos", String.valueOf(i)));
        }

        assertThatThrownBy(() -> service.push(List.of())).hasMessageContaining("must hold 1..500 events, got 0");
        assertThatThrownBy(() -> service.push(tooMany)).hasMessageContaining("must hold 1..500 events, got 501");
    }

    @Test
    void pull_withNegativeSince_isRejected() {
        assertThatThrownBy(() -> service.pull(-1, 10, Set.of()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("since: must be a non-negative integer");
    }

    @Test
    void waitingPull_completesWhenAnEventIsPushed() throws Exception {
        CompletableFuture<EventPage> waiting = service.pull(0, 10, Set.of(), Duration.ofSeconds(20));
        assertThat(waiting).isNotDone();

        service.push(List.of(event("todos", "1")));

        assertThat(waiting.get(10, TimeUnit.SECONDS).events()).hasSize(1);
    }

    @Test
    void closingTheService_endsWaitingPullsWithAnEmptyPage() throws Exception {
        CompletableFuture<EventPage> waiting = service.pull(0, 10, Set.of(), Duration.ofSeconds(20));

        service.close();

        EventPage page = waiting.get(10, TimeUnit.SECONDS);
        assertThat(page.events()).isEmpty();
        assertThat(page.cursor()).isZero();
    }
}
