package dev.eventsourced.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's tour compiles as shown, imports included, with the real processor and no warning
 * under {@code -Xlint:all}: the snippets cannot rot.
 */
class ReadmeTourTest {

  @TempDir Path dir;

  private static final Pattern JAVA_BLOCK = Pattern.compile("(?s)```java\\n(.*?)```");

  static List<String> tourSources() throws IOException {
    Path readme = Path.of("..", "README.md");
    String text = Files.readString(readme);
    int start = text.indexOf("## A tour");
    int end = text.indexOf("\n### ", start);
    assertThat(start).as("README has a tour").isPositive();
    Matcher blocks = JAVA_BLOCK.matcher(text.substring(start, end));
    List<String> sources = new ArrayList<>();
    while (blocks.find()) sources.add(blocks.group(1));
    return sources;
  }

  @Test
  void tour_compilesAsShown_withoutWarnings() throws IOException {
    List<String> sources = tourSources();
    assertThat(sources).as("the record and the code using it").hasSize(2);

    try (RecordVersions versions = new RecordVersions(dir)) {
      RecordVersions.Compiled compiled =
          versions.compile(
              "tour", List.of("-Xlint:all", "-Xlint:-options"), sources.toArray(String[]::new));

      assertThat(compiled.success()).as(compiled.describe()).isTrue();
      assertThat(compiled.diagnostics())
          .filteredOn(
              d ->
                  d.getKind() == Diagnostic.Kind.WARNING
                      || d.getKind() == Diagnostic.Kind.MANDATORY_WARNING)
          .as("warnings")
          .isEmpty();
    }
  }
}
