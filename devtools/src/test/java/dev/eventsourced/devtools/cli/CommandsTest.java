package dev.eventsourced.devtools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** inspect, log and export on a real file a phone wrote while syncing with a laptop. */
class CommandsTest {

  @TempDir static Path dir;
  static Path phone;

  @BeforeAll
  static void write() {
    phone = dir.resolve("phone.sqlite");
    Fixture.phoneAndLaptop(phone, dir.resolve("laptop.sqlite"));
  }

  @Test
  void inspect_showsCollectionsCountsAndCursor() {
    CliRun run = CliRun.run("inspect", phone.toString());

    assertThat(run.code()).as(run.toString()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .contains("storage format:  3")
        .contains("pending")
        .containsPattern("notes\\s+notes\\s+4\\s+1\\s+")
        .containsPattern("counters\\s+counters\\s+1\\s+1\\s+");
  }

  @Test
  @SuppressWarnings("unchecked")
  void inspectJson_parsesBackWithTheNumbers() {
    CliRun run = CliRun.run("inspect", phone.toString(), "--json");

    assertThat(run.code()).as(run.toString()).isZero();
    Map<String, Object> doc = Fixture.json(run.out());
    assertThat(doc.get("formatVersion")).isEqualTo(BigDecimal.valueOf(3));
    assertThat((String) doc.get("clientId")).hasSize(36);
    assertThat(doc.get("pullCursor")).isInstanceOf(BigDecimal.class);
    Map<String, Object> events = (Map<String, Object>) doc.get("events");
    // phone: n1 n2 c1 c2 bad n2' c2-delete n4; laptop: n1' n3
    assertThat(number(events.get("total"))).isEqualTo(10);
    assertThat(number(events.get("pending"))).isEqualTo(3);
    assertThat(number(events.get("rejected"))).isEqualTo(1);
    List<Map<String, Object>> collections = (List<Map<String, Object>>) doc.get("collections");
    assertThat(collections)
        .extracting(c -> c.get("collection"))
        .containsExactly("counters", "notes");
    Map<String, Object> notes = collections.get(1);
    assertThat(number(notes.get("rows"))).isEqualTo(4); // n1 n2 n3 n4 (bad is rejected)
    assertThat(number(notes.get("schemaVersion"))).isEqualTo(1);
    assertThat(number(notes.get("events"))).isEqualTo(7);
  }

  @Test
  void log_filtersByCollectionKeyTypeStatusAndLimit() {
    CliRun all = CliRun.run("log", phone.toString());
    assertThat(all.code()).as(all.toString()).isZero();
    assertThat(all.out().lines()).hasSize(11); // header + 10

    CliRun key = CliRun.run("log", phone.toString(), "--collection", "notes", "--key", "n1");
    assertThat(key.out().lines().skip(1)).hasSize(2).allMatch(line -> line.contains(" n1 "));

    CliRun pending = CliRun.run("log", phone.toString(), "--status=pending", "--type", "delete");
    assertThat(pending.out().lines().skip(1)).singleElement().asString().contains("counters");

    CliRun last = CliRun.run("log", phone.toString(), "--limit", "2", "--json");
    List<Map<String, Object>> lines = ndjson(last.out());
    assertThat(lines).extracting(l -> number(l.get("localSeq"))).containsExactly(9L, 10L);

    CliRun none = CliRun.run("log", phone.toString(), "--key", "nothing");
    assertThat(none.out()).isEqualTo("no events" + System.lineSeparator());
  }

  @Test
  void log_badFilterValue_isAUsageError() {
    CliRun run = CliRun.run("log", phone.toString(), "--status", "lost");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).startsWith("eventsourced: --status must be").contains("Usage:");
  }

  @Test
  void export_writesEveryEventInLocalOrderInTheWireShape() {
    CliRun run = CliRun.run("export", phone.toString());

    assertThat(run.code()).as(run.toString()).isZero();
    List<Map<String, Object>> lines = ndjson(run.out());
    assertThat(lines).hasSize(10);
    assertThat(lines)
        .extracting(l -> number(l.get("localSeq")))
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
    Map<String, Object> first = lines.get(0);
    assertThat(first.keySet())
        .containsSubsequence("eventId", "collectionId", "type", "key", "payload", "timestamp");
    assertThat(first).containsEntry("origin", "local").containsEntry("status", "synced");
    assertThat(first.get("globalSeq")).isNotNull();
    assertThat(first.get("clientId")).isNotNull();
    // a numeric key travels as a JSON number
    assertThat(lines.get(2)).containsEntry("collectionId", "counters");
    assertThat(lines.get(2).get("key")).isEqualTo(BigDecimal.ONE);
    assertThat(lines).anySatisfy(l -> assertThat(l).containsEntry("origin", "remote"));
    assertThat(lines).anySatisfy(l -> assertThat(l).containsEntry("status", "rejected"));
    assertThat(lines)
        .filteredOn(l -> "pending".equals(l.get("status")) && "update".equals(l.get("type")))
        .singleElement()
        .satisfies(l -> assertThat(l.get("fields")).asList().contains("done", "score"));

    CliRun since =
        CliRun.run("export", phone.toString(), "--since-seq", "8", "--collection", "notes");
    assertThat(ndjson(since.out())).extracting(l -> l.get("key")).containsExactly("n4");
  }

  static long number(Object value) {
    return ((BigDecimal) value).longValueExact();
  }

  static List<Map<String, Object>> ndjson(String text) {
    List<Map<String, Object>> lines = new ArrayList<>();
    text.lines().forEach(line -> lines.add(Fixture.json(line)));
    return lines;
  }
}
