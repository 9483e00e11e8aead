package dev.eventsourced.db.internal.inspect;

import dev.eventsourced.db.event.Event;
import dev.eventsourced.db.event.Origin;
import dev.eventsourced.db.event.RebuildProgress;
import dev.eventsourced.db.event.SyncStatus;
import dev.eventsourced.db.event.Verification;
import dev.eventsourced.db.internal.AutoSync;
import dev.eventsourced.db.internal.CollectionStore;
import dev.eventsourced.db.internal.Engine;
import dev.eventsourced.db.internal.HistoryStep;
import dev.eventsourced.db.internal.SyncRound;
import dev.eventsourced.db.internal.live.LiveRegistry;
import dev.eventsourced.db.internal.live.OpenLiveQuery;
import dev.eventsourced.db.spi.CollectionDefinition;
import dev.eventsourced.db.spi.ColumnInfo;
import dev.eventsourced.db.sync.SyncState;
import dev.eventsourced.protocol.EventType;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

/**
 * What a tool sees of an open database: its collections and their rows, the event log, one row's
 * history, the outbox and rejected events, the open live queries, sync and {@code verify()}; and,
 * for tools that enable them, retrying rejected events and rebuilding a collection. Everything is
 * read through the database's own stores, on pooled read connections.
 */
public final class Inspection {

  private final Engine engine;

  /** The inspection of {@code engine}'s database. */
  public Inspection(Engine engine) {
    this.engine = Objects.requireNonNull(engine, "engine");
  }

  /** The database file, or {@code null} in memory. */
  public Path path() {
    return engine.config().path();
  }

  /** The database's client id. */
  public String clientId() {
    return engine.clientId();
  }

  /** Whether the database is closed. */
  public boolean isClosed() {
    return engine.isClosed();
  }

  // ---- collections and rows ------------------------------------------------------------------

  /** A collection with its row count. */
  public record CollectionSummary(CollectionDefinition<?, ?> definition, long rows) {
    /** The collection id. */
    public String id() {
      return definition.collectionId();
    }
  }

  /** Every collection of the database, sorted by id, with its row count. */
  public List<CollectionSummary> collections() {
    List<CollectionStore<?, ?>> stores = new ArrayList<>(engine.stores());
    stores.sort(Comparator.comparing(store -> store.definition().collectionId()));
    return engine.read(
        conn -> {
          List<CollectionSummary> summaries = new ArrayList<>();
          for (CollectionStore<?, ?> store : stores) {
            long rows = store.scalar(conn, "SELECT count(*) FROM " + store.table(), List.of());
            summaries.add(new CollectionSummary(store.definition(), rows));
          }
          return summaries;
        });
  }

  /** The definition of {@code collectionId}, or {@code null} when the database has none. */
  public CollectionDefinition<?, ?> collection(String collectionId) {
    CollectionStore<?, ?> store = engine.store(collectionId);
    return store == null ? null : store.definition();
  }

  /**
   * Which rows of a collection to show.
   *
   * @param collectionId the collection
   * @param text rows any of whose columns contains this text (case-insensitive for ASCII), or
   *     {@code null} for all
   * @param synced only rows whose {@code SYNCED} column is this, or {@code null} for all
   * @param origin only rows whose {@code ORIGIN} is this, or {@code null} for all
   * @param sortBy a component name, {@code "SYNCED"} or {@code "ORIGIN"}, or {@code null} for the
   *     key
   * @param descending whether to sort in descending order
   * @param offset how many rows to skip
   * @param limit how many rows at most
   */
  public record RowQuery(
      String collectionId,
      String text,
      Boolean synced,
      Origin origin,
      String sortBy,
      boolean descending,
      long offset,
      int limit) {}

  /**
   * A row with its metadata columns.
   *
   * @param key the key in canonical text form
   * @param row the record
   * @param origin who wrote its visible value
   * @param synced whether no pending local event touches it
   */
  public record RowView(String key, Record row, Origin origin, boolean synced) {}

  /**
   * A page of rows.
   *
   * @param rows the rows of the page
   * @param total how many rows match the query in all
   */
  public record RowPage(List<RowView> rows, long total) {}

