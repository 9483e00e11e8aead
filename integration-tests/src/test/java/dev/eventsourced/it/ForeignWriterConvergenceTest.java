package dev.eventsourced.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.eventsourced.db.EventSourcedDb;
import dev.eventsourced.db.spi.CollectionDefinition;
import dev.eventsourced.db.spi.JsonValues;
import dev.eventsourced.db.sync.SyncResult;
import dev.eventsourced.db.sync.SyncTransport;
import dev.eventsourced.db.testing.FaultyTransport;
import dev.eventsourced.db.testing.MemoryBackend;
import dev.eventsourced.protocol.EventType;
import dev.eventsourced.protocol.PullResult;
import dev.eventsourced.protocol.PushResult;
import dev.eventsourced.protocol.SyncEvent;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 10, "every writer, every server": invariant 4 with devices on real SQLite files, random
 * inserts, partial updates through drafts, deletes, offline periods and syncs in random order,
 * against
 *
 * <ul>
 *   <li>a server that drops every optional member ({@code fields}, {@code clientId}, {@code
 *       schemaVersion}) from what it stores and returns, like the seeds' reference server (and, for
 *       comparison, one that keeps them);
 *   <li>a foreign writer pushing straight to the server: keyless payloads, partial updates without
 *       {@code fields}, whole-row updates, numeric keys as JSON numbers and as strings, and events
 *       whose payload contradicts the event (another key, a member of the wrong type), which every
 *       device must report as unapplied, with a reason, without stalling.
 * </ul>
 *
 * <p>After every device synced with nobody writing, all hold identical state, equal to this test's
 * own fold of the server's log, and {@code verify()} is healthy on each. Prints its seed; rerun
 * with {@code -Dseed=N}.
 */
class ForeignWriterConvergenceTest {

  @TempDir Path dir;

  @ParameterizedTest(name = "server drops optional members: {0}")
  @ValueSource(booleans = {true, false})
  void devicesAndForeignWriter_afterFullSync_allEqualFoldOfServerLog_badEventsReported(
      boolean strip) {
    long seed = Long.getLong("seed", new Random().nextLong());
    String context =
        "seed "
            + seed
            + " (rerun with -Dseed="
            + seed
            + "), server drops optional members: "
            + strip;
    System.out.println("ForeignWriterConvergenceTest: " + context);
    Random random = new Random(seed);
    MemoryBackend store = new MemoryBackend();
    SyncTransport server = strip ? new DroppingOptionalMembers(store) : store;
    int deviceCount = 2 + random.nextInt(3);
    List<EventSourcedDb> devices = new ArrayList<>();
    List<FaultyTransport> links = new ArrayList<>();
    List<List<SyncResult.SyncError>> reported = new ArrayList<>();
    Set<UUID> bad = new HashSet<>();
    try {
      for (int d = 0; d < deviceCount; d++) {
        FaultyTransport link = new FaultyTransport(server);
        links.add(link);
        reported.add(new ArrayList<>());
        devices.add(
            EventSourcedDb.builder()
                .path(dir.resolve("device" + d + ".sqlite"))
                .collections(ItemRepository.COLLECTION, TaskRepository.COLLECTION)
                .sync(link)
                .autoSync(false)
                .pullLimit(1 + random.nextInt(30))
                .open());
      }
      for (int step = 0; step < 250; step++) {
        int d = random.nextInt(deviceCount);
        int action = random.nextInt(100);
        if (action < 50) {
          if (random.nextBoolean()) mutateItems(ItemRepository.of(devices.get(d)), random);
          else mutateTasks(TaskRepository.of(devices.get(d)), random);
        } else if (action < 65) {
          SyncEvent event =
              random.nextBoolean() ? foreignItem(random, bad) : foreignTask(random, bad);
          assertThat(server.push(List.of(event)).rejected())
              .as(context + " foreign push accepted")
              .isEmpty();
        } else if (action < 75) {
          links.get(d).offline(random.nextBoolean());
        } else {
          reported.get(d).addAll(devices.get(d).sync().errors());
        }
      }
      links.forEach(FaultyTransport::heal);
      for (int pass = 0; pass < 2; pass++) {
        for (int d = 0; d < deviceCount; d++) {
          SyncResult result = devices.get(d).sync();
          reported.get(d).addAll(result.errors());
          for (SyncResult.SyncError error : result.errors()) {
            assertThat(error.eventId())
                .as(context + " device " + d + " error other than a bad foreign event: " + error)
                .isIn(bad);
          }
        }
      }

      List<SyncEvent> log = store.log();
      Map<Long, Item> items = fold(ItemRepository.COLLECTION, log, bad);
      Map<String, Task> tasks = fold(TaskRepository.COLLECTION, log, bad);
      for (int d = 0; d < deviceCount; d++) {
        EventSourcedDb device = devices.get(d);
        String who = context + " device " + d;
        Map<Long, Item> deviceItems = new TreeMap<>();
        for (Item item : ItemRepository.of(device).all()) deviceItems.put(item.id(), item);
        Map<String, Task> deviceTasks = new TreeMap<>();
        for (Task task : TaskRepository.of(device).all()) deviceTasks.put(task.id(), task);
        assertThat(deviceItems)
            .as(who + " items equal the fold of the server's log")
            .isEqualTo(items);
        assertThat(deviceTasks)
            .as(who + " tasks equal the fold of the server's log")
            .isEqualTo(tasks);
        assertThat(device.eventLog().pendingCount()).as(who + " outbox drained").isZero();
        for (UUID id : bad) {
          assertThat(reported.get(d))
              .as(who + " reports bad foreign event " + id + " with a reason")
              .anySatisfy(
                  error -> {
                    assertThat(error.eventId()).isEqualTo(id);
                    assertThat(error.message()).isNotBlank();
                  });
        }
        Verify.healthy(device, who);
      }
    } finally {
      devices.forEach(EventSourcedDb::close);
    }
  }

