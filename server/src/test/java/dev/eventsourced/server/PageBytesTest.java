package dev.eventsourced.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventsourced.server.testing.Events;
import dev.eventsourced.server.testing.Http;
import dev.eventsourced.server.testing.ServerTestBase;
import dev.eventsourced.server.testing.StoreKind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A pull page ends with the event whose payload brings the page to the byte bound; an event larger
 * than the bound still goes out (alone when it comes first); following cursors yields every event
 * exactly once, in order, with {@code hasMore} true until the end.
 */
@ParameterizedClass
@EnumSource(StoreKind.class)
class PageBytesTest extends ServerTestBase {

  private static final long BOUND = 10_000;

  PageBytesTest(StoreKind storeKind) {
    super(storeKind);
  }

  private static ObjectNode sized(String collection, String key, int payloadChars) {
    ObjectNode event = Events.insert(collection, key);
    event.putObject("payload").put("blob", "é".repeat(payloadChars / 2)); // 2 UTF-8 bytes each
    return event;
  }

  /** Pushes events of many sizes, some over the bound; returns their ids in push order. */
  private List<String> pushMixedSizes(String... collections) {
    int[] sizes = {100, 3_000, 25_000, 50, 9_000, 9_000, 40_000, 40_000, 10, 4_999, 5_001, 200};
    List<String> ids = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      ArrayNode batch = Http.JSON.createArrayNode();
      for (int i = 0; i < sizes.length; i++) {
        ObjectNode event =
            sized(collections[i % collections.length], "r" + round + "-" + i, sizes[i]);
        batch.add(event);
        ids.add(event.get("eventId").asText());
      }
      pushOk(batch);
    }
    return ids;
  }

  private static long payloadBytes(JsonNode event) {
    return event.get("payload").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }

  /** Follows cursors and checks each page against the bound; returns the event ids in order. */
  private List<String> followAndCheck(Http client, String extraQuery) {
    List<String> ids = new ArrayList<>();
    String cursor = "0";
    int pages = 0;
    while (true) {
      Http.Response response = client.pull("since=" + cursor + "&limit=1000" + extraQuery);
      assertThat(response.status()).as("%s", response).isEqualTo(200);
      JsonNode page = response.json();
      JsonNode events = page.get("events");
      long before = 0;
      for (int i = 0; i < events.size(); i++) {
        assertThat(before)
            .as("payload bytes before event %d of page %d", i, pages)
            .isLessThan(BOUND);
        before += payloadBytes(events.get(i));
        ids.add(events.get(i).get("eventId").asText());
      }
      if (events.size() > 0 && payloadBytes(events.get(0)) >= BOUND) {
        assertThat(events).as("a page starting with an event over the bound").hasSize(1);
      }
      cursor = page.get("cursor").asText();
      pages++;
      if (!page.get("hasMore").asBoolean()) {
        break;
      }
      assertThat(pages).isLessThan(200);
    }
    assertThat(pages).as("pages").isGreaterThan(5);
    return ids;
  }

  @Test
  void pagesAreBoundedByBytes_andEveryEventComesOnceInOrder() {
    List<String> pushed = pushMixedSizes("todos");
    SyncServer bounded = startServer(builder -> builder.maxPageBytes(BOUND));

    List<String> pulled = followAndCheck(new Http(bounded.eventsUri()), "");

    assertThat(pulled).containsExactlyElementsOf(pushed);
  }

  @Test
  void filteredPagesAreBoundedByBytes_andKeepEveryMatchingEventOnce() {
    List<String> pushed = pushMixedSizes("todos", "users", "todos");
    SyncServer bounded = startServer(builder -> builder.maxPageBytes(BOUND));
    Set<String> todos = new LinkedHashSet<>();
    for (JsonNode event : pullAll("&collection=todos", 1000)) {
      todos.add(event.get("eventId").asText());
    }

    List<String> pulled = followAndCheck(new Http(bounded.eventsUri()), "&collection=todos");

    assertThat(pulled).containsExactlyElementsOf(todos);
    assertThat(pushed).containsAll(pulled);
  }

  @Test
  void eventLargerThanTheBound_goesOutAloneWithHasMore() {
    pushOk(Events.batch(sized("todos", "big", 30_000), sized("todos", "small", 10)));
    SyncServer bounded = startServer(builder -> builder.maxPageBytes(BOUND));

    JsonNode first = new Http(bounded.eventsUri()).pull("since=0").json();
    JsonNode second = new Http(bounded.eventsUri()).pull("since=1").json();

    assertThat(first.get("events")).hasSize(1);
    assertThat(first.get("hasMore").asBoolean()).isTrue();
    assertThat(first.get("cursor").asText()).isEqualTo("1");
    assertThat(second.get("events")).hasSize(1);
    assertThat(second.get("hasMore").asBoolean()).isFalse();
  }
}
