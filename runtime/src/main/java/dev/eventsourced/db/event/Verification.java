package dev.eventsourced.db.event;

import dev.eventsourced.db.EventSourcedDb;
import java.util.List;
import java.util.Objects;

/**
 * The result of {@link EventSourcedDb#verify()}: every row whose stored state differs from the fold
 * of its events (invariants 4 and 7). Empty when the database is healthy.
 *
 * @param differences the rows that differ, by collection and key
 */
public record Verification(List<Difference> differences) {

  public Verification {
    differences = List.copyOf(differences);
  }

  /** Whether every state table equals the fold of the log. */
  public boolean isHealthy() {
    return differences.isEmpty();
  }

  /**
   * One row whose state differs from the fold of its events.
   *
   * @param collectionId the collection
   * @param key the row's key in canonical text form
   * @param folded the row the log folds to, or {@code null} when the fold has no row
   * @param stored the row in the state table, or {@code null} when there is none
   * @param problem what differs, in words
   */
  public record Difference(
      String collectionId, String key, Object folded, Object stored, String problem) {
    public Difference {
      Objects.requireNonNull(collectionId, "collectionId");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(problem, "problem");
    }
  }
}
