/**
 * The sync protocol's wire format, shared by the runtime and the server: events, confirmations,
 * rejections, pull pages, the validation rules and the streaming JSON codec.
 */
module dev.eventsourced.protocol {
  requires transitive com.fasterxml.jackson.core;

  exports dev.eventsourced.protocol;
}
