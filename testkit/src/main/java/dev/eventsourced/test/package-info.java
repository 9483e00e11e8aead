/**
 * A test kit for apps built on EventSourced DB: test your own flows and conflict resolvers against
 * a sync backend that loses, duplicates, delays and reorders deliveries and restarts, all
 * deterministically from one seed.
 *
 * <ul>
 *   <li>{@link dev.eventsourced.test.TestBackend}: an in-memory sync backend keeping the protocol's
 *       contract, one {@link dev.eventsourced.test.TestTransport} per device, helpers to open
 *       devices, {@code settle()} and {@code assertConverged(...)};
 *   <li>{@link dev.eventsourced.test.Faults} and {@link dev.eventsourced.test.Fault}: what the
 *       network does, at random or scheduled;
 *   <li>{@link dev.eventsourced.test.TestClock}: a clock the test moves, which latency advances;
 *   <li>{@link dev.eventsourced.test.EventSourcedExtension}, {@link
 *       dev.eventsourced.test.EventSourcedTest} and {@link dev.eventsourced.test.Seed}: the JUnit 5
 *       wiring: parameters, seed, cleanup.
 * </ul>
 *
 * <p>See the module's README for an example.
 */
package dev.eventsourced.test;
