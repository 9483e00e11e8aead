package dev.eventsourced.db.internal;

import dev.eventsourced.db.event.ConflictResolver;
import dev.eventsourced.db.event.Origin;
import dev.eventsourced.db.spi.CollectionDefinition;
import dev.eventsourced.db.spi.ColumnInfo;
import dev.eventsourced.protocol.EventType;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;

/**
 * The fold rule of one collection (invariant 4), the one place it lives: local writes, replay of
 * pulled events, rebase, echo reconciliation, rebuilds and {@code verify()} all fold through this
 * class.
 *
 * <p>The default rule, per key: an insert sets the whole row (over an existing one too); an update
 * sets the components its {@code fields} list, or, when it lists none, exactly the members its
 * payload carries (a whole-row payload sets every column; a member it lacks keeps its value), and
 * does nothing to a missing row; a delete removes the row. The key of an event is its {@code key}:
 * a payload need not repeat it, and one that names another key contradicts the event. A
 * collection's {@link ConflictResolver}, when it has one, replaces the default rule.
 *
 * <p>The rule is stated twice, side by side: on rows in memory ({@link #apply}) and on the state
 * table ({@link #applyTo}), where an update writes only its columns without reading the row first.
 */
final class Fold<T extends Record, K> {

  private final CollectionDefinition<T, K> definition;
  private final PayloadCodec<T, K> codec;
  private final ConflictResolver<T> resolver;
  private final List<ColumnInfo> columns;

  Fold(
      CollectionDefinition<T, K> definition,
      PayloadCodec<T, K> codec,
      ConflictResolver<T> resolver) {
    this.definition = definition;
    this.codec = codec;
    this.resolver = resolver;
    this.columns = definition.columns();
  }

  /**
   * One event, ready to fold into the row of its key.
   *
   * @param type insert, update or delete
   * @param key the row's key
   * @param row for an insert, the row it sets; for an update, the row its columns are taken from;
   *     for a delete, the row as its writer saw it, or {@code null} when the payload is not one
   * @param columns for an update, the positions of the components it sets; else empty
   * @param origin who wrote the event
   * @param globalSeq the server's order, or {@code null} for a pending local event
   * @param timestamp when the event was written, epoch milliseconds
   */
  public record Step<T, K>(
      EventType type,
      K key,
      T row,
      BitSet columns,
      Origin origin,
      Long globalSeq,
      long timestamp) {}

  /**
   * Reads a logged or pulled event, written with schema version {@code schemaVersion} of the
   * collection (an older one is upcast first; a newer one is read as far as this version knows its
   * members).
   *
   * @throws UnreadableEventException when its key is not a key of this collection or its payload
   *     contradicts it: the fold skips such an event
   */
  public Step<T, K> read(
      EventType type,
      String keyText,
      String payload,
      List<String> fields,
      int schemaVersion,
      Origin origin,
      Long globalSeq,
      long timestamp)
      throws UnreadableEventException {
    if (payload != null && Upcasting.needed(definition, schemaVersion)) {
      try {
        Upcasting.Upcast upcast = Upcasting.apply(definition, schemaVersion, payload, fields);
        payload = upcast.payload();
        fields = upcast.fields();
      } catch (UnreadableEventException e) {
        if (type != EventType.DELETE) throw e; // a delete needs no payload
      }
    }
    K key;
    try {
      key = definition.keyFromString(keyText);
    } catch (RuntimeException e) {
      throw new UnreadableEventException(
          "'"
              + keyText
              + "' is not a key of collection "
              + definition.collectionId()
              + ": "
              + e.getMessage());
    }
    switch (type) {
      case INSERT:
        return new Step<>(
            type, key, codec.readFor(key, payload), new BitSet(), origin, globalSeq, timestamp);
      case UPDATE:
        T source = codec.readFor(key, payload);
        BitSet set = fields.isEmpty() ? codec.members(payload) : columnsOf(fields);
        set.clear(definition.keyColumn());
        return new Step<>(type, key, source, set, origin, globalSeq, timestamp);
      default:
        T last;
        try {
          last = codec.readFor(key, payload);
        } catch (UnreadableEventException e) {
          last = null; // a delete needs no payload
        }
        return new Step<>(type, key, last, new BitSet(), origin, globalSeq, timestamp);
    }
  }

