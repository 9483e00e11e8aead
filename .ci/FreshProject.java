import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The README's "Install" snippet, tried as a new user would: a fresh Maven project in a temporary
 * folder made of that snippet alone (plus JUnit for its own test and the strict compiler flags
 * {@code -Xlint:all -Werror}), a record and a main; built with the JDK this runs on against the
 * artifacts just built (deployed to a private file repository; third-party artifacts come from
 * ~/.m2/repository read as a file repository, never from the network, and nothing is written to
 * ~/.m2); its test runs the main and checks that it wrote and read a row.
 *
 * <p>Run by .ci/run: {@code java .ci/FreshProject.java <private repository>} from the repository's
 * root, with JAVA_HOME set to the JDK to try.
 */
public class FreshProject {

  public static void main(String[] args) throws Exception {
    Path root = Path.of("").toAbsolutePath();
    Path artifacts = Path.of(args[0]).toAbsolutePath();
    String snippet = snippet(Files.readString(root.resolve("README.md")));
    Path project = Files.createTempDirectory("eventsourced-fresh-");
    Files.writeString(project.resolve("pom.xml"), pom(snippet));
    Files.writeString(project.resolve("settings.xml"), settings(artifacts));
    Path sources = Files.createDirectories(project.resolve("src/main/java/com/example/notes"));
    Files.writeString(
        sources.resolve("Note.java"),
        """
        package com.example.notes;

        import dev.eventsourced.annotations.Collection;
        import dev.eventsourced.annotations.Index;
        import dev.eventsourced.annotations.Key;

        @Collection("notes")
        public record Note(@Key String id, @Index String title) {}
        """);
    Files.writeString(
        sources.resolve("Main.java"),
        """
        package com.example.notes;

        import dev.eventsourced.db.EventSourcedDb;
        import java.nio.file.Path;

        public class Main {
          public static void main(String[] args) {
            Path file = Path.of(args[0]);
            try (EventSourcedDb db = EventSourcedDb.builder().path(file).open()) {
              NoteRepository.of(db).insert(new Note("n1", "hello"));
            }
            try (EventSourcedDb db = EventSourcedDb.builder().path(file).open()) {
              System.out.println("read " + NoteRepository.of(db).get("n1"));
            }
          }
        }
        """);
    Path tests = Files.createDirectories(project.resolve("src/test/java/com/example/notes"));
    Files.writeString(
        tests.resolve("MainTest.java"),
        """
        package com.example.notes;

        import static org.junit.jupiter.api.Assertions.assertEquals;
        import static org.junit.jupiter.api.Assertions.assertTrue;

        import dev.eventsourced.db.EventSourcedDb;
        import java.io.ByteArrayOutputStream;
        import java.io.PrintStream;
        import java.nio.file.Files;
        import java.nio.file.Path;
        import org.junit.jupiter.api.Test;

        class MainTest {
          @Test
          void main_writesAndReadsARow() throws Exception {
            Path file = Files.createTempDirectory("notes").resolve("notes.sqlite");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PrintStream stdout = System.out;
            System.setOut(new PrintStream(out, true));
            try {
              Main.main(new String[] {file.toString()});
            } finally {
              System.setOut(stdout);
            }
            assertTrue(out.toString().contains("read Note[id=n1, title=hello]"), out.toString());
            try (EventSourcedDb db = EventSourcedDb.builder().path(file).open()) {
              assertEquals(1, NoteRepository.of(db).count());
            }
            // the test kit is on the test class path
            Class.forName("dev.eventsourced.test.TestBackend");
          }
        }
        """);
    List<String> command = new ArrayList<>();
    command.add(root.resolve(isWindows() ? "mvnw.cmd" : "mvnw").toString());
    command.addAll(
        List.of(
            "-B",
            "-ntp",
            "-s",
            project.resolve("settings.xml").toString(),
            "-Dmaven.repo.local=" + project.resolve("m2"),
            "-f",
            project.resolve("pom.xml").toString(),
            "verify"));
    System.out.println("fresh project in " + project + ": " + String.join(" ", command));
    Process build = new ProcessBuilder(command).directory(root.toFile()).inheritIO().start();
    int status = build.waitFor();
    if (status != 0) {
      System.err.println("FAILED: the fresh project built from README.md's snippet, in " + project);
      System.exit(status);
    }
    System.out.println("OK: the fresh project built from README.md's snippet wrote and read a row");
  }

