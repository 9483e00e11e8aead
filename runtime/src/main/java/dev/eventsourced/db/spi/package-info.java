/**
 * What generated code calls: the description of a collection ({@link
 * dev.eventsourced.db.spi.CollectionDefinition}), drafts, and the value rules and codecs of each
 * supported type. Documented and stable, but not for hand use.
 */
package dev.eventsourced.db.spi;
