package dev.eventsourced.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@link AutoSyncWriter} child processes on one file, with their output lines as they arrive, and
 * the check that no two live processes ever lead the file's sync at once.
 */
final class WriterProcesses implements AutoCloseable {

  /** A line a child printed, and when the test read it. */
  record Line(long nanos, String text) {}

  private final Path file;
  private final URI server;
  private final List<Child> children = new ArrayList<>();
  private final List<String> violations = new ArrayList<>();
  private final List<Line> leaderLines = new ArrayList<>();

  WriterProcesses(Path file, URI server) {
    this.file = file;
    this.server = server;
  }

  /** One child process. */
  final class Child {
    final String prefix;
    final Process process;
    private final List<Line> lines = new ArrayList<>();
    private boolean leading; // guarded by WriterProcesses.this
    private boolean leaving; // killed or told to exit; guarded by WriterProcesses.this

    private Child(String prefix, Process process) {
      this.prefix = prefix;
      this.process = process;
      Thread reader = new Thread(this::read, "output of " + prefix);
      reader.setDaemon(true);
      reader.start();
    }

    private void read() {
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String text = out.readLine(); text != null; text = out.readLine()) {
          Line line = new Line(System.nanoTime(), text);
          observe(this, line);
          synchronized (lines) {
            lines.add(line);
            lines.notifyAll();
          }
        }
      } catch (IOException e) {
        // the process died
      }
    }

    int lineCount() {
      synchronized (lines) {
        return lines.size();
      }
    }

    boolean printed(String text) {
      synchronized (lines) {
        return lines.stream().anyMatch(line -> line.text().equals(text));
      }
    }

    /** The first line at index {@code from} or later that matches; fails after {@code timeout}. */
    Line await(Predicate<String> match, int from, Duration timeout, String what)
        throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      synchronized (lines) {
        int i = from;
        while (true) {
          for (; i < lines.size(); i++) {
            if (match.test(lines.get(i).text())) return lines.get(i);
          }
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            throw new AssertionError(
                prefix + " did not print " + what + " within " + timeout + "; it printed " + lines);
          }
          TimeUnit.NANOSECONDS.timedWait(lines, left);
        }
      }
    }

    Line await(String text, Duration timeout) throws InterruptedException {
      return await(text::equals, 0, timeout, text);
    }

    /** SIGKILL, and waits for the process to be gone. */
    void kill() throws InterruptedException {
      synchronized (WriterProcesses.this) {
        leaving = true;
      }
      process.destroyForcibly();
      assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    /** Tells it to close its database and exit, and waits for that. */
    void exit() throws IOException, InterruptedException {
      synchronized (WriterProcesses.this) {
        leaving = true;
      }
      OutputStream in = process.getOutputStream();
      in.write("exit\n".getBytes(StandardCharsets.UTF_8));
      in.close();
      await("CLOSED", Duration.ofSeconds(40));
      assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).as(prefix + "'s exit code").isZero();
    }

    boolean leading() {
      synchronized (WriterProcesses.this) {
        return leading;
      }
    }

    @Override
    public String toString() {
      return prefix;
    }
  }

  /**
   * Starts a child writing {@code rows} rows {@code prefix-0..} in bursts of {@code burst} every
   * {@code paceMillis}, holding each push {@code holdMillis} after the server stored it, and
   * watching {@code watched} keys with live queries.
   */
  Child start(
      String prefix, int rows, int burst, long paceMillis, long holdMillis, String... watched)
      throws IOException {
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            file.toString(),
            server.toString(),
            prefix,
            Integer.toString(rows),
            Integer.toString(burst),
            Long.toString(paceMillis),
            Long.toString(holdMillis)));
    args.addAll(List.of(watched));
    Child child =
        new Child(prefix, ChildJvm.start(AutoSyncWriter.class, args.toArray(String[]::new)));
    synchronized (this) {
      children.add(child);
    }
    return child;
  }

  private synchronized void observe(Child child, Line line) {
    if (line.text().equals("LEADER")) {
      for (Child other : children) {
        if (other != child && other.leading && !other.leaving) {
          violations.add(child + " became leader while " + other + " led and was alive");
        }
      }
      child.leading = true;
      leaderLines.add(line);
      notifyAll();
    } else if (line.text().equals("FOLLOWER")) {
      child.leading = false;
    }
  }

  /** The live leader, waiting up to {@code timeout} for one. */
  synchronized Child awaitLeader(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (Child child : children) {
        if (child.leading && !child.leaving) return child;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) throw new AssertionError("no process led within " + timeout);
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }

  /** The live processes that say they lead. */
  synchronized List<Child> leaders() {
    return children.stream().filter(c -> c.leading && !c.leaving).toList();
  }

  synchronized List<Child> alive() {
    return children.stream().filter(c -> !c.leaving).toList();
  }

  synchronized List<Child> all() {
    return List.copyOf(children);
  }

  /** Where two live processes led at once; empty when never. */
  synchronized List<String> violations() {
    return List.copyOf(violations);
  }

  /** Whether another process holds the OS lock that makes a process the file's sync leader. */
  boolean lockHeldElsewhere() throws IOException {
    Path lockFile = file.resolveSibling(file.getFileName() + "-sync.lock");
    try (FileChannel channel =
        FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      FileLock lock = channel.tryLock();
      if (lock == null) return true;
      lock.release();
      return false;
    }
  }

  /** Kills whatever is still running. */
  @Override
  public void close() {
    for (Child child : all()) {
      child.process.destroyForcibly();
    }
  }
}
