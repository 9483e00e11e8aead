package dev.eventsourced.devtools.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code verify FILE}: folds every key's events and compares the result with the state table's row,
 * column by column, without the app's classes: the column descriptions in {@code _meta} say which
 * payload member each column holds and how it is stored ({@link ColumnValues}).
 *
 * <p>The fold is the default rule of invariant 4 (docs/architecture.md, "The fold"): per key, the
 * events with a global sequence number in that order, then the others (pending local events) in
 * local order, leaving out local events the server rejected; an insert sets the whole row, an
 * update the components its {@code fields} list (or, listing none, the members its payload carries)
 * of an existing row, a delete removes it; the key is the event's, and a payload naming another key
 * makes the event unreadable (skipped).
 *
 * <p>What it cannot know without the app is left out, and said: a member an insert lacks (its value
 * is the component's default), the keys that have events of an older schema version (the app's
 * upcasters may rewrite them) or pulled events marked unreadable, and a collection folded by a
 * custom {@code ConflictResolver} (which this check does not know of: its rows may show as
 * differences).
 */
final class Verify implements Command {

  @Override
  public String name() {
    return "verify";
  }

  @Override
  public String summary() {
    return "compares each state table with the fold of its events (exit 1 on a difference)";
  }

  @Override
  public String help() {
    return """
        Usage: eventsourced verify FILE [--json]

        Folds each key's events (the default rule: an insert sets the row, an update sets the
        fields it names, a delete removes it; events the server ordered first, in its order,
        then pending local ones in local order) and compares the result with the state table's
        row, column by column, and the row's pending mark. Shows per collection the keys that
        differ and the columns that differ.

        It needs the column descriptions the runtime stores in the file when it opens it; a
        collection without one (a file last opened by an older runtime) cannot be checked.
        Keys it cannot fold without the app (events of an older schema version, which the
        app's upcasters may rewrite; pulled events marked unreadable) are listed as not
        checked; members an insert lacks (the app's defaults) are not compared. A collection
        the app folds with its own ConflictResolver may show differences this check cannot
        judge.

          --json   one JSON document: {"file", "healthy", "differences", "collections":
                   [{"collection", "table", "checked", "reason", "rows", "events",
                   "differences": [{"key", "problem", "columns": [{"column", "component",
                   "stored", "folded"}]}], "uncheckedKeys": [{"key", "reason"}]}]}
                   (blobs as base64; a value the events do not determine as null)

        Exit codes: 0 every checked row equals its fold, 1 a difference, 2 a collection could
        not be checked (and nothing differs), a usage error, or a file that is missing or not
        an EventSourced DB.
        """;
  }

  /** A column whose stored value differs from the fold's. */
  record ColumnDifference(StoredCollection.Column column, Object stored, Object folded) {}

  /** A key whose row differs from the fold of its events. */
  record Difference(String key, String problem, List<ColumnDifference> columns) {}

  /** What verify found in one collection. */
  static final class Result {
    final StoredCollection collection;
    boolean checked;
    String reason;
    long rows;
    long events;
    final List<Difference> differences = new ArrayList<>();
    final Map<String, String> uncheckedKeys = new TreeMap<>();

    Result(StoredCollection collection) {
      this.collection = collection;
    }
  }

  @Override
  public int run(Options options, Io io) throws CliException, IOException, SQLException {
    Path path = Command.file(options);
    List<Result> results = new ArrayList<>();
    try (DatabaseFile file = DatabaseFile.openReadOnly(path)) {
      try {
        for (StoredCollection collection : file.collections()) {
          results.add(check(file, collection));
        }
      } catch (SQLException e) {
        throw file.problem(e);
      }
    }
    int differences = 0;
    boolean unchecked = false;
    for (Result result : results) {
      differences += result.differences.size();
      if (!result.checked && result.collection.hasTable()) unchecked = true;
    }
    if (options.flag("--json")) {
      writeJson(io, path, results, differences);
    } else {
      writeText(io.out(), results, differences);
    }
    if (differences > 0) return Cli.EXIT_DIFFERENCE;
    if (unchecked) {
      io.err().println("eventsourced: verify could not check every collection (see above)");
      return Cli.EXIT_TROUBLE;
    }
    return Cli.EXIT_OK;
  }

