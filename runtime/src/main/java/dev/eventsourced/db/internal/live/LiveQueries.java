package dev.eventsourced.db.internal.live;

import dev.eventsourced.db.internal.Engine;
import dev.eventsourced.db.live.LiveQuery;
import dev.eventsourced.db.live.WithChildren;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Supplier;

/** Creates live queries; the entry point of the public API's {@code live()} methods. */
public final class LiveQueries {

  private LiveQueries() {}

  /** A live single-collection query: maintained in memory when it can be, re-run otherwise. */
  public static <T extends Record> LiveQuery<T> of(QueryModel<T> model) {
    if (model.evaluableInMemory()) {
      return LiveQueryImpl.open(new WindowNode<>(model));
    }
    var store = model.store();
    var definition = store.definition();
    return rerun(
        store.engine(),
        Set.of(definition.collectionId()),
        () -> {
          List<Object> parameters = new ArrayList<>();
          String sql = model.select(parameters);
          return store.engine().read(conn -> store.list(conn, sql, parameters));
        },
        definition::keyOf,
        RowEquality.of(definition),
        model.select(new ArrayList<>()));
  }

  /**
   * A live parent query with nested children: maintained in memory when both can be, re-run
   * otherwise.
   */
  public static <P extends Record, C extends Record> LiveQuery<WithChildren<P, C>> of(
      IncludeModel<P, C> model, Supplier<List<WithChildren<P, C>>> run) {
    if (model.parent().evaluableInMemory() && model.child().evaluableInMemory()) {
      return LiveQueryImpl.open(new IncludeNode<>(model));
    }
    var parent = model.parent().store();
    return rerun(
        parent.engine(),
        IncludeNode.collections(model),
        run,
        row -> parent.definition().keyOf(row.parent()),
        IncludeNode.sameValue(model),
        model.parent().select(new ArrayList<>())
            + " with children "
            + model.selectChildren(List.of(), new ArrayList<>()));
  }

  /**
   * A live query that re-runs {@code run} once per commit touching one of {@code collections};
   * {@code description} names it in failure reports.
   */
  public static <R> LiveQuery<R> rerun(
      Engine engine,
      Set<String> collections,
      Supplier<List<R>> run,
      Function<? super R, ?> keyOf,
      BiPredicate<? super R, ? super R> sameValue,
      String description) {
    return LiveQueryImpl.open(
        new RerunNode<>(engine, collections, run, keyOf, sameValue, description));
  }

  /** A live raw SQL query; rows are identified by {@code keyOf}, or by value when it is null. */
  public static <R> LiveQuery<R> rerun(
      Engine engine,
      Set<String> collections,
      Supplier<List<R>> run,
      Function<? super R, ?> keyOf,
      String sql) {
    return rerun(
        engine,
        collections,
        run,
        keyOf == null ? Function.identity() : keyOf,
        Objects::equals,
        sql);
  }
}
