package dev.eventsourced.db;

import dev.eventsourced.db.spi.ColumnType;
import java.util.function.Function;

/**
 * A {@code boolean} column.
 *
 * @param <R> the record type
 */
public class BooleanColumn<R> extends Column<R, Boolean> {

  /** Used by generated metamodels; see {@link Column#Column}. */
  public BooleanColumn(String name, String column, Function<? super R, Boolean> getter) {
    super(name, column, ColumnType.BOOLEAN, getter);
  }

  /** Rows where the column is true. */
  public final Condition<R> isTrue() {
    return eq(Boolean.TRUE);
  }

  /** Rows where the column is false. */
  public final Condition<R> isFalse() {
    return eq(Boolean.FALSE);
  }
}
