/**
 * Devtools: a web inspector for an open database ({@link dev.eventsourced.devtools.Inspector}) and
 * a command line for database files.
 */
package dev.eventsourced.devtools;
