package dev.eventsourced.devtools.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Set;

/** One subcommand of {@link Cli}. */
interface Command {

  /** Where a command reads and writes. */
  record Io(InputStream in, PrintStream out, PrintStream err) {

    /** A JSON generator on {@link #out}, indented; the caller closes it (which flushes only). */
    JsonGenerator json() throws IOException {
      JsonGenerator json =
          Json.FACTORY.createGenerator(new NonClosing(out)).useDefaultPrettyPrinter();
      return json;
    }
  }

  /** The command's name, e.g. {@code inspect}. */
  String name();

  /** One line: what it does. */
  String summary();

  /** Its full help: synopsis, options, output, exit codes. */
  String help();

  /**
   * The flags it takes besides {@code --help} and {@code --debug}: {@code --json}, which every
   * command accepts.
   */
  default Set<String> flags() {
    return Set.of("--json");
  }

  /** The options with a value it takes; none unless it says. */
  default Set<String> valueOptions() {
    return Set.of();
  }

  /**
   * Runs the command.
   *
   * @return the exit code
   */
  int run(Options options, Io io) throws CliException, IOException, SQLException;

  /** The one positional argument, the database file. */
  static Path file(Options options) throws CliException {
    if (options.positional().isEmpty()) throw CliException.usage("the database FILE is missing");
    if (options.positional().size() > 1) {
      throw CliException.usage(
          "unexpected argument '" + options.positional().get(1) + "' after the FILE");
    }
    return Path.of(options.positional().get(0));
  }

  /** An output stream whose close only flushes (so that closing a generator keeps stdout open). */
  final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(java.io.OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      out.write(bytes, offset, length);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
