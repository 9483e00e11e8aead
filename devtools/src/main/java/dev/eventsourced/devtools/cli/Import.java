package dev.eventsourced.devtools.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.eventsourced.db.EventSourcedDb;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code import FILE}: appends NDJSON events (as {@code export} writes them) to a file's log, the
 * one command that writes. Every line is validated before anything is written; the events go in in
 * one transaction; ids the log already holds are skipped; the collections that got events are
 * rebuilt from the log by the app when it next opens the file.
 */
final class Import implements Command {

  /** The longest line read, in characters: a longer one is refused, never buffered whole. */
  static final int MAX_LINE_CHARS = 16 * 1024 * 1024;

  /** How long import waits for another process's write lock before it gives up. */
  private static final int BUSY_MILLIS = 1000;

  @Override
  public String name() {
    return "import";
  }

  @Override
  public String summary() {
    return "appends NDJSON events (as export writes them) to a file's log";
  }

  @Override
  public String help() {
    return """
        Usage: eventsourced import FILE [--from NDJSON|-] [--json]

        Appends events, one JSON object per line as export writes them, to FILE's event log;
        FILE and its log tables are created when missing. Every line is checked first (the
        wire members by the sync protocol's rules, as a server checks a push; origin, status
        and globalSeq by the log's): a bad line stops the import naming its number, and nothing
        is written. Then the events go in in one transaction, in the order of the lines; an
        event whose eventId the log already holds is skipped. Without origin and status, an
        event with a globalSeq is a synced remote one, one without is a pending local one.

        The collections that got events are rebuilt from the log by the app the next time it
        opens the file (their tables are marked stale); a process that has the file open now
        sees them after it reopens it. If another process is writing the file (it holds the
        write lock for more than a second), import refuses and writes nothing.

          --from NDJSON   the file to read; - or no --from: standard input
          --json          the summary as one JSON document: {"file", "imported", "skipped",
                          "collections": [...], "rebuildOnOpen": [...]}

        Exit codes: 0 done, 2 usage error, a bad line, a busy file, or a file that is not an
        EventSourced DB.
        """;
  }

  @Override
  public Set<String> valueOptions() {
    return Set.of("--from");
  }

  private record Line(long number, StoredEvent event) {}

  @Override
  public int run(Options options, Io io) throws CliException, IOException, SQLException {
    Path path = Command.file(options);
    String from = options.value("--from");
    List<Line> lines;
    if (from == null || from.equals("-")) {
      lines = readAll(io.in());
    } else {
      Path source = Path.of(from);
      if (!Files.isRegularFile(source)) throw CliException.trouble("no such file: " + source);
      try (InputStream in = Files.newInputStream(source)) {
        lines = readAll(in);
      }
    }
    createOrCheck(path);
    int imported = 0;
    int skipped = 0;
    Set<String> collections = new TreeSet<>();
    Set<String> rebuild = new TreeSet<>();
    try (DatabaseFile file = DatabaseFile.openForImport(path, BUSY_MILLIS)) {
      file.beginWrite();
      try {
        Map<String, StoredCollection> known = new HashMap<>();
        for (StoredCollection collection : file.collections()) {
          known.put(collection.id(), collection);
        }
        for (Line line : lines) {
          StoredEvent event = canonicalKey(line.event(), known.get(line.event().collectionId()));
          if (file.hasEvent(event.eventId())) {
            skipped++;
            continue;
          }
          if (event.globalSeq() != null) {
            String holder = file.eventAtGlobalSeq(event.globalSeq());
            if (holder != null) {
              throw EventLines.bad(
                  line.number(),
                  "globalSeq "
                      + event.globalSeq()
                      + " is already held by event "
                      + holder
                      + " in "
                      + path
                      + " (the lines come from another server's log?)");
            }
          }
          file.append(event);
          imported++;
          collections.add(event.collectionId());
        }
        for (String collection : collections) {
          if (file.requestRebuild(collection)) rebuild.add(collection);
        }
        file.commit();
      } catch (SQLException e) {
        file.rollback();
        throw file.problem(e);
      } catch (CliException | RuntimeException e) {
        file.rollback();
        throw e;
      }
    }
    if (options.flag("--json")) {
      try (JsonGenerator json = io.json()) {
        json.writeStartObject();
        json.writeStringField("file", path.toString());
        json.writeNumberField("imported", imported);
        json.writeNumberField("skipped", skipped);
        json.writeArrayFieldStart("collections");
        for (String collection : collections) json.writeString(collection);
        json.writeEndArray();
        json.writeArrayFieldStart("rebuildOnOpen");
        for (String collection : rebuild) json.writeString(collection);
        json.writeEndArray();
        json.writeEndObject();
      }
      io.out().println();
    } else {
      io.out()
          .println(
              "imported "
                  + imported
                  + " events into "
                  + path
                  + (skipped == 0 ? "" : " (" + skipped + " already in its log, skipped)")
                  + (rebuild.isEmpty()
                      ? ""
                      : "; rebuilt from the log when the app next opens it: "
                          + String.join(", ", rebuild)));
    }
    return Cli.EXIT_OK;
  }

