package dev.eventsourced.db.internal;

import java.nio.ByteBuffer;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * How {@code _events.event_id} is stored, in one place: every read and every lookup of an event id
 * goes through here. The wire carries ids as text (8-4-4-4-12 hex digits; the protocol accepts
 * nothing else, and the client holds every id as a {@link UUID}); the log stores the id's 16 bytes
 * as a BLOB, which makes the unique index on it less than half the size of the 36-character text. A
 * text id is still read (a file migrated from storage format 1 keeps an id it could not convert as
 * text, which cannot happen for ids this library wrote), so a reader never assumes the BLOB.
 */
final class EventIds {

  private EventIds() {}

  /** The stored form of {@code id}: its 16 bytes, most significant first. */
  static byte[] bytes(UUID id) {
    return ByteBuffer.allocate(16)
        .putLong(id.getMostSignificantBits())
        .putLong(id.getLeastSignificantBits())
        .array();
  }

  /** Binds {@code id} in its stored form, for an insert or a lookup. */
  static void bind(PreparedStatement statement, int index, UUID id) throws SQLException {
    statement.setBytes(index, bytes(id));
  }

  /** The id in column {@code column}: 16 bytes, or (written by an older format) its text. */
  static UUID read(ResultSet rs, int column) throws SQLException {
    Object value = rs.getObject(column);
    if (value instanceof byte[] bytes && bytes.length == 16) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      return new UUID(buffer.getLong(), buffer.getLong());
    }
    if (value instanceof byte[] bytes) {
      throw new IllegalStateException(
          "an event id in the log has " + bytes.length + " bytes, not 16");
    }
    return UUID.fromString(String.valueOf(value));
  }

  /**
   * The SQL that converts a text id of storage format 1 to its 16 bytes when it is in the canonical
   * 8-4-4-4-12 form, and keeps it as it is otherwise.
   */
  static String fromFormat1(String column) {
    String hex = "unhex(replace(" + column + ", '-', ''))";
    return "CASE WHEN typeof("
        + column
        + ") = 'text' AND length("
        + column
        + ") = 36 AND substr("
        + column
        + ", 9, 1) = '-' AND substr("
        + column
        + ", 14, 1) = '-' AND substr("
        + column
        + ", 19, 1) = '-' AND substr("
        + column
        + ", 24, 1) = '-' AND length("
        + hex
        + ") = 16 THEN "
        + hex
        + " ELSE "
        + column
        + " END";
  }
}
