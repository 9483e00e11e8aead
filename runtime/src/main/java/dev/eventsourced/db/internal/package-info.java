/** The runtime's implementation; not API. Its packages depend on the public ones, never back. */
package dev.eventsourced.db.internal;