  private static Result check(DatabaseFile file, StoredCollection collection)
      throws SQLException, IOException, CliException {
    Result result = new Result(collection);
    if (!collection.hasTable()) {
      result.reason =
          "it has events but no table: no app opened the file with this collection; nothing to"
              + " compare";
      return result;
    }
    if (collection.columns() == null || collection.table() == null) {
      result.reason =
          "the file does not describe its columns (it was last opened by a runtime from before"
              + " the descriptions were stored); open it once with the app on a current"
              + " runtime, then verify again";
      return result;
    }
    if (!file.tableExists(collection.table())) {
      result.reason = "its table \"" + collection.table() + "\" is missing from the file";
      return result;
    }
    StoredCollection.Column keyColumn = null;
    for (StoredCollection.Column column : collection.columns()) {
      if (column.key()) keyColumn = column;
    }
    if (keyColumn == null) {
      result.reason = "its column description names no key column";
      return result;
    }
    StoredCollection.Column key = keyColumn;
    Map<String, Map<String, Object>> stored = new HashMap<>();
    file.rows(
        collection.table(),
        row -> {
          stored.put(ColumnValues.keyText(row.get(key.column())), row);
          result.rows++;
        });
    Folder folder = new Folder(collection, key, stored, result);
    List<StoredEvent> history = new ArrayList<>();
    file.eventsByKey(
        collection.id(),
        event -> {
          result.events++;
          if (!history.isEmpty() && !history.get(0).key().equals(event.key())) {
            folder.compare(history);
            history.clear();
          }
          history.add(event);
        });
    if (!history.isEmpty()) folder.compare(history);
    for (String orphan : new java.util.TreeSet<>(stored.keySet())) {
      result.differences.add(
          new Difference(orphan, "the state table has a row that no event creates", List.of()));
    }
    result.checked = true;
    return result;
  }

  /** Folds one key's events at a time and compares the result with the stored row. */
  private static final class Folder {

    /** Known global order first, then local order (invariant 4). */
    private static final Comparator<StoredEvent> FOLD_ORDER =
        Comparator.comparing((StoredEvent event) -> event.globalSeq() == null)
            .thenComparing(StoredEvent::globalSeq, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparingLong(StoredEvent::localSeq);

    private final StoredCollection collection;
    private final StoredCollection.Column key;
    private final Map<String, Map<String, Object>> stored;
    private final Result result;

    Folder(
        StoredCollection collection,
        StoredCollection.Column key,
        Map<String, Map<String, Object>> stored,
        Result result) {
      this.collection = collection;
      this.key = key;
      this.stored = stored;
      this.result = result;
    }

    void compare(List<StoredEvent> history) {
      String keyText = ColumnValues.canonicalKey(key.type(), history.get(0).key());
      if (keyText == null) return; // not a key of this collection: the runtime skips its events
      List<StoredEvent> events = new ArrayList<>();
      for (StoredEvent event : history) {
        // local events the server rejected are left out; a pulled one marked has a globalSeq
        if (!event.status().equals("rejected") || event.globalSeq() != null) events.add(event);
      }
      events.sort(FOLD_ORDER);
      Map<String, Object> row = stored.remove(keyText);
      for (StoredEvent event : events) {
        String why = null;
        Integer version = collection.schemaVersion();
        if (version != null && event.schemaVersion() < version) {
          why =
              "event #"
                  + event.localSeq()
                  + " was written with schema version "
                  + event.schemaVersion()
                  + " (the table's is "
                  + version
                  + "): the app's upcasters may rewrite it";
        } else if (event.status().equals("rejected")) {
          why = "pulled event #" + event.localSeq() + " is marked: " + event.error();
        }
        if (why != null) {
          result.uncheckedKeys.put(keyText, why);
          return;
        }
      }
      Map<String, Object> folded = null;
      int pending = 0;
      for (StoredEvent event : events) {
        if (event.status().equals("pending")) pending++;
        Map<String, Object> values;
        try {
          values = read(event, keyText);
        } catch (ColumnValues.Unfit e) {
          continue; // unreadable: the runtime skips it too
        }
        switch (event.type()) {
          case "insert":
            folded = values;
            break;
          case "update":
            if (folded != null) folded.putAll(values);
            break;
          default:
            folded = null;
        }
      }
      if (folded == null && row == null) return;
      if (folded == null) {
        result.differences.add(
            new Difference(
                keyText,
                "the events delete the row or never create it, but the state table has it",
                List.of()));
        return;
      }
      if (row == null) {
        result.differences.add(
            new Difference(
                keyText, "the events create the row, but the state table lacks it", List.of()));
        return;
      }
      List<ColumnDifference> columns = new ArrayList<>();
      for (StoredCollection.Column column : collection.columns()) {
        Object expected = folded.get(column.column());
        Object actual = row.get(column.column());
        if (!ColumnValues.same(column, expected, actual)) {
          columns.add(new ColumnDifference(column, actual, expected));
        }
      }
      if (!columns.isEmpty()) {
        result.differences.add(
            new Difference(
                keyText, "the state table's values differ from the fold of the events", columns));
        return;
      }
      Object mark = row.get("_pending");
      if (mark instanceof Number number && (number.longValue() == 0) != (pending == 0)) {
        result.differences.add(
            new Difference(
                keyText,
                "the row has "
                    + pending
                    + " pending events but is marked "
                    + (number.longValue() == 0 ? "synced" : "pending"),
                List.of()));
      }
    }

    /**
     * The columns {@code event} sets, by column name, in their stored form: for an insert every
     * column (those whose member it lacks as {@link ColumnValues#UNKNOWN}); for an update the
     * components its {@code fields} name, or the members its payload carries; for a delete none.
     *
     * @throws ColumnValues.Unfit when the event is unreadable: its payload is not an object, a
     *     member does not fit its column, or it names another key
     */
    private Map<String, Object> read(StoredEvent event, String keyText) throws ColumnValues.Unfit {
      Map<String, Object> values = new LinkedHashMap<>();
      if (event.type().equals("delete")) return values;
      Object tree;
      try {
        tree = Json.parse(event.payload());
      } catch (IOException | RuntimeException e) {
        throw new ColumnValues.Unfit("payload is not JSON");
      }
      if (!(tree instanceof Map<?, ?> payload)) throw new ColumnValues.Unfit("not an object");
      Map<String, Object> members = new HashMap<>();
      for (StoredCollection.Column column : collection.columns()) {
        if (payload.containsKey(column.component())) {
          members.put(
              column.component(), ColumnValues.stored(column, payload.get(column.component())));
        }
      }
      Object keyValue = key.type().equals("INTEGER") ? (Object) Long.parseLong(keyText) : keyText;
      Object named = members.get(key.component());
      if (named != null
          && named != ColumnValues.UNKNOWN
          && !ColumnValues.same(key, keyValue, named)) {
        throw new ColumnValues.Unfit("the payload names another key");
      }
      boolean insert = event.type().equals("insert");
      List<String> fields = event.fields();
      for (StoredCollection.Column column : collection.columns()) {
        if (column.key()) {
          if (insert) values.put(column.column(), keyValue);
          continue;
        }
        boolean sets =
            insert
                || (fields.isEmpty()
                    ? members.containsKey(column.component())
                    : fields.contains(column.component()));
        if (sets) {
          values.put(
              column.column(), members.getOrDefault(column.component(), ColumnValues.UNKNOWN));
        }
      }
      return values;
    }
  }

