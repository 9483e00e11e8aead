/** Devtools: a web inspector for an open database and a command line for database files. */
package dev.eventsourced.devtools;
