package dev.eventsourced.db;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.eventsourced.db.event.Origin;
import dev.eventsourced.db.internal.sqlite.Sqlite;
import dev.eventsourced.db.spi.JsonValues;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * {@code column IN (SELECT value FROM json_each(?))}, one parameter holding every value as a JSON
 * array: how an {@link IncludeQuery} loads the children of any number of parents with one query (an
 * {@code IN (?, ?, ...)} list would hit SQLite's parameter limit).
 */
final class LinkCondition<R> extends Condition<R> {

  private final Column<R, ?> column;
  private final Set<Object> values; // Sqlite.equalityKey of the stored values

  LinkCondition(Column<R, ?> column, Collection<Object> values) {
    this.column = column;
    this.values = Set.copyOf(values);
  }

  @Override
  void render(StringBuilder sql, List<Object> parameters) {
    sql.append(column.sqlExpression()).append(" IN (SELECT value FROM json_each(?))");
    parameters.add(json(values));
  }

  @Override
  int eval(R row, Origin origin, boolean synced) {
    Object value = column.sqlValue(row, origin, synced);
    if (value == null) return Sqlite.UNKNOWN;
    return values.contains(Sqlite.equalityKey(value)) ? Sqlite.TRUE : Sqlite.FALSE;
  }

  private static String json(Collection<Object> values) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = JsonValues.FACTORY.createGenerator(out)) {
      json.writeStartArray();
      for (Object value : values) {
        if (value instanceof Long) {
          json.writeNumber((Long) value);
        } else if (value instanceof Double) {
          double number = (Double) value;
          // SQLite's JSON reads 9e999 as an infinite REAL; "Infinity" would stay text and match
          // nothing.
          if (Double.isInfinite(number)) json.writeRawValue(number > 0 ? "9e999" : "-9e999");
          else json.writeNumber(number);
        } else {
          json.writeString(value.toString());
        }
      }
      json.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
