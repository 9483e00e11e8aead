package dev.eventsourced.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;

/**
 * The text of the PostgreSQL {@code NOTIFY} an append sends: the new last seq, then the commit's
 * collections as a JSON array ({@code 1234 ["todos","users"]}), so that every instance wakes only
 * the long-polls the commit concerns. When the array would pass PostgreSQL's payload limit it is
 * left out, and a bare seq means "any collection", as older servers sent it.
 */
final class NotifyPayload {

  /** PostgreSQL refuses payloads of 8,000 bytes or more; leave room for the seq. */
  static final int MAX_COLLECTIONS_BYTES = 7_000;

  private static final JsonFactory JSON = new JsonFactory();

  /** A commit up to {@code seq} of {@code collections} ({@code null}: not known). */
  record Commit(long seq, Set<String> collections) {}

  private NotifyPayload() {}

  static String write(long seq, Set<String> collections) {
    StringWriter text = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(text)) {
      json.writeStartArray();
      for (String collection : collections) {
        json.writeString(collection);
      }
      json.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to a string cannot fail", e);
    }
    String array = text.toString();
    // the bound is on bytes; UTF-8 is at most 3 bytes per char of a Java string's BMP text
    return array.length() * 3 < MAX_COLLECTIONS_BYTES ? seq + " " + array : Long.toString(seq);
  }

  /** The commit a payload announces, or {@code null} when it is not one of ours. */
  static Commit read(String payload) {
    if (payload == null) {
      return null;
    }
    int space = payload.indexOf(' ');
    long seq;
    try {
      seq = Long.parseLong(space < 0 ? payload : payload.substring(0, space));
    } catch (NumberFormatException e) {
      return null;
    }
    if (space < 0) {
      return new Commit(seq, null);
    }
    try (JsonParser json = JSON.createParser(payload.substring(space + 1))) {
      if (json.nextToken() != JsonToken.START_ARRAY) {
        return new Commit(seq, null);
      }
      Set<String> collections = new HashSet<>();
      while (json.nextToken() == JsonToken.VALUE_STRING) {
        collections.add(json.getText());
      }
      return json.currentToken() == JsonToken.END_ARRAY
          ? new Commit(seq, collections)
          : new Commit(seq, null);
    } catch (IOException e) {
      return new Commit(seq, null); // a seq with a damaged list: wake every long-poll
    }
  }
}