  /**
   * A page of a collection's rows.
   *
   * @throws IllegalArgumentException when there is no such collection or column
   */
  public RowPage rows(RowQuery query) {
    CollectionStore<?, ?> store = engine.store(query.collectionId());
    if (store == null) {
      throw new IllegalArgumentException("no collection '" + query.collectionId() + "'");
    }
    return rows(store, query);
  }

  private <T extends Record, K> RowPage rows(CollectionStore<T, K> store, RowQuery query) {
    CollectionDefinition<T, K> definition = store.definition();
    StringBuilder where = new StringBuilder(" WHERE 1");
    List<Object> parameters = new ArrayList<>();
    if (query.text() != null && !query.text().isEmpty()) {
      where.append(" AND (");
      String like =
          "%" + query.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
      List<ColumnInfo> columns = definition.columns();
      for (int i = 0; i < columns.size(); i++) {
        if (i > 0) where.append(" OR ");
        where
            .append("CAST(")
            .append(quote(columns.get(i).column()))
            .append(" AS TEXT) LIKE ? ESCAPE '\\'");
        parameters.add(like);
      }
      where.append(")");
    }
    if (query.synced() != null) {
      where.append(query.synced() ? " AND \"_pending\" = 0" : " AND \"_pending\" > 0");
    }
    if (query.origin() != null) {
      where.append(" AND \"_origin\" = ?");
      parameters.add(query.origin().wireName());
    }
    String orderColumn = orderColumn(definition, query.sortBy());
    String direction = query.descending() ? " DESC" : " ASC";
    String order = " ORDER BY " + orderColumn + direction;
    if (!orderColumn.equals(store.keyColumn())) order += ", " + store.keyColumn() + direction;
    String select =
        "SELECT "
            + store.selectColumns()
            + ", \"_origin\", \"_pending\" FROM "
            + store.table()
            + where
            + order
            + " LIMIT ? OFFSET ?";
    List<Object> pageParameters = new ArrayList<>(parameters);
    pageParameters.add(query.limit());
    pageParameters.add(query.offset());
    return engine.read(
        conn -> {
          List<RowView> rows =
              store.listWithMetadata(
                  conn,
                  select,
                  pageParameters,
                  (row, origin, synced) ->
                      new RowView(
                          definition.keyToString(definition.keyOf(row)), row, origin, synced));
          long total =
              store.scalar(conn, "SELECT count(*) FROM " + store.table() + where, parameters);
          return new RowPage(rows, total);
        });
  }

  private static String orderColumn(CollectionDefinition<?, ?> definition, String sortBy) {
    if (sortBy == null || sortBy.isEmpty()) {
      return quote(definition.columns().get(definition.keyColumn()).column());
    }
    switch (sortBy.toUpperCase(Locale.ROOT)) {
      case "SYNCED":
        return "(\"_pending\" = 0)";
      case "ORIGIN":
        return "\"_origin\"";
      default:
        for (ColumnInfo column : definition.columns()) {
          if (column.component().equals(sortBy)) return quote(column.column());
        }
        throw new IllegalArgumentException(
            "collection '" + definition.collectionId() + "' has no column '" + sortBy + "'");
    }
  }

  private static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  // ---- the event log -------------------------------------------------------------------------

  /**
   * Which events to show; a {@code null} condition matches every event.
   *
   * @param collectionId the collection
   * @param key the row's key, in canonical text form
   * @param type insert, update or delete
   * @param origin local or remote
   * @param status pending, synced or rejected
   * @param beforeLocalSeq only events before this position ({@link Long#MAX_VALUE} for the newest)
   * @param limit how many at most
   */
  public record EventQuery(
      String collectionId,
      String key,
      EventType type,
      Origin origin,
      SyncStatus status,
      long beforeLocalSeq,
      int limit) {}

  /** The events matching {@code query}, newest first. */
  public List<Event> events(EventQuery query) {
    return engine
        .eventLog()
        .find(
            query.collectionId(),
            query.key(),
            query.type(),
            query.origin(),
            query.status(),
            query.beforeLocalSeq(),
            query.limit());
  }

  /** The number of events in the log. */
  public long eventCount() {
    return engine.eventLog().size();
  }

  /** The highest local sequence number, or 0 for an empty log. */
  public long lastLocalSeq() {
    return engine.eventLog().lastLocalSeq();
  }

  /** The number of pending events (the outbox). */
  public long pendingCount() {
    return engine.eventLog().pendingCount();
  }

