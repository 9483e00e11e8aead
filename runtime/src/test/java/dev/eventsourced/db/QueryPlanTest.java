package dev.eventsourced.db;

import static dev.eventsourced.db.fixtures.Todo_.CREATED_AT;
import static dev.eventsourced.db.fixtures.Todo_.STATUS;
import static dev.eventsourced.db.fixtures.Todo_.TITLE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsourced.db.fixtures.Evolved;
import dev.eventsourced.db.fixtures.Todo;
import dev.eventsourced.db.fixtures.Todo.Status;
import dev.eventsourced.db.fixtures.TodoRepository;
import dev.eventsourced.db.live.LiveQuery;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Queries use the indexes declared with {@code @Index}. */
class QueryPlanTest {

  @Test
  void filteredOrderedLimitedQuery_searchesAndOrdersByTheStatusCreatedAtIndex() {
    try (EventSourcedDb db =
        EventSourcedDb.builder().inMemory().collections(TodoRepository.COLLECTION).open()) {
      Query<Todo> query =
          TodoRepository.of(db)
              .query()
              .where(STATUS.eq(Status.PENDING))
              .orderBy(CREATED_AT.desc())
              .limit(50);
      List<Object> parameters = new ArrayList<>();
      String sql = query.selectSql(parameters);
      List<String> plan =
          db.sql("EXPLAIN QUERY PLAN " + sql, rs -> rs.getString("detail"), parameters.toArray())
              .list();
      assertThat(plan)
          .anySatisfy(
              step ->
                  assertThat(step).contains("USING INDEX todos_status_created_at_idx (status=?)"));
      // The index gives the created_at order; only the key that breaks ties among equal created_at
      // values is sorted ("LAST TERM"), never the whole result. An index ending with the key column
      // would avoid even that.
      assertThat(plan)
          .noneSatisfy(step -> assertThat(step).contains("USE TEMP B-TREE FOR ORDER BY"));
    }
  }

  /** The fixture's table with the processor's layout for small records: clustered on the key. */
  private static EventSourcedDb clusteredTodos() {
    String table = TodoRepository.COLLECTION.tableName();
    return EventSourcedDb.builder()
        .inMemory()
        .collections(
            Evolved.of(TodoRepository.COLLECTION)
                .fingerprint("without-rowid")
                .ddl(
                    List.of(
                        TodoRepository.COLLECTION.ddl().get(0) + " WITHOUT ROWID",
                        TodoRepository.COLLECTION.ddl().get(1))))
        .open();
  }

  @Test
  void orderedByAnIndexedColumnEitherWay_isReadInIndexOrderWithoutSorting() {
    try (EventSourcedDb db = clusteredTodos()) {
      for (Order<Todo> order : List.of(CREATED_AT.desc(), CREATED_AT.asc())) {
        Query<Todo> query =
            TodoRepository.of(db).query().where(STATUS.eq(Status.PENDING)).orderBy(order).limit(50);
        List<Object> parameters = new ArrayList<>();
        List<String> plan =
            db.sql(
                    "EXPLAIN QUERY PLAN " + query.selectSql(parameters),
                    rs -> rs.getString("detail"),
                    parameters.toArray())
                .list();
        assertThat(plan)
            .as(order.toString())
            .anySatisfy(step -> assertThat(step).contains("todos_status_created_at_idx (status=?)"))
            .noneSatisfy(step -> assertThat(step).contains("TEMP B-TREE"));
      }
    }
  }

  @Test
  void tiesOfAnOrder_areBrokenByKeyInTheDirectionOfTheLastOrder_inListsAndLiveQueries() {
    try (EventSourcedDb db = clusteredTodos()) {
      TodoRepository todos = TodoRepository.of(db);
      for (String id : List.of("b", "d", "a", "c")) {
        todos.insert(new Todo(id, id, Status.PENDING, id.compareTo("c") < 0 ? 1 : 2, null));
      }
      Query<Todo> newestFirst = todos.query().orderBy(CREATED_AT.desc());
      Query<Todo> oldestFirst = todos.query().orderBy(CREATED_AT.asc());
      assertThat(newestFirst.list()).extracting(Todo::id).containsExactly("d", "c", "b", "a");
      assertThat(oldestFirst.list()).extracting(Todo::id).containsExactly("a", "b", "c", "d");
      assertThat(todos.query().orderBy(CREATED_AT.desc(), TITLE.asc()).list())
          .extracting(Todo::id)
          .containsExactly("c", "d", "a", "b");

      LiveQuery<Todo> live = newestFirst.limit(3).live();
      assertThat(live.current()).extracting(Todo::id).containsExactly("d", "c", "b");
      todos.insert(new Todo("bb", "bb", Status.PENDING, 1, null));
      assertThat(live.current()).extracting(Todo::id).containsExactly("d", "c", "bb");
      todos.delete("c");
      assertThat(live.current())
          .extracting(Todo::id)
          .containsExactlyElementsOf(newestFirst.limit(3).list().stream().map(Todo::id).toList())
          .containsExactly("d", "bb", "b");
      live.close();
    }
  }
}
