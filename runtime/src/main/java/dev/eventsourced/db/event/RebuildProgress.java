package dev.eventsourced.db.event;

import java.time.Duration;

/**
 * How far the rebuild of a collection's table from the event log has come. A table is rebuilt when
 * its record changed since the file was written (on open), when a collection is new to a file that
 * already holds its events, and on {@code EventSourcedDb.rebuild}. Listeners set with {@code
 * EventSourcedDb.Builder.onRebuild} get one report when it starts, one every few thousand events,
 * and one when it is done, on the thread that rebuilds (the one opening the database).
 *
 * @param collectionId the collection being rebuilt
 * @param reason why it is rebuilt
 * @param foldedEvents the events read so far
 * @param totalEvents the events of the collection in the log
 * @param rows the rows written so far
 * @param done whether this is the last report: the new table has replaced the old one (when the
 *     transaction commits)
 * @param elapsed the time since the rebuild started
 */
public record RebuildProgress(
    String collectionId,
    Reason reason,
    long foldedEvents,
    long totalEvents,
    long rows,
    boolean done,
    Duration elapsed) {

  /** Why a table is rebuilt. */
  public enum Reason {
    /** The collection is new to the file, which already holds events of it (pulled earlier). */
    NEW_COLLECTION,
    /** The record changed since the table was written (its schema fingerprint differs). */
    RECORD_CHANGED,
    /** The application asked for it ({@code EventSourcedDb.rebuild}). */
    REQUESTED
  }
}
