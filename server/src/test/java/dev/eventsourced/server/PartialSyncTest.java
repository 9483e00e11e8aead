package dev.eventsourced.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventsourced.server.testing.Events;
import dev.eventsourced.server.testing.ServerTestBase;
import dev.eventsourced.server.testing.StoreKind;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The collection filter on pull: a client pulls only the collections it holds. */
@ParameterizedClass
@EnumSource(StoreKind.class)
class PartialSyncTest extends ServerTestBase {

  PartialSyncTest(StoreKind storeKind) {
    super(storeKind);
  }

  @Test
  void collectionFilter_returnsOnlyThatCollectionInGlobalOrder() {
    pushOk(
        Events.batch(
            Events.insert("todos", "t1"),
            Events.insert("users", "u1"),
            Events.insert("todos", "t2"),
            Events.insert("notes", "n1"),
            Events.insert("todos", "t3")));

    JsonNode page = http.pull("collection=todos").json();

    assertThat(page.get("events"))
        .extracting(event -> event.get("globalSeq").asLong())
        .containsExactly(1L, 3L, 5L);
    assertThat(page.get("events"))
        .extracting(event -> event.get("collectionId").asText())
        .containsOnly("todos");
    assertThat(page.get("cursor").asText()).isEqualTo("5");
  }

  @Test
  void severalCollections_areAllReturned() {
    pushOk(
        Events.batch(
            Events.insert("todos", "t1"),
            Events.insert("users", "u1"),
            Events.insert("notes", "n1")));

    JsonNode page = http.pull("collection=todos&collection=notes").json();

    assertThat(page.get("events"))
        .extracting(event -> event.get("collectionId").asText())
        .containsExactly("todos", "notes");
  }

  @Test
  void filteredPaging_followsCursorsAcrossOtherCollections() {
    for (int i = 0; i < 6; i++) {
      pushOk(
          Events.batch(
              Events.insert("todos", "t" + i),
              Events.insert("users", "u" + i),
              Events.insert("users", "v" + i)));
    }

    List<JsonNode> todos = pullAll("&collection=todos", 2);

    assertThat(todos)
        .extracting(event -> event.get("key").asText())
        .containsExactly("t0", "t1", "t2", "t3", "t4", "t5");
    assertThat(todos)
        .extracting(event -> event.get("globalSeq").asLong())
        .containsExactly(1L, 4L, 7L, 10L, 13L, 16L);
  }

  @Test
  void collectionWithNoEvents_returnsEmptyPageWithCursorSince() {
    pushOk(Events.inserts("todos", "t", 3));

    JsonNode page = http.pull("since=1&collection=nothing-here").json();

    assertThat(page.get("events")).isEmpty();
    assertThat(page.get("cursor").asText()).isEqualTo("1");
  }

  @Test
  void collectionNameWithSpecialCharacters_isMatchedExactly() {
    String name = "todos & more/ü'%";
    pushOk(Events.batch(Events.insert(name, "a"), Events.insert("todos", "b")));

    JsonNode page =
        http.pull("collection=" + URLEncoder.encode(name, StandardCharsets.UTF_8)).json();

    assertThat(page.get("events"))
        .extracting(event -> event.get("key").asText())
        .containsExactly("a");
  }
}
