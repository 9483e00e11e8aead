package dev.eventsourced.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventsourced.server.testing.Events;
import dev.eventsourced.server.testing.ServerTestBase;
import dev.eventsourced.server.testing.StoreKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Pulling since a cursor, page by page, with limit and hasMore. */
@ParameterizedClass
@EnumSource(StoreKind.class)
class PagingTest extends ServerTestBase {

  PagingTest(StoreKind storeKind) {
    super(storeKind);
  }

  @Test
  void followingCursors_walksMoreThanTwoPagesWithoutGapsOrRepeats() {
    pushOk(Events.inserts("todos", "a", 10));
    pushOk(Events.inserts("todos", "b", 10));
    pushOk(Events.inserts("todos", "c", 5));

    List<Integer> pageSizes = new ArrayList<>();
    List<Long> seqs = new ArrayList<>();
    List<Boolean> hasMore = new ArrayList<>();
    String cursor = "0";
    do {
      JsonNode page = http.pull("since=" + cursor + "&limit=10").json();
      pageSizes.add(page.get("events").size());
      page.get("events").forEach(event -> seqs.add(event.get("globalSeq").asLong()));
      hasMore.add(page.get("hasMore").asBoolean());
      cursor = page.get("cursor").asText();
    } while (hasMore.get(hasMore.size() - 1));

    assertThat(pageSizes).containsExactly(10, 10, 5);
    assertThat(hasMore).containsExactly(true, true, false);
    assertThat(seqs).hasSize(25).isSorted().doesNotHaveDuplicates();
    assertThat(seqs.get(0)).isEqualTo(1);
    assertThat(seqs.get(24)).isEqualTo(25);
    assertThat(cursor).isEqualTo("25");
  }

  @Test
  void exactlyFullLastPage_saysNoMore() {
    pushOk(Events.inserts("todos", "a", 20));

    JsonNode second = http.pull("since=10&limit=10").json();

    assertThat(second.get("events")).hasSize(10);
    assertThat(second.get("hasMore").asBoolean()).isFalse();
    assertThat(second.get("cursor").asText()).isEqualTo("20");
  }

  @Test
  void since_returnsOnlyLaterEvents() {
    pushOk(Events.inserts("todos", "a", 7));

    JsonNode page = http.pull("since=4").json();

    assertThat(page.get("events"))
        .extracting(event -> event.get("globalSeq").asLong())
        .containsExactly(5L, 6L, 7L);
    assertThat(page.get("cursor").asText()).isEqualTo("7");
  }

  @Test
  void sinceAtOrPastTheEnd_returnsEmptyPageWithCursorSince() {
    pushOk(Events.inserts("todos", "a", 3));

    JsonNode atEnd = http.pull("since=3").json();
    JsonNode pastEnd = http.pull("since=99").json();

    assertThat(atEnd.get("events")).isEmpty();
    assertThat(atEnd.get("cursor").asText()).isEqualTo("3");
    assertThat(atEnd.get("hasMore").asBoolean()).isFalse();
    assertThat(pastEnd.get("cursor").asText()).isEqualTo("99");
  }

  @Test
  void emptyLog_returnsEmptyPageWithCursorZero() {
    JsonNode page = http.pull("").json();

    assertThat(page.get("events")).isEmpty();
    assertThat(page.get("cursor").asText()).isEqualTo("0");
    assertThat(page.get("hasMore").asBoolean()).isFalse();
  }

  @Test
  void noLimit_defaultsTo500() {
    pushOk(Events.inserts("todos", "a", 500));
    pushOk(Events.inserts("todos", "b", 1));

    JsonNode page = http.pull("since=0").json();

    assertThat(page.get("events")).hasSize(500);
    assertThat(page.get("hasMore").asBoolean()).isTrue();
  }

  @Test
  void limitOutOfRange_isClampedTo1Through1000() {
    for (int i = 0; i < 3; i++) {
      pushOk(Events.inserts("todos", "batch" + i, 400));
    }

    assertThat(http.pull("limit=0").json().get("events")).hasSize(1);
    assertThat(http.pull("limit=-5").json().get("events")).hasSize(1);
    assertThat(http.pull("limit=5000").json().get("events")).hasSize(1000);
    assertThat(http.pull("limit=99999999999999999999999").json().get("events")).hasSize(1000);
  }
}
