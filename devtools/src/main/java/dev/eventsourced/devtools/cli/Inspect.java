package dev.eventsourced.devtools.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** {@code inspect FILE}: what the file holds, in a few lines. */
final class Inspect implements Command {

  @Override
  public String name() {
    return "inspect";
  }

  @Override
  public String summary() {
    return "collections, row counts, schema versions, the log's counts, pull cursor, client id";
  }

  @Override
  public String help() {
    return """
        Usage: eventsourced inspect FILE [--json]

        Shows the file's storage format, size, client id and pull cursor, the event log's
        counts (total, pending: not yet confirmed by the server, rejected: refused by the
        server or unreadable), and per collection its table, row count, schema version and
        event counts. A collection that has events but no table (the app that opened the file
        does not declare it) is listed too.

          --json   one JSON document: {"file", "sizeBytes", "walBytes", "formatVersion",
                   "clientId", "pullCursor", "events": {"total", "pending", "rejected",
                   "lastLocalSeq"}, "collections": [{"collection", "table", "rows",
                   "schemaVersion", "events", "pending", "rejected"}]}; unknown values are null

        Exit codes: 0 done, 2 usage error or a file that is missing or not an EventSourced DB.
        """;
  }

  private record Row(
      StoredCollection collection, Long rows, long events, long pending, long rejected) {}

  @Override
  public int run(Options options, Io io) throws CliException, IOException, SQLException {
    Path path = Command.file(options);
    try (DatabaseFile file = DatabaseFile.openReadOnly(path)) {
      Map<String, String> meta;
      List<StoredCollection> collections;
      Map<String, long[]> counts;
      long lastLocalSeq;
      List<Row> rows = new java.util.ArrayList<>();
      try {
        meta = file.allMeta();
        collections = file.collections();
        counts = file.eventCounts();
        lastLocalSeq = file.lastLocalSeq();
        for (StoredCollection collection : collections) {
          Long rowCount =
              collection.table() != null && file.tableExists(collection.table())
                  ? file.countRows(collection.table())
                  : null;
          long[] count = counts.getOrDefault(collection.id(), new long[3]);
          rows.add(new Row(collection, rowCount, count[0], count[1], count[2]));
        }
      } catch (SQLException e) {
        throw file.problem(e);
      }
      long total = 0;
      long pending = 0;
      long rejected = 0;
      for (long[] count : counts.values()) {
        total += count[0];
        pending += count[1];
        rejected += count[2];
      }
      long size = Files.size(path);
      Path wal = path.resolveSibling(path.getFileName() + "-wal");
      Long walSize = Files.isRegularFile(wal) ? Files.size(wal) : null;
      String cursor = meta.get("pull_cursor");
      if (options.flag("--json")) {
        try (JsonGenerator json = io.json()) {
          json.writeStartObject();
          json.writeStringField("file", path.toString());
          json.writeNumberField("sizeBytes", size);
          if (walSize == null) json.writeNullField("walBytes");
          else json.writeNumberField("walBytes", walSize);
          json.writeNumberField("formatVersion", Integer.parseInt(meta.get("format_version")));
          json.writeStringField("clientId", meta.get("client_id"));
          writeNumberOrNull(json, "pullCursor", cursor);
          json.writeObjectFieldStart("events");
          json.writeNumberField("total", total);
          json.writeNumberField("pending", pending);
          json.writeNumberField("rejected", rejected);
          json.writeNumberField("lastLocalSeq", lastLocalSeq);
          json.writeEndObject();
          json.writeArrayFieldStart("collections");
          for (Row row : rows) {
            json.writeStartObject();
            json.writeStringField("collection", row.collection().id());
            json.writeStringField("table", row.collection().table());
            if (row.rows() == null) json.writeNullField("rows");
            else json.writeNumberField("rows", row.rows());
            if (row.collection().schemaVersion() == null) json.writeNullField("schemaVersion");
            else json.writeNumberField("schemaVersion", row.collection().schemaVersion());
            json.writeNumberField("events", row.events());
            json.writeNumberField("pending", row.pending());
            json.writeNumberField("rejected", row.rejected());
            json.writeEndObject();
          }
          json.writeEndArray();
          json.writeEndObject();
        }
        io.out().println();
        return Cli.EXIT_OK;
      }
      PrintStream out = io.out();
      TextTable head = new TextTable("", "");
      head.row(
          "file:",
          path + " (" + size + " bytes" + (walSize == null ? "" : ", WAL " + walSize) + ")");
      head.row("storage format:", meta.get("format_version"));
      head.row("client id:", meta.get("client_id"));
      head.row("pull cursor:", cursor == null ? "none (never pulled)" : cursor);
      head.row(
          "events:",
          total
              + " total, "
              + pending
              + " pending, "
              + rejected
              + " rejected (last local seq "
              + lastLocalSeq
              + ")");
      head.print(out, "");
      out.println();
      if (rows.isEmpty()) {
        out.println("no collections");
        return Cli.EXIT_OK;
      }
      TextTable table =
          new TextTable("COLLECTION", "TABLE", "ROWS", "SCHEMA", "EVENTS", "PENDING", "REJECTED");
      for (Row row : rows) {
        table.row(
            row.collection().id(),
            row.collection().table() == null ? "(none)" : row.collection().table(),
            row.rows(),
            row.collection().schemaVersion(),
            row.events(),
            row.pending(),
            row.rejected());
      }
      table.print(out, "");
      return Cli.EXIT_OK;
    }
  }

  private static void writeNumberOrNull(JsonGenerator json, String name, String value)
      throws IOException {
    try {
      if (value != null) {
        json.writeNumberField(name, Long.parseLong(value.trim()));
        return;
      }
    } catch (NumberFormatException e) {
      json.writeStringField(name, value);
      return;
    }
    json.writeNullField(name);
  }
}
