package dev.eventsourced.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsourced.db.BooleanColumn;
import dev.eventsourced.db.Column;
import dev.eventsourced.db.ComparableColumn;
import dev.eventsourced.db.StringColumn;
import dev.eventsourced.db.spi.ColumnType;
import dev.eventsourced.db.spi.Draft;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The generated draft (changed-column mask) and metamodel (typed columns). */
class DraftAndMetamodelTest {

  private static final GeneratedClasses classes = Fixtures.compiled();

  private Object todo() {
    return classes.record(
        "test.Todo",
        "todo-1",
        "u1",
        "Buy milk",
        classes.enumConstant("test.Todo$Status", "PENDING"),
        10L,
        20L);
  }

  @SuppressWarnings("unchecked")
  private static Draft<Record> draftOf(
      GeneratedClasses classes, String draftClass, String recordClass, Object row) {
    try {
      return (Draft<Record>)
          GeneratedClasses.newInstance(
              classes.type(draftClass).getDeclaredConstructor(classes.type(recordClass)), row);
    } catch (NoSuchMethodException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void newDraft_buildsAnEqualRecord() {
    Draft<Record> draft = draftOf(classes, "test.TodoDraft", "test.Todo", todo());
    assertThat(draft.build()).isEqualTo(todo());
  }

  @Test
  void setters_setValues() {
    Draft<Record> draft = draftOf(classes, "test.TodoDraft", "test.Todo", todo());
    Object done = classes.enumConstant("test.Todo$Status", "COMPLETE");
    assertThat(GeneratedClasses.call(draft, "status", done)).isSameAs(draft);
    GeneratedClasses.call(draft, "updatedAt", 30L);
    assertThat(GeneratedClasses.call(draft, "status")).isEqualTo(done);
    assertThat(GeneratedClasses.call(draft, "id")).isEqualTo("todo-1");
    assertThat(draft.build())
        .isEqualTo(classes.record("test.Todo", "todo-1", "u1", "Buy milk", done, 10L, 30L));
  }

  @Test
  void draft_hasNoSetterForTheKey() {
    assertThat(
            Arrays.stream(classes.type("test.TodoDraft").getMethods())
                .filter(m -> m.getName().equals("id"))
                .map(Method::getParameterCount))
        .containsExactly(0);
  }

  @Test
  void recordWithMoreThan64Components_hasADraftForEveryComponent() {
    String components =
        IntStream.range(0, 70).mapToObj(i -> "int c" + i).collect(Collectors.joining(", "));
    GeneratedClasses wide =
        GeneratedClasses.compile(
            Compilations.source(
                "test.Wide",
                """
        package test;

        @dev.eventsourced.annotations.Collection
        public record Wide(@dev.eventsourced.annotations.Key String id, %s) {}
        """
                    .formatted(components)));
    Object[] values = new Object[71];
    values[0] = "w";
    Arrays.fill(values, 1, 71, 0);
    Draft<Record> draft =
        draftOf(wide, "test.WideDraft", "test.Wide", wide.record("test.Wide", values));
    GeneratedClasses.call(draft, "c69", 5);
    assertThat(GeneratedClasses.call(draft.build(), "c69")).isEqualTo(5);
    assertThat(GeneratedClasses.call(draft.build(), "c68")).isEqualTo(0);
  }

  @Test
  void metamodel_hasTypedColumnPerComponent() {
    StringColumn<Object> userId = classes.constant("test.Todo_", "USER_ID");
    ComparableColumn<Object, Long> createdAt = classes.constant("test.Todo_", "CREATED_AT");
    Column<Object, Object> status = classes.constant("test.Todo_", "STATUS");
    assertThat(userId.name()).isEqualTo("userId");
    assertThat(userId.columnName()).isEqualTo("user_id");
    assertThat(userId.valueIn(todo())).isEqualTo("u1");
    assertThat(createdAt.type()).isEqualTo(ColumnType.INTEGER);
    assertThat(createdAt.valueIn(todo())).isEqualTo(10L);
    assertThat(status.type()).isEqualTo(ColumnType.ENUM);
    assertThat(status).isNotInstanceOf(ComparableColumn.class);
  }

  @Test
  void metamodelOfOptionalComponent_unwrapsTheValue() {
    Column<Object, Object> maybeCount = classes.constant("test.AllTypes_", "MAYBE_COUNT");
    Record row = new AllTypesRows(classes).unicodeAndNesting();
    assertThat(maybeCount).isInstanceOf(ComparableColumn.class);
    assertThat(maybeCount.valueIn(row)).isEqualTo(0);
    assertThat(maybeCount.valueIn(new AllTypesRows(classes).nulls())).isNull();
    assertThat(GeneratedClasses.call(row, "maybeCount")).isEqualTo(Optional.of(0));
  }

  @Test
  void metamodel_hasVirtualSyncedAndOriginColumns() {
    BooleanColumn<Object> synced = classes.constant("test.Todo_", "SYNCED");
    Column<Object, Object> origin = classes.constant("test.Todo_", "ORIGIN");
    assertThat(synced.isVirtual()).isTrue();
    assertThat(synced.columnName()).isEqualTo("_pending");
    assertThat(origin.isVirtual()).isTrue();
    assertThat(origin.columnName()).isEqualTo("_origin");
  }
}
