package dev.eventsourced.devtools.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** {@code log FILE}: the event log, in local order, filtered. */
final class LogCommand implements Command {

  static final Set<String> TYPES = Set.of("insert", "update", "delete");
  static final Set<String> STATUSES = Set.of("pending", "synced", "rejected");

  @Override
  public String name() {
    return "log";
  }

  @Override
  public String summary() {
    return "the event log, in local order, filtered by collection, key, type or status";
  }

  @Override
  public String help() {
    return """
        Usage: eventsourced log FILE [--collection C] [--key K] [--type T] [--status S]
                                     [--limit N] [--json]

        Lists the events of the file's log in local order (the order this file logged them).

          --collection C   only events of collection C
          --key K          only events of the row with key K (its canonical text)
          --type T         insert, update or delete
          --status S       pending (not yet confirmed by the server), synced or rejected
          --limit N        only the last N of the events selected
          --json           NDJSON: one event per line, the same shape as export

        Text output: one aligned line per event (payloads cut to 60 characters).

        Exit codes: 0 done, 2 usage error or a file that is missing or not an EventSourced DB.
        """;
  }

  @Override
  public Set<String> valueOptions() {
    return Set.of("--collection", "--key", "--type", "--status", "--limit");
  }

  @Override
  public int run(Options options, Io io) throws CliException, IOException, SQLException {
    Path path = Command.file(options);
    String type = options.value("--type");
    if (type != null && !TYPES.contains(type)) {
      throw CliException.usage("--type must be insert, update or delete, got '" + type + "'");
    }
    String status = options.value("--status");
    if (status != null && !STATUSES.contains(status)) {
      throw CliException.usage(
          "--status must be pending, synced or rejected, got '" + status + "'");
    }
    Long limit = options.number("--limit", 1);
    DatabaseFile.EventFilter filter =
        new DatabaseFile.EventFilter(
            options.value("--collection"), options.value("--key"), type, status, null);
    boolean asJson = options.flag("--json");
    try (DatabaseFile file = DatabaseFile.openReadOnly(path)) {
      try {
        Map<String, StoredCollection> collections = new HashMap<>();
        for (StoredCollection collection : file.collections()) {
          collections.put(collection.id(), collection);
        }
        String clientId = file.meta("client_id");
        if (asJson) {
          file.events(
              filter,
              limit,
              event ->
                  io.out()
                      .println(
                          EventLines.write(
                              event, collections.get(event.collectionId()), clientId)));
          return Cli.EXIT_OK;
        }
        TextTable table =
            new TextTable(
                "SEQ",
                "GLOBAL",
                "STATUS",
                "ORIGIN",
                "TYPE",
                "COLLECTION",
                "KEY",
                "TIME",
                "SCHEMA",
                "EVENT ID",
                "FIELDS",
                "PAYLOAD");
        file.events(
            filter,
            limit,
            event ->
                table.row(
                    event.localSeq(),
                    event.globalSeq(),
                    event.status(),
                    event.origin(),
                    event.type(),
                    event.collectionId(),
                    event.key(),
                    Instant.ofEpochMilli(event.timestamp()),
                    event.schemaVersion(),
                    event.eventId(),
                    event.fields().isEmpty() ? null : String.join(",", event.fields()),
                    TextTable.abbreviate(event.payload(), 60)
                        + (event.error() == null ? "" : "  [" + event.error() + "]")));
        if (table.isEmpty()) {
          io.out().println("no events");
        } else {
          table.print(io.out(), "");
        }
        return Cli.EXIT_OK;
      } catch (SQLException e) {
        throw file.problem(e);
      }
    }
  }
}