  /** The first xml block of the README's "## Install" section. */
  static String snippet(String readme) {
    int section = readme.indexOf("\n## Install\n");
    if (section < 0) throw new IllegalStateException("README.md has no \"## Install\" section");
    Matcher block = Pattern.compile("(?s)```xml\n(.*?)```").matcher(readme);
    if (!block.find(section)) throw new IllegalStateException("no ```xml block under ## Install");
    return block.group(1);
  }

  /**
   * A pom made of the snippet; what a user adds besides (coordinates, JUnit for the test, the
   * strict flags, plugin versions pinned to the ones this build already has) is merged in.
   */
  static String pom(String snippet) {
    String body =
        replaceOnce(
            snippet,
            "<properties>",
            "<properties>\n  <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>");
    body =
        replaceOnce(
            body,
            "<dependencies>",
            """
            <dependencies>
              <dependency>
                <groupId>org.junit.jupiter</groupId>
                <artifactId>junit-jupiter</artifactId>
                <version>6.1.3</version>
                <scope>test</scope>
              </dependency>""");
    body =
        replaceOnce(
            body,
            "<build>",
            """
            <build>
              <pluginManagement>
                <plugins>
                  <plugin>
                    <groupId>org.apache.maven.plugins</groupId>
                    <artifactId>maven-compiler-plugin</artifactId>
                    <configuration>
                      <compilerArgs>
                        <arg>-Xlint:all</arg>
                        <arg>-Werror</arg>
                      </compilerArgs>
                    </configuration>
                    <executions>
                      <execution>
                        <id>default-testCompile</id>
                        <configuration>
                          <!-- javac warns of any annotation no processor claims (JUnit's @Test
                               here) once any processor runs: not ours to claim -->
                          <compilerArgs combine.self="override">
                            <arg>-Xlint:all,-processing</arg>
                            <arg>-Werror</arg>
                          </compilerArgs>
                        </configuration>
                      </execution>
                    </executions>
                  </plugin>
                  <plugin>
                    <groupId>org.apache.maven.plugins</groupId>
                    <artifactId>maven-resources-plugin</artifactId>
                    <version>3.3.1</version>
                  </plugin>
                  <plugin>
                    <groupId>org.apache.maven.plugins</groupId>
                    <artifactId>maven-surefire-plugin</artifactId>
                    <version>3.5.4</version>
                  </plugin>
                  <plugin>
                    <groupId>org.apache.maven.plugins</groupId>
                    <artifactId>maven-jar-plugin</artifactId>
                    <version>3.4.2</version>
                  </plugin>
                </plugins>
              </pluginManagement>""");
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0"
                 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                 xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
          <modelVersion>4.0.0</modelVersion>
          <groupId>com.example</groupId>
          <artifactId>notes</artifactId>
          <version>1.0</version>
        """
        + body
        + "</project>\n";
  }

  /** Our artifacts from the private repository; everything else from ~/.m2, read as a file repository. */
  static String settings(Path artifacts) {
    Path seed = Path.of(System.getProperty("user.home"), ".m2", "repository");
    return """
        <settings>
          <mirrors>
            <mirror>
              <id>seed</id>
              <mirrorOf>central</mirrorOf>
              <url>%s</url>
            </mirror>
          </mirrors>
          <profiles>
            <profile>
              <id>eventsourced</id>
              <repositories>
                <repository>
                  <id>eventsourced-local</id>
                  <url>%s</url>
                  <snapshots><enabled>true</enabled></snapshots>
                </repository>
              </repositories>
              <pluginRepositories>
                <pluginRepository>
                  <id>eventsourced-local</id>
                  <url>%s</url>
                  <snapshots><enabled>true</enabled></snapshots>
                </pluginRepository>
              </pluginRepositories>
            </profile>
          </profiles>
          <activeProfiles>
            <activeProfile>eventsourced</activeProfile>
          </activeProfiles>
        </settings>
        """
        .formatted(seed.toUri(), artifacts.toUri(), artifacts.toUri());
  }

  private static String replaceOnce(String text, String target, String replacement) {
    int at = text.indexOf(target);
    if (at < 0) throw new IllegalStateException("the snippet has no " + target);
    return text.substring(0, at) + replacement + text.substring(at + target.length());
  }

  private static boolean isWindows() {
    return System.getProperty("os.name").startsWith("Windows");
  }
}
