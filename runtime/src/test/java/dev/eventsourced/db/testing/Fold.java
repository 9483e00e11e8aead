package dev.eventsourced.db.testing;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.eventsourced.db.event.Event;
import dev.eventsourced.db.spi.CollectionDefinition;
import dev.eventsourced.db.spi.JsonValues;
import dev.eventsourced.protocol.EventType;
import dev.eventsourced.protocol.SyncEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * The reference fold of invariant 4, written independently of the runtime: replays events in order
 * into a map of rows. An insert sets the row, an update sets its listed fields (when it lists none,
 * exactly the members its payload carries) on an existing row, a delete removes it. The key is the
 * event's key; a payload that lacks it gets it.
 */
public final class Fold {

  private Fold() {}

  /**
   * @param merge builds a row from the current row, the event's row and the column positions to
   *     take from the event's row
   */
  public static <T extends Record, K> Map<String, T> replay(
      CollectionDefinition<T, K> definition, List<SyncEvent> events, Merge<T> merge) {
    return replayEntries(
        definition,
        events.stream()
            .map(e -> new Entry(e.collectionId(), e.type(), e.key(), e.payload(), e.fields()))
            .toList(),
        merge);
  }

  /** Replays a database's own log, in local order (for a database that never synced). */
  public static <T extends Record, K> Map<String, T> replayLog(
      CollectionDefinition<T, K> definition, List<Event> events, Merge<T> merge) {
    return replayEntries(
        definition,
        events.stream()
            .map(e -> new Entry(e.collectionId(), e.type(), e.key(), e.payload(), e.fields()))
            .toList(),
        merge);
  }

  private record Entry(
      String collectionId, EventType type, String key, String payload, List<String> fields) {}

  private static <T extends Record, K> Map<String, T> replayEntries(
      CollectionDefinition<T, K> definition, List<Entry> events, Merge<T> merge) {
    Map<String, T> rows = new TreeMap<>();
    for (Entry event : events) {
      if (!event.collectionId().equals(definition.collectionId())) continue;
      if (event.type() == EventType.DELETE) {
        rows.remove(event.key());
        continue;
      }
      Set<String> members = members(event.payload());
      String keyMember = definition.columns().get(definition.keyColumn()).component();
      String payload =
          members.contains(keyMember)
              ? event.payload()
              : "{\""
                  + keyMember
                  + "\":"
                  + (definition.numericKey() ? event.key() : "\"" + event.key() + "\"")
                  + (members.isEmpty()
                      ? "}"
                      : "," + event.payload().substring(event.payload().indexOf('{') + 1));
      T row = decode(definition, payload);
      switch (event.type()) {
        case INSERT:
          rows.put(event.key(), row);
          break;
        case UPDATE:
          T current = rows.get(event.key());
          if (current == null) break;
          boolean[] take = new boolean[definition.columns().size()];
          for (int i = 0; i < take.length; i++) {
            String component = definition.columns().get(i).component();
            take[i] =
                event.fields().isEmpty()
                    ? members.contains(component)
                    : event.fields().contains(component);
          }
          take[definition.keyColumn()] = false;
          rows.put(event.key(), merge.apply(current, row, take));
          break;
        default:
          break;
      }
    }
    return rows;
  }

  /** Builds the merged row. */
  @FunctionalInterface
  public interface Merge<T> {
    T apply(T current, T incoming, boolean[] takeIncoming);
  }

  /**
   * A merge for any record, through {@link CollectionDefinition#componentValue} and a constructor.
   */
  public static <T extends Record> Merge<T> byComponents(
      CollectionDefinition<T, ?> definition, BiFunction<Object[], Class<T>, T> constructor) {
    return (current, incoming, take) -> {
      Object[] values = new Object[take.length];
      for (int i = 0; i < take.length; i++) {
        values[i] = definition.componentValue(take[i] ? incoming : current, i);
      }
      return constructor.apply(values, definition.recordType());
    };
  }

  private static Set<String> members(String payload) {
    Set<String> names = new HashSet<>();
    try (JsonParser json = JsonValues.FACTORY.createParser(payload)) {
      json.nextToken();
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        names.add(json.currentName());
        json.nextToken();
        json.skipChildren();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return names;
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
