package dev.eventsourced.sample;

import dev.eventsourced.annotations.Collection;
import dev.eventsourced.annotations.Index;
import dev.eventsourced.annotations.Key;

/** A todo item of one user. */
@Collection("todos")
@Index({"status", "createdAt"})
public record Todo(
    @Key String id,
    @Index String userId,
    String title,
    Status status,
    long createdAt,
    long updatedAt) {

  /** Where a todo stands. */
  public enum Status {
    PENDING,
    COMPLETE
  }
}
