package dev.eventsourced.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsourced.db.event.Origin;
import dev.eventsourced.db.fixtures.Project;
import dev.eventsourced.db.fixtures.ProjectRepository;
import dev.eventsourced.db.fixtures.Project_;
import dev.eventsourced.db.fixtures.SyncSimulation;
import dev.eventsourced.db.fixtures.Task;
import dev.eventsourced.db.fixtures.TaskRepository;
import dev.eventsourced.db.fixtures.Task_;
import dev.eventsourced.db.live.LiveQuery;
import dev.eventsourced.db.live.LiveUpdate;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Invariant 6, randomized: thousands of random mutations in random transactions against many random
 * live queries (filters with NULLs, LIKE, IN, SYNCED/ORIGIN; orders with nulls first/last; limits;
 * offsets; includes; raw SQL). After every commit each live result equals a fresh query, each
 * subscriber got exactly one update if and only if the result changed, and each update's delta
 * turns the previous result into the new one. Run with {@code -Dlive.seed=N} to replay a seed.
 */
class LiveQueryExactnessTest {

  private static final String[] ALPHABET = {
    "a", "B", "b", "%", "_", "\\", "é", "😀", "\uE000", "\uFFFD", " ", "z"
  };
  private static final String[] DECIMALS = {
    "1", "1.0", "1.00", "-2.5", "10", "3.14159", "0", "1E+3", "999999999999.99", "0.1"
  };
  private static final double[] DOUBLES = {-1.5, 0.0, 2.0, 2.5, 1e10, 3, 0.1, -7, Double.NaN};

  private Random random;

  /** One live query under test with what its subscriber saw. */
  private static final class Probe<R> {
    final String description;
    final LiveQuery<R> live;
    final Supplier<List<R>> fresh;
    final List<LiveUpdate<R>> updates = new ArrayList<>();
    List<R> seen;

    Probe(String description, LiveQuery<R> live, Supplier<List<R>> fresh) {
      this.description = description;
      this.live = live;
      this.fresh = fresh;
      live.subscribe(Runnable::run, updates::add);
      assertThat(updates).hasSize(1);
      seen = updates.remove(0).rows();
      assertThat(seen).as(description).isEqualTo(fresh.get());
    }

    void check(String step) {
      List<R> expected = fresh.get();
      String where = description + " after " + step;
      assertThat(updates.size()).as("updates of " + where).isLessThanOrEqualTo(1);
      if (updates.size() == 1) {
        LiveUpdate<R> update = updates.remove(0);
        assertThat(update.rows()).as("an update that changes nothing: " + where).isNotEqualTo(seen);
        assertThat(update.delta().applyTo(seen))
            .as("delta applied to the previous result: " + where)
            .isEqualTo(update.rows());
        seen = update.rows();
      }
      assertThat(seen).as("subscriber's result: " + where).isEqualTo(expected);
      assertThat(live.current()).as("current(): " + where).isEqualTo(expected);
    }
  }

  @Test
  void randomMutations_keepEveryLiveResultEqualToAFreshQuery() {
    long seed = Long.getLong("live.seed", System.nanoTime());
    System.out.println(
        "LiveQueryExactnessTest seed: " + seed + " (replay with -Dlive.seed=" + seed + ")");
    random = new Random(seed);
    try (EventSourcedDb db =
        EventSourcedDb.builder()
            .inMemory()
            .collections(ProjectRepository.COLLECTION, TaskRepository.COLLECTION)
            .open()) {
      ProjectRepository projects = ProjectRepository.of(db);
      TaskRepository tasks = TaskRepository.of(db);
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 24; i++) ids.add(i % 3 == 0 ? "p" + i : text(1, 3) + i);
      for (int i = 0; i < 12; i++) projects.upsert(project(ids));
      for (int i = 0; i < 30; i++) tasks.upsert(task(ids));

      List<Probe<?>> probes = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        Query<Project> query = projectQuery(projects);
        probes.add(
            new Probe<>(
                query.toString() + " " + query.limitValue() + "/" + query.offsetValue(),
                query.live(),
                query::list));
      }
      for (int i = 0; i < 10; i++) {
        Query<Task> query = taskQuery(tasks, true);
        probes.add(new Probe<>(query.toString(), query.live(), query::list));
      }
      for (int i = 0; i < 8; i++) {
        IncludeQuery<Project, Task> query =
            projectQuery(projects).include(Project_.ID, taskQuery(tasks, false), Task_.PROJECT_ID);
        probes.add(new Probe<>(query.toString(), query.live(), query::list));
      }
      SqlQuery<String> perProject =
          db.sql(
              "SELECT p.id || ':' || count(t.id) FROM projects p LEFT JOIN tasks t ON t.project_id = p.id "
                  + "WHERE NOT p.archived GROUP BY p.id ORDER BY p.id",
              rs -> rs.getString(1));
      probes.add(new Probe<>(perProject.toString(), perProject.live(), perProject::list));

