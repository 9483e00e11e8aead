package dev.eventsourced.it;

import dev.eventsourced.db.EventSourcedDb;
import dev.eventsourced.db.event.RebuildProgress;
import dev.eventsourced.it.RecordVersions.Version;
import java.nio.file.Path;

/**
 * A child process for the crash-during-rebuild test: opens a file with a version of the records
 * compiled at test time (whose classes are in a directory), so that a changed table is rebuilt, and
 * once the rebuild has folded the given share of the events, prints "rebuilding N of M" from the
 * progress listener and waits there, inside the rebuild's transaction, to be killed.
 *
 * <p>Arguments: the classes directory, the database file, the record ({@code app.Todo}), the share
 * of events after which to stop (0..1).
 */
public final class RebuildUntilKilled {

  private RebuildUntilKilled() {}

  public static void main(String[] args) throws Exception {
    Version version = Version.load(Path.of(args[0]));
    double share = Double.parseDouble(args[3]);
    try (EventSourcedDb db =
        EventSourcedDb.builder()
            .path(Path.of(args[1]))
            .collections(version.definition(args[2]))
            .onRebuild(progress -> stopAt(progress, share))
            .open()) {
      System.out.println("opened without stopping");
    }
  }

  private static void stopAt(RebuildProgress progress, double share) {
    if (progress.done() || progress.foldedEvents() >= share * progress.totalEvents()) {
      if (progress.foldedEvents() == 0 && !progress.done()) return; // the start report
      System.out.println("rebuilding " + progress.foldedEvents() + " of " + progress.totalEvents());
      System.out.flush();
      while (true) {
        try {
          Thread.sleep(60_000);
        } catch (InterruptedException e) {
          // keep waiting: only SIGKILL ends this process
        }
      }
    }
  }
}
