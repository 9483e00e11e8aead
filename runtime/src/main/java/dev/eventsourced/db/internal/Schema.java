package dev.eventsourced.db.internal;

import dev.eventsourced.db.exception.EventSourcedException;
import dev.eventsourced.db.exception.IncompatibleFileException;
import dev.eventsourced.db.exception.SchemaMismatchException;
import dev.eventsourced.db.spi.CollectionDefinition;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Creates and checks the storage schema: {@code _meta}, {@code _events} and one table per
 * collection. Opening reads only {@code _meta}, never the rows, so its cost does not grow with the
 * data.
 */
final class Schema {

  /** The storage format this runtime writes; a file with a newer one is refused. */
  static final int FORMAT_VERSION = 1;

  static final List<String> DDL =
      List.of(
          "CREATE TABLE IF NOT EXISTS \"_meta\" (\"key\" TEXT NOT NULL PRIMARY KEY, \"value\" TEXT NOT NULL) WITHOUT ROWID",
          "CREATE TABLE IF NOT EXISTS \"_events\" ("
              + "\"local_seq\" INTEGER PRIMARY KEY, "
              + "\"event_id\" TEXT NOT NULL UNIQUE, "
              + "\"collection_id\" TEXT NOT NULL, "
              + "\"type\" TEXT NOT NULL CHECK (\"type\" IN ('insert', 'update', 'delete')), "
              + "\"key\" TEXT NOT NULL, "
              + "\"payload\" TEXT NOT NULL, "
              + "\"fields\" TEXT, "
              + "\"timestamp\" INTEGER NOT NULL, "
              + "\"origin\" TEXT NOT NULL CHECK (\"origin\" IN ('local', 'remote')), "
              + "\"global_seq\" INTEGER, "
              + "\"sync_status\" TEXT NOT NULL CHECK (\"sync_status\" IN ('pending', 'synced', 'rejected')), "
              + "\"schema_version\" INTEGER NOT NULL, "
              + "\"client_id\" TEXT, "
              + "\"error\" TEXT)",
          "CREATE UNIQUE INDEX IF NOT EXISTS \"_events_global_seq\" ON \"_events\" (\"global_seq\") WHERE \"global_seq\" IS NOT NULL",
          "CREATE INDEX IF NOT EXISTS \"_events_pending\" ON \"_events\" (\"local_seq\") WHERE \"sync_status\" = 'pending'",
          "CREATE INDEX IF NOT EXISTS \"_events_row\" ON \"_events\" (\"collection_id\", \"key\")");

  private Schema() {}

  /**
   * Refuses, before anything is written, a file this library did not create: one that is not a
   * SQLite database, or holds tables but no {@code _meta} with a storage format. A new or empty
   * file passes.
   */
  static void checkOwnership(Conn conn, String file) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (ResultSet rs =
        conn.prepare(
                "SELECT \"name\" FROM \"sqlite_schema\" WHERE \"type\" = 'table' "
                    + "AND \"name\" NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY \"name\"")
            .executeQuery()) {
      while (rs.next()) tables.add(rs.getString(1));
    }
    if (tables.isEmpty()) return;
    String format = null;
    if (tables.contains("_meta")) {
      try {
        format = readMeta(conn, "format_version");
      } catch (SQLException e) {
        // A _meta table of another shape: not ours.
      }
    }
    if (format == null || !tables.contains("_events")) {
      throw new IncompatibleFileException(
          file
              + " was not created by EventSourced DB: it holds the tables "
              + tables
              + " but no storage format in a _meta table; nothing was written to it. Open a new file, "
              + "or a file this library created");
    }
  }

  /**
   * Creates what is missing, checks the format version and every collection's fingerprint, and
   * returns the client id (created with the file). The ids of collections new to the file are added
   * to {@code created}.
   */
  static String prepare(
      Conn conn, List<CollectionDefinition<?, ?>> collections, List<String> created)
      throws SQLException {
    conn.execute("BEGIN IMMEDIATE");
    try {
      for (String statement : DDL) {
        conn.execute(statement);
      }
      String format = readMeta(conn, "format_version");
      if (format == null) {
        writeMeta(conn, "format_version", Integer.toString(FORMAT_VERSION));
      } else if (Integer.parseInt(format) > FORMAT_VERSION) {
        throw new EventSourcedException(
            "the database file has storage format "
                + format
                + " but this runtime reads format "
                + FORMAT_VERSION
                + " at most; upgrade eventsourced-runtime to open it");
      }
      String clientId = readMeta(conn, "client_id");
      if (clientId == null) {
        clientId = UUID.randomUUID().toString();
        writeMeta(conn, "client_id", clientId);
      }
      for (CollectionDefinition<?, ?> definition : collections) {
        if (prepareCollection(conn, definition)) created.add(definition.collectionId());
      }
      conn.execute("COMMIT");
      return clientId;
    } catch (SQLException | RuntimeException e) {
      try {
        conn.execute("ROLLBACK");
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      throw e;
    }
  }

  /**
   * Creates the collection's table and indexes, or checks that the existing ones match.
   *
   * @return whether the collection is new to this file (its events, if any are logged, are not
   *     folded into the table yet)
   */
  static boolean prepareCollection(Conn conn, CollectionDefinition<?, ?> definition)
      throws SQLException {
    String key = "fingerprint:" + definition.collectionId();
    String stored = readMeta(conn, key);
    if (stored == null && tableExists(conn, definition.tableName())) {
      throw new IncompatibleFileException(
          "collection '"
              + definition.collectionId()
              + "' ("
              + definition.recordType().getName()
              + ") needs the table \""
              + definition.tableName()
              + "\", but the file already has a table of that name that no collection of this library created "
              + "(another application's, or another collection's with the same table name); nothing was written. "
              + "Give the collection another table with @Collection(table = \"...\")");
    }
    if (stored != null && !stored.equals(definition.fingerprint())) {
      throw new SchemaMismatchException(
          "collection '"
              + definition.collectionId()
              + "' ("
              + definition.recordType().getName()
              + ") has changed since this database file was written: stored schema fingerprint "
              + stored
              + ", compiled "
              + definition.fingerprint()
              + ". Schema migrations are not "
              + "supported yet: open a new file, or delete this one to start over from the server.");
    }
    for (String statement : definition.ddl()) {
      conn.execute(statement);
    }
    if (stored == null) {
      writeMeta(conn, key, definition.fingerprint());
    }
    return stored == null;
  }

  private static boolean tableExists(Conn conn, String table) throws SQLException {
    PreparedStatement select =
        conn.prepare(
            "SELECT 1 FROM \"sqlite_schema\" WHERE \"type\" IN ('table', 'view') AND lower(\"name\") = lower(?)");
    select.setString(1, table);
    try (ResultSet rs = select.executeQuery()) {
      return rs.next();
    }
  }

  static String readMeta(Conn conn, String key) throws SQLException {
    PreparedStatement select = conn.prepare("SELECT \"value\" FROM \"_meta\" WHERE \"key\" = ?");
    select.setString(1, key);
    try (ResultSet rs = select.executeQuery()) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  static void writeMeta(Conn conn, String key, String value) throws SQLException {
    PreparedStatement upsert =
        conn.prepare(
            "INSERT INTO \"_meta\" (\"key\", \"value\") VALUES (?, ?) "
                + "ON CONFLICT (\"key\") DO UPDATE SET \"value\" = excluded.\"value\"");
    upsert.setString(1, key);
    upsert.setString(2, value);
    upsert.executeUpdate();
  }
}
