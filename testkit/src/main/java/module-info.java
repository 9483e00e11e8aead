/**
 * The test kit for app developers' tests: an in-memory sync backend with seeded faults, a clock the
 * test controls, convergence assertions and a JUnit 5 extension.
 */
module dev.eventsourced.test {
  requires transitive dev.eventsourced.db;
  requires transitive org.junit.jupiter.api;

  exports dev.eventsourced.test;
}
