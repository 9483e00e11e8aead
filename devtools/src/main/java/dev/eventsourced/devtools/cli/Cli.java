package dev.eventsourced.devtools.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line for EventSourced DB files: {@code java -jar
 * eventsourced-devtools-VERSION-all.jar COMMAND FILE [options]}.
 *
 * <ul>
 *   <li>{@code inspect FILE}: collections, row counts, schema versions, the log's counts, the pull
 *       cursor, the client id, the storage format, the file's size;
 *   <li>{@code log FILE}: the event log, filtered;
 *   <li>{@code verify FILE}: compares every state table with the fold of its events;
 *   <li>{@code export FILE}: the events as NDJSON;
 *   <li>{@code import FILE}: appends NDJSON events to a file's log (the only command that writes).
 * </ul>
 *
 * <p>Exit codes: 0 done (for {@code verify}: every table equals its fold); 1 {@code verify} found a
 * difference; 2 a usage error (then the usage is on stderr), or a problem with the file or the
 * input (one line on stderr naming it; {@code --debug} adds the stack trace).
 */
public final class Cli {

  /** Done; for {@code verify}, nothing differs. */
  public static final int EXIT_OK = 0;

  /** {@code verify} found a row that differs from the fold of its events. */
  public static final int EXIT_DIFFERENCE = 1;

  /** A usage error, or a problem with the file or the input. */
  public static final int EXIT_TROUBLE = 2;

  private static final Map<String, Command> COMMANDS = new LinkedHashMap<>();

  static {
    for (Command command :
        List.of(new Inspect(), new LogCommand(), new Verify(), new Export(), new Import())) {
      COMMANDS.put(command.name(), command);
    }
  }

  private Cli() {}

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    int code = run(args, System.in, out, err);
    out.flush();
    System.exit(code);
  }

  /**
   * Runs the command line with the given streams, without exiting.
   *
   * @return the exit code: {@link #EXIT_OK}, {@link #EXIT_DIFFERENCE} or {@link #EXIT_TROUBLE}
   */
  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    List<String> rest = new ArrayList<>(Arrays.asList(args));
    boolean debug = rest.remove("--debug");
    boolean help = rest.remove("--help") | rest.remove("-h");
    Command command = null;
    try {
      if (rest.isEmpty()) {
        if (help) {
          out.print(usage());
          out.flush();
          return EXIT_OK;
        }
        throw CliException.usage("no command given");
      }
      String name = rest.remove(0);
      if (name.equals("help")) {
        if (rest.isEmpty()) {
          out.print(usage());
        } else {
          Command asked = COMMANDS.get(rest.get(0));
          if (asked == null) throw CliException.usage("unknown command '" + rest.get(0) + "'");
          out.print(asked.help());
        }
        out.flush();
        return EXIT_OK;
      }
      if (name.equals("--version") || name.equals("version")) {
        out.println("eventsourced-devtools " + version());
        out.flush();
        return EXIT_OK;
      }
      command = COMMANDS.get(name);
      if (command == null) {
        throw CliException.usage(
            name.startsWith("-")
                ? "unknown option " + name + " (options come after the command)"
                : "unknown command '" + name + "'");
      }
      if (help) {
        out.print(command.help());
        out.flush();
        return EXIT_OK;
      }
      Options options = Options.parse(rest, command.flags(), command.valueOptions());
      int code = command.run(options, new Command.Io(in, out, err));
      out.flush();
      return code;
    } catch (CliException e) {
      out.flush();
      err.println("eventsourced: " + e.getMessage());
      if (e.isUsage()) {
        err.println();
        err.print(command == null ? usage() : command.help());
      }
      if (debug && e.getCause() != null) e.getCause().printStackTrace(err);
      err.flush();
      return e.exitCode();
    } catch (SQLException | IOException | RuntimeException e) {
      out.flush();
      err.println(
          "eventsourced: "
              + (command == null ? "" : command.name() + " failed: ")
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + (debug ? "" : " (run with --debug for the stack trace)"));
      if (debug) e.printStackTrace(err);
      err.flush();
      return EXIT_TROUBLE;
    }
  }

  /** The general usage: the commands and the exit codes. */
  static String usage() {
    StringBuilder text =
        new StringBuilder(
            "Usage: eventsourced COMMAND FILE [options]\n"
                + "       java -jar eventsourced-devtools-"
                + version()
                + "-all.jar COMMAND FILE [options]\n\n"
                + "Looks into an EventSourced DB file without the app: read-only (except import),\n"
                + "also while another process has it open.\n\n"
                + "Commands:\n");
    for (Command command : COMMANDS.values()) {
      text.append(String.format("  %-8s %s%n", command.name(), command.summary()));
    }
    text.append(
        "\nOptions of every command:\n"
            + "  --json     machine-readable output (see each command's --help)\n"
            + "  --debug    print the stack trace of a failure\n"
            + "  -h, --help print help (COMMAND --help: that command's)\n\n"
            + "Exit codes: 0 done (verify: no difference), 1 verify found a difference,\n"
            + "            2 usage error, or a problem with the file or the input.\n");
    return text.toString();
  }

  static String version() {
    String version = Cli.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
