package dev.eventsourced.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsourced.sample.Todo.Status;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TodoAppTest {

  @TempDir Path dir;

  @Test
  void story_devicesConverge_withBothDevicesChangesMerged() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<List<Todo>> result =
        new TodoApp(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run(dir);

    assertThat(result.get(0)).isEqualTo(result.get(1));
    assertThat(result.get(0)).extracting(Todo::id).containsExactly("todo-0", "todo-2");
    Todo plants = result.get(0).get(0);
    assertThat(plants.title()).isEqualTo("Water the plants (and the cactus)");
    assertThat(plants.status()).isEqualTo(Status.COMPLETE);
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("The devices converged");
  }
}
