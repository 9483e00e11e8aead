package dev.eventsourced.server;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.function.LongSupplier;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code LISTEN}s for the append notifications of every server instance on one dedicated connection
 * and reports the highest seq seen. If the connection drops it reconnects (backing off up to 5 s)
 * and then re-reads the last seq, so that no wake-up is lost for good.
 */
final class PostgresNotifications implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PostgresNotifications.class);
  private static final int POLL_MILLIS = 100;
  private static final long MAX_BACKOFF_MILLIS = 5_000;

  private final PostgresOptions options;
  private final String channel;
  private final EventStore.CommitListener onCommit;
  private final LongSupplier readLastSeq;
  private final Thread thread;
  private volatile boolean running = true;
  private Connection connection;

  /**
   * Connects and starts listening before returning, so no notification after this call is missed.
   */
  PostgresNotifications(
      PostgresOptions options,
      String channel,
      EventStore.CommitListener onCommit,
      LongSupplier readLastSeq) {
    this.options = options;
    this.channel = channel;
    this.onCommit = onCommit;
    this.readLastSeq = readLastSeq;
    try {
      connect();
    } catch (SQLException e) {
      throw new EventStoreException(
          "cannot LISTEN for new events on PostgreSQL " + options.jdbcUrl() + ": " + e.getMessage(),
          e);
    }
    this.thread = new Thread(this::run, "eventsourced-listen-" + options.schema());
    this.thread.setDaemon(true);
    this.thread.start();
  }

  private void connect() throws SQLException {
    Connection fresh =
        DriverManager.getConnection(
            options.jdbcUrl(), PostgresEventStore.connectionProperties(options));
    try (Statement statement = fresh.createStatement()) {
      statement.execute("LISTEN \"" + channel + "\"");
    } catch (SQLException e) {
      fresh.close();
      throw e;
    }
    connection = fresh;
  }

  private void run() {
    long backoff = 100;
    while (running) {
      try {
        if (connection == null) {
          connect();
          // catch up on what was missed while disconnected, of any collection
          onCommit.accept(readLastSeq.getAsLong());
          LOG.info("Listening for new events on {} again", channel);
          backoff = 100;
        }
        PGNotification[] received =
            connection.unwrap(PGConnection.class).getNotifications(POLL_MILLIS);
        if (received != null && received.length > 0) {
          long highest = 0;
          Set<String> collections = new HashSet<>();
          for (PGNotification notification : received) {
            NotifyPayload.Commit commit = NotifyPayload.read(notification.getParameter());
            if (commit == null) {
              continue; // not ours
            }
            highest = Math.max(highest, commit.seq());
            if (collections != null && commit.collections() != null) {
              collections.addAll(commit.collections());
            } else {
              collections = null; // one commit of unknown collections: any collection
            }
          }
          if (highest > 0) {
            onCommit.committed(highest, collections);
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (!running) {
          break;
        }
        LOG.warn(
            "Lost the PostgreSQL LISTEN connection for {} ({}); reconnecting in {} ms."
                + " Long-polls on this instance wake up late until then.",
            channel,
            e.getMessage(),
            backoff);
        closeConnection();
        sleep(backoff);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
      }
    }
    closeConnection();
  }

  private void closeConnection() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // already broken
      }
      connection = null;
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
