package dev.eventsourced.db;

import dev.eventsourced.db.event.Origin;
import dev.eventsourced.db.internal.live.Restriction;
import dev.eventsourced.db.internal.sqlite.Sqlite;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A filter on the rows of a collection, built from metamodel columns ({@code
 * Todo_.STATUS.eq(Status.PENDING).and(Todo_.CREATED_AT.gt(t))}) and compiled to SQL with bound
 * parameters. Immutable. SQL's three-valued logic applies: a comparison with a NULL column value
 * matches neither the condition nor its {@link #not()}.
 *
 * <p>Each kind of condition renders its SQL and evaluates itself in memory side by side, so the two
 * semantics cannot drift apart.
 *
 * @param <R> the record type
 */
public abstract class Condition<R> {

  enum Op {
    EQ("="),
    NE("<>"),
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">=");

    final String sql;

    Op(String sql) {
      this.sql = sql;
    }
  }

  private static final Object UNSET = new Object();

  Condition() {}

  /** Rows matching both this and {@code other}. */
  public final Condition<R> and(Condition<R> other) {
    return new Junction<>(true, List.of(this, Objects.requireNonNull(other, "other")));
  }

  /** Rows matching this or {@code other}. */
  public final Condition<R> or(Condition<R> other) {
    return new Junction<>(false, List.of(this, Objects.requireNonNull(other, "other")));
  }

  /** Rows not matching this (rows where it is unknown because of NULL do not match either). */
  public final Condition<R> not() {
    return new Not<>(this);
  }

  /** Rows matching every one of {@code conditions}; all rows when there are none. */
  @SafeVarargs
  public static <R> Condition<R> allOf(Condition<R>... conditions) {
    return new Junction<>(true, List.of(conditions));
  }

  /** Rows matching at least one of {@code conditions}; no rows when there are none. */
  @SafeVarargs
  public static <R> Condition<R> anyOf(Condition<R>... conditions) {
    return new Junction<>(false, List.of(conditions));
  }

  /** Appends this condition's SQL to {@code sql} and its parameters to {@code parameters}. */
  abstract void render(StringBuilder sql, List<Object> parameters);

  /**
   * Evaluates the condition on a row exactly as SQLite evaluates its SQL, returning {@link
   * Sqlite#TRUE}, {@link Sqlite#FALSE} or {@link Sqlite#UNKNOWN} (a comparison with NULL); a row
   * matches a WHERE clause when it is TRUE.
   */
  abstract int eval(R row, Origin origin, boolean synced);

  /**
   * Whether {@link #eval} reproduces SQLite for this condition (see {@link
   * Column#evaluableInMemory}).
   */
  boolean evaluableInMemory() {
    return true;
  }

  /**
   * Adds what every row matching this condition must hold in one column, for each top-level
   * conjunct that says so (see {@link Restriction}): how live queries are indexed. Derived from the
   * values {@link #eval} compares with, so that the two cannot disagree.
   */
  void restrictions(List<Restriction<R>> out) {
    Restriction<R> restriction = restriction();
    if (restriction != null) out.add(restriction);
  }

  /** The restriction this condition alone puts on one column, or null. */
  Restriction<R> restriction() {
    return null;
  }

  /** Identifies a column of a collection for {@link Restriction}: same class, same SQL column. */
  static Object columnId(Column<?, ?> column) {
    return List.of(column.getClass(), column.columnName());
  }

  /** The SQL text with {@code ?} placeholders, for diagnostics. */
  @Override
  public String toString() {
    StringBuilder sql = new StringBuilder();
    render(sql, new ArrayList<>());
    return sql.toString();
  }

  static <R, V> Condition<R> compare(Column<R, V> column, Op op, V value) {
    Objects.requireNonNull(
        value, () -> column.name() + " " + op.sql + " null is never true; use isNull()");
    return new Comparison<>(column, op, value);
  }

  static <R, V> Condition<R> in(Column<R, V> column, List<? extends V> values) {
    return new In<>(column, values);
  }

  static <R, V> Condition<R> nullTest(Column<R, V> column, boolean isNull) {
    return new NullTest<>(column, isNull);
  }

  static <R> Condition<R> like(Column<R, String> column, String pattern) {
    return new Like<>(column, Objects.requireNonNull(pattern, "pattern"));
  }

  static final class Comparison<R, V> extends Condition<R> {
    final Column<R, V> column;
    final Op op;
    final V value;
    private Object right = UNSET; // the normalized parameter, computed on first evaluation

    Comparison(Column<R, V> column, Op op, V value) {
      this.column = column;
      this.op = op;
      this.value = value;
    }

    @Override
    void render(StringBuilder sql, List<Object> parameters) {
      sql.append(column.sqlExpression())
          .append(' ')
          .append(op.sql)
          .append(' ')
          .append(column.parameterSql());
      parameters.add(column.toSql(value));
    }

    /** The parameter's value in SQLite, normalized like the column's; null when it binds NULL. */
    private Object parameter() {
      Object parameter = right;
      if (parameter == UNSET) right = parameter = column.sqlParameter(value);
      return parameter;
    }

    @Override
    int eval(R row, Origin origin, boolean synced) {
      Object left = column.sqlValue(row, origin, synced);
      if (left == null) return Sqlite.UNKNOWN;
      Object parameter = parameter();
      if (parameter == null) return Sqlite.UNKNOWN; // a NaN parameter binds as NULL
      int c = Sqlite.compare(left, parameter);
      boolean result;
      switch (op) {
        case EQ:
          result = c == 0;
          break;
        case NE:
          result = c != 0;
          break;
        case LT:
          result = c < 0;
          break;
        case LE:
          result = c <= 0;
          break;
        case GT:
          result = c > 0;
          break;
        default:
          result = c >= 0;
      }
      return result ? Sqlite.TRUE : Sqlite.FALSE;
    }

    @Override
    boolean evaluableInMemory() {
      return column.evaluableInMemory();
    }

    @Override
    Restriction<R> restriction() {
      if (!column.evaluableInMemory()) return null;
      Object id = columnId(column);
      Restriction.Reader<R> reader = column::sqlValue;
      Object parameter = parameter();
      if (parameter == null) return Restriction.oneOf(id, reader, List.of()); // never TRUE
      switch (op) {
        case EQ:
          return Restriction.oneOf(id, reader, List.of(parameter));
        case LT:
          return Restriction.between(id, reader, null, false, parameter, false);
        case LE:
          return Restriction.between(id, reader, null, false, parameter, true);
        case GT:
          return Restriction.between(id, reader, parameter, false, null, false);
        case GE:
          return Restriction.between(id, reader, parameter, true, null, false);
        default:
          return null; // NE
      }
    }
  }

  static final class In<R, V> extends Condition<R> {
    final Column<R, V> column;
    final List<? extends V> values;
    private volatile Object[]
        right; // the parameters' values in SQLite (null: NULL), computed on first evaluation

    In(Column<R, V> column, List<? extends V> values) {
      this.column = column;
      this.values = values;
    }

    @Override
    void render(StringBuilder sql, List<Object> parameters) {
      if (values.isEmpty()) {
        sql.append("0");
        return;
      }
      sql.append(column.sqlExpression()).append(" IN (");
      for (int i = 0; i < values.size(); i++) {
        V value = values.get(i);
        sql.append(i == 0 ? "" : ", ").append(column.parameterSql());
        parameters.add(value == null ? null : column.toSql(value));
      }
      sql.append(')');
    }

    /** The parameters' values in SQLite (null: NULL). */
    private Object[] parameters() {
      Object[] parameters = right;
      if (parameters == null) {
        parameters = new Object[values.size()];
        for (int i = 0; i < parameters.length; i++) {
          V value = values.get(i);
          parameters[i] = value == null ? null : column.sqlParameter(value);
        }
        right = parameters;
      }
      return parameters;
    }

    @Override
    int eval(R row, Origin origin, boolean synced) {
      if (values.isEmpty()) return Sqlite.FALSE;
      Object left = column.sqlValue(row, origin, synced);
      if (left == null) return Sqlite.UNKNOWN;
      Object[] parameters = parameters();
      boolean sawNull = false;
      for (Object parameter : parameters) {
        if (parameter == null) {
          sawNull = true;
        } else if (Sqlite.compare(left, parameter) == 0) {
          return Sqlite.TRUE;
        }
      }
      return sawNull ? Sqlite.UNKNOWN : Sqlite.FALSE;
    }

    @Override
    boolean evaluableInMemory() {
      return column.evaluableInMemory();
    }

    /** TRUE only for a row equal to a non-NULL parameter. */
    @Override
    Restriction<R> restriction() {
      if (!column.evaluableInMemory()) return null;
      List<Object> equal = new ArrayList<>();
      for (Object parameter : parameters()) {
        if (parameter != null) equal.add(parameter);
      }
      return Restriction.oneOf(columnId(column), column::sqlValue, equal);
    }
  }

  static final class NullTest<R, V> extends Condition<R> {
    final Column<R, V> column;
    final boolean isNull;

    NullTest(Column<R, V> column, boolean isNull) {
      this.column = column;
      this.isNull = isNull;
    }

    @Override
    void render(StringBuilder sql, List<Object> parameters) {
      sql.append(column.sqlExpression()).append(isNull ? " IS NULL" : " IS NOT NULL");
    }

    @Override
    int eval(R row, Origin origin, boolean synced) {
      return (column.sqlValue(row, origin, synced) == null) == isNull ? Sqlite.TRUE : Sqlite.FALSE;
    }

    /**
     * {@code IS NULL}, indexed on the value's nullness alone (a JSON column's value is only tested
     * for NULL), as a column of its own.
     */
    @Override
    Restriction<R> restriction() {
      if (!isNull) return null;
      return Restriction.isNull(
          List.of(columnId(column), "nullness"),
          (row, origin, synced) ->
              column.sqlValue(row, origin, synced) == null ? null : Boolean.TRUE);
    }
  }

  static final class Like<R> extends Condition<R> {
    final Column<R, String> column;
    final String pattern;
    private final int[] bound; // the pattern as SQLite receives and reads it

    Like(Column<R, String> column, String pattern) {
      this.column = column;
      this.pattern = pattern;
      this.bound = Sqlite.likePattern(Sqlite.text(pattern));
    }

    @Override
    void render(StringBuilder sql, List<Object> parameters) {
      sql.append(column.sqlExpression()).append(" LIKE ? ESCAPE '\\'");
      parameters.add(pattern);
    }

    @Override
    int eval(R row, Origin origin, boolean synced) {
      Object text = column.sqlValue(row, origin, synced);
      if (text == null) return Sqlite.UNKNOWN;
      return Sqlite.like(bound, text.toString()) ? Sqlite.TRUE : Sqlite.FALSE;
    }

    /** A pattern SQLite refuses as too long fails the query in SQL; re-running reports that. */
    @Override
    boolean evaluableInMemory() {
      return !Sqlite.likePatternTooLong(pattern);
    }
  }

  /** {@code EXISTS (SELECT 1 FROM json_each(column) WHERE value = ?)}: a JSON array holds it. */
  static final class Contains<R> extends Condition<R> {
    final Column<R, ?> column;
    final Object element;

    Contains(Column<R, ?> column, Object element) {
      this.column = column;
      this.element = element;
    }

    @Override
    void render(StringBuilder sql, List<Object> parameters) {
      sql.append("EXISTS (SELECT 1 FROM json_each(")
          .append(column.sqlExpression())
          .append(") WHERE \"value\" = ?)");
      parameters.add(element);
    }

    @Override
    int eval(R row, Origin origin, boolean synced) {
      throw new UnsupportedOperationException("a JSON array is searched in SQL");
    }

    @Override
    boolean evaluableInMemory() {
      return false;
    }
  }

  static final class Junction<R> extends Condition<R> {
    final boolean and;
    final List<Condition<R>> parts;

    Junction(boolean and, List<Condition<R>> parts) {
      this.and = and;
      this.parts = parts;
    }

    @Override
    void render(StringBuilder sql, List<Object> parameters) {
      if (parts.isEmpty()) {
        sql.append(and ? "1" : "0");
        return;
      }
      sql.append('(');
      for (int i = 0; i < parts.size(); i++) {
        if (i > 0) sql.append(and ? " AND " : " OR ");
        parts.get(i).render(sql, parameters);
      }
      sql.append(')');
    }

    /** Every part of an AND is a top-level conjunct too. */
    @Override
    void restrictions(List<Restriction<R>> out) {
      if (!and) return;
      for (Condition<R> part : parts) part.restrictions(out);
    }

    @Override
    int eval(R row, Origin origin, boolean synced) {
      int decisive = and ? Sqlite.FALSE : Sqlite.TRUE;
      int result = and ? Sqlite.TRUE : Sqlite.FALSE;
      for (Condition<R> part : parts) {
        int truth = part.eval(row, origin, synced);
        if (truth == decisive) return decisive;
        if (truth == Sqlite.UNKNOWN) result = Sqlite.UNKNOWN;
      }
      return result;
    }

    @Override
    boolean evaluableInMemory() {
      for (Condition<R> part : parts) {
        if (!part.evaluableInMemory()) return false;
      }
      return true;
    }
  }

  static final class Not<R> extends Condition<R> {
    final Condition<R> inner;

    Not(Condition<R> inner) {
      this.inner = inner;
    }

    @Override
    void render(StringBuilder sql, List<Object> parameters) {
      sql.append("NOT (");
      inner.render(sql, parameters);
      sql.append(')');
    }

    @Override
    int eval(R row, Origin origin, boolean synced) {
      return Sqlite.not(inner.eval(row, origin, synced));
    }

    @Override
    boolean evaluableInMemory() {
      return inner.evaluableInMemory();
    }
  }
}
