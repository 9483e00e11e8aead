package dev.eventsourced.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.palantir.javapoet.ClassName;
import dev.eventsourced.db.spi.ColumnType;
import dev.eventsourced.processor.base.ColumnKind;
import dev.eventsourced.processor.base.Names;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The naming rules, and the processor's copy of the runtime's {@code ColumnType}. */
class NamesTest {

  @Test
  void snakeCase_splitsWordsAndAcronyms() {
    assertThat(Names.snakeCase("createdAt")).isEqualTo("created_at");
    assertThat(Names.snakeCase("HTTPCode")).isEqualTo("http_code");
    assertThat(Names.snakeCase("userID")).isEqualTo("user_id");
    assertThat(Names.snakeCase("address2Line")).isEqualTo("address2_line");
    assertThat(Names.snakeCase("already_snake")).isEqualTo("already_snake");
    assertThat(Names.snakeCase("TodoItem")).isEqualTo("todo_item");
    assertThat(Names.snakeCase("x")).isEqualTo("x");
  }

  @Test
  void upperSnakeCase_namesMetamodelConstants() {
    assertThat(Names.upperSnakeCase("createdAt")).isEqualTo("CREATED_AT");
    assertThat(Names.upperSnakeCase("id")).isEqualTo("ID");
  }

  @Test
  void generatedTypes_useAffixesAndFlattenNestedRecords() {
    Names names = Names.of(ClassName.get("com.acme", "Outer", "Todo"), "");
    assertThat(names.repository()).isEqualTo(ClassName.get("com.acme", "Outer_TodoRepository"));
    assertThat(names.draft()).isEqualTo(ClassName.get("com.acme", "Outer_TodoDraft"));
    assertThat(names.metamodel()).isEqualTo(ClassName.get("com.acme", "Outer_Todo_"));
    assertThat(names.collection()).isEqualTo(ClassName.get("com.acme", "Outer_Todo_Collection"));
    assertThat(names.table()).isEqualTo(ClassName.get("com.acme", "Outer_Todo_Table"));
    assertThat(names.codec()).isEqualTo(ClassName.get("com.acme", "Outer_Todo_Codec"));
    assertThat(Names.defaultCollectionId(ClassName.get("com.acme", "Outer", "TodoItem")))
        .isEqualTo("todo_item");
  }

  @Test
  void nameOverride_replacesThePrefix() {
    assertThat(Names.of(ClassName.get("com.acme", "TaskRecord"), "Task").repository())
        .isEqualTo(ClassName.get("com.acme", "TaskRepository"));
  }

  @Test
  void columnKind_matchesRuntimeColumnType() {
    assertThat(Arrays.stream(ColumnKind.values()).map(k -> k.name() + ":" + k.sqlType()))
        .containsExactlyElementsOf(
            Arrays.stream(ColumnType.values()).map(t -> t.name() + ":" + t.sqlType()).toList());
  }
}