  private static void writeText(PrintStream out, List<Result> results, int differences) {
    int differing = 0;
    int notChecked = 0;
    for (Result result : results) {
      String head = result.collection.id() + ": ";
      if (!result.checked) {
        if (result.collection.hasTable()) notChecked++;
        out.println(head + "not checked: " + result.reason);
        continue;
      }
      String counts = result.rows + " rows, " + result.events + " events";
      if (result.differences.isEmpty()) {
        out.println(head + counts + ": every row equals the fold of its events");
      } else {
        differing++;
        out.println(
            head
                + counts
                + ": "
                + result.differences.size()
                + (result.differences.size() == 1 ? " key differs" : " keys differ"));
        for (Difference difference : result.differences) {
          out.println("  key " + difference.key() + ": " + difference.problem());
          for (ColumnDifference column : difference.columns()) {
            out.println(
                "    "
                    + column.column().column()
                    + ": stored "
                    + ColumnValues.show(column.stored())
                    + ", the events give "
                    + ColumnValues.show(column.folded()));
          }
        }
      }
      for (Map.Entry<String, String> key : result.uncheckedKeys.entrySet()) {
        out.println("  key " + key.getKey() + " not checked: " + key.getValue());
      }
    }
    if (differences > 0) {
      out.println(
          "verify: "
              + differences
              + (differences == 1 ? " difference" : " differences")
              + " in "
              + differing
              + (differing == 1 ? " collection" : " collections"));
    } else if (notChecked > 0) {
      out.println("verify: no difference found, but " + notChecked + " collection(s) not checked");
    } else {
      out.println("verify: every state table equals the fold of its events");
    }
  }

  private static void writeJson(Io io, Path path, List<Result> results, int differences)
      throws IOException {
    try (JsonGenerator json = io.json()) {
      json.writeStartObject();
      json.writeStringField("file", path.toString());
      json.writeBooleanField("healthy", differences == 0);
      json.writeNumberField("differences", differences);
      json.writeArrayFieldStart("collections");
      for (Result result : results) {
        json.writeStartObject();
        json.writeStringField("collection", result.collection.id());
        json.writeStringField("table", result.collection.table());
        json.writeBooleanField("checked", result.checked);
        json.writeStringField("reason", result.reason);
        json.writeNumberField("rows", result.rows);
        json.writeNumberField("events", result.events);
        json.writeArrayFieldStart("differences");
        for (Difference difference : result.differences) {
          json.writeStartObject();
          json.writeStringField("key", difference.key());
          json.writeStringField("problem", difference.problem());
          json.writeArrayFieldStart("columns");
          for (ColumnDifference column : difference.columns()) {
            json.writeStartObject();
            json.writeStringField("column", column.column().column());
            json.writeStringField("component", column.column().component());
            json.writeFieldName("stored");
            ColumnValues.write(json, column.stored());
            json.writeFieldName("folded");
            ColumnValues.write(json, column.folded());
            json.writeEndObject();
          }
          json.writeEndArray();
          json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("uncheckedKeys");
        for (Map.Entry<String, String> key : result.uncheckedKeys.entrySet()) {
          json.writeStartObject();
          json.writeStringField("key", key.getKey());
          json.writeStringField("reason", key.getValue());
          json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    io.out().println();
  }
}
