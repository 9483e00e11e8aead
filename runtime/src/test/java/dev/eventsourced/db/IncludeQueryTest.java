package dev.eventsourced.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventsourced.db.fixtures.Item;
import dev.eventsourced.db.fixtures.ItemRepository;
import dev.eventsourced.db.fixtures.Item_;
import dev.eventsourced.db.fixtures.Project;
import dev.eventsourced.db.fixtures.ProjectRepository;
import dev.eventsourced.db.fixtures.Project_;
import dev.eventsourced.db.fixtures.Task;
import dev.eventsourced.db.fixtures.TaskRepository;
import dev.eventsourced.db.fixtures.Task_;
import dev.eventsourced.db.live.LiveQuery;
import dev.eventsourced.db.live.LiveUpdate;
import dev.eventsourced.db.live.WithChildren;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hierarchical results: parents with nested children, loaded per level and live as a whole. */
class IncludeQueryTest {

  private EventSourcedDb db;
  private ProjectRepository projects;
  private TaskRepository tasks;

  @BeforeEach
  void open() {
    db =
        EventSourcedDb.builder()
            .inMemory()
            .collections(ProjectRepository.COLLECTION, TaskRepository.COLLECTION)
            .open();
    projects = ProjectRepository.of(db);
    tasks = TaskRepository.of(db);
    projects.insert(new Project("home", "Home", null, false, null, null));
    projects.insert(new Project("work", "Work", null, false, null, null));
    projects.insert(new Project("old", "Old", null, true, null, null));
    tasks.insert(new Task(1, "home", "dishes", 2, false));
    tasks.insert(new Task(2, "home", "laundry", 1, false));
    tasks.insert(new Task(3, "work", "report", 1, false));
    tasks.insert(new Task(4, "work", "done already", 0, true));
    tasks.insert(new Task(5, "old", "archived", 1, false));
    tasks.insert(new Task(6, null, "loose", 1, false));
  }

  @AfterEach
  void close() {
    db.close();
  }

  private IncludeQuery<Project, Task> board() {
    return projects
        .query()
        .where(Project_.ARCHIVED.isFalse())
        .orderBy(Project_.NAME.asc())
        .include(
            Project_.ID,
            tasks.query().where(Task_.DONE.isFalse()).orderBy(Task_.RANK.asc()),
            Task_.PROJECT_ID);
  }

  private static Map<String, List<String>> titles(List<WithChildren<Project, Task>> rows) {
    return rows.stream()
        .collect(
            Collectors.toMap(
                r -> r.parent().id(),
                r -> r.children().stream().map(Task::title).toList(),
                (a, b) -> a,
                java.util.LinkedHashMap::new));
  }

  @Test
  void list_nestsFilteredOrderedChildrenUnderTheirParents() {
    assertThat(titles(board().list()))
        .containsExactly(
            Map.entry("home", List.of("laundry", "dishes")), Map.entry("work", List.of("report")));
    assertThat(board().first()).map(r -> r.parent().id()).contains("home");
  }

  @Test
  void sql_isOneQueryPerLevel() {
    assertThat(board().toSql().split("; ")).hasSize(2);
    assertThat(board().toSql()).contains("\"project_id\" IN (SELECT value FROM json_each(?))");
  }

  @Test
  void live_childChangeUpdatesTheRightParentsList() {
    LiveQuery<WithChildren<Project, Task>> live = board().live();
    List<LiveUpdate<WithChildren<Project, Task>>> updates = new ArrayList<>();
    live.subscribe(Runnable::run, updates::add);

    tasks.update(new Task(3, "work", "report", 5, false)); // same list, new rank
    tasks.insert(new Task(7, "work", "meeting", 3, false));
    assertThat(titles(live.current()))
        .containsEntry("work", List.of("meeting", "report"))
        .containsEntry("home", List.of("laundry", "dishes"));
    LiveUpdate<WithChildren<Project, Task>> last = updates.get(updates.size() - 1);
    assertThat(last.delta().changed())
        .singleElement()
        .satisfies(c -> assertThat(c.row().parent().id()).isEqualTo("work"));

    tasks.update(
        new Task(1, "work", "dishes at work", 0, false)); // moves between parents, in one commit
    assertThat(titles(live.current()))
        .containsEntry("home", List.of("laundry"))
        .containsEntry("work", List.of("dishes at work", "meeting", "report"));
    assertThat(updates).hasSize(4);

    tasks.update(new Task(6, null, "still loose", 1, false)); // no parent: nothing
    tasks.update(new Task(4, "work", "done already", 9, true)); // filtered out: nothing
    assertThat(updates).hasSize(4);
    assertThat(live.current()).isEqualTo(board().list());
  }