  /** The number of local events the server rejected. */
  public long rejectedCount() {
    return engine.eventLog().rejectedCount();
  }

  /**
   * Every event that touched one row, in fold order, with the row after each.
   *
   * @throws IllegalArgumentException when there is no such collection
   */
  public List<HistoryEntry> history(String collectionId, String key) {
    CollectionStore<?, ?> store = engine.store(collectionId);
    if (store == null) throw new IllegalArgumentException("no collection '" + collectionId + "'");
    List<HistoryStep> steps = engine.read(conn -> store.history(conn, key));
    List<HistoryEntry> entries = new ArrayList<>(steps.size());
    for (HistoryStep step : steps) {
      entries.add(new HistoryEntry(step.event(), step.rowAfter(), step.folded(), step.note()));
    }
    return entries;
  }

  /**
   * One event of a row's history, in fold order, with the row the fold leaves after it.
   *
   * @param event the event
   * @param rowAfter the row after it, or {@code null} when there is none
   * @param folded whether the fold applied it (not a rejected local event, not unreadable)
   * @param note why it was not folded, or {@code null}
   */
  public record HistoryEntry(Event event, Record rowAfter, boolean folded, String note) {}

  // ---- live queries, sync, verify ------------------------------------------------------------

  /** The open live queries (none when the database never opened one). */
  public List<LiveQueryInfo> liveQueries() {
    LiveRegistry registry = engine.attachmentIfPresent(LiveRegistry.class);
    if (registry == null) return List.of();
    List<LiveQueryInfo> queries = new ArrayList<>();
    for (OpenLiveQuery query : registry.openQueries()) {
      queries.add(
          new LiveQueryInfo(
              query.description(),
              new TreeSet<>(query.collections()),
              query.subscribers(),
              query.rows(),
              query.lastUpdate()));
    }
    queries.sort(Comparator.comparing(LiveQueryInfo::description));
    return queries;
  }

  /**
   * An open live query.
   *
   * @param description its query, in words
   * @param collections the collections it reads, sorted
   * @param subscribers how many subscribers it has
   * @param rows how many rows its result has
   * @param lastUpdate when its result last changed, or {@code null} when it never did
   */
  public record LiveQueryInfo(
      String description,
      SortedSet<String> collections,
      int subscribers,
      int rows,
      Instant lastUpdate) {}

  /** Where sync stands, or {@code null} when the database has no transport. */
  public SyncState syncState() {
    AutoSync auto = engine.autoSync();
    return auto == null ? null : auto.state().current();
  }

  /** The last sync rounds, newest first (none without a transport). */
  public List<Round> syncRounds() {
    AutoSync auto = engine.autoSync();
    if (auto == null) return List.of();
    List<Round> rounds = new ArrayList<>();
    for (SyncRound round : auto.recentRounds()) {
      rounds.add(
          new Round(
              round.started(),
              round.ended(),
              round.explicit(),
              round.pushed(),
              round.pulled(),
              round.rejected(),
              round.pending(),
              round.cursor(),
              round.error()));
    }
    return rounds;
  }

  /**
   * One sync round.
   *
   * @param started when it started
   * @param ended when it ended
   * @param explicit whether {@code db.sync()} ran it (rather than automatic sync)
   * @param pushed events the server confirmed
   * @param pulled events pulled and applied
   * @param rejected events the server refused
   * @param pending events left in the outbox afterwards, or -1 when the round failed
   * @param cursor the pull cursor afterwards
   * @param error the first error, or {@code null} when it succeeded
   */
  public record Round(
      Instant started,
      Instant ended,
      boolean explicit,
      int pushed,
      int pulled,
      int rejected,
      long pending,
      long cursor,
      String error) {}

  /** Runs {@code verify()}: the fold of the log against the state tables. */
  public Verification verify() {
    return engine.verify();
  }

  // ---- actions -------------------------------------------------------------------------------

  /**
   * Puts rejected local events back in the outbox: all of them, or only {@code eventId}.
   *
   * @return how many went back
   */
  public int retryRejected(UUID eventId) {
    return engine.retryRejected(eventId);
  }

  /** Rebuilds a collection's table from the log. */
  public RebuildProgress rebuild(String collectionId) {
    engine.ensureOpen();
    return engine.rebuild(collectionId);
  }
}
