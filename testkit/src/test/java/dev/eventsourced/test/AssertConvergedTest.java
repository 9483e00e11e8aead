package dev.eventsourced.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventsourced.db.EventSourcedDb;
import dev.eventsourced.test.app.Note;
import dev.eventsourced.test.app.NoteRepository;
import dev.eventsourced.test.app.Scratch;
import dev.eventsourced.test.app.ScratchRepository;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What {@link TestBackend#assertConverged} accepts, and how precisely it names what it refuses. */
@EventSourcedTest
@Seed(4242)
class AssertConvergedTest {

  private TestBackend backend;
  private EventSourcedDb phone;
  private EventSourcedDb laptop;

  @BeforeEach
  void openDevices(TestBackend backend) {
    this.backend = backend;
    phone = backend.open("phone", b -> b.collections(NoteRepository.COLLECTION));
    laptop = backend.open("laptop", b -> b.collections(NoteRepository.COLLECTION));
  }

  private static Note note(String id, String title) {
    return new Note(id, title, "", false, List.of("a"), 1);
  }

  @Test
  void conflictOnOneKey_afterSettle_converges() {
    NoteRepository.of(phone).insert(note("n1", "milk"));
    phone.sync();
    laptop.sync();
    NoteRepository.of(phone).update("n1", d -> d.title("oat milk"));
    NoteRepository.of(laptop).update("n1", d -> d.pinned(true).tags(List.of("b", "c")));

    backend.settle();

    backend.assertConverged(phone, laptop);
    backend.assertConverged();
    assertThat(NoteRepository.of(laptop).get("n1"))
        .isEqualTo(new Note("n1", "oat milk", "", true, List.of("b", "c"), 1));
  }

  @Test
  void deviceWithPendingEvents_fails_namingItAndTheSeed() {
    NoteRepository.of(phone).insert(note("n1", "milk"));

    assertThatThrownBy(() -> backend.assertConverged())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("seed 4242 (rerun with -Deventsourced.seed=4242)")
        .hasMessageContaining("phone: 1 event still pending, the first notes insert key n1")
        .hasMessageContaining("notes key n1: phone has {id=\"n1\", title=\"milk\"")
        .hasMessageContaining("laptop has no row");
  }

  @Test
  void deviceThatHasNotPulled_fails_namingTheMissingEvents() {
    NoteRepository.of(phone).insert(note("n1", "milk"));
    NoteRepository.of(phone).insert(note("n2", "eggs"));
    phone.sync();

    assertThatThrownBy(() -> backend.assertConverged(phone, laptop))
        .hasMessageContaining(
            "laptop: lacks 2 of the backend's 2 events, the first globalSeq 1 (notes insert key n1")
        .hasMessageContaining("it has not pulled them")
        .hasMessageNotContaining("phone:");
  }

  @Test
  void tableChangedBehindTheDevicesBack_fails_namingDeviceKeyColumnAndValues() throws Exception {
    NoteRepository.of(phone).insert(note("n1", "milk"));
    backend.settle();
    backend.assertConverged();

    try (Connection jdbc = DriverManager.getConnection("jdbc:sqlite:" + laptop.path());
        Statement statement = jdbc.createStatement()) {
      statement.executeUpdate("UPDATE notes SET title = 'hacked' WHERE id = 'n1'");
    }

    assertThatThrownBy(() -> backend.assertConverged())
        .hasMessageContaining("laptop: notes key n1: the state differs from the fold")
        .hasMessageContaining(
            "notes key n1 column title: phone has \"milk\", laptop has \"hacked\"")
        .hasMessageContaining("seed 4242")
        .hasMessageNotContaining("phone: notes");
  }

  @Test
  void localOnlyCollections_mayDifferBetweenDevices() {
    backend.open("tablet", b -> b.collections(NoteRepository.COLLECTION));
    EventSourcedDb desk =
        backend.open(
            "desk", b -> b.collections(NoteRepository.COLLECTION, ScratchRepository.COLLECTION));
    ScratchRepository.of(desk).insert(new Scratch("s1", "only here"));
    NoteRepository.of(desk).insert(note("n1", "milk"));

    backend.settle();

    backend.assertConverged();
  }

  @Test
  void rowsDeletedOnOneDevice_fail_untilSynced() throws SQLException {
    NoteRepository.of(phone).insert(note("n1", "milk"));
    backend.settle();
    NoteRepository.of(laptop).delete("n1");
    laptop.sync();

    assertThatThrownBy(() -> backend.assertConverged())
        .hasMessageContaining("phone: lacks 1 of the backend's 2 events")
        .hasMessageContaining("notes key n1: phone has {id=\"n1\"")
        .hasMessageContaining("laptop has no row");

    phone.sync();
    backend.assertConverged();
  }

  @Test
  void minimalServerDroppingOptionalMembers_stillConverges() {
    backend.dropOptionalMembers();
    NoteRepository.of(phone).insert(note("n1", "milk"));
    backend.settle();
    NoteRepository.of(phone).update("n1", d -> d.title("oat milk"));
    NoteRepository.of(laptop).update("n1", d -> d.pinned(true));

    backend.settle();

    backend.assertConverged();
  }
}
