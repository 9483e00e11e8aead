/**
 * EventSourced DB: SQLite state, the global event log, queries, live queries and sync.
 *
 * <p>An app module needs {@code requires dev.eventsourced.db;} (which brings the annotations, the
 * protocol, Jackson's streaming API and {@code java.sql}, as the generated code uses them). The
 * generated collections are found with {@link java.util.ServiceLoader}: a named module's {@code
 * META-INF/services} files are ignored, so an app module declares its collections, one per
 * {@code @Collection} record:
 *
 * <pre>{@code
 * module com.example.app {
 *   requires dev.eventsourced.db;
 *   provides dev.eventsourced.db.spi.CollectionDefinition with com.example.Todo_Collection;
 * }
 * }</pre>
 *
 * <p>or names them when opening, {@code EventSourcedDb.builder().collections(
 * TodoRepository.COLLECTION)}. The {@code dev.eventsourced.db.internal} packages are not exported,
 * except the inspector's introspection, to the devtools module alone.
 */
// "module": the devtools module that the inspector package is exported to is compiled later.
@SuppressWarnings("module")
module dev.eventsourced.db {
  requires transitive dev.eventsourced.annotations;
  requires transitive dev.eventsourced.protocol;
  requires transitive com.fasterxml.jackson.core;
  requires transitive java.sql;
  requires transitive java.net.http;
  requires org.xerial.sqlitejdbc;

  exports dev.eventsourced.db;
  exports dev.eventsourced.db.event;
  exports dev.eventsourced.db.exception;
  exports dev.eventsourced.db.live;
  exports dev.eventsourced.db.spi;
  exports dev.eventsourced.db.sync;
  // Read-only introspection (and the two repair actions) for the web inspector only.
  exports dev.eventsourced.db.internal.inspect to
      dev.eventsourced.devtools;

  uses dev.eventsourced.db.spi.CollectionDefinition;
}
