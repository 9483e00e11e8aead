package dev.eventsourced.server;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Jetty's hook after every response — ours, and Jetty's own refusals before any route runs: one
 * structured log line per request (logger {@value #LOGGER}, INFO, key-value pairs) and the HTTP and
 * per-operation counters of {@link ServerMetrics}.
 */
final class HttpRequestLog implements RequestLog {

  /** The logger of the request lines; set it to WARN (or turn the log off) to silence them. */
  static final String LOGGER = "dev.eventsourced.server.requests";

  private final ServerMetrics metrics;
  private final boolean logRequests;
  private final String basePath;
  private final Logger log;

  /**
   * @param metrics where to count, or {@code null}
   * @param logRequests whether to write a line per request
   * @param log the logger, or {@code null} for {@value #LOGGER}
   */
  HttpRequestLog(ServerMetrics metrics, boolean logRequests, String basePath, Logger log) {
    this.log = log != null ? log : LoggerFactory.getLogger(LOGGER);
    this.metrics = metrics;
    this.logRequests = logRequests;
    this.basePath = basePath;
  }

  @Override
  public void log(Request request, Response response) {
    long nanos = System.nanoTime() - request.getBeginNanoTime();
    int status = response.getStatus();
    String method = request.getMethod();
    String path = request.getHttpURI().getPath();
    long bytesIn = Request.getContentBytesRead(request);
    long bytesOut = Response.getContentBytesWritten(response);
    Object operation = request.getAttribute(RequestFacts.OPERATION);
    Object events = request.getAttribute(RequestFacts.EVENTS);
    if (metrics != null) {
      metrics.request(method, route(path), status, nanos);
      if (status == 200 && events instanceof Integer) {
        if ("push".equals(operation)) {
          metrics.pushes.increment();
          metrics.pushEvents.add((Integer) events);
          metrics.pushBytes.add(bytesIn);
        } else if ("pull".equals(operation)) {
          metrics.pulls.increment();
          metrics.pullEvents.add((Integer) events);
          metrics.pullBytes.add(bytesOut);
        }
      }
    }
    if (logRequests && log.isInfoEnabled()) {
      LoggingEventBuilder line =
          log.atInfo()
              .addKeyValue("method", method)
              .addKeyValue("path", path)
              .addKeyValue("status", status)
              .addKeyValue("durationMs", Math.round(nanos / 10_000.0) / 100.0)
              .addKeyValue("bytesIn", bytesIn)
              .addKeyValue("bytesOut", bytesOut);
      if (events != null) {
        line = line.addKeyValue("events", events);
      }
      Object subject = request.getAttribute(RequestFacts.SUBJECT);
      if (subject != null) {
        line = line.addKeyValue("subject", subject);
      }
      Object client = request.getAttribute(RequestFacts.CLIENT);
      if (client != null) {
        line = line.addKeyValue("clientId", client);
      }
      line.addKeyValue("remote", Request.getRemoteAddr(request)).log("request");
    }
  }

  private String route(String path) {
    if (basePath.equals(path)) {
      return "events";
    }
    if (SyncServer.HEALTH_PATH.equals(path)) {
      return "health";
    }
    if (SyncServer.METRICS_PATH.equals(path)) {
      return "metrics";
    }
    return "other";
  }
}
