package dev.eventsourced.db.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventsourced.db.fixtures.Evolved;
import dev.eventsourced.db.fixtures.Todo;
import dev.eventsourced.db.fixtures.TodoDefinition;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpcastingTest {

  private final List<Integer> calls = new ArrayList<>();

  /** Version 3 of todos: version 1 called the title "name"; version 2 stored "done" as 0/1. */
  private final Evolved<Todo, String> v3 =
      Evolved.of(TodoDefinition.INSTANCE)
          .schemaVersion(3)
          .upcast(
              2,
              (version, payload) -> {
                calls.add(version);
                if (version == 1 && payload.containsKey("name"))
                  payload.put("title", payload.remove("name"));
                return payload;
              });

  @Test
  void chain_runsEveryUpcasterFromTheEventsVersion_inOrder() throws Exception {
    Upcasting.Upcast upcast = Upcasting.apply(v3, 1, "{\"id\":\"a\",\"name\":\"milk\"}", List.of());

    assertThat(calls).containsExactly(1, 2);
    assertThat(upcast.payload()).isEqualTo("{\"id\":\"a\",\"title\":\"milk\"}");
    assertThat(Upcasting.needed(v3, 1)).isTrue();
    assertThat(Upcasting.needed(v3, 2)).isTrue();
    assertThat(Upcasting.needed(v3, 3)).as("current").isFalse();
    assertThat(Upcasting.needed(v3, 4)).as("newer").isFalse();
    assertThat(Upcasting.needed(TodoDefinition.INSTANCE, 1)).as("no upcasters").isFalse();
  }

  @Test
  void fieldsOfAnUpdate_followARenamedMember() throws Exception {
    Upcasting.Upcast upcast =
        Upcasting.apply(v3, 1, "{\"name\":\"milk\",\"priority\":2}", List.of("name", "priority"));

    assertThat(upcast.fields()).containsExactly("priority", "title");
    assertThat(Upcasting.apply(v3, 1, "{\"name\":\"x\"}", List.of()).fields())
        .as("an update without fields sets the members it carries")
        .isEmpty();
  }

  @Test
  void jsonTree_roundTripsEveryJsonValueExactly() throws Exception {
    String payload =
        "{\"s\":\"\\u0000é😀\",\"t\":true,\"f\":false,\"n\":null,\"l\":-9223372036854775808,"
            + "\"big\":123456789012345678901234567890,\"d\":0.1,\"e\":1.0E-300,"
            + "\"a\":[1,[2,{}],\"x\"],\"o\":{\"k\":{\"m\":[]}}}";
    Map<String, Object> tree = Upcasting.readObject(payload);

    assertThat(tree.get("l")).isEqualTo(Long.MIN_VALUE);
    assertThat(tree.get("big")).isEqualTo(new BigInteger("123456789012345678901234567890"));
    assertThat(tree.get("d")).isEqualTo(0.1);
    assertThat(tree.get("a")).isEqualTo(List.of(1L, List.of(2L, Map.of()), "x"));
    assertThat(Upcasting.write(tree)).isEqualTo(payload);
  }

  @Test
  void failingOrNullReturningUpcaster_makesTheEventUnreadable_namingTheMethod() {
    Evolved<Todo, String> throwing =
        Evolved.of(TodoDefinition.INSTANCE)
            .schemaVersion(2)
            .upcast(
                1,
                (version, payload) -> {
                  throw new IllegalStateException("boom");
                });
    Evolved<Todo, String> returningNull =
        Evolved.of(TodoDefinition.INSTANCE).schemaVersion(2).upcast(1, (version, payload) -> null);
    Evolved<Todo, String> returningObject =
        Evolved.of(TodoDefinition.INSTANCE)
            .schemaVersion(2)
            .upcast(
                1,
                (version, payload) -> {
                  payload.put("x", new Object());
                  return payload;
                });

    assertThatThrownBy(() -> Upcasting.apply(throwing, 1, "{}", List.of()))
        .isInstanceOf(UnreadableEventException.class)
        .hasMessageContaining("@Upcast(fromVersion = 1)")
        .hasMessageContaining("boom");
    assertThatThrownBy(() -> Upcasting.apply(returningNull, 1, "{}", List.of()))
        .hasMessageContaining("returned null");
    assertThatThrownBy(() -> Upcasting.apply(returningObject, 1, "{}", List.of()))
        .hasMessageContaining("no JSON form");
    assertThatThrownBy(() -> Upcasting.apply(returningNull, 1, "[1]", List.of()))
        .hasMessageContaining("not a JSON object");
  }
}
