/**
 * Read-only introspection of an open database for tools, and the two repair actions they offer:
 * exported only to the devtools module ({@code dev.eventsourced.devtools}), never to applications.
 */
package dev.eventsourced.db.internal.inspect;
