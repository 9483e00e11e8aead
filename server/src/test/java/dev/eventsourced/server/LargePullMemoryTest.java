package dev.eventsourced.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventsourced.server.testing.Events;
import dev.eventsourced.server.testing.Http;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server in its own JVM with a 256 MiB heap holds 40 events of ~4 MB (just under the body limit)
 * and answers 4 pullers asking for {@code limit=1000} at once: pages bounded by bytes and written
 * as a stream keep each pull's memory to a few events, where a page of every event (160 MB, plus
 * its body) would exhaust the heap.
 */
class LargePullMemoryTest {

  private static final int EVENTS = 40;
  private static final int PAYLOAD_CHARS = 4_000_000;

  @TempDir Path tempDir;

  @Test
  void pullsOfManyLargeEvents_fitIn256MiB() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Process server =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                SyncServerMain.class.getName(),
                "--store",
                "sqlite:" + tempDir.resolve("events.db"),
                "--host",
                "127.0.0.1",
                "--port",
                String.valueOf(port))
            .redirectErrorStream(true)
            .redirectOutput(tempDir.resolve("server.log").toFile())
            .start();
    try {
      URI base = URI.create("http://127.0.0.1:" + port);
      Http http = new Http(base.resolve(SyncServer.DEFAULT_BASE_PATH));
      awaitHealthy(http, base);
      Set<String> pushed = ConcurrentHashMap.newKeySet();
      String blob = "x".repeat(PAYLOAD_CHARS);
      for (int i = 0; i < EVENTS; i++) {
        ObjectNode event = Events.insert("files", "f" + i);
        event.putObject("payload").put("blob", blob);
        Http.Response response = http.push(Events.json(Events.batch(event)));
        assertThat(response.status()).as("push %d: %s", i, response).isEqualTo(200);
        pushed.add(event.get("eventId").asText());
      }

      ExecutorService pullers = Executors.newFixedThreadPool(4);
      List<Future<List<String>>> results = new ArrayList<>();
      for (int p = 0; p < 4; p++) {
        results.add(
            pullers.submit(
                () -> {
                  List<String> ids = new ArrayList<>();
                  String cursor = "0";
                  while (true) {
                    Http.Response response = http.pull("since=" + cursor + "&limit=1000");
                    assertThat(response.status())
                        .as("pull since %s: %s", cursor, response.status())
                        .isEqualTo(200);
                    JsonNode page = response.json();
                    for (JsonNode event : page.get("events")) {
                      assertThat(event.get("payload").get("blob").asText()).hasSize(PAYLOAD_CHARS);
                      ids.add(event.get("eventId").asText());
                    }
                    cursor = page.get("cursor").asText();
                    if (!page.get("hasMore").asBoolean()) {
                      return ids;
                    }
                  }
                }));
      }
      for (Future<List<String>> result : results) {
        List<String> ids = result.get(120, TimeUnit.SECONDS);
        assertThat(ids).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(pushed);
      }
      pullers.shutdown();
      assertThat(server.isAlive()).isTrue();
    } finally {
      server.destroy();
      if (!server.waitFor(10, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
  }

  private static void awaitHealthy(Http http, URI base) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      try {
        if (http.get(base.resolve(SyncServer.HEALTH_PATH)).status() == 200) {
          return;
        }
      } catch (RuntimeException notYet) {
        if (System.nanoTime() > deadline) {
          throw notYet;
        }
      }
      Thread.sleep(100);
    }
  }
}
