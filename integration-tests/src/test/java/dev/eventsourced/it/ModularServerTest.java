package dev.eventsourced.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventsourced.server.SyncServer;
import java.io.File;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.module.ResolvedModule;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server as a module: its {@code module-info} resolves against its dependencies' modules, and
 * {@code java -p ... -m dev.eventsourced.server/dev.eventsourced.server.SyncServerMain} starts it
 * and serves a push and a pull. It pins the descriptor's {@code requires} (a missing one fails at
 * resolution or with an {@code IllegalAccessError} on the first request) and that the JDBC drivers
 * and the logger are found as services on the module path.
 */
class ModularServerTest {

  @TempDir Path dir;

  @Test
  void serverModule_resolves_andServesOnTheModulePath() throws Exception {
    String modulePath = serverModulePath();
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Path log = dir.resolve("server.log");
    Process server =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-p",
                modulePath,
                "-m",
                "dev.eventsourced.server/dev.eventsourced.server.SyncServerMain",
                "--store",
                "sqlite:" + dir.resolve("events.db"),
                "--host",
                "127.0.0.1",
                "--port",
                String.valueOf(port))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      URI events = URI.create("http://127.0.0.1:" + port + SyncServer.DEFAULT_BASE_PATH);
      HttpClient client = HttpClient.newHttpClient();
      String push =
          """
          [{"eventId":"6f1c2a4e-0b7d-4c1a-9a53-2f0e8d1b7c11","clientId":"c1",\
          "collectionId":"notes","type":"insert","key":"n1","payload":{"id":"n1"},\
          "timestamp":1}]""";
      HttpResponse<String> pushed = awaitUp(client, events, push, server, log);
      assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(200);
      HttpResponse<String> pulled =
          client.send(
              HttpRequest.newBuilder(URI.create(events + "?since=0")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(pulled.statusCode()).isEqualTo(200);
      assertThat(pulled.body()).contains("\"key\":\"n1\"");
    } finally {
      server.destroy();
      server.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /**
   * The server's module and every module it needs, found among this test's class path entries: the
   * explicit modules, and the PostgreSQL driver, an automatic module (adding every automatic module
   * would resolve the test libraries too).
   */
  private static String serverModulePath() throws Exception {
    List<Path> entries = new ArrayList<>();
    Path postgres = location(org.postgresql.Driver.class);
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path path = Path.of(entry);
      if (!Files.exists(path)) {
        continue;
      }
      try {
        for (ModuleReference reference : ModuleFinder.of(path).findAll()) {
          if (!reference.descriptor().isAutomatic() || path.equals(postgres)) {
            entries.add(path);
          }
        }
      } catch (RuntimeException notAModule) {
        // a class path entry no module can be derived from: not one the server needs
      }
    }
    Configuration resolved =
        Configuration.resolveAndBind(
            ModuleFinder.of(entries.toArray(Path[]::new)),
            List.of(ModuleLayer.boot().configuration()),
            ModuleFinder.of(),
            Set.of("dev.eventsourced.server"));
    return resolved.modules().stream()
        .map(ResolvedModule::reference)
        .map(reference -> Path.of(reference.location().orElseThrow()).toString())
        .collect(Collectors.joining(File.pathSeparator));
  }

  private static HttpResponse<String> awaitUp(
      HttpClient client, URI events, String push, Process server, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try {
        return client.send(
            HttpRequest.newBuilder(events)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(push))
                .build(),
            HttpResponse.BodyHandlers.ofString());
      } catch (java.io.IOException notYet) {
        if (!server.isAlive() || System.nanoTime() > deadline) {
          throw new AssertionError(
              "the server did not start on the module path:\n"
                  + Files.readString(log, StandardCharsets.UTF_8),
              notYet);
        }
        Thread.sleep(100);
      }
    }
  }

  private static Path location(Class<?> type) throws Exception {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }
}
