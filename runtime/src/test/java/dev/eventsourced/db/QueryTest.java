package dev.eventsourced.db;

import static dev.eventsourced.db.fixtures.Todo_.CREATED_AT;
import static dev.eventsourced.db.fixtures.Todo_.ID;
import static dev.eventsourced.db.fixtures.Todo_.ORIGIN;
import static dev.eventsourced.db.fixtures.Todo_.PRIORITY;
import static dev.eventsourced.db.fixtures.Todo_.STATUS;
import static dev.eventsourced.db.fixtures.Todo_.SYNCED;
import static dev.eventsourced.db.fixtures.Todo_.TITLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventsourced.db.event.Origin;
import dev.eventsourced.db.fixtures.Project;
import dev.eventsourced.db.fixtures.ProjectRepository;
import dev.eventsourced.db.fixtures.Project_;
import dev.eventsourced.db.fixtures.Todo;
import dev.eventsourced.db.fixtures.Todo.Status;
import dev.eventsourced.db.fixtures.TodoRepository;
import dev.eventsourced.db.live.LiveQuery;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QueryTest {

  private EventSourcedDb db;
  private TodoRepository todos;

  @BeforeEach
  void open() {
    db = EventSourcedDb.builder().inMemory().collections(TodoRepository.COLLECTION).open();
    todos = TodoRepository.of(db);
    todos.insertAll(
        List.of(
            new Todo("a", "Buy milk", Status.PENDING, 10, 1),
            new Todo("b", "Call dentist", Status.COMPLETE, 20, null),
            new Todo("c", "Buy bread", Status.PENDING, 30, 3),
            new Todo("d", "50% off_sale", Status.COMPLETE, 40, 2),
            new Todo("e", null, Status.PENDING, 50, 5)));
  }

  @AfterEach
  void close() {
    db.close();
  }

  private List<String> ids(Query<Todo> query) {
    return query.list().stream().map(Todo::id).toList();
  }

  @Test
  void comparisons_filterWithBoundParameters() {
    assertThat(ids(todos.query().where(CREATED_AT.gt(20L)))).containsExactly("c", "d", "e");
    assertThat(ids(todos.query().where(CREATED_AT.ge(20L)))).containsExactly("b", "c", "d", "e");
    assertThat(ids(todos.query().where(CREATED_AT.lt(20L)))).containsExactly("a");
    assertThat(ids(todos.query().where(CREATED_AT.le(20L)))).containsExactly("a", "b");
    assertThat(ids(todos.query().where(CREATED_AT.between(20L, 40L))))
        .containsExactly("b", "c", "d");
    assertThat(ids(todos.query().where(STATUS.ne(Status.PENDING)))).containsExactly("b", "d");
    assertThat(ids(todos.query().where(ID.in("a", "e", "zz")))).containsExactly("a", "e");
    assertThat(ids(todos.query().where(ID.in(List.of())))).isEmpty();
  }

  @Test
  void nulls_followSqlSemantics() {
    assertThat(ids(todos.query().where(PRIORITY.isNull()))).containsExactly("b");
    assertThat(ids(todos.query().where(PRIORITY.eq(null)))).containsExactly("b");
    assertThat(ids(todos.query().where(PRIORITY.isNotNull()))).containsExactly("a", "c", "d", "e");
    assertThat(ids(todos.query().where(PRIORITY.gt(2).not()))).containsExactly("a", "d");
    assertThatThrownBy(() -> PRIORITY.gt(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("isNull()");
  }

  @Test
  void andOrNot_combine() {
    Condition<Todo> cheapOrOld = PRIORITY.le(1).or(CREATED_AT.ge(40L));
    assertThat(ids(todos.query().where(STATUS.eq(Status.PENDING).and(cheapOrOld))))
        .containsExactly("a", "e");
    assertThat(ids(todos.query().where(STATUS.eq(Status.PENDING)).where(PRIORITY.gt(1))))
        .containsExactly("c", "e");
    assertThat(ids(todos.query().where(Condition.anyOf()))).isEmpty();
    assertThat(ids(todos.query().where(Condition.allOf()))).hasSize(5);
  }

  @Test
  void like_escapesWildcardsInStartsWithAndContains() {
    assertThat(ids(todos.query().where(TITLE.like("buy%")))).containsExactly("a", "c");
    assertThat(ids(todos.query().where(TITLE.startsWith("50%")))).containsExactly("d");
    assertThat(ids(todos.query().where(TITLE.contains("f_s")))).containsExactly("d");
    assertThat(ids(todos.query().where(TITLE.contains("%")))).containsExactly("d");
  }

  @Test
  void orderLimitOffset_areApplied() {
    assertThat(ids(todos.query().orderBy(CREATED_AT.desc()).limit(2))).containsExactly("e", "d");
    assertThat(ids(todos.query().orderBy(CREATED_AT.desc()).limit(2).offset(2)))
        .containsExactly("c", "b");
    assertThat(ids(todos.query().orderBy(CREATED_AT.asc()).offset(3))).containsExactly("d", "e");
    assertThat(ids(todos.query().orderBy(STATUS.asc(), CREATED_AT.desc())))
        .containsExactly("d", "b", "e", "c", "a");
    assertThat(ids(todos.query().orderBy(PRIORITY.asc()))).containsExactly("b", "a", "d", "c", "e");
    assertThat(ids(todos.query().orderBy(PRIORITY.asc().nullsLast())))
        .containsExactly("a", "d", "c", "e", "b");
  }

  @Test
  void firstCountExists_answer() {
    Query<Todo> pending = todos.query().where(STATUS.eq(Status.PENDING));
    assertThat(pending.count()).isEqualTo(3);
    assertThat(pending.limit(2).count()).isEqualTo(2);
    assertThat(pending.offset(2).count()).isEqualTo(1);
    assertThat(pending.exists()).isTrue();
    assertThat(pending.orderBy(CREATED_AT.desc()).first()).map(Todo::id).contains("e");
    assertThat(todos.query().where(CREATED_AT.gt(1000L)).exists()).isFalse();
    assertThat(todos.query().where(CREATED_AT.gt(1000L)).first()).isEmpty();
  }

  @Test
  void virtualColumns_syncedAndOrigin_reflectLocalPendingWrites() {
    assertThat(todos.query().where(SYNCED.isFalse()).count()).isEqualTo(5);
    assertThat(todos.query().where(SYNCED.isTrue()).count()).isZero();
    assertThat(todos.query().where(ORIGIN.eq(Origin.LOCAL)).count()).isEqualTo(5);
    assertThat(todos.query().where(ORIGIN.eq(Origin.REMOTE)).count()).isZero();
  }

  @Test
  void invalidLimitOrOffset_throwsNamingTheValue() {
    assertThatThrownBy(() -> todos.query().limit(-1)).hasMessageContaining("-1");
    assertThatThrownBy(() -> todos.query().offset(-5)).hasMessageContaining("-5");
  }

  @Test
  void decimals_compareAsSqliteCastsTheirText_soAStoredValueEqualsItself() {
    try (EventSourcedDb decimals =
        EventSourcedDb.builder().inMemory().collections(ProjectRepository.COLLECTION).open()) {
      ProjectRepository projects = ProjectRepository.of(decimals);
      // SQLite's CAST keeps about 19 digits: this is 9007199254740992.0 there, ...994.0 as
      // doubleValue().
      BigDecimal long19 = new BigDecimal("9007199254740993.0000000000001");
      projects.insert(new Project("p", null, long19, false, null, null));
      projects.insert(
          new Project("q", null, new BigDecimal("9007199254740992"), false, null, null));
      Query<Project> equal = projects.query().where(Project_.BUDGET.eq(long19));
      assertThat(equal.toSql()).contains("CAST(\"budget\" AS REAL) = CAST(? AS REAL)");
      assertThat(equal.list()).extracting(Project::id).containsExactly("p", "q");
      LiveQuery<Project> live = equal.live();
      projects.insert(
          new Project("r", null, new BigDecimal("9007199254740993"), false, null, null));
      assertThat(live.current())
          .extracting(Project::id)
          .containsExactly("p", "q", "r")
          .isEqualTo(equal.list().stream().map(Project::id).toList());
    }
  }

  @Test
  void textParameterWithAnUnpairedSurrogate_isBoundAsTheDriverEncodesIt_inSqlAndLiveQueries() {
    todos.insert(new Todo("q", "why?", Status.PENDING, 60, null));
    Query<Todo> query = todos.query().where(TITLE.eq("why\uD800").or(TITLE.like("wh_\uDFFF")));
    LiveQuery<Todo> live = query.live();
    todos.insert(new Todo("r", "who?", Status.PENDING, 70, null));
    assertThat(ids(query)).containsExactly("q", "r");
    assertThat(live.current()).isEqualTo(query.list());
  }

  @Test
  void toSql_usesPlaceholders() {
    assertThat(todos.query().where(TITLE.eq("x'; DROP TABLE todos; --")).toSql())
        .isEqualTo(
            "SELECT \"id\", \"title\", \"status\", \"created_at\", \"priority\" FROM \"todos\" "
                + "WHERE \"title\" = ? ORDER BY \"id\"");
    assertThat(todos.query().where(TITLE.eq("x'; DROP TABLE todos; --")).list()).isEmpty();
    assertThat(todos.count()).isEqualTo(5);
  }
}
