/**
 * What every stage of the pipeline shares: the shape of supported component types ({@link
 * dev.eventsourced.processor.base.ValueType}, {@link dev.eventsourced.processor.base.Scalar}), how
 * they are stored ({@link dev.eventsourced.processor.base.ColumnKind}), nested records, and the
 * naming rules ({@link dev.eventsourced.processor.base.Names}). Plain data and pure functions; it
 * depends on no other processor package, so that the stages can depend on it and on each other in
 * pipeline order only: {@code parse} &larr; {@code validate}, {@code parse} &larr; {@code model}
 * &larr; {@code write}.
 */
package dev.eventsourced.processor.base;