  /** A local mutation's step: {@code row} is canonical (see {@link PayloadCodec#encode}). */
  Step<T, K> local(EventType type, K key, T row, BitSet columns, long timestamp) {
    return new Step<>(type, key, row, columns, Origin.LOCAL, null, timestamp);
  }

  /** The positions of the named components; names this version of the record lacks are ignored. */
  private BitSet columnsOf(List<String> fields) {
    BitSet set = new BitSet();
    for (String field : fields) {
      int column = definition.columnIndex(field);
      if (column >= 0) set.set(column);
    }
    return set;
  }

  /** The names of the components at {@code set}'s positions, in column order. */
  public List<String> fieldNames(BitSet set) {
    List<String> names = new ArrayList<>(set.cardinality());
    for (int i = set.nextSetBit(0); i >= 0; i = set.nextSetBit(i + 1))
      names.add(columns.get(i).component());
    return names;
  }

  /** The row after {@code step} is folded into {@code current} ({@code null}: absent). */
  public T apply(T current, Step<T, K> step) {
    if (resolver != null) {
      return resolver.resolve(
          current,
          new ConflictResolver.Applied<>(
              step.type(),
              step.row(),
              fieldNames(step.columns()),
              step.origin(),
              step.globalSeq(),
              step.timestamp()));
    }
    switch (step.type()) {
      case INSERT:
        return step.row();
      case UPDATE:
        return current == null ? null : merge(current, step.row(), step.columns());
      default:
        return null;
    }
  }

  /**
   * Folds {@code step} into the state table's row, as {@link #apply} would, marking a row it writes
   * as written by {@code step.origin()}. Rows it creates start with no pending events.
   *
   * @param current the row before, when the caller has read it; else {@code null} and {@code known}
   *     false, and it is read only when the rule needs it (a resolver)
   * @return the row after, when it is known without reading the table; else {@code null}
   */
  T applyTo(StateTable<T, K> table, Conn conn, Step<T, K> step, T current, boolean known)
      throws SQLException {
    if (resolver != null) {
      T before = known ? current : table.find(conn, step.key()).orElse(null);
      T after = apply(before, step);
      if (after == null) table.remove(conn, step.key());
      else table.put(conn, after, step.origin());
      return after;
    }
    switch (step.type()) {
      case INSERT:
        table.put(conn, step.row(), step.origin());
        return step.row();
      case UPDATE:
        if (!step.columns().isEmpty())
          table.patch(conn, step.key(), step.row(), step.columns(), step.origin());
        return known ? apply(current, step) : null;
      default:
        table.remove(conn, step.key());
        return null;
    }
  }

  /** {@code current} with the components at {@code set}'s positions taken from {@code source}. */
  T merge(T current, T source, BitSet set) {
    if (set.isEmpty()) return current;
    Object[] values = new Object[columns.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = definition.componentValue(set.get(i) ? source : current, i);
    }
    return definition.newRow(values);
  }

  /**
   * The positions of the components whose values differ between two rows' payloads (equal by value,
   * see {@link PayloadCodec#memberTexts}), key excluded.
   */
  BitSet changedColumns(String beforePayload, String afterPayload) {
    String[] before = codec.memberTexts(beforePayload);
    String[] after = codec.memberTexts(afterPayload);
    BitSet changed = new BitSet();
    for (int i = 0; i < before.length; i++) {
      if (i != definition.keyColumn() && !Objects.equals(before[i], after[i])) changed.set(i);
    }
    return changed;
  }

  /** Whether two rows hold the same values (by value; see {@link PayloadCodec#memberTexts}). */
  boolean sameRow(T a, T b) {
    return codec.sameRow(a, b);
  }

  /** Whether two steps of the same key change a row alike (for echo reconciliation). */
  boolean sameEffect(Step<T, K> a, Step<T, K> b) {
    if (a.type() != b.type() || !a.key().equals(b.key())) return false;
    switch (a.type()) {
      case INSERT:
        return sameRow(a.row(), b.row());
      case UPDATE:
        if (!a.columns().equals(b.columns())) return false;
        if (resolver != null) return sameRow(a.row(), b.row());
        String[] ours = codec.memberTexts(codec.write(a.row()));
        String[] theirs = codec.memberTexts(codec.write(b.row()));
        for (int i = a.columns().nextSetBit(0); i >= 0; i = a.columns().nextSetBit(i + 1)) {
          if (!Objects.equals(ours[i], theirs[i])) return false;
        }
        return true;
      default:
        return resolver == null || sameRow(a.row(), b.row());
    }
  }
}
