package dev.eventsourced.db.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.eventsourced.db.event.Event;
import dev.eventsourced.db.event.EventLog;
import dev.eventsourced.db.event.Origin;
import dev.eventsourced.db.event.SyncStatus;
import dev.eventsourced.db.spi.JsonValues;
import dev.eventsourced.protocol.EventType;
import dev.eventsourced.protocol.SyncEvent;
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
          + "VALUES (?, ?, ?, ?, ?, ?, ?, 'local', ?, ?)";

  private static final String INSERT_REMOTE =
      "INSERT INTO \"_events\" (\"event_id\", \"collection_id\", \"type\", \"key\", \"payload\", \"fields\", "
          + "\"timestamp\", \"origin\", \"global_seq\", \"sync_status\", \"schema_version\", \"client_id\") "
          + "VALUES (?, ?, ?, ?, ?, ?, ?, 'remote', ?, 'synced', ?, ?) ON CONFLICT (\"event_id\") DO NOTHING";
  private static final String FIND_BY_ID =
      "SELECT " + COLUMNS + " FROM \"_events\" WHERE \"event_id\" = ?";
  private static final String CONFIRM =
      "UPDATE \"_events\" SET \"global_seq\" = ?, \"sync_status\" = 'synced', \"error\" = NULL "
          + "WHERE \"event_id\" = ? AND \"sync_status\" = 'pending'";
  private static final String REJECT =
      "UPDATE \"_events\" SET \"sync_status\" = 'rejected', \"error\" = ? "
          + "WHERE \"event_id\" = ? AND \"sync_status\" = 'pending'";
  private static final String MARK_UNREADABLE =
      "UPDATE \"_events\" SET \"sync_status\" = 'rejected', \"error\" = ? WHERE \"event_id\" = ?";
  private static final String NOTE_NEWER =
      "UPDATE \"_events\" SET \"error\" = ? WHERE \"event_id\" = ?";
  private static final String MARK_UNREADABLE_AT =
      "UPDATE \"_events\" SET \"sync_status\" = 'rejected', \"error\" = ? WHERE \"local_seq\" = ?";
  private static final String CLEAR_MARK =
      "UPDATE \"_events\" SET \"sync_status\" = 'synced', \"error\" = NULL "
          + "WHERE \"local_seq\" = ? AND \"global_seq\" IS NOT NULL";
  private static final String ADOPT_SERVER_COPY =
      "UPDATE \"_events\" SET \"type\" = ?, \"key\" = ?, \"payload\" = ?, \"fields\" = ? WHERE \"event_id\" = ?";

  /**
   * The outbox's low-water mark, kept in {@code _meta} ({@code pending_from}): no event below this
   * {@code local_seq} is pending. Pending events are read by a range of the log's own key from
   * there (no index of pending events to write per mutation); each transaction that ends events'
   * pending state moves it up ({@link #advancePendingFrom}); new events always land above it.
   */
  static final String PENDING_FROM =
      "coalesce((SELECT CAST(\"value\" AS INTEGER) FROM \"_meta\" WHERE \"key\" = 'pending_from'), 0)";

  /** The pending events, as a filter on {@code _events}: a range of the key, then the status. */
  static final String IS_PENDING =
      "\"local_seq\" >= " + PENDING_FROM + " AND \"sync_status\" = 'pending'";

  private static final String ADVANCE_PENDING_FROM =
      "INSERT INTO \"_meta\" (\"key\", \"value\") VALUES ('pending_from', CAST("
          + "coalesce((SELECT \"local_seq\" FROM \"_events\" WHERE "
          + IS_PENDING
          + " ORDER BY \"local_seq\" LIMIT 1), "
          + "(SELECT coalesce(max(\"local_seq\"), 0) + 1 FROM \"_events\")) AS TEXT)) "
          // Unchanged, it writes nothing (no page made dirty).
          + "ON CONFLICT (\"key\") DO UPDATE SET \"value\" = excluded.\"value\" "
          + "WHERE \"value\" <> excluded.\"value\"";

  /**
   * Moves the outbox's low-water mark up to the first pending event (or past the last event), in
   * the writer's transaction. Scans from the old mark to the first pending event: each event is
   * passed over once, however often this runs. Call after events stopped being pending.
   */
  static void advancePendingFrom(Conn conn) throws SQLException {
    conn.prepare(ADVANCE_PENDING_FROM).executeUpdate();
  }

  private static final String LOWER_PENDING_FROM =
      "INSERT INTO \"_meta\" (\"key\", \"value\") VALUES ('pending_from', CAST(? AS TEXT)) "
          + "ON CONFLICT (\"key\") DO UPDATE SET \"value\" = excluded.\"value\" "
          + "WHERE CAST(\"value\" AS INTEGER) > CAST(excluded.\"value\" AS INTEGER)";

  /**
   * Moves the outbox's low-water mark down to {@code localSeq}, in the writer's transaction: for an
   * event put back in the outbox below it (a rejected event retried). The only way an event already
   * logged becomes pending again.
   */
  static void lowerPendingFrom(Conn conn, long localSeq) throws SQLException {
    PreparedStatement lower = conn.prepare(LOWER_PENDING_FROM);
    lower.setLong(1, localSeq);
    lower.executeUpdate();
  }

  private static final String ROW_HISTORY =
      "SELECT "
          + COLUMNS
          + " FROM \"_events\" WHERE \"collection_id\" = ? AND \"key\" = ? ORDER BY \"local_seq\"";

  private final Engine engine;

  /** Whether this session logged an event that was never pending (a local-only collection's). */
  private volatile boolean loggedSyncedAtOnce;

  EventLogStore(Engine engine) {
    this.engine = engine;
  }

  /**
   * Appends a local event on the writer connection, in the current transaction: pending, or synced
   * at once for a collection that never syncs.
   *
   * @return the event's timestamp
   */
  long appendLocal(
      Conn conn,
      String collectionId,
      EventType type,
      String key,
      String payload,
      List<String> fields,
      int schemaVersion,
      boolean pending)
      throws SQLException {
    long now = engine.config().clock().millis();
    PreparedStatement insert = conn.prepare(INSERT_LOCAL);
    EventIds.bind(insert, 1, Uuids.v7(now));
    insert.setString(2, collectionId);
    insert.setString(3, type.wireName());
    insert.setString(4, key);
    insert.setString(5, payload);
    if (fields == null) insert.setNull(6, Types.VARCHAR);
    else insert.setString(6, fieldsJson(fields));
    insert.setLong(7, now);
    insert.setString(8, (pending ? SyncStatus.PENDING : SyncStatus.SYNCED).wireName());
    insert.setInt(9, schemaVersion);
    insert.executeUpdate();
    if (!pending) loggedSyncedAtOnce = true;
    return now;
  }

  /**
   * Whether this session logged events synced at once, which no confirmation moves the outbox's
   * low-water mark over (so closing should, see {@link #advancePendingFrom}).
   */
  boolean loggedSyncedAtOnce() {
    return loggedSyncedAtOnce;
  }

  // ---- sync's writes to the log, on the writer connection ---------------------------------------

  /** Logs a pulled event; false when its id is already in the log (then nothing is written). */
  static boolean appendRemote(Conn conn, SyncEvent event) throws SQLException {
    PreparedStatement insert = conn.prepare(INSERT_REMOTE);
    EventIds.bind(insert, 1, event.eventId());
    insert.setString(2, event.collectionId());
    insert.setString(3, event.type().wireName());
    insert.setString(4, event.key());
    insert.setString(5, event.payload());
    setFields(insert, 6, event.fields());
    insert.setLong(7, event.timestamp());
    insert.setLong(8, event.globalSeq());
    insert.setInt(9, PageApplier.versionOf(event));
    insert.setString(10, event.clientId());
    return insert.executeUpdate() == 1;
  }

  /** The logged event with {@code eventId}. */
  static Event find(Conn conn, UUID eventId) throws SQLException {
    PreparedStatement select = conn.prepare(FIND_BY_ID);
    EventIds.bind(select, 1, eventId);
    try (ResultSet rs = select.executeQuery()) {
      if (!rs.next()) throw new IllegalStateException("event " + eventId + " is not in the log");
      return read(rs);
    }
  }

  /** Records the server's confirmation of a pending event; false when it was not pending. */
  static boolean markConfirmed(Conn conn, UUID eventId, long globalSeq) throws SQLException {
    PreparedStatement confirm = conn.prepare(CONFIRM);
    confirm.setLong(1, globalSeq);
    EventIds.bind(confirm, 2, eventId);
    return confirm.executeUpdate() == 1;
  }

  /** Records the server's refusal of a pending event; false when it was not pending. */
  static boolean markRejected(Conn conn, UUID eventId, String reason) throws SQLException {
    PreparedStatement reject = conn.prepare(REJECT);
    reject.setString(1, reason);
    EventIds.bind(reject, 2, eventId);
    return reject.executeUpdate() == 1;
  }

  /** Marks a pulled event this database cannot fold, with the reason. */
  static void markUnreadable(Conn conn, UUID eventId, String reason) throws SQLException {
    PreparedStatement mark = conn.prepare(MARK_UNREADABLE);
    mark.setString(1, reason);
    EventIds.bind(mark, 2, eventId);
    mark.executeUpdate();
  }

  /**
   * Notes on a pulled event (which stays synced) that it was written by a newer schema version of
   * its collection than this app's.
   */
  static void noteNewer(Conn conn, UUID eventId, String note) throws SQLException {
    PreparedStatement mark = conn.prepare(NOTE_NEWER);
    mark.setString(1, note);
    EventIds.bind(mark, 2, eventId);
    mark.executeUpdate();
  }

  /**
   * Clears what {@link #markUnreadable} or {@link #noteNewer} left on a pulled event that the
   * current version of its record reads: it is an ordinary synced event again.
   */
  static void clearMark(Conn conn, long localSeq) throws SQLException {
    PreparedStatement clear = conn.prepare(CLEAR_MARK);
    clear.setLong(1, localSeq);
    clear.executeUpdate();
  }

  /** {@link #markUnreadable}, for the event at {@code localSeq}. */
  static void markUnreadable(Conn conn, long localSeq, String reason) throws SQLException {
    PreparedStatement mark = conn.prepare(MARK_UNREADABLE_AT);
    mark.setString(1, reason);
    mark.setLong(2, localSeq);
    mark.executeUpdate();
  }

  /** Replaces a logged event's type, key, payload and fields with the server's copy of it. */
  static void adoptServerCopy(Conn conn, SyncEvent server) throws SQLException {
    PreparedStatement adopt = conn.prepare(ADOPT_SERVER_COPY);
    adopt.setString(1, server.type().wireName());
    adopt.setString(2, server.key());
    adopt.setString(3, server.payload());
    setFields(adopt, 4, server.fields());
    EventIds.bind(adopt, 5, server.eventId());
    adopt.executeUpdate();
  }

  private static void setFields(PreparedStatement statement, int index, List<String> fields)
      throws SQLException {
    if (fields.isEmpty()) statement.setNull(index, Types.VARCHAR);
    else statement.setString(index, fieldsJson(fields));
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

  /**
   * The events matching every given condition (a {@code null} condition matches all), newest first:
   * at most {@code limit} with {@code localSeq < beforeLocalSeq}. For tools (the inspector).
   */
  public List<Event> find(
      String collectionId,
      String key,
      EventType type,
      Origin origin,
      SyncStatus status,
      long beforeLocalSeq,
      int limit) {
    StringBuilder sql =
        new StringBuilder("SELECT ")
            .append(COLUMNS)
            .append(" FROM \"_events\" WHERE \"local_seq\" < ?");
    List<Object> parameters = new ArrayList<>();
    parameters.add(beforeLocalSeq);
    if (collectionId != null) {
      sql.append(" AND \"collection_id\" = ?");
      parameters.add(collectionId);
    }
    if (key != null) {
      sql.append(" AND \"key\" = ?");
      parameters.add(key);
    }
    if (type != null) {
      sql.append(" AND \"type\" = ?");
      parameters.add(type.wireName());
    }
    if (origin != null) {
      sql.append(" AND \"origin\" = ?");
      parameters.add(origin.wireName());
    }
    if (status != null) {
      sql.append(" AND \"sync_status\" = ?");
      parameters.add(status.wireName());
    }
    sql.append(" ORDER BY \"local_seq\" DESC LIMIT ?");
    parameters.add(limit);
    return query(sql.toString(), parameters.toArray());
  }

  /** Every event of one row, local or pulled, folded or not, in local order. */
  static List<Event> ofRow(Conn conn, String collectionId, String key) throws SQLException {
    PreparedStatement select = conn.prepare(ROW_HISTORY);
    select.setString(1, collectionId);
    select.setString(2, key);
    List<Event> events = new ArrayList<>();
    try (ResultSet rs = select.executeQuery()) {
      while (rs.next()) events.add(read(rs));
    }
    return events;
  }

  /**
   * Puts local events the server rejected back in the outbox: every one, or only {@code eventId}
   * when it is not {@code null}. Runs on the writer connection, in the caller's transaction.
   *
   * @return the events put back, as they were before
   */
  static List<Event> unreject(Conn conn, UUID eventId) throws SQLException {
    String where =
        "\"sync_status\" = 'rejected' AND \"origin\" = 'local' AND \"global_seq\" IS NULL"
            + (eventId == null ? "" : " AND \"event_id\" = ?");
    PreparedStatement select =
        conn.prepare(
            "SELECT " + COLUMNS + " FROM \"_events\" WHERE " + where + " ORDER BY \"local_seq\"");
    if (eventId != null) EventIds.bind(select, 1, eventId);
    List<Event> events = new ArrayList<>();
    try (ResultSet rs = select.executeQuery()) {
      while (rs.next()) events.add(read(rs));
    }
    PreparedStatement update =
        conn.prepare(
            "UPDATE \"_events\" SET \"sync_status\" = 'pending', \"error\" = NULL WHERE " + where);
    if (eventId != null) EventIds.bind(update, 1, eventId);
    update.executeUpdate();
    if (!events.isEmpty()) lowerPendingFrom(conn, events.get(0).localSeq());
    return events;
  }

  @Override
  public List<Event> since(long afterLocalSeq, int limit) {
    return query(
        "SELECT "
            + COLUMNS
            + " FROM \"_events\" WHERE \"local_seq\" > ? ORDER BY \"local_seq\" LIMIT ?",
        afterLocalSeq,
        limit);
  }

  @Override
  public List<Event> all() {
    return since(0, Integer.MAX_VALUE);
  }

  @Override
  public long pendingCount() {
    return count("SELECT count(*) FROM \"_events\" WHERE " + IS_PENDING);
  }

  /** The local events the server refused (parked with their reason). */
  public long rejectedCount() {
    return count(
        "SELECT count(*) FROM \"_events\" WHERE \"sync_status\" = 'rejected' AND \"origin\" = 'local'");
  }

  @Override
  public List<Event> pending(int limit) {
    return pendingAfter(0, limit);
  }

  /**
   * Pending events with {@code localSeq > afterLocalSeq}, in local order, at most {@code limit}.
   */
  public List<Event> pendingAfter(long afterLocalSeq, int limit) {
    return query(
        "SELECT "
            + COLUMNS
            + " FROM \"_events\" WHERE \"local_seq\" > max(?, "
            + PENDING_FROM
            + " - 1) AND \"sync_status\" = 'pending' ORDER BY \"local_seq\" LIMIT ?",
        afterLocalSeq,
        limit);
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
    return engine.read(
        conn -> {
          try (ResultSet rs = conn.prepare(sql).executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  private List<Event> query(String sql, Object... parameters) {
    return engine.read(
        conn -> {
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
        EventIds.read(rs, 2),
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
