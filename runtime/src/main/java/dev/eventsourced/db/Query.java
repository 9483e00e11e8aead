package dev.eventsourced.db;

/** Stub: being written. */
public final class Query<T> {}
