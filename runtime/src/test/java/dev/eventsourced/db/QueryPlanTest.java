package dev.eventsourced.db;

import static dev.eventsourced.db.fixtures.Todo_.CREATED_AT;
import static dev.eventsourced.db.fixtures.Todo_.STATUS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsourced.db.fixtures.Todo.Status;
import dev.eventsourced.db.fixtures.TodoRepository;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Queries use the indexes declared with {@code @Index}. */
class QueryPlanTest {

  @Test
  void filteredOrderedLimitedQuery_searchesAndOrdersByTheStatusCreatedAtIndex() {
    try (EventSourcedDb db =
        EventSourcedDb.builder().inMemory().collections(TodoRepository.COLLECTION).open()) {
      Query<dev.eventsourced.db.fixtures.Todo> query =
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
}
