package dev.eventsourced.db;

import dev.eventsourced.db.exception.EventSourcedException;
import dev.eventsourced.db.internal.CollectionDiscovery;
import dev.eventsourced.db.internal.CollectionStore;
import dev.eventsourced.db.internal.Conn;
import dev.eventsourced.db.internal.Engine;
import dev.eventsourced.db.internal.live.LiveQueries;
import dev.eventsourced.db.live.LiveQuery;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * A raw SQL query for what the query builder cannot say (joins, aggregates, SQLite functions), made
 * with {@link EventSourcedDb#sql}. Parameters are bound to the {@code ?} placeholders in order;
 * each row is read by a {@link RowMapper}. Immutable.
 *
 * <pre>{@code
 * SqlQuery<Map.Entry<String, Long>> perStatus = db.sql(
 *     "SELECT status, count(*) FROM todos WHERE created_at > ? GROUP BY status ORDER BY status",
 *     rs -> Map.entry(rs.getString(1), rs.getLong(2)),
 *     since);
 * LiveQuery<Map.Entry<String, Long>> live = perStatus.live();   // re-runs when todos change
 * }</pre>
 *
 * <p>Parameters are converted as the tables store them: enums by name, {@code UUID}, {@code
 * LocalDate} and {@code BigDecimal} as text, {@code Instant} as epoch milliseconds, booleans as 0
 * or 1; other values are bound as they are.
 *
 * @param <R> the row type
 */
public final class SqlQuery<R> {

  private final Engine engine;
  private final String sql;
  private final RowMapper<R> mapper;
  private final List<Object> parameters;
  private final Function<? super R, ?> keyOf;

  SqlQuery(
      Engine engine,
      String sql,
      RowMapper<R> mapper,
      List<Object> parameters,
      Function<? super R, ?> keyOf) {
    this.engine = engine;
    this.sql = Objects.requireNonNull(sql, "sql");
    this.mapper = Objects.requireNonNull(mapper, "mapper");
    this.parameters = parameters;
    this.keyOf = keyOf;
  }

  static List<Object> convert(Object... parameters) {
    List<Object> converted = new ArrayList<>(parameters.length);
    for (Object parameter : parameters) converted.add(convert(parameter));
    return converted;
  }

  private static Object convert(Object value) {
    if (value instanceof Enum<?>) return ((Enum<?>) value).name();
    if (value instanceof UUID || value instanceof LocalDate || value instanceof BigDecimal)
      return value.toString();
    if (value instanceof Instant) return ((Instant) value).toEpochMilli();
    if (value instanceof Boolean) return ((Boolean) value) ? 1 : 0;
    if (value instanceof Character) return value.toString();
    return value;
  }

  /** The rows, in the order the SQL gives them. */
  public List<R> list() {
    return engine.readRunningCallerCode(conn -> run(conn, Integer.MAX_VALUE));
  }

  /** The first row, if any; reads no further. */
  public Optional<R> first() {
    List<R> rows = engine.readRunningCallerCode(conn -> run(conn, 1));
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  private List<R> run(Conn conn, int max) throws SQLException {
    PreparedStatement statement = conn.prepare(sql);
    for (int i = 0; i < parameters.size(); i++) statement.setObject(i + 1, parameters.get(i));
    List<R> rows = new ArrayList<>();
    try (ResultSet rs = statement.executeQuery()) {
      while (rows.size() < max && rs.next()) {
        R row = mapper.map(rs);
        if (row == null) {
          throw new EventSourcedException(
              "the row mapper of "
                  + sql
                  + " returned null for row "
                  + (rows.size() + 1)
                  + "; return a value for every row (e.g. Optional.empty() or a sentinel record)");
        }
        rows.add(row);
      }
    }
    return rows;
  }

  /**
   * The same query whose live deltas identify rows by {@code key} (so that a changed row is
   * reported as changed, not as removed and added). By default rows are identified by value.
   */
  public SqlQuery<R> keyedBy(Function<? super R, ?> key) {
    return new SqlQuery<>(engine, sql, mapper, parameters, Objects.requireNonNull(key, "key"));
  }

  /**
   * A live version that re-runs once per commit changing one of the collections whose tables the
   * SQL names (found by matching its identifiers against the database's tables).
   *
   * @throws IllegalArgumentException when the SQL names no known table; name them with {@link
   *     #live(String...)}
   * @throws IllegalStateException when called inside a transaction
   */
  public LiveQuery<R> live() {
    Set<String> collections = new LinkedHashSet<>();
    Set<String> identifiers = identifiers(sql);
    for (CollectionStore<?, ?> store : engine.stores()) {
      if (identifiers.contains(store.definition().tableName().toLowerCase(Locale.ROOT))) {
        collections.add(store.definition().collectionId());
      }
    }
    if (collections.isEmpty()) {
      throw new IllegalArgumentException(
          CollectionDiscovery.explain(
              "cannot tell which collections "
                  + sql
                  + " reads: it names none of the tables "
                  + tableNames()
                  + "; name them with live(\"table\", ...)",
              engine));
    }
    return live(collections);
  }

  /**
   * A live version that re-runs once per commit changing one of {@code tables} (table names or
   * collection ids).
   *
   * @throws IllegalArgumentException when a name is neither
   */
  public LiveQuery<R> live(String... tables) {
    Set<String> collections = new LinkedHashSet<>();
    for (String table : tables) {
      String found = null;
      for (CollectionStore<?, ?> store : engine.stores()) {
        if (store.definition().tableName().equalsIgnoreCase(table)
            || store.definition().collectionId().equals(table)) {
          found = store.definition().collectionId();
        }
      }
      if (found == null) {
        throw new IllegalArgumentException(
            CollectionDiscovery.explain(
                "live(...): '"
                    + table
                    + "' is not a table of this database; the tables are "
                    + tableNames()
                    + " (a collection's table exists once the database opened with it or a"
                    + " repository used it)",
                engine));
      }
      collections.add(found);
    }
    return live(collections);
  }

  private LiveQuery<R> live(Set<String> collections) {
    return LiveQueries.rerun(engine, collections, this::list, keyOf, sql);
  }

  private List<String> tableNames() {
    List<String> names = new ArrayList<>();
    for (CollectionStore<?, ?> store : engine.stores()) names.add(store.definition().tableName());
    return names;
  }

  /**
   * The lower-cased identifiers of {@code sql} (bare or quoted), skipping string literals and
   * comments.
   */
  static Set<String> identifiers(String sql) {
    Set<String> identifiers = new LinkedHashSet<>();
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '\'') {
        i = sql.indexOf('\'', i + 1);
        while (i >= 0 && i + 1 < n && sql.charAt(i + 1) == '\'') i = sql.indexOf('\'', i + 2);
        i = i < 0 ? n : i + 1;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        i = sql.indexOf('\n', i);
        i = i < 0 ? n : i + 1;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        i = sql.indexOf("*/", i + 2);
        i = i < 0 ? n : i + 2;
      } else if (c == '"' || c == '`' || c == '[') {
        char close = c == '[' ? ']' : c;
        StringBuilder name = new StringBuilder();
        int j = i + 1;
        while (j < n) {
          char d = sql.charAt(j);
          if (d == close) {
            if (close != ']' && j + 1 < n && sql.charAt(j + 1) == close) {
              name.append(close);
              j += 2;
              continue;
            }
            break;
          }
          name.append(d);
          j++;
        }
        identifiers.add(name.toString().toLowerCase(Locale.ROOT));
        i = j + 1;
      } else if (Character.isLetter(c) || c == '_') {
        int j = i;
        while (j < n
            && (Character.isLetterOrDigit(sql.charAt(j))
                || sql.charAt(j) == '_'
                || sql.charAt(j) == '$')) j++;
        identifiers.add(sql.substring(i, j).toLowerCase(Locale.ROOT));
        i = j;
      } else {
        i++;
      }
    }
    return identifiers;
  }

  /** The SQL text. */
  @Override
  public String toString() {
    return sql + (parameters.isEmpty() ? "" : " " + Arrays.toString(parameters.toArray()));
  }
}
