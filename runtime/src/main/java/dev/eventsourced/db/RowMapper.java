package dev.eventsourced.db;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Reads one row of a raw SQL query ({@link EventSourcedDb#sql}) from the result set's current
 * position. Must not move the cursor.
 *
 * @param <R> the row type
 */
@FunctionalInterface
public interface RowMapper<R> {

  /** The row at the result set's current position. */
  R map(ResultSet resultSet) throws SQLException;
}
