package dev.eventsourced.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventsourced.server.testing.Events;
import dev.eventsourced.server.testing.Http;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runnable server's options and its main. */
class CommandLineTest {

  @TempDir Path tempDir;

  @Test
  void noOptions_givesTheDefaults() {
    CommandLine options = CommandLine.parse(new String[0], Map.of());

    assertThat(options.help()).isFalse();
    assertThat(options.store()).isEqualTo("sqlite:./events.db");
    assertThat(options.host()).isEqualTo("0.0.0.0");
    assertThat(options.port()).isEqualTo(8787);
    assertThat(options.basePath()).isEqualTo("/api/events");
    assertThat(options.tokens()).isEmpty();
    assertThat(options.maxBodyBytes()).isEqualTo(4 * 1024 * 1024);
    assertThat(options.maxWait()).isEqualTo(Duration.ofSeconds(30));
    assertThat(options.inspector()).isTrue();
  }

  @Test
  void inspector_canBeTurnedOff() {
    assertThat(CommandLine.parse(new String[] {"--inspector", "off"}, Map.of()).inspector())
        .isFalse();
    assertThatThrownBy(() -> CommandLine.parse(new String[] {"--inspector", "no"}, Map.of()))
        .isInstanceOf(ServerConfigException.class)
        .hasMessage("option --inspector must be on or off, got 'no'");
  }

  @Test
  void everyOption_isRead_inBothSpellings() throws IOException {
    Path tokens =
        Files.writeString(tempDir.resolve("tokens.txt"), "# devices\nt-file-1\n\n  t-file-2  \n");

    CommandLine options =
        CommandLine.parse(
            new String[] {
              "--store",
              "postgresql://h/db",
              "--host=127.0.0.1",
              "--port",
              "0",
              "--base-path",
              "/sync",
              "--token",
              "t-arg",
              "--token-file",
              tokens.toString(),
              "--max-body-bytes=1000",
              "--max-wait-seconds",
              "5"
            },
            Map.of(CommandLine.TOKENS_ENV, "t-env-1, t-env-2"));

    assertThat(options.store()).isEqualTo("postgresql://h/db");
    assertThat(options.host()).isEqualTo("127.0.0.1");
    assertThat(options.port()).isZero();
    assertThat(options.basePath()).isEqualTo("/sync");
    assertThat(options.tokens())
        .containsExactly("t-arg", "t-file-1", "t-file-2", "t-env-1", "t-env-2");
    assertThat(options.maxBodyBytes()).isEqualTo(1000);
    assertThat(options.maxWait()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void wrongOptions_areNamedWithTheFix() {
    assertThatThrownBy(() -> CommandLine.parse(new String[] {"--prot", "1"}, Map.of()))
        .isInstanceOf(ServerConfigException.class)
        .hasMessage("unknown option --prot; see --help for the options");
    assertThatThrownBy(() -> CommandLine.parse(new String[] {"--port", "http"}, Map.of()))
        .hasMessage("option --port must be a whole number in 0..65535, got 'http'");
    assertThatThrownBy(() -> CommandLine.parse(new String[] {"--store"}, Map.of()))
        .hasMessageContaining("option --store needs a value, e.g. --store sqlite:./events.db");
    assertThatThrownBy(
            () ->
                CommandLine.parse(
                    new String[] {"--token-file", tempDir.resolve("none").toString()}, Map.of()))
        .hasMessageContaining("cannot read --token-file");
    assertThatThrownBy(() -> CommandLine.parse(new String[] {"serve"}, Map.of()))
        .hasMessageContaining("unexpected argument 'serve'");
  }

  @Test
  void help_printsUsageAndExitsZero() throws Exception {
    Process process = java("--help");

    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isZero();
    assertThat(out)
        .startsWith("Usage: java -jar eventsourced-server.jar [options]")
        .contains("--store LOCATION", "--token TOKEN");
  }

  @Test
  void wrongOption_printsTheProblemAndExitsTwo() throws Exception {
    Process process = java("--port", "nope");

    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(err)
        .contains(
            "eventsourced-server: option --port must be a whole number in 0..65535, got 'nope'");
  }

  @Test
  void startFromOptions_servesTheProtocolWithTheConfiguredToken() {
    CommandLine options =
        CommandLine.parse(
            new String[] {
              "--store",
              "sqlite:" + tempDir.resolve("cli.db"),
              "--host",
              "127.0.0.1",
              "--port",
              "0",
              "--token",
              "abc"
            },
            Map.of());

    try (SyncServer server = SyncServerMain.start(options)) {
      assertThat(new Http(server.eventsUri()).pull("").status()).isEqualTo(401);
      assertThat(
              new Http(server.eventsUri(), "abc")
                  .push(Events.json(Events.inserts("todos", "t", 1)))
                  .status())
          .isEqualTo(200);
    }
    assertThat(tempDir.resolve("cli.db")).exists();
  }

  private static Process java(String... args) throws IOException {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                SyncServerMain.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).start();
  }
}
