package dev.eventsourced.server.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.UUID;

/** Builds pushed events as JSON for tests. */
public final class Events {

  private Events() {}

  /** A valid insert into {@code collection} with a string key and a small payload. */
  public static ObjectNode insert(String collection, String key) {
    ObjectNode event = Http.JSON.createObjectNode();
    event.put("eventId", UUID.randomUUID().toString());
    event.put("collectionId", collection);
    event.put("type", "insert");
    event.put("key", key);
    ObjectNode payload = event.putObject("payload");
    payload.put("title", "Buy milk " + key);
    payload.put("done", false);
    event.put("timestamp", 1_700_000_000_000L);
    return event;
  }

  /** {@code n} valid inserts into {@code collection}, keys {@code prefix-0..n-1}. */
  public static ArrayNode inserts(String collection, String prefix, int n) {
    ArrayNode batch = Http.JSON.createArrayNode();
    for (int i = 0; i < n; i++) {
      batch.add(insert(collection, prefix + "-" + i));
    }
    return batch;
  }

  public static ArrayNode batch(ObjectNode... events) {
    ArrayNode batch = Http.JSON.createArrayNode();
    batch.addAll(List.of(events));
    return batch;
  }

  public static String json(Object node) {
    try {
      return Http.JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
