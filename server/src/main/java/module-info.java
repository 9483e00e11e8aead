/**
 * The reference sync server: the push/pull endpoints, long-polls and server-sent events over
 * Javalin (Jetty), and the event stores (SQLite embedded, PostgreSQL for production).
 *
 * <p>To embed it, {@code requires dev.eventsourced.server;} and start a {@code SyncServer}, or
 * mount the endpoints into a Javalin app of your own ({@code SyncServer.mount}); Javalin's API and
 * the wire format's types come with it. To run it: {@code java -p <jars> -m
 * dev.eventsourced.server/dev.eventsourced.server.SyncServerMain --help}, or the {@code -all} jar.
 */
module dev.eventsourced.server {
  requires transitive dev.eventsourced.protocol;
  requires transitive io.javalin;
  requires com.fasterxml.jackson.core;
  requires com.zaxxer.hikari;
  requires java.net.http;
  requires java.sql;
  requires org.eclipse.jetty.http;
  requires org.eclipse.jetty.io;
  requires org.eclipse.jetty.server;
  requires org.eclipse.jetty.util;
  requires org.postgresql.jdbc;
  requires org.slf4j;
  requires org.xerial.sqlitejdbc;

  exports dev.eventsourced.server;
}
