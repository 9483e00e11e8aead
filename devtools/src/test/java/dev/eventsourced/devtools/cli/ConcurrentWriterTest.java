package dev.eventsourced.devtools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line on a file another JVM holds open and keeps writing (WAL): it reads one
 * consistent snapshot, takes no lock the writer would wait for, and the writer never fails.
 */
class ConcurrentWriterTest {

  @TempDir Path dir;

  private static Process java(String mainClass, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(List.of(args));
    return new ProcessBuilder(command).start();
  }

  private static String read(java.io.InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }

  @Test
  void cliInAChildJvm_onAFileAnotherJvmIsWriting() throws Exception {
    Path file = dir.resolve("busy.sqlite");
    Path stop = dir.resolve("stop");
    Process writer = java(WriterMain.class.getName(), file.toString(), stop.toString());
    try {
      BufferedReader lines =
          new BufferedReader(
              new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8));
      assertThat(lines.readLine()).isEqualTo("ready");

      for (int round = 0; round < 2; round++) {
        Process cli = java(Cli.class.getName(), "verify", file.toString(), "--json");
        String out = read(cli.getInputStream());
        String err = read(cli.getErrorStream());
        assertThat(cli.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(cli.exitValue()).as(out + err).isZero();
        Map<String, Object> report = Fixture.json(out);
        assertThat(report).containsEntry("healthy", true);

        CliRun inspect = CliRun.run("inspect", file.toString(), "--json");
        assertThat(inspect.code()).as(inspect.toString()).isZero();
        CliRun log = CliRun.run("log", file.toString(), "--limit", "5", "--json");
        assertThat(log.code()).as(log.toString()).isZero();
        assertThat(log.out().lines()).hasSize(5);
        CliRun verify = CliRun.run("verify", file.toString());
        assertThat(verify.code()).as(verify.toString()).isZero();
      }
      assertThat(writer.isAlive()).as("the writer is still writing").isTrue();
    } finally {
      Files.writeString(stop, "stop");
      assertThat(writer.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(writer.exitValue()).as(read(writer.getErrorStream())).isZero();
    CliRun after = CliRun.run("verify", file.toString());
    assertThat(after.code()).as(after.toString()).isZero();
  }

  @Test
  void mainExitsWithTheCode_problemsAreOneLineWithoutStackTrace() throws Exception {
    Path missing = dir.resolve("missing.sqlite");
    Process cli = java(Cli.class.getName(), "verify", missing.toString());
    String out = read(cli.getInputStream());
    String err = read(cli.getErrorStream());
    assertThat(cli.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(cli.exitValue()).isEqualTo(2);
    assertThat(out).isEmpty();
    assertThat(err.strip()).isEqualTo("eventsourced: no such file: " + missing);
  }
}
