package dev.eventsourced.bench;

import dev.eventsourced.annotations.Collection;
import dev.eventsourced.annotations.Index;
import dev.eventsourced.annotations.Key;

/** The benchmarks' collection: the todo of the README's tour. */
@Collection("todos")
@Index({"status", "createdAt"})
public record Todo(
    @Key String id, String userId, String title, Status status, long createdAt, long updatedAt) {

  /** A todo's state. */
  public enum Status {
    PENDING,
    COMPLETE
  }
}
