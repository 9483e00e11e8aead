package dev.eventsourced.db.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Which of the processes (or database instances) that have one file open runs automatic sync: the
 * one holding an OS lock on {@code <file>-sync.lock}. The OS releases the lock when its holder
 * dies, even by SIGKILL, so another takes over at its next attempt.
 */
final class SyncLeadership implements AutoCloseable {

  private final Path lockFile;
  private FileChannel channel;
  private FileLock lock;

  private SyncLeadership(Path lockFile) {
    this.lockFile = lockFile;
  }

  /** The leadership of {@code database}'s file; {@code null} for a database in memory. */
  static SyncLeadership of(Path database) {
    if (database == null) return null;
    Path absolute = database.toAbsolutePath();
    return new SyncLeadership(absolute.resolveSibling(absolute.getFileName() + "-sync.lock"));
  }

  Path lockFile() {
    return lockFile;
  }

  /** Takes the lock if it is free; whether this instance now holds it. */
  synchronized boolean tryAcquire() {
    if (lock != null) return true;
    try {
      if (channel == null) {
        channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      }
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // another instance in this JVM holds it
    } catch (IOException e) {
      lock = null; // e.g. a read-only directory: this instance cannot lead
    }
    return lock != null;
  }

  @Override
  public synchronized void close() {
    try {
      if (lock != null) lock.release();
      if (channel != null) channel.close();
    } catch (IOException e) {
      // Closing releases the lock anyway.
    }
    lock = null;
    channel = null;
  }
}
