/**
 * Devtools: a web inspector for an open database ({@link dev.eventsourced.devtools.Inspector}) and
 * a command line for database files ({@code dev.eventsourced.devtools.cli}).
 */
package dev.eventsourced.devtools;
