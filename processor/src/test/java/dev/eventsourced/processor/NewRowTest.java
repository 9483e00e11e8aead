package dev.eventsourced.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventsourced.db.spi.CollectionDefinition;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The generated {@code newRow}: a row from component values in {@code columns()} order (boxed,
 * {@code Optional}s as {@code Optional}), by a direct canonical-constructor call, as the fold
 * merges an update's fields into the current row.
 */
class NewRowTest {

  private static final GeneratedClasses classes = Fixtures.compiled();
  private static final AllTypesRows rows = new AllTypesRows(classes);

  @Test
  void newRow_isGenerated() throws NoSuchMethodException {
    for (CollectionDefinition<Record, Object> definition : definitions()) {
      assertThat(definition.getClass().getDeclaredMethod("newRow", Object[].class).getReturnType())
          .isEqualTo(definition.recordType());
    }
  }

  @Test
  void newRow_ofComponentValues_isAnEqualRowHoldingTheSameValues() {
    for (Record row :
        List.of(rows.nulls(), rows.extremes(), rows.unicodeAndNesting(), todo(), order())) {
      CollectionDefinition<Record, Object> definition = definitionOf(row);
      Object[] values = componentValues(definition, row);
      Record copy = definition.newRow(values);
      AllTypesRows.assertEqualRecords(copy, row);
      for (int i = 0; i < values.length; i++) {
        Object value = definition.componentValue(copy, i);
        if (!(value instanceof Number || value instanceof Boolean || value instanceof Character)) {
          assertThat(value).as("%s column %s", definition.collectionId(), i).isSameAs(values[i]);
        }
      }
    }
    for (KeyCase key : KeyCase.all(classes)) {
      assertThat(key.definition().newRow(componentValues(key.definition(), key.row())))
          .as(key.name())
          .isEqualTo(key.row());
    }
  }

  @Test
  void newRow_withChangedValues_mergesThem() {
    CollectionDefinition<Record, Object> todos = definitionOf(todo());
    Object[] values = componentValues(todos, todo());
    Object complete = classes.enumConstant("test.Todo$Status", "COMPLETE");
    values[todos.columnIndex("status")] = complete;
    values[todos.columnIndex("updatedAt")] = 99L;
    assertThat(todos.newRow(values))
        .isEqualTo(classes.record("test.Todo", "todo-1", "u1", "Buy milk", complete, 10L, 99L));
  }

  @Test
  void newRow_agreesWithTheSpiDefault() {
    for (Record row :
        List.of(rows.nulls(), rows.extremes(), rows.unicodeAndNesting(), todo(), order())) {
      CollectionDefinition<Record, Object> definition = definitionOf(row);
      Object[] values = componentValues(definition, row);
      AllTypesRows.assertEqualRecords(
          withDefaultNewRow(definition).newRow(values), definition.newRow(values));
    }
  }

  @Test
  void newRow_withValueOfWrongType_throwsClassCastException() {
    CollectionDefinition<Record, Object> todos = definitionOf(todo());
    Object[] values = componentValues(todos, todo());
    values[todos.columnIndex("createdAt")] = 10;
    assertThatThrownBy(() -> todos.newRow(values)).isInstanceOf(ClassCastException.class);
  }

  @Test
  void newRow_withNullForPrimitive_throwsNullPointerException() {
    CollectionDefinition<Record, Object> todos = definitionOf(todo());
    Object[] values = componentValues(todos, todo());
    values[todos.columnIndex("createdAt")] = null;
    assertThatThrownBy(() -> todos.newRow(values)).isInstanceOf(NullPointerException.class);
  }

  private static Record todo() {
    return (Record)
        classes.record(
            "test.Todo",
            "todo-1",
            "u1",
            "Buy milk",
            classes.enumConstant("test.Todo$Status", "PENDING"),
            10L,
            20L);
  }

  private static Record order() {
    Object address =
        classes.record("test.shop.PurchaseOrder$Customer$Address", "1 Main St", "Springfield");
    Object customer = classes.record("test.shop.PurchaseOrder$Customer", "Ann", address);
    Object line = classes.record("test.shop.PurchaseOrder$Line", "tea", 2, new BigDecimal("3.50"));
    return (Record)
        classes.record(
            "test.shop.PurchaseOrder",
            classes.enumConstant("test.shop.PurchaseOrder$Region", "US"),
            customer,
            List.of(line),
            Map.of("tea", line),
            Optional.empty());
  }

  private static List<CollectionDefinition<Record, Object>> definitions() {
    List<CollectionDefinition<Record, Object>> definitions = new ArrayList<>();
    for (Record row : List.of(rows.nulls(), todo(), order())) definitions.add(definitionOf(row));
    for (KeyCase key : KeyCase.all(classes)) definitions.add(key.definition());
    return definitions;
  }

  private static CollectionDefinition<Record, Object> definitionOf(Record row) {
    String prefix =
        switch (row.getClass().getName()) {
          case "test.AllTypes" -> "test.AllTypes";
          case "test.Todo" -> "test.Todo";
          case "test.shop.PurchaseOrder" -> "test.shop.Order";
          default -> throw new AssertionError(row.getClass());
        };
    return classes.constant(prefix + "_Collection", "INSTANCE");
  }

  private static Object[] componentValues(
      CollectionDefinition<Record, Object> definition, Record row) {
    Object[] values = new Object[definition.columns().size()];
    for (int i = 0; i < values.length; i++) values[i] = definition.componentValue(row, i);
    return values;
  }

  /** {@code definition}, but with the SPI's reflective default {@code newRow}. */
  @SuppressWarnings("unchecked")
  private static CollectionDefinition<Record, Object> withDefaultNewRow(
      CollectionDefinition<Record, Object> definition) {
    InvocationHandler handler =
        (proxy, method, arguments) -> {
          if (method.getName().equals("newRow"))
            return InvocationHandler.invokeDefault(proxy, method, arguments);
          try {
            return method.invoke(definition, arguments);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    return (CollectionDefinition<Record, Object>)
        Proxy.newProxyInstance(
            NewRowTest.class.getClassLoader(),
            new Class<?>[] {CollectionDefinition.class},
            handler);
  }
}
