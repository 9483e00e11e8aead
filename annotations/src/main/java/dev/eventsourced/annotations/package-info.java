/**
 * The annotations application code puts on {@code record} types: {@link
 * dev.eventsourced.annotations.Collection}, {@link dev.eventsourced.annotations.Key} and {@link
 * dev.eventsourced.annotations.Index}.
 */
package dev.eventsourced.annotations;
