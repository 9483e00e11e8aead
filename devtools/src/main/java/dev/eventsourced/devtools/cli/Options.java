package dev.eventsourced.devtools.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One command's arguments: its positional arguments and its options, {@code --name value} or {@code
 * --name=value} for an option with a value, {@code --name} for a flag. Unknown options are usage
 * errors.
 */
final class Options {

  private final List<String> positional;
  private final Map<String, String> values;
  private final Set<String> flags;

  private Options(List<String> positional, Map<String, String> values, Set<String> flags) {
    this.positional = positional;
    this.values = values;
    this.flags = flags;
  }

  /**
   * Parses {@code args} (after the command name).
   *
   * @param flagNames the flags the command takes, e.g. {@code --json}
   * @param valueNames the options with a value the command takes, e.g. {@code --key}
   */
  static Options parse(List<String> args, Set<String> flagNames, Set<String> valueNames)
      throws CliException {
    List<String> positional = new ArrayList<>();
    Map<String, String> values = new HashMap<>();
    Set<String> flags = new HashSet<>();
    boolean onlyPositional = false;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (onlyPositional || !arg.startsWith("--") || arg.equals("-")) {
        if (!onlyPositional && arg.startsWith("-") && !arg.equals("-")) {
          throw CliException.usage("unknown option " + arg);
        }
        positional.add(arg);
        continue;
      }
      if (arg.equals("--")) {
        onlyPositional = true;
        continue;
      }
      String name = arg;
      String value = null;
      int equals = arg.indexOf('=');
      if (equals > 0) {
        name = arg.substring(0, equals);
        value = arg.substring(equals + 1);
      }
      if (flagNames.contains(name)) {
        if (value != null) throw CliException.usage("option " + name + " takes no value");
        flags.add(name);
      } else if (valueNames.contains(name)) {
        if (value == null) {
          if (i + 1 >= args.size()) throw CliException.usage("option " + name + " needs a value");
          value = args.get(++i);
        }
        if (values.put(name, value) != null) {
          throw CliException.usage("option " + name + " is given twice");
        }
      } else {
        throw CliException.usage("unknown option " + name);
      }
    }
    return new Options(positional, values, flags);
  }

  List<String> positional() {
    return positional;
  }

  boolean flag(String name) {
    return flags.contains(name);
  }

  String value(String name) {
    return values.get(name);
  }

  /** The option's value as a number of at least {@code min}, or {@code null} when not given. */
  Long number(String name, long min) throws CliException {
    String text = values.get(name);
    if (text == null) return null;
    long value;
    try {
      value = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw CliException.usage("option " + name + " needs a whole number, got '" + text + "'");
    }
    if (value < min) {
      throw CliException.usage("option " + name + " must be at least " + min + ", got " + value);
    }
    return value;
  }
}
