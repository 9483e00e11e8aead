package dev.eventsourced.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The generated source text of a few canonical records, compared with {@code
 * src/test/resources/golden/GoldenFilesTest/<method>/<class>.java}. Rewrite them after an intended
 * change with {@code ./mvnw -pl processor verify -Dgolden.update=true} and review the diff.
 */
class GoldenFilesTest {

  private static final Path GOLDEN_DIR =
      Path.of(System.getProperty("golden.dir", "src/test/resources/golden"), "GoldenFilesTest");
  private static final boolean UPDATE = Boolean.getBoolean("golden.update");

  @Test
  void simpleRecord_generatesAllTypes(TestInfo test) throws IOException {
    assertGolden(
        test,
        Fixtures.TODO,
        List.of(
            "test.TodoRepository",
            "test.TodoDraft",
            "test.Todo_",
            "test.Todo_Collection",
            "test.Todo_Table",
            "test.Todo_Codec"));
  }

  @Test
  void recordWithEveryColumnType_generatesBindingsMetamodelAndDdl(TestInfo test)
      throws IOException {
    assertGolden(
        test,
        Fixtures.ALL_TYPES,
        List.of(
            "test.AllTypes_",
            "test.AllTypes_Collection",
            "test.AllTypes_Table",
            "test.AllTypes_Codec"));
  }

  @Test
  void nestedRecordsWithEnumKey_generateCodecAndKeyConversions(TestInfo test) throws IOException {
    assertGolden(
        test,
        Fixtures.ORDER,
        List.of(
            "test.shop.OrderRepository", "test.shop.Order_Collection", "test.shop.Order_Codec"));
  }

  private static void assertGolden(TestInfo test, JavaFileObject source, List<String> classes)
      throws IOException {
    Compilation compilation = Compilations.compile(source);
    assertThat(compilation).succeededWithoutWarnings();
    Path dir = GOLDEN_DIR.resolve(test.getTestMethod().orElseThrow().getName());
    for (String name : classes) {
      String actual = Compilations.generated(compilation, name);
      Path golden = dir.resolve(name + ".java");
      if (UPDATE) {
        Files.createDirectories(dir);
        Files.writeString(golden, actual, StandardCharsets.UTF_8);
      } else {
        assertThat(golden)
            .as("golden file %s; create it with -Dgolden.update=true", golden)
            .exists();
        assertThat(actual)
            .as(golden.toString())
            .isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
      }
    }
  }
}
