package dev.eventsourced.processor;

import static dev.eventsourced.processor.Compilations.compile;
import static dev.eventsourced.processor.Compilations.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A strict build ({@code -Xlint:all -Werror}, which includes {@code -Xlint:processing}) passes:
 * {@link RegistryProcessor} claims every annotation of ours, and runs after {@link
 * CollectionProcessor}, which therefore still sees every record.
 */
class ClaimingTest {

  @Test
  void everyAnnotation_isClaimed_soAStrictBuildPasses() {
    Compilation compilation =
        compile(
            source(
                "test.Note",
                """
                package test;

                import dev.eventsourced.annotations.Collection;
                import dev.eventsourced.annotations.Default;
                import dev.eventsourced.annotations.Index;
                import dev.eventsourced.annotations.Key;

                @Collection("notes")
                @Index("title")
                @Index("body")
                public record Note(@Key String id, @Index String title, @Default("\\"\\"") String body) {}
                """));

    assertThat(compilation.status())
        .as(compilation.diagnostics().toString())
        .isEqualTo(Compilation.Status.SUCCESS);
    assertThat(compilation.warnings()).isEmpty();
    assertThat(compilation.generatedSourceFile("test.NoteRepository")).isPresent();
    assertThat(
            compilation.generatedFile(
                javax.tools.StandardLocation.CLASS_OUTPUT,
                "META-INF/services/dev.eventsourced.db.spi.CollectionDefinition"))
        .isPresent();
  }

  @Test
  void serviceFile_listsCollectionProcessorBeforeTheClaimingRegistryProcessor() throws IOException {
    try (InputStream in =
        CollectionProcessor.class
            .getClassLoader()
            .getResourceAsStream("META-INF/services/javax.annotation.processing.Processor")) {
      List<String> processors =
          new String(in.readAllBytes(), StandardCharsets.UTF_8)
              .lines()
              .map(String::strip)
              .filter(line -> !line.isEmpty() && !line.startsWith("#"))
              .toList();
      assertThat(processors)
          .containsExactly(CollectionProcessor.class.getName(), RegistryProcessor.class.getName());
    }
  }
}
