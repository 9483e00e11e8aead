/**
 * What the runtime throws: unchecked, typed, every one a {@link
 * dev.eventsourced.db.exception.EventSourcedException}, with messages that name the problem and the
 * fix.
 */
package dev.eventsourced.db.exception;
