package dev.eventsourced.it;

import dev.eventsourced.db.EventSourcedDb;
import java.nio.file.Path;

/**
 * A child process that opens a database file with the {@link Task} collection (migrating an older
 * storage format, if it is one), prints "opened", and closes it. Argument: the file.
 */
public final class OpenAndClose {

  private OpenAndClose() {}

  public static void main(String[] args) {
    EventSourcedDb.builder()
        .path(Path.of(args[0]))
        .collections(TaskRepository.COLLECTION)
        .open()
        .close();
    System.out.println("opened");
  }
}
