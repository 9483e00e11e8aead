package dev.eventsourced.db.live;

import java.util.List;

/**
 * What a {@link LiveQuery} subscriber receives: the new result and how it differs from the previous
 * one.
 *
 * @param rows the result after the commit (unmodifiable)
 * @param delta turns the previous result into {@code rows}: {@code delta.applyTo(previous)} equals
 *     {@code rows}
 * @param initial whether this is the first update of a subscription, holding the result as it was
 *     when the subscription started (every row {@linkplain Delta#added() added})
 * @param <R> the row type
 */
public record LiveUpdate<R>(List<R> rows, Delta<R> delta, boolean initial) {}
