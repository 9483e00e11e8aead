package dev.eventsourced.server;

/**
 * A setting of the server (command line, builder, store location) is wrong; the message names it
 * and the fix.
 */
public final class ServerConfigException extends SyncServerException {
  private static final long serialVersionUID = 1L;

  public ServerConfigException(String message) {
    super(message);
  }

  public ServerConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
