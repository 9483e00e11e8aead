/**
 * The command line for database files: {@code inspect}, {@code log}, {@code verify}, {@code export}
 * and {@code import}, run by {@link dev.eventsourced.devtools.cli.Cli}. It needs no app classes: it
 * reads the SQLite file directly, read-only (only {@code import} writes), and every SQL statement
 * on the file's {@code _events} and {@code _meta} tables is in {@code DatabaseFile}.
 */
package dev.eventsourced.devtools.cli;
