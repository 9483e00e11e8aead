package dev.eventsourced.devtools.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** {@code export FILE}: the events as NDJSON, in local order. */
final class Export implements Command {

  @Override
  public String name() {
    return "export";
  }

  @Override
  public String summary() {
    return "the events as NDJSON (one event per line, in local order)";
  }

  @Override
  public String help() {
    return """
        Usage: eventsourced export FILE [--collection C] [--since-seq N]

        Writes the file's events to stdout as NDJSON, one event per line, in local order.
        Each line is the event in the sync protocol's wire shape (eventId, collectionId, type,
        key, payload, timestamp, and when set fields, clientId, schemaVersion), then what the
        log adds: globalSeq (when the server gave one), localSeq, origin (local or remote),
        status (pending, synced or rejected) and error (when set). A local event's clientId is
        the file's client id. `import` reads these lines back.

          --collection C   only events of collection C
          --since-seq N    only events after local sequence number N (the localSeq of the
                           last line of an earlier export), for an incremental export
          --json           accepted; the output is always NDJSON

        Exit codes: 0 done, 2 usage error or a file that is missing or not an EventSourced DB.
        """;
  }

  @Override
  public Set<String> valueOptions() {
    return Set.of("--collection", "--since-seq");
  }

  @Override
  public int run(Options options, Io io) throws CliException, IOException, SQLException {
    Path path = Command.file(options);
    Long since = options.number("--since-seq", 0);
    try (DatabaseFile file = DatabaseFile.openReadOnly(path)) {
      try {
        Map<String, StoredCollection> collections = new HashMap<>();
        for (StoredCollection collection : file.collections()) {
          collections.put(collection.id(), collection);
        }
        String clientId = file.meta("client_id");
        file.events(
            new DatabaseFile.EventFilter(options.value("--collection"), null, null, null, since),
            null,
            event ->
                io.out()
                    .println(
                        EventLines.write(event, collections.get(event.collectionId()), clientId)));
        return Cli.EXIT_OK;
      } catch (SQLException e) {
        throw file.problem(e);
      }
    }
  }
}
