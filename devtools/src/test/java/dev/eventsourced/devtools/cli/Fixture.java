package dev.eventsourced.devtools.cli;

import dev.eventsourced.db.EventSourcedDb;
import dev.eventsourced.db.sync.SyncTransport;
import dev.eventsourced.test.TestBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/** Real database files for the command line's tests, written by the runtime. */
final class Fixture {

  private Fixture() {}

  static EventSourcedDb open(Path file, SyncTransport transport) {
    EventSourcedDb.Builder builder =
        EventSourcedDb.builder()
            .path(file)
            .collections(NoteRepository.COLLECTION, CounterRepository.COLLECTION);
    if (transport != null) builder.sync(transport).autoSync(false);
    return builder.open();
  }

  /**
   * A phone's file after syncing with a laptop through a server: synced local events, remote
   * events, one local event the server rejected, and pending local ones (an update of n2, a delete
   * of counter 2, an insert of n4).
   */
  static void phoneAndLaptop(Path phoneFile, Path laptopFile) {
    try (TestBackend backend = new TestBackend(42);
        EventSourcedDb phone = open(phoneFile, backend.transport("phone"));
        EventSourcedDb laptop = open(laptopFile, backend.transport("laptop"))) {
      NoteRepository phoneNotes = NoteRepository.of(phone);
      CounterRepository phoneCounters = CounterRepository.of(phone);
      phoneNotes.insert(Note.of("n1", "Buy milk"));
      phoneNotes.insert(Note.of("n2", "Call Ann"));
      phoneCounters.insert(new Counter(1, "one", 1));
      phoneCounters.insert(new Counter(2, "two", 2));
      phone.sync();
      laptop.sync();
      NoteRepository laptopNotes = NoteRepository.of(laptop);
      laptopNotes.update("n1", draft -> draft.title("Buy oat milk").tags(List.of("shop", "x")));
      laptopNotes.insert(Note.of("n3", "From the laptop"));
      laptop.sync();
      backend.rejecting(event -> event.key().equals("bad"));
      phoneNotes.insert(Note.of("bad", "refused"));
      phone.sync();
      backend.rejecting(event -> false);
      phoneNotes.update("n2", draft -> draft.done(true).score(2.25));
      phoneCounters.delete(2L);
      phoneNotes.insert(Note.of("n4", "pending").withComment("later"));
    }
  }

  static void sql(Path file, String statement) throws SQLException {
    try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement st = conn.createStatement()) {
      st.executeUpdate(statement);
    }
  }

  /** A JSON document parsed into maps and lists (numbers as BigDecimal). */
  @SuppressWarnings("unchecked")
  static Map<String, Object> json(String text) {
    try {
      return (Map<String, Object>) Json.parse(text.strip());
    } catch (IOException e) {
      throw new UncheckedIOException("not one JSON document: " + text, e);
    }
  }
}
