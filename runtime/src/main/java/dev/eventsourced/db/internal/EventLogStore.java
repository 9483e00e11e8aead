package dev.eventsourced.db.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.eventsourced.db.Event;
import dev.eventsourced.db.EventLog;
import dev.eventsourced.protocol.EventType;
import dev.eventsourced.db.Origin;
import dev.eventsourced.db.SyncStatus;
import dev.eventsourced.db.spi.JsonValues;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The {@code _events} table: appends in the writer's transaction, reads for {@link EventLog}. */
public final class EventLogStore implements EventLog {

  static final String COLUMNS =
      "\"local_seq\", \"event_id\", \"collection_id\", \"type\", \"key\", \"payload\", \"fields\", "
          + "\"timestamp\", \"origin\", \"global_seq\", \"sync_status\", \"schema_version\", \"error\"";

  private static final String INSERT_LOCAL =
      "INSERT INTO \"_events\" (\"event_id\", \"collection_id\", \"type\", \"key\", \"payload\", "
          + "\"fields\", \"timestamp\", \"origin\", \"sync_status\", \"schema_version\") "
          + "VALUES (?, ?, ?, ?, ?, ?, ?, 'local', 'pending', ?)";

  private final Engine engine;

  EventLogStore(Engine engine) {
    this.engine = engine;
  }

  /**
   * Appends a pending local event on the writer connection, in the current transaction.
   *
   * @return the event's timestamp
   */
  long appendLocal(
      Conn conn, String collectionId, EventType type, String key, String payload,
      List<String> fields, int schemaVersion) throws SQLException {
    long now = engine.config().clock().millis();
    PreparedStatement insert = conn.prepare(INSERT_LOCAL);
    insert.setString(1, Uuids.v7(now).toString());
    insert.setString(2, collectionId);
    insert.setString(3, type.wireName());
    insert.setString(4, key);
    insert.setString(5, payload);
    if (fields == null) insert.setNull(6, Types.VARCHAR);
    else insert.setString(6, fieldsJson(fields));
    insert.setLong(7, now);
    insert.setInt(8, schemaVersion);
    insert.executeUpdate();
    return now;
  }

  static String fieldsJson(List<String> fields) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = JsonValues.FACTORY.createGenerator(out)) {
      json.writeStartArray();
      for (String field : fields) json.writeString(field);
      json.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  static List<String> parseFields(String text) {
    if (text == null) return List.of();
    List<String> fields = new ArrayList<>();
    try (JsonParser json = JsonValues.FACTORY.createParser(text)) {
      json.nextToken();
      while (json.nextToken() == JsonToken.VALUE_STRING) {
        fields.add(json.getText());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("malformed fields in the event log: " + text, e);
    }
    return fields;
  }

  @Override
  public List<Event> since(long afterLocalSeq, int limit) {
    return query("SELECT " + COLUMNS + " FROM \"_events\" WHERE \"local_seq\" > ? ORDER BY \"local_seq\" LIMIT ?",
        afterLocalSeq, limit);
  }

  @Override
  public List<Event> all() {
    return since(0, Integer.MAX_VALUE);
  }

  @Override
  public long pendingCount() {
    return count("SELECT count(*) FROM \"_events\" WHERE \"sync_status\" = 'pending'");
  }

  @Override
  public List<Event> pending(int limit) {
    return pendingAfter(0, limit);
  }

  /** Pending events with {@code localSeq > afterLocalSeq}, in local order, at most {@code limit}. */
  public List<Event> pendingAfter(long afterLocalSeq, int limit) {
    return query("SELECT " + COLUMNS + " FROM \"_events\" WHERE \"sync_status\" = 'pending' "
        + "AND \"local_seq\" > ? ORDER BY \"local_seq\" LIMIT ?", afterLocalSeq, limit);
  }

  @Override
  public long size() {
    return count("SELECT count(*) FROM \"_events\"");
  }

  @Override
  public long lastLocalSeq() {
    return count("SELECT coalesce(max(\"local_seq\"), 0) FROM \"_events\"");
  }

  private long count(String sql) {
    return engine.read(conn -> {
      try (ResultSet rs = conn.prepare(sql).executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  private List<Event> query(String sql, Object... parameters) {
    return engine.read(conn -> {
      PreparedStatement select = conn.prepare(sql);
      for (int i = 0; i < parameters.length; i++) {
        select.setObject(i + 1, parameters[i]);
      }
      List<Event> events = new ArrayList<>();
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          events.add(read(rs));
        }
      }
      return events;
    });
  }

  static Event read(ResultSet rs) throws SQLException {
    long globalSeq = rs.getLong(10);
    Long global = rs.wasNull() ? null : globalSeq;
    return new Event(
        rs.getLong(1),
        UUID.fromString(rs.getString(2)),
        rs.getString(3),
        EventType.fromWireName(rs.getString(4)),
        rs.getString(5),
        rs.getString(6),
        parseFields(rs.getString(7)),
        rs.getLong(8),
        Origin.fromWireName(rs.getString(9)),
        global,
        SyncStatus.fromWireName(rs.getString(11)),
        rs.getInt(12),
        rs.getString(13));
  }
}