  // ---- devices ---------------------------------------------------------------------------------

  private static void mutateItems(ItemRepository items, Random random) {
    long id = random.nextInt(6);
    boolean exists = items.exists(id);
    int choice = random.nextInt(10);
    if (!exists || choice == 0) {
      items.upsert(new Item(id, "l" + random.nextInt(50), random.nextInt(100), random.nextInt(10)));
    } else if (choice < 4) {
      items.update(id, draft -> draft.label("l" + random.nextInt(50)));
    } else if (choice < 6) {
      items.update(id, draft -> draft.version(random.nextInt(100)));
    } else if (choice < 8) {
      items.update(id, draft -> draft.touches(random.nextInt(10)).label("m" + random.nextInt(50)));
    } else {
      items.delete(id);
    }
  }

  private static void mutateTasks(TaskRepository tasks, Random random) {
    String id = "t" + random.nextInt(5);
    boolean exists = tasks.exists(id);
    int choice = random.nextInt(10);
    if (!exists || choice == 0) {
      tasks.upsert(
          new Task(id, "x" + random.nextInt(50), random.nextBoolean(), random.nextInt(1000), null));
    } else if (choice < 4) {
      tasks.update(id, draft -> draft.title("x" + random.nextInt(50)));
    } else if (choice < 6) {
      tasks.update(id, draft -> draft.done(random.nextBoolean()));
    } else if (choice < 8) {
      tasks.update(id, draft -> draft.priority(random.nextBoolean() ? null : random.nextInt(5)));
    } else {
      tasks.delete(id);
    }
  }

  // ---- the foreign writer
  // ------------------------------------------------------------------------

