package dev.eventsourced.server;

import dev.eventsourced.protocol.Rejection;
import dev.eventsourced.protocol.SyncJson;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** {@code GET /metrics}: the Prometheus text, behind the authenticator when so configured. */
final class MetricsEndpoint {

  private MetricsEndpoint() {}

  /**
   * @param authenticator checks the scraper's token, or {@code null} for an open endpoint
   */
  static void serve(Context ctx, ServerMetrics metrics, Authenticator authenticator) {
    if (authenticator != null) {
      Authenticator.Result result =
          authenticator.authenticate(
              new SyncHttpRequest() {
                @Override
                public String method() {
                  return ctx.method().name();
                }

                @Override
                public String path() {
                  return ctx.path();
                }

                @Override
                public String header(String name) {
                  return ctx.header(name);
                }

                @Override
                public String rawQuery() {
                  return ctx.req().getQueryString();
                }

                @Override
                public java.io.InputStream body() {
                  return java.io.InputStream.nullInputStream();
                }
              });
      if (!result.allowed()) {
        SyncServer.write(
            ctx,
            new SyncHttpResponse(
                401,
                SyncJson.writeError(
                    "unauthorized", List.of(Rejection.ofRequest("Authorization", result.reason()))),
                Map.of("WWW-Authenticate", "Bearer realm=\"eventsourced\"")));
        return;
      }
    }
    ctx.status(200);
    ctx.contentType(ServerMetrics.CONTENT_TYPE);
    ctx.result(metrics.scrape().getBytes(StandardCharsets.UTF_8));
  }
}