  @Test
  void live_parentEnteringGetsItsChildrenAndLeavingDropsThem() {
    LiveQuery<WithChildren<Project, Task>> live = board().live();
    projects.update(new Project("old", "Old", null, false, null, null));
    assertThat(titles(live.current())).containsEntry("old", List.of("archived"));
    projects.delete("home");
    assertThat(titles(live.current())).containsOnlyKeys("old", "work");
    tasks.insert(new Task(8, "home", "orphan", 1, false));
    assertThat(live.current()).isEqualTo(board().list());
    db.transaction(
        () -> {
          projects.insert(new Project("new", "Brand new", null, false, null, null));
          tasks.insert(new Task(9, "new", "first", 1, false));
        });
    assertThat(titles(live.current())).containsEntry("new", List.of("first"));
    assertThat(live.current()).isEqualTo(board().list());
  }

  @Test
  void collectionIncludingItself_isATreeKeptLiveFromBothSidesOfOneChange() {
    try (EventSourcedDb treeDb =
        EventSourcedDb.builder().inMemory().collections(ItemRepository.COLLECTION).open()) {
      ItemRepository items = ItemRepository.of(treeDb);
      items.insert(item(1, null, "root"));
      items.insert(item(2, 1L, "child"));
      items.insert(item(3, 2L, "grandchild"));
      IncludeQuery<Item, Item> tree =
          items
              .query()
              .orderBy(Item_.NAME.asc())
              .include(Item_.ID, items.query().orderBy(Item_.NAME.asc()), Item_.PARENT_ID);
      LiveQuery<WithChildren<Item, Item>> live = tree.live();
      IncludeQuery<Item, Item> reRun =
          items
              .query()
              .orderBy(Item_.NAME.asc()) // a JSON order: re-runs per commit
              .include(
                  Item_.ID,
                  items.query().orderBy(Item_.TAGS.asc(), Item_.NAME.asc()),
                  Item_.PARENT_ID);
      LiveQuery<WithChildren<Item, Item>> rerun = reRun.live();
      assertThat(names(live.current()))
          .containsExactly(
              Map.entry("child", List.of("grandchild")),
              Map.entry("grandchild", List.of()),
              Map.entry("root", List.of("child")));

      items.update(item(3, 1L, "grandchild")); // one row, which is a parent and a child, moves up
      items.insert(item(4, 3L, "leaf"));
      treeDb.transaction(
          () -> {
            items.delete(2L);
            items.insert(item(5, 5L, "its own parent"));
          });
      assertThat(names(live.current()))
          .containsExactly(
              Map.entry("grandchild", List.of("leaf")),
                  Map.entry("its own parent", List.of("its own parent")),
              Map.entry("leaf", List.of()), Map.entry("root", List.of("grandchild")));
      assertThat(live.current()).isEqualTo(tree.list()).isEqualTo(rerun.current());
    }
  }

  @Test
  void linkOnInfiniteOrNanReals_matchesInSqlAsInMemory() {
    try (EventSourcedDb realDb =
        EventSourcedDb.builder().inMemory().collections(ItemRepository.COLLECTION).open()) {
      ItemRepository items = ItemRepository.of(realDb);
      double[] amounts = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 2.0, 0.5};
      for (int i = 0; i < amounts.length; i++) items.insert(item(i, null, "p" + i, amounts[i]));
      IncludeQuery<Item, Item> byAmount =
          items.query().include(Item_.AMOUNT, items.query(), Item_.AMOUNT);
      LiveQuery<WithChildren<Item, Item>> live = byAmount.live();
      for (int i = 0; i < amounts.length; i++)
        items.insert(item(10 + i, null, "c" + i, amounts[i]));
      assertThat(byAmount.list()).allSatisfy(row -> assertThat(row.children()).hasSize(2));
      assertThat(live.current()).isEqualTo(byAmount.list());
    }
  }

  private static Item item(long id, Long parentId, String name) {
    return item(id, parentId, name, null);
  }

  private static Item item(long id, Long parentId, String name, Double amount) {
    return new Item(
        id, parentId, null, name, false, null, (byte) 0, null, null, null, 0f, amount, null, null,
        null, null, null, null, null, null);
  }

  private static Map<String, List<String>> names(List<WithChildren<Item, Item>> rows) {
    return rows.stream()
        .collect(
            Collectors.toMap(
                r -> r.parent().name(),
                r -> r.children().stream().map(Item::name).toList(),
                (a, b) -> a,
                java.util.LinkedHashMap::new));
  }

  @Test
  void childQueryWithLimit_isRejectedWithTheReason() {
    assertThatThrownBy(
            () -> projects.query().include(Project_.ID, tasks.query().limit(3), Task_.PROJECT_ID))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("limit the parents instead");
  }
}
