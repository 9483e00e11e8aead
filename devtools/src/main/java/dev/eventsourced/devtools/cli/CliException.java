package dev.eventsourced.devtools.cli;

/**
 * A failure the command line reports as one line on stderr, with an exit code: a usage mistake, a
 * missing file, a file that is not an EventSourced DB, a busy file, bad input.
 */
final class CliException extends Exception {

  private static final long serialVersionUID = 1L;

  private final int exitCode;
  private final boolean usage;

  private CliException(String message, int exitCode, boolean usage, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
    this.usage = usage;
  }

  /** A mistake in the command line itself: the message, then the command's usage. */
  static CliException usage(String message) {
    return new CliException(message, Cli.EXIT_TROUBLE, true, null);
  }

  /** A problem with the file or the input (exit 2). */
  static CliException trouble(String message) {
    return new CliException(message, Cli.EXIT_TROUBLE, false, null);
  }

  /** A problem with the file or the input (exit 2), with its cause for {@code --debug}. */
  static CliException trouble(String message, Throwable cause) {
    return new CliException(message, Cli.EXIT_TROUBLE, false, cause);
  }

  int exitCode() {
    return exitCode;
  }

  boolean isUsage() {
    return usage;
  }
}
