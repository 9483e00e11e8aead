package dev.eventsourced.test;

import dev.eventsourced.db.EventSourcedDb;
import dev.eventsourced.db.event.Event;
import dev.eventsourced.db.event.Verification;
import dev.eventsourced.db.spi.CollectionDefinition;
import dev.eventsourced.protocol.SyncEvent;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The checks of {@link TestBackend#assertConverged}: outbox empty, log equal to the backend's,
 * state equal to the fold of the log, and the same rows on every device. Collects every problem as
 * a line naming the device, the collection, the key, the column and the values.
 */
final class Convergence {

  /** The metadata columns every collection table has; they may differ between devices. */
  private static final Set<String> METADATA_COLUMNS = Set.of("_origin", "_pending");

  private static final int MAX_LINES_PER_CHECK = 10;

  private final List<SyncEvent> backendLog;
  private final Map<EventSourcedDb, String> devices;
  private final Map<String, CollectionDefinition<?, ?>> definitionsByTable = definitions();
  private final List<String> problems = new ArrayList<>();

  Convergence(List<SyncEvent> backendLog, Map<EventSourcedDb, String> devices) {
    this.backendLog = backendLog;
    this.devices = devices;
  }

  List<String> problems() {
    Map<String, Map<String, Table>> states = new LinkedHashMap<>();
    for (Map.Entry<EventSourcedDb, String> device : devices.entrySet()) {
      EventSourcedDb db = device.getKey();
      String name = device.getValue();
      checkOutbox(db, name);
      checkLog(db, name);
      checkFold(db, name);
      states.put(name, tables(db));
    }
    compareStates(states);
    return problems;
  }

  private void checkOutbox(EventSourcedDb db, String name) {
    long pending = db.eventLog().pendingCount();
    if (pending == 0) return;
    Event first = db.eventLog().pending(1).get(0);
    problems.add(
        name
            + ": "
            + TestBackend.plural(pending, "event")
            + " still pending, the first "
            + describe(first)
            + "; sync the device (backend.settle() heals the network and syncs every device)");
  }

  private void checkLog(EventSourcedDb db, String name) {
    Map<UUID, Event> held = new HashMap<>();
    for (Event event : db.eventLog().all()) {
      if (event.globalSeq() != null) held.put(event.eventId(), event);
    }
    Map<UUID, Long> expected = new HashMap<>();
    List<SyncEvent> missing = new ArrayList<>();
    for (SyncEvent event : backendLog) {
      expected.put(event.eventId(), event.globalSeq());
      Event local = held.get(event.eventId());
      if (local == null) {
        missing.add(event);
      } else if (!local.globalSeq().equals(event.globalSeq())) {
        problems.add(
            name
                + ": event "
                + event.eventId()
                + " has globalSeq "
                + local.globalSeq()
                + " in the device's log but "
                + event.globalSeq()
                + " in the backend's");
      }
    }
    if (!missing.isEmpty()) {
      SyncEvent first = missing.get(0);
      problems.add(
          name
              + ": lacks "
              + missing.size()
              + " of the backend's "
              + backendLog.size()
              + " events, the first globalSeq "
              + first.globalSeq()
              + " ("
              + first.collectionId()
              + " "
              + first.type().wireName()
              + " key "
              + first.key()
              + ", eventId "
              + first.eventId()
              + "); it has not pulled them: sync it");
    }
    int extra = 0;
    for (Event event : held.values()) {
      if (!expected.containsKey(event.eventId()) && extra++ < MAX_LINES_PER_CHECK) {
        problems.add(
            name
                + ": holds "
                + describe(event)
                + " with globalSeq "
                + event.globalSeq()
                + ", which the backend does not have");
      }
    }
  }

  private void checkFold(EventSourcedDb db, String name) {
    Verification verification = db.verify();
    int shown = 0;
    for (Verification.Difference difference : verification.differences()) {
      if (shown++ == MAX_LINES_PER_CHECK) {
        problems.add(
            name
                + ": ... "
                + (verification.differences().size() - MAX_LINES_PER_CHECK)
                + " more rows differ from the fold of the log");
        break;
      }
      problems.add(
          name
              + ": "
              + difference.collectionId()
              + " key "
              + difference.key()
              + ": the state differs from the fold of the device's log ("
              + difference.problem()
              + "); fold "
              + difference.folded()
              + ", table "
              + difference.stored());
    }
  }

  private void compareStates(Map<String, Map<String, Table>> states) {
    if (states.size() < 2) return;
    Set<String> tables = new TreeSet<>();
    states.values().forEach(byTable -> tables.addAll(byTable.keySet()));
    List<String> names = new ArrayList<>(states.keySet());
    String reference = names.get(0);
    for (String table : tables) {
      CollectionDefinition<?, ?> definition =
          definitionsByTable.get(table.toLowerCase(Locale.ROOT));
      if (definition != null && !definition.synced()) continue;
      String collection =
          definition == null || definition.collectionId().equals(table)
              ? table
              : definition.collectionId() + " (table " + table + ")";
      Table expected = states.get(reference).getOrDefault(table, Table.EMPTY);
      for (String other : names.subList(1, names.size())) {
        Table actual = states.get(other).getOrDefault(table, Table.EMPTY);
        compare(collection, reference, expected, other, actual);
      }
    }
  }

  private void compare(String collection, String left, Table a, String right, Table b) {
    Set<String> keys = new TreeSet<>(a.rows.keySet());
    keys.addAll(b.rows.keySet());
    int shown = 0;
    for (String key : keys) {
      Map<String, Object> rowA = a.rows.get(key);
      Map<String, Object> rowB = b.rows.get(key);
      List<String> lines = new ArrayList<>();
      if (rowA == null || rowB == null) {
        lines.add(
            collection
                + " key "
                + key
                + ": "
                + left
                + " has "
                + (rowA == null ? "no row" : render(rowA))
                + ", "
                + right
                + " has "
                + (rowB == null ? "no row" : render(rowB)));
      } else {
        Set<String> columns = new LinkedHashSet<>(rowA.keySet());
        columns.addAll(rowB.keySet());
        for (String column : columns) {
          Object x = rowA.get(column);
          Object y = rowB.get(column);
          if (!same(x, y)) {
            lines.add(
                collection
                    + " key "
                    + key
                    + " column "
                    + column
                    + ": "
                    + left
                    + " has "
                    + render(x)
                    + ", "
                    + right
                    + " has "
                    + render(y));
          }
        }
      }
      for (String line : lines) {
        if (shown++ == MAX_LINES_PER_CHECK) {
          problems.add(collection + ": ... more differences between " + left + " and " + right);
          return;
        }
        problems.add(line);
      }
    }
  }

  /** Every synced collection table of {@code db}, its rows by key, metadata columns left out. */
  private Map<String, Table> tables(EventSourcedDb db) {
    Map<String, Table> tables = new TreeMap<>();
    List<String> candidates =
        db.sql(
                "SELECT name FROM sqlite_schema WHERE type = 'table'"
                    + " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
                    + " AND name NOT LIKE '\\_%' ESCAPE '\\' ORDER BY name",
                rs -> rs.getString(1))
            .list();
    for (String table : candidates) {
      List<Column> columns =
          db.sql(
                  "SELECT name, pk FROM pragma_table_info(?) ORDER BY cid",
                  rs -> new Column(rs.getString(1), rs.getInt(2) > 0),
                  table)
              .list();
      Set<String> names = new TreeSet<>();
      columns.forEach(c -> names.add(c.name()));
      List<Column> keys = columns.stream().filter(Column::key).toList();
      if (!names.containsAll(METADATA_COLUMNS) || keys.size() != 1) continue;
      String keyColumn = keys.get(0).name();
      Table rows = new Table();
      db.sql("SELECT * FROM " + quote(table), rs -> row(rs, keyColumn, rows)).list();
      tables.put(table, rows);
    }
    return tables;
  }

  private static Boolean row(ResultSet rs, String keyColumn, Table table) throws SQLException {
    ResultSetMetaData meta = rs.getMetaData();
    Map<String, Object> row = new LinkedHashMap<>();
    String key = null;
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      String column = meta.getColumnName(i);
      Object value = rs.getObject(i);
      if (value instanceof Integer) value = ((Integer) value).longValue();
      if (column.equals(keyColumn)) key = String.valueOf(value);
      if (!METADATA_COLUMNS.contains(column)) row.put(column, value);
    }
    table.rows.put(key, row);
    return Boolean.TRUE;
  }

  private static boolean same(Object x, Object y) {
    if (x instanceof byte[] && y instanceof byte[]) return Arrays.equals((byte[]) x, (byte[]) y);
    return Objects.equals(x, y);
  }

  private static String render(Map<String, Object> row) {
    StringBuilder text = new StringBuilder("{");
    String separator = "";
    for (Map.Entry<String, Object> entry : row.entrySet()) {
      text.append(separator).append(entry.getKey()).append('=').append(render(entry.getValue()));
      separator = ", ";
    }
    return text.append('}').toString();
  }

  private static String render(Object value) {
    if (value == null) return "null";
    if (value instanceof String) return '"' + ((String) value).replace("\"", "\\\"") + '"';
    if (value instanceof byte[]) return "x'" + HexFormat.of().formatHex((byte[]) value) + "'";
    return value.toString();
  }

  private static String describe(Event event) {
    return event.collectionId()
        + " "
        + event.type().wireName()
        + " key "
        + event.key()
        + " (localSeq "
        + event.localSeq()
        + ", eventId "
        + event.eventId()
        + ")";
  }

  private static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  /**
   * The collections generated on the class path, by lower-case table name: for their ids and
   * whether they sync.
   */
  @SuppressWarnings("rawtypes")
  private static Map<String, CollectionDefinition<?, ?>> definitions() {
    Map<String, CollectionDefinition<?, ?>> byTable = new HashMap<>();
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    try {
      for (CollectionDefinition definition :
          ServiceLoader.load(
              CollectionDefinition.class,
              loader != null ? loader : Convergence.class.getClassLoader())) {
        byTable.put(definition.tableName().toLowerCase(Locale.ROOT), definition);
      }
    } catch (java.util.ServiceConfigurationError e) {
      // Without the registry every table counts as a synced collection.
    }
    return byTable;
  }

  private record Column(String name, boolean key) {}

  /** One table's rows by key text. */
  private static final class Table {
    static final Table EMPTY = new Table();
    final Map<String, Map<String, Object>> rows = new TreeMap<>();
  }
}