  /**
   * An event for items (numeric key) as another client would write it; adds its id to {@code bad}
   * when it must not apply.
   */
  private static SyncEvent foreignItem(Random random, Set<UUID> bad) {
    long id = random.nextInt(6);
    // Numeric keys travel as JSON numbers or as strings; now and then not in canonical form.
    boolean numeric = random.nextBoolean();
    String key = numeric || random.nextInt(4) != 0 ? Long.toString(id) : "0" + id;
    String label = "\"f" + random.nextInt(50) + "\"";
    switch (random.nextInt(9)) {
      case 0:
        return event(
            "items",
            EventType.INSERT,
            key,
            numeric,
            "{\"label\":" + label + ",\"version\":" + random.nextInt(100) + ",\"touches\":1}");
      case 1:
        return event(
            "items",
            EventType.INSERT,
            key,
            numeric,
            "{\"id\":" + id + ",\"label\":" + label + ",\"version\":7,\"touches\":2}");
      case 2:
        return event("items", EventType.UPDATE, key, numeric, "{\"label\":" + label + "}");
      case 3:
        return event(
            "items",
            EventType.UPDATE,
            key,
            numeric,
            "{\"version\":" + random.nextInt(100) + ",\"touches\":" + random.nextInt(10) + "}");
      case 4:
        return event(
            "items",
            EventType.UPDATE,
            key,
            numeric,
            "{\"id\":" + id + ",\"label\":" + label + ",\"version\":9,\"touches\":9}");
      case 5:
        return event("items", EventType.DELETE, key, numeric, "{}");
      case 6:
        {
          SyncEvent contradicting =
              event(
                  "items",
                  EventType.INSERT,
                  key,
                  numeric,
                  "{\"id\":"
                      + (id + 100)
                      + ",\"label\":"
                      + label
                      + ",\"version\":1,\"touches\":1}");
          bad.add(contradicting.eventId());
          return contradicting;
        }
      case 7:
        {
          SyncEvent wrongType =
              event("items", EventType.UPDATE, key, numeric, "{\"version\":\"not a number\"}");
          bad.add(wrongType.eventId());
          return wrongType;
        }
      default:
        {
          SyncEvent contradicting =
              event(
                  "items",
                  EventType.UPDATE,
                  key,
                  numeric,
                  "{\"id\":" + (id + 100) + ",\"label\":" + label + "}");
          bad.add(contradicting.eventId());
          return contradicting;
        }
    }
  }

  private static SyncEvent foreignTask(Random random, Set<UUID> bad) {
    String id = "t" + random.nextInt(5);
    String title = "\"g" + random.nextInt(50) + "\"";
    switch (random.nextInt(8)) {
      case 0:
        return event(
            "tasks",
            EventType.INSERT,
            id,
            false,
            "{\"title\":" + title + ",\"done\":true,\"createdAt\":5}");
      case 1:
        return event(
            "tasks",
            EventType.UPDATE,
            id,
            false,
            "{\"priority\":" + (random.nextBoolean() ? "null" : random.nextInt(5)) + "}");
      case 2:
        return event(
            "tasks",
            EventType.UPDATE,
            id,
            false,
            "{\"title\":" + title + ",\"unknownMember\":[1,2]}");
      case 3:
        return event(
            "tasks",
            EventType.UPDATE,
            id,
            false,
            "{\"id\":\""
                + id
                + "\",\"title\":"
                + title
                + ",\"done\":false,\"createdAt\":1,\"priority\":2}");
      case 4:
        return event("tasks", EventType.DELETE, id, false, "{}");
      case 5:
        {
          SyncEvent contradicting =
              event(
                  "tasks",
                  EventType.INSERT,
                  id,
                  false,
                  "{\"id\":\"other-"
                      + id
                      + "\",\"title\":"
                      + title
                      + ",\"done\":true,\"createdAt\":5}");
          bad.add(contradicting.eventId());
          return contradicting;
        }
      default:
        {
          SyncEvent wrongType = event("tasks", EventType.UPDATE, id, false, "{\"done\":\"maybe\"}");
          bad.add(wrongType.eventId());
          return wrongType;
        }
    }
  }

  private static SyncEvent event(
      String collection, EventType type, String key, boolean numericKey, String payload) {
    return new SyncEvent(
        UUID.randomUUID(),
        collection,
        type,
        key,
        numericKey,
        payload,
        List.of(),
        System.currentTimeMillis(),
        "foreign-writer",
        null,
        null);
  }

  // ---- the server that drops optional members ------------------------------------------------