      int mutations = 0;
      for (int step = 0; step < 1000; step++) {
        int size = 1 + random.nextInt(random.nextInt(10) == 0 ? 12 : 5);
        boolean rollback = random.nextInt(12) == 0;
        try {
          db.transaction(
              () -> {
                for (int m = 0; m < size; m++) mutate(db, projects, tasks, ids);
                if (rollback) throw new IllegalStateException("rollback");
              });
        } catch (IllegalStateException expected) {
          assertThat(expected).hasMessage("rollback");
        }
        mutations += size;
        for (Probe<?> probe : probes) probe.check("step " + step + " (seed " + seed + ")");
      }
      assertThat(mutations).isGreaterThan(3000);
      for (Probe<?> probe : probes) probe.live.close();
    }
  }

  private void mutate(
      EventSourcedDb db, ProjectRepository projects, TaskRepository tasks, List<String> ids) {
    switch (random.nextInt(10)) {
      case 0:
        projects.upsert(project(ids));
        break;
      case 1:
        projects.deleteIfExists(pick(ids));
        break;
      case 2:
        SyncSimulation.confirm(db, ProjectRepository.COLLECTION, pick(ids));
        break;
      case 3:
        SyncSimulation.remoteUpsert(db, ProjectRepository.COLLECTION, project(ids));
        break;
      case 4:
        {
          Project p = projects.find(pick(ids)).orElse(null);
          if (p != null)
            projects.update(
                new Project(
                    p.id(),
                    random.nextBoolean() ? text(0, 3) : p.name(),
                    p.budget(),
                    !p.archived(),
                    p.due(),
                    random.nextBoolean() ? p.score() : score()));
          break;
        }
      case 5:
        tasks.deleteIfExists((long) random.nextInt(60));
        break;
      case 6:
        SyncSimulation.confirm(db, TaskRepository.COLLECTION, (long) random.nextInt(60));
        break;
      case 7:
        SyncSimulation.remoteUpsert(db, TaskRepository.COLLECTION, task(ids));
        break;
      default:
        tasks.upsert(task(ids));
    }
  }

  private Project project(List<String> ids) {
    return new Project(
        pick(ids),
        chance(5) ? null : text(0, 4),
        chance(5) ? null : new BigDecimal(DECIMALS[random.nextInt(DECIMALS.length)]),
        random.nextBoolean(),
        chance(4) ? null : LocalDate.of(2024, 1, 1).plusDays(random.nextInt(20)),
        score());
  }

  private Double score() {
    return chance(4) ? null : DOUBLES[random.nextInt(DOUBLES.length)];
  }

  private Task task(List<String> ids) {
    return new Task(
        random.nextInt(60),
        chance(6) ? null : pick(ids),
        chance(6) ? null : text(0, 3),
        chance(4) ? null : random.nextInt(12) - 3,
        random.nextBoolean());
  }

  @SuppressWarnings("unchecked")
  private Query<Project> projectQuery(ProjectRepository projects) {
    Query<Project> query = projects.query();
    if (!chance(5)) query = query.where(projectCondition(2));
    List<Order<Project>> orders = new ArrayList<>();
    for (int i = random.nextInt(4); i > 0; i--) {
      Column<Project, ?> column =
          pick(
              List.of(
                  Project_.NAME,
                  Project_.BUDGET,
                  Project_.ARCHIVED,
                  Project_.DUE,
                  Project_.SCORE,
                  Project_.SYNCED,
                  Project_.ORIGIN,
                  Project_.ID));
      orders.add(order(column));
    }
    query = query.orderBy(orders.toArray(Order[]::new));
    return window(query);
  }

  @SuppressWarnings("unchecked")
  private Query<Task> taskQuery(TaskRepository tasks, boolean windowed) {
    Query<Task> query = tasks.query();
    if (!chance(4)) query = query.where(taskCondition(2));
    List<Order<Task>> orders = new ArrayList<>();
    for (int i = random.nextInt(3); i > 0; i--) {
      Column<Task, ?> column =
          pick(List.of(Task_.RANK, Task_.TITLE, Task_.DONE, Task_.PROJECT_ID, Task_.SYNCED));
      orders.add(order(column));
    }
    query = query.orderBy(orders.toArray(Order[]::new));
    return windowed ? window(query) : query;
  }

  private <T extends Record> Query<T> window(Query<T> query) {
    if (random.nextInt(10) < 6) query = query.limit(random.nextInt(8));
    if (random.nextInt(10) < 4) query = query.offset(1 + random.nextInt(5));
    return query;
  }

  private <R> Order<R> order(Column<R, ?> column) {
    Order<R> order = random.nextBoolean() ? column.asc() : column.desc();
    int nulls = random.nextInt(3);
    return nulls == 0 ? order : nulls == 1 ? order.nullsFirst() : order.nullsLast();
  }

  private Condition<Project> projectCondition(int depth) {
    if (depth > 0 && chance(2)) {
      switch (random.nextInt(3)) {
        case 0:
          return projectCondition(depth - 1).and(projectCondition(depth - 1));
        case 1:
          return projectCondition(depth - 1).or(projectCondition(depth - 1));
        default:
          return projectCondition(depth - 1).not();
      }
    }
    switch (random.nextInt(14)) {
      case 0:
        return Project_.NAME.gt(text(0, 2));
      case 1:
        return Project_.NAME.like(pattern());
      case 2:
        return Project_.NAME.isNull();
      case 3:
        return Project_.NAME.in(text(0, 1), text(1, 2), null);
      case 4:
        return Project_.BUDGET.lt(new BigDecimal(DECIMALS[random.nextInt(DECIMALS.length)]));
      case 5:
        return Project_.BUDGET.between(
            new BigDecimal("0"), new BigDecimal(DECIMALS[random.nextInt(DECIMALS.length)]));
      case 6:
        return random.nextBoolean() ? Project_.ARCHIVED.isTrue() : Project_.ARCHIVED.isFalse();
      case 7:
        return Project_.DUE.ge(LocalDate.of(2024, 1, 1).plusDays(random.nextInt(20)));
      case 8:
        return Project_.SCORE.le(DOUBLES[random.nextInt(DOUBLES.length)]);
      case 9:
        return Project_.SCORE.ne(2.0);
      case 10:
        return random.nextBoolean() ? Project_.SYNCED.isTrue() : Project_.SYNCED.isFalse();
      case 11:
        return Project_.ORIGIN.eq(random.nextBoolean() ? Origin.LOCAL : Origin.REMOTE);
      case 12:
        return Project_.ID.startsWith(text(1, 1));
      default:
        return Project_.DUE.isNotNull();
    }
  }

  private Condition<Task> taskCondition(int depth) {
    if (depth > 0 && chance(2)) {
      switch (random.nextInt(3)) {
        case 0:
          return taskCondition(depth - 1).and(taskCondition(depth - 1));
        case 1:
          return taskCondition(depth - 1).or(taskCondition(depth - 1));
        default:
          return taskCondition(depth - 1).not();
      }
    }
    switch (random.nextInt(8)) {
      case 0:
        return Task_.RANK.gt(random.nextInt(8) - 2);
      case 1:
        return Task_.RANK.in(1, 2, 3);
      case 2:
        return Task_.DONE.isFalse();
      case 3:
        return Task_.TITLE.contains(text(1, 1));
      case 4:
        return Task_.SYNCED.isFalse();
      case 5:
        return Task_.ID.between(10L, 40L);
      case 6:
        return Task_.RANK.isNull();
      default:
        return Task_.ORIGIN.ne(Origin.REMOTE);
    }
  }

  private String pattern() {
    StringBuilder pattern = new StringBuilder();
    for (int i = random.nextInt(4); i >= 0; i--) {
      pattern.append(
          pick(List.of("%", "_", "a", "A", "b", "\\%", "\\_", "\\\\", "é", "😀", "\uE000", "z")));
    }
    return pattern.toString();
  }

  private String text(int min, int max) {
    StringBuilder text = new StringBuilder();
    for (int i = min + random.nextInt(max - min + 1); i > 0; i--)
      text.append(ALPHABET[random.nextInt(ALPHABET.length)]);
    return text.toString();
  }

  private boolean chance(int oneIn) {
    return random.nextInt(oneIn) == 0;
  }

  private <E> E pick(List<E> values) {
    return values.get(random.nextInt(values.size()));
  }
}
