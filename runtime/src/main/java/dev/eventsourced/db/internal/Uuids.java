package dev.eventsourced.db.internal;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * UUID version 7 (RFC 9562): 48 bits of epoch milliseconds, then random bits. Ids made later sort
 * later, so the event log's unique index on event ids grows at its end instead of splitting pages
 * at random; and no SecureRandom lock is taken per event.
 */
final class Uuids {

  private Uuids() {}

  public static UUID v7(long epochMillis) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long msb = (epochMillis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
    long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb);
  }
}
