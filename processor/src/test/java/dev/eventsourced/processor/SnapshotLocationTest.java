package dev.eventsourced.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where snapshots go without {@code -Aeventsourced.schemaDir}: next to the source root of the
 * record's file. Sources are real files here, compiled by javac through a file manager, as a build
 * tool does.
 */
class SnapshotLocationTest {

  private static final String ITEM =
      """
      package com.acme.items;

      import dev.eventsourced.annotations.Collection;
      import dev.eventsourced.annotations.Key;

      @Collection("items")
      public record Item(@Key String id, String title) {}
      """;

  @TempDir Path project;

  @Test
  void mavenLayout_snapshotGoesToSrcMainSchemas() throws IOException {
    Path root = project.resolve("src/main/java");
    compile(root, List.of());
    assertThat(project.resolve("src/main/schemas/items.json"))
        .content(StandardCharsets.UTF_8)
        .contains("\"record\": \"com.acme.items.Item\"");
    assertThat(root.resolve("eventsourced-schemas")).doesNotExist();
  }

  @Test
  void testSources_snapshotGoesToSrcTestSchemas() throws IOException {
    compile(project.resolve("src/test/java"), List.of());
    assertThat(project.resolve("src/test/schemas/items.json")).exists();
  }

  @Test
  void otherRoot_snapshotGoesToEventsourcedSchemasInsideIt() throws IOException {
    Path root = project.resolve("sources");
    compile(root, List.of());
    assertThat(root.resolve("eventsourced-schemas/items.json")).exists();
    assertThat(project.resolve("schemas")).doesNotExist();
  }

  @Test
  void option_overridesTheDefault() throws IOException {
    Path schemas = project.resolve("elsewhere");
    compile(project.resolve("src/main/java"), List.of("-Aeventsourced.schemaDir=" + schemas));
    assertThat(schemas.resolve("items.json")).exists();
    assertThat(project.resolve("src/main/schemas")).doesNotExist();
  }

  @Test
  void optionNone_writesNoSnapshot() throws IOException {
    compile(project.resolve("src/main/java"), List.of("-Aeventsourced.schemaDir=none"));
    assertThat(project.resolve("src/main/schemas")).doesNotExist();
  }

  @Test
  void fileNotInItsPackageDirectory_snapshotGoesNextToIt() throws IOException {
    Path root = project.resolve("flat");
    Files.createDirectories(root);
    Path file = root.resolve("Item.java");
    Files.writeString(file, ITEM);
    javac(file, List.of());
    assertThat(root.resolve("eventsourced-schemas/items.json")).exists();
  }

  /** Writes {@link #ITEM} under {@code root} by package and compiles it. */
  private void compile(Path root, List<String> options) throws IOException {
    Path file = root.resolve("com/acme/items/Item.java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, ITEM);
    javac(file, options);
  }

  private void javac(Path file, List<String> options) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    Path classes = Files.createDirectories(project.resolve("target/classes"));
    Path generated = Files.createDirectories(project.resolve("target/generated-sources"));
    StringWriter output = new StringWriter();
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      files.setLocation(StandardLocation.CLASS_OUTPUT, List.of(classes.toFile()));
      files.setLocation(StandardLocation.SOURCE_OUTPUT, List.of(generated.toFile()));
      files.setLocation(StandardLocation.CLASS_PATH, Compilations.classpath());
      List<String> arguments = new ArrayList<>(List.of("-proc:only"));
      arguments.addAll(options);
      JavaCompiler.CompilationTask task =
          javac.getTask(
              output, files, null, arguments, null, files.getJavaFileObjects(file.toFile()));
      task.setProcessors(List.of(new CollectionProcessor(), new RegistryProcessor()));
      assertThat(task.call()).as(output.toString()).isTrue();
    }
    assertThat(output.toString()).doesNotContain("error");
    assertThat(new File(generated.toFile(), "com/acme/items/Item_Collection.java")).exists();
  }
}