  /**
   * Creates the file with the runtime (its own DDL: the log, {@code _meta}, the client id) when it
   * is missing or empty; else checks that it is an EventSourced DB file of a format this tool
   * reads.
   */
  private static void createOrCheck(Path path) throws CliException, IOException {
    if (Files.isRegularFile(path) && Files.size(path) > 0) {
      DatabaseFile.openReadOnly(path).close();
      return;
    }
    if (Files.isDirectory(path)) {
      throw CliException.trouble(path + " is a directory, not a database file");
    }
    try {
      EventSourcedDb.builder()
          .path(path)
          .collections(List.of()) // no tables: only the log and _meta
          .busyTimeout(Duration.ofMillis(BUSY_MILLIS))
          .open()
          .close();
    } catch (RuntimeException e) {
      throw CliException.trouble("cannot create " + path + ": " + e.getMessage(), e);
    }
  }

  /** The key in its canonical text when the collection's key is a number ("042" → "42"). */
  private static StoredEvent canonicalKey(StoredEvent event, StoredCollection collection) {
    if (collection == null || !collection.numericKey()) return event;
    try {
      String canonical = Long.toString(Long.parseLong(event.key()));
      if (canonical.equals(event.key())) return event;
      return new StoredEvent(
          event.localSeq(),
          event.eventId(),
          event.collectionId(),
          event.type(),
          canonical,
          event.payload(),
          event.fields(),
          event.timestamp(),
          event.origin(),
          event.globalSeq(),
          event.status(),
          event.schemaVersion(),
          event.clientId(),
          event.error());
    } catch (NumberFormatException e) {
      return event; // not a key of the collection: kept, and skipped by the fold, as a pull would
    }
  }

  /**
   * Reads and validates every line (blank lines are skipped), before anything is written.
   *
   * @throws CliException naming the first bad line
   */
  private static List<Line> readAll(InputStream in) throws CliException, IOException {
    BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(
                in,
                StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)),
            1 << 16);
    List<Line> lines = new ArrayList<>();
    Map<String, Long> ids = new HashMap<>();
    Map<Long, Long> seqs = new HashMap<>();
    StringBuilder line = new StringBuilder();
    long number = 0;
    while (true) {
      line.setLength(0);
      boolean end;
      try {
        end = readLine(reader, line, number + 1);
      } catch (java.nio.charset.CharacterCodingException e) {
        throw EventLines.bad(number + 1, "not UTF-8 text");
      }
      if (end && line.length() == 0) break;
      number++;
      String text = line.toString().strip();
      if (!text.isEmpty()) {
        StoredEvent event = EventLines.read(text, number);
        Long earlier = ids.putIfAbsent(event.eventId(), number);
        if (earlier == null) {
          if (event.globalSeq() != null) {
            Long other = seqs.putIfAbsent(event.globalSeq(), number);
            if (other != null) {
              throw EventLines.bad(
                  number,
                  "globalSeq "
                      + event.globalSeq()
                      + " is also on line "
                      + other
                      + " (another event)");
            }
          }
          lines.add(new Line(number, event));
        }
      }
      if (end) break;
    }
    return lines;
  }

  /**
   * Reads one line into {@code line} (without its terminator).
   *
   * @return whether the input ended
   */
  private static boolean readLine(BufferedReader reader, StringBuilder line, long number)
      throws IOException, CliException {
    while (true) {
      int c = reader.read();
      if (c == -1) return true;
      if (c == '\n') return false;
      if (line.length() >= MAX_LINE_CHARS) {
        throw EventLines.bad(
            number,
            "longer than " + MAX_LINE_CHARS + " characters (is it NDJSON, one event per line?)");
      }
      line.append((char) c);
    }
  }
}
