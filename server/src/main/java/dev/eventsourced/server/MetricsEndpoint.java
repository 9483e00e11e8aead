package dev.eventsourced.server;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;

/** {@code GET /metrics}: the Prometheus text, behind the authenticator when so configured. */
final class MetricsEndpoint {

  private MetricsEndpoint() {}

  /**
   * @param authenticator checks the scraper's token, or {@code null} for an open endpoint
   */
  static void serve(Context ctx, ServerMetrics metrics, Authenticator authenticator) {
    if (authenticator != null) {
      // The request adapter and the 401 answer are the sync endpoints' own.
      Authenticator.Result result = authenticator.authenticate(SyncServer.request(ctx));
      if (!result.allowed()) {
        SyncServer.write(ctx, SyncHttpHandler.unauthorized(result));
        return;
      }
    }
    ctx.status(200);
    ctx.contentType(ServerMetrics.CONTENT_TYPE);
    ctx.result(metrics.scrape().getBytes(StandardCharsets.UTF_8));
  }
}