  /**
   * Stores and returns events without {@code fields}, {@code clientId} and {@code schemaVersion}.
   */
  private static final class DroppingOptionalMembers implements SyncTransport {
    private final SyncTransport store;

    DroppingOptionalMembers(SyncTransport store) {
      this.store = store;
    }

    @Override
    public PushResult push(List<SyncEvent> events) {
      return store.push(events.stream().map(DroppingOptionalMembers::strip).toList());
    }

    @Override
    public PullResult pull(long since, int limit) {
      PullResult page = store.pull(since, limit);
      return new PullResult(
          page.events().stream().map(DroppingOptionalMembers::strip).toList(),
          page.cursor(),
          page.hasMore());
    }

    private static SyncEvent strip(SyncEvent e) {
      return new SyncEvent(
          e.eventId(),
          e.collectionId(),
          e.type(),
          e.key(),
          e.numericKey(),
          e.payload(),
          List.of(),
          e.timestamp(),
          null,
          null,
          e.globalSeq());
    }
  }

  // ---- the reference fold (invariant 4), on payload members
  // -------------------------------

  /**
   * Replays {@code log} in order, at the level of payload members: an insert sets the row to the
   * members its payload carries; an update sets its {@code fields}, or, when it lists none, exactly
   * the members its payload carries, and does nothing to a missing row; a delete removes the row.
   * The key is the event's key (canonical form); a payload need not carry it. Events in {@code bad}
   * are skipped. Members that name no component are ignored.
   */
  private static <T extends Record, K> Map<K, T> fold(
      CollectionDefinition<T, K> definition, List<SyncEvent> log, Set<UUID> bad) {
    String keyMember = definition.columns().get(definition.keyColumn()).component();
    Map<K, Map<String, String>> rows = new LinkedHashMap<>();
    for (SyncEvent event : log) {
      if (!event.collectionId().equals(definition.collectionId()) || bad.contains(event.eventId()))
        continue;
      K key = definition.keyFromString(event.key());
      Map<String, String> members = members(event.payload());
      members.remove(keyMember);
      members.keySet().removeIf(name -> definition.columnIndex(name) < 0);
      switch (event.type()) {
        case INSERT:
          rows.put(key, members);
          break;
        case UPDATE:
          {
            Map<String, String> row = rows.get(key);
            if (row == null) break;
            if (event.fields().isEmpty()) {
              row.putAll(members);
            } else {
              for (String field : event.fields()) {
                if (definition.columnIndex(field) >= 0 && !field.equals(keyMember))
                  row.put(field, members.getOrDefault(field, "null"));
              }
            }
            break;
          }
        case DELETE:
          rows.remove(key);
          break;
      }
    }
    Map<K, T> folded = new TreeMap<>();
    for (Map.Entry<K, Map<String, String>> row : rows.entrySet()) {
      StringBuilder json =
          new StringBuilder("{\"")
              .append(keyMember)
              .append("\":")
              .append(
                  definition.numericKey()
                      ? row.getKey().toString()
                      : quote(row.getKey().toString()));
      row.getValue()
          .forEach((name, value) -> json.append(",\"").append(name).append("\":").append(value));
      folded.put(row.getKey(), decode(definition, json.append('}').toString()));
    }
    return folded;
  }

  /** The payload's members, each as its JSON text. */
  private static Map<String, String> members(String payload) {
    Map<String, String> members = new LinkedHashMap<>();
    try (JsonParser json = JsonValues.FACTORY.createParser(payload)) {
      json.nextToken();
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String name = json.currentName();
        json.nextToken();
        StringWriter text = new StringWriter();
        try (JsonGenerator out = JsonValues.FACTORY.createGenerator(text)) {
          out.copyCurrentStructure(json);
        }
        members.put(name, text.toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return members;
  }

  private static String quote(String text) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = JsonValues.FACTORY.createGenerator(out)) {
      json.writeString(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static <T extends Record> T decode(
      CollectionDefinition<T, ?> definition, String payload) {
    try (JsonParser json = JsonValues.FACTORY.createParser(payload)) {
      json.nextToken();
      return definition.readPayload(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
