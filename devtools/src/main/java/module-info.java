/**
 * EventSourced DB devtools: the web inspector an app starts on its open database ({@code
 * dev.eventsourced.devtools.Inspector}), served with the JDK's HTTP server, and the command line.
 */
module dev.eventsourced.devtools {
  requires transitive dev.eventsourced.db;
  requires jdk.httpserver;

  exports dev.eventsourced.devtools;
}
