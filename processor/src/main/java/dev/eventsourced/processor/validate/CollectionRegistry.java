package dev.eventsourced.processor.validate;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The collection ids and table names claimed so far in this compilation, across rounds, so that a
 * second record claiming one is reported. Under incremental compilation (Gradle) only the records
 * being recompiled are seen; the runtime checks again when a database opens.
 */
public final class CollectionRegistry {

  private final Map<String, String> ids = new HashMap<>();
  private final Map<String, String> tables = new HashMap<>();

  /** The record that claimed {@code id} before {@code record}, or null; claims it otherwise. */
  String claimId(String id, String record) {
    return claim(ids, id, record);
  }

  /** As {@link #claimId} for table names, which SQLite compares case-insensitively. */
  String claimTable(String table, String record) {
    return claim(tables, table.toLowerCase(Locale.ROOT), record);
  }

  private static String claim(Map<String, String> claims, String name, String record) {
    String owner = claims.putIfAbsent(name, record);
    return owner == null || owner.equals(record) ? null : owner;
  }
}
