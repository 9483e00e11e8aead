package dev.eventsourced.it;

import dev.eventsourced.db.EventSourcedDb;
import dev.eventsourced.db.live.LiveQuery;
import dev.eventsourced.db.sync.HttpSyncTransport;
import dev.eventsourced.db.sync.SyncTransport;
import dev.eventsourced.protocol.PullResult;
import dev.eventsourced.protocol.PushResult;
import dev.eventsourced.protocol.SyncEvent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A child process for the sync-leader tests: one of several processes with one file open on
 * automatic sync. It prints what it does on standard output, one word first:
 *
 * <ul>
 *   <li>{@code LEADER} / {@code FOLLOWER} when its {@code syncState().leader()} changes;
 *   <li>{@code PUSH n} before its transport sends a batch of n events, {@code PUSHED n} once the
 *       server stored them, before the database records the confirmations (it then holds the push
 *       for {@code holdMillis}, so a kill there leaves stored but unconfirmed events);
 *   <li>{@code WROTE i} after each burst (i rows written so far), {@code DONE} after the last;
 *   <li>{@code SEEN key} when a live query on that key shows the row;
 *   <li>{@code CLOSED} after it closed the database on {@code exit} (or end of input) on stdin.
 * </ul>
 *
 * <p>Arguments: file, server events URL, key prefix, rows, rows per burst, milliseconds between
 * bursts, hold after push in milliseconds, then the keys to watch.
 */
public final class AutoSyncWriter {

  private AutoSyncWriter() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    URI server = URI.create(args[1]);
    String prefix = args[2];
    int rows = Integer.parseInt(args[3]);
    int burst = Integer.parseInt(args[4]);
    long paceMillis = Long.parseLong(args[5]);
    long holdMillis = Long.parseLong(args[6]);
    List<String> watched = List.of(args).subList(7, args.length);

    HttpSyncTransport http = HttpSyncTransport.to(server);
    SyncTransport reporting =
        new SyncTransport() {
          @Override
          public PushResult push(List<SyncEvent> events) {
            say("PUSH " + events.size());
            PushResult result = http.push(events);
            say("PUSHED " + events.size());
            sleep(holdMillis);
            return result;
          }

          @Override
          public PullResult pull(long since, int limit) {
            return http.pull(since, limit);
          }

          @Override
          public PullResult poll(long since, int limit, Duration wait) {
            return http.poll(since, limit, wait);
          }
        };
    EventSourcedDb db =
        EventSourcedDb.builder()
            .path(file)
            .collections(TaskRepository.COLLECTION)
            .sync(reporting)
            .syncBackoff(Duration.ofMillis(20), Duration.ofMillis(500))
            .longPoll(Duration.ofSeconds(5))
            .open();
    boolean[] leading = {false};
    db.syncState()
        .subscribe(
            Runnable::run,
            state -> {
              synchronized (leading) {
                if (state.leader() != leading[0]) {
                  leading[0] = state.leader();
                  say(state.leader() ? "LEADER" : "FOLLOWER");
                }
              }
            });
    TaskRepository tasks = TaskRepository.of(db);
    List<LiveQuery<Task>> queries = new ArrayList<>();
    for (String key : watched) {
      LiveQuery<Task> query = tasks.query().where(Task_.ID.eq(key)).live();
      boolean[] seen = {false};
      query.subscribe(
          Runnable::run,
          update -> {
            synchronized (seen) {
              if (!seen[0] && !update.rows().isEmpty()) {
                seen[0] = true;
                say("SEEN " + key);
              }
            }
          });
      queries.add(query);
    }
    say("OPEN");

    int written = 0;
    while (written < rows) {
      int from = written;
      int to = Math.min(rows, written + burst);
      db.transaction(
          () -> {
            for (int i = from; i < to; i++) {
              tasks.insert(new Task(prefix + "-" + i, prefix + " row " + i, false, i, null));
            }
          });
      written = to;
      say("WROTE " + written);
      sleep(paceMillis);
    }
    say("DONE");

    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.equals("exit")) break;
    }
    queries.forEach(LiveQuery::close);
    db.close();
    say("CLOSED");
  }

  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }

  private static void sleep(long millis) {
    if (millis <= 0) return;
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
