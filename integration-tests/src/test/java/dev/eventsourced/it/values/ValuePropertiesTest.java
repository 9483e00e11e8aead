package dev.eventsourced.it.values;

import dev.eventsourced.db.EventSourcedDb;
import dev.eventsourced.db.Query;
import dev.eventsourced.db.RepositoryBase;
import dev.eventsourced.db.event.Event;
import dev.eventsourced.db.live.LiveQuery;
import dev.eventsourced.protocol.EventType;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, "the state is always the fold of the log: every value": property-based tests over the
 * whole domain of every supported component and key type, through records compiled by the real
 * processor, each on a real SQLite file. Each property prints its seed; see {@link PropertyCheck}.
 */
class ValuePropertiesTest {

  @TempDir Path dir;

  // ---- (1) get after insert returns the canonical value ----------------------------------------

  @Test
  void
      insertOfAnyRow_getAndInsertReturnCanonicalUnmodifiableRow_orInvalidRowRefusedAndNothingWritten()
          throws Exception {
    PropertyCheck.<Fixture, AllTypes>forAll("insertThenGet", 150, d -> d.record(AllTypes.class))
        .check(
            () -> Fixture.on(dir),
            (fixture, row) -> {
              AllTypesRepository repository = AllTypesRepository.of(fixture.db());
              AllTypes returned = insertOrRefused(fixture.db(), repository, row);
              if (returned == null) return;
              check("[get]", Canonical.of(row), repository.get(row.id()));
              String modifiable = Canonical.firstModifiable(repository.get(row.id()));
              if (modifiable != null)
                throw new AssertionError(
                    "[unmodifiable] " + modifiable + " of a row read back can be modified");
              check("[insert-return]", Canonical.of(row), returned);
            });
  }

  // ---- (2) after close + reopen, the same ------------------------------------------------------

  @Test
  void insertOfAnyRow_afterCloseAndReopen_getReturnsCanonicalRow() throws Exception {
    PropertyCheck.<Fixture, AllTypes>forAll("insertReopenGet", 60, d -> d.record(AllTypes.class))
        .check(
            () -> Fixture.on(dir),
            (fixture, row) -> {
              AllTypes returned =
                  insertOrRefused(fixture.db(), AllTypesRepository.of(fixture.db()), row);
              if (returned == null) return;
              fixture.reopen();
              check(
                  "[reopen]", Canonical.of(row), AllTypesRepository.of(fixture.db()).get(row.id()));
              check("[insert-return]", Canonical.of(row), returned);
            });
  }

  // ---- (3) the logged payload decodes to the canonical row -------------------------------------

  @Test
  void insertOfAnyRow_loggedEventPayloadDecodesToCanonicalRow() throws Exception {
    PropertyCheck.<Fixture, AllTypes>forAll("payload", 150, d -> d.record(AllTypes.class))
        .check(
            () -> Fixture.on(dir),
            (fixture, row) -> {
              long before = fixture.db().eventLog().lastLocalSeq();
              AllTypes returned =
                  insertOrRefused(fixture.db(), AllTypesRepository.of(fixture.db()), row);
              if (returned == null) return;
              List<Event> logged =
                  fixture.db().eventLog().since(before, 10).stream()
                      .filter(
                          event ->
                              event.type()
                                  != EventType.DELETE) // insertOrRefused clears the key first
                      .toList();
              if (logged.size() != 1 || logged.get(0).type() != EventType.INSERT) {
                throw new AssertionError(
                    "[payload-event] expected one insert event, got " + logged);
              }
              if (!logged.get(0).key().equals(row.id())) {
                throw new AssertionError(
                    "[payload-key] event key "
                        + Canonical.show(logged.get(0).key())
                        + " for id "
                        + Canonical.show(row.id()));
              }
              check(
                  "[payload]",
                  Canonical.of(row),
                  Fixture.decode(AllTypesRepository.COLLECTION, logged.get(0)));
              check("[insert-return]", Canonical.of(row), returned);
            });
  }

  // ---- keys: every key type over its whole domain ----------------------------------------------

  @Test
  void upsertOfAnyKey_getPayloadAndReopenHoldTheKeyExactly_orInvalidKeyRefused() throws Exception {
    PropertyCheck.<Fixture, Record>forAll("keys", 200, ValuePropertiesTest::keyedRow)
        .check(
            () -> Fixture.on(dir),
            (fixture, row) -> {
              RepositoryBase<Record, Object> repository = repositoryFor(fixture.db(), row);
              Object key = repository.definition().keyOf(row);
              long before = fixture.db().eventLog().lastLocalSeq();
              String invalid = Canonical.invalidity(row);
              Record returned;
              try {
                returned = repository.upsert(row);
              } catch (RuntimeException e) {
                if (invalid != null && Fixture.isInvalidValue(e)) {
                  if (fixture.db().eventLog().lastLocalSeq() != before)
                    throw new AssertionError("[refused-logged] " + invalid);
                  return;
                }
                throw new AssertionError(
                    "[upsert-failed] " + (invalid == null ? "valid row" : invalid) + " threw " + e,
                    e);
              }
              if (invalid != null) {
                throw new AssertionError(
                    "[not-refused] "
                        + invalid
                        + ": expected InvalidValueException, the row was stored");
              }
              Record expected = Canonical.of(row);
              check("[get]", expected, repository.get(key));
              Event event = fixture.db().eventLog().since(before, 1).get(0);
              if (!event.key().equals(repository.definition().keyToString(key))) {
                throw new AssertionError(
                    "[event-key] "
                        + Canonical.show(event.key())
                        + " for key "
                        + Canonical.show(key));
              }
              check("[payload]", expected, Fixture.decode(repository.definition(), event));
              List<Record> all = repository.all();
              long matches =
                  all.stream().filter(r -> repository.definition().keyOf(r).equals(key)).count();
              if (matches != 1)
                throw new AssertionError(
                    "[all] key " + Canonical.show(key) + " appears " + matches + " times in all()");
              fixture.reopen();
              check("[reopen]", expected, repositoryFor(fixture.db(), row).get(key));
              Fixture.assertStateIsFoldOfLog(
                  fixture.db(), repositoryFor(fixture.db(), row), "[fold]");
              check("[upsert-return]", expected, returned);
            });
  }

  private static Record keyedRow(Domain d) {
    switch (d.random().nextInt(6)) {
      case 0:
        return d.record(ByString.class);
      case 1:
        return d.record(ByInt.class);
      case 2:
        return d.record(ByLong.class);
      case 3:
        return d.record(ByEnum.class);
      case 4:
        return d.record(ByUuid.class);
      default:
        return d.record(AllTypes.class);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static RepositoryBase<Record, Object> repositoryFor(EventSourcedDb db, Record row) {
    RepositoryBase repository;
    if (row instanceof ByString) repository = ByStringRepository.of(db);
    else if (row instanceof ByInt) repository = ByIntRepository.of(db);
    else if (row instanceof ByLong) repository = ByLongRepository.of(db);
    else if (row instanceof ByEnum) repository = ByEnumRepository.of(db);
    else if (row instanceof ByUuid) repository = ByUuidRepository.of(db);
    else repository = AllTypesRepository.of(db);
    return repository;
  }

  // ---- (4) after any mutation, the state is the fold of the log and verify() is healthy --------

  @Test
  void anyMutationSequence_stateEqualsFoldOfLogAndModel_andVerifyIsHealthy() throws Exception {
    PropertyCheck.<Fixture, List<Op>>forAll("foldOfLog", 40, ValuePropertiesTest::ops)
        .check(
            () -> Fixture.on(dir),
            (fixture, ops) -> {
              AllTypesRepository repository = AllTypesRepository.of(fixture.db());
              Model model = new Model(repository.all());
              for (Op op : ops) {
                model.apply(fixture.db(), repository, op);
                Fixture.assertStateIsFoldOfLog(
                    fixture.db(), repository, "[fold after " + op.name() + "]");
                Fixture.assertVerifyHealthy(fixture.db(), "[verify after " + op.name() + "]");
              }
            });
  }

  // ---- (5) a live query open during the writes equals a fresh query after each commit ----------

  @Test
  void anyMutationSequence_everyLiveQueryEqualsFreshQueryAfterEachCommit() throws Exception {
    PropertyCheck.<Fixture, List<Op>>forAll("liveEqualsFresh", 40, ValuePropertiesTest::ops)
        .check(
            () -> Fixture.on(dir),
            (fixture, ops) -> {
              AllTypesRepository repository = AllTypesRepository.of(fixture.db());
              Map<String, Query<AllTypes>> queries = queries(repository);
              Map<String, LiveQuery<AllTypes>> live = new LinkedHashMap<>();
              queries.forEach((name, query) -> live.put(name, query.live()));
              try {
                Model model = new Model(repository.all());
                for (Op op : ops) {
                  AllTypes inserted = model.apply(fixture.db(), repository, op);
                  compareLive("[live after " + op.name() + "]", queries, live);
                  if (inserted != null && mutateInPlace(inserted)) {
                    // The caller changes its own row object after the commit: no copy the database
                    // holds may change.
                    compareLive("[live-after-caller-mutation]", queries, live);
                  }
                }
              } finally {
                live.values().forEach(LiveQuery::close);
              }
            });
  }

  private static Map<String, Query<AllTypes>> queries(AllTypesRepository repository) {
    Map<String, Query<AllTypes>> queries = new LinkedHashMap<>();
    queries.put("all", repository.query().orderBy(AllTypes_.ID.asc()));
    queries.put(
        "doubleGt0",
        repository
            .query()
            .where(AllTypes_.A_DOUBLE.gt(0.0))
            .orderBy(AllTypes_.A_DOUBLE.asc(), AllTypes_.ID.asc()));
    queries.put(
        "floatTop3",
        repository.query().orderBy(AllTypes_.BOXED_FLOAT.desc(), AllTypes_.ID.asc()).limit(3));
    queries.put(
        "byAt",
        repository
            .query()
            .where(AllTypes_.AT.isNotNull())
            .orderBy(AllTypes_.AT.asc(), AllTypes_.ID.asc())
            .limit(5));
    queries.put("byAmount", repository.query().orderBy(AllTypes_.AMOUNT.asc(), AllTypes_.ID.asc()));
    queries.put(
        "textEmptyOrNul",
        repository
            .query()
            .where(AllTypes_.TEXT.in("", "\u0000", "a\u0000b"))
            .orderBy(AllTypes_.ID.asc()));
    queries.put(
        "byLong",
        repository
            .query()
            .where(AllTypes_.A_LONG.gt(1L << 53))
            .orderBy(AllTypes_.BOXED_LONG.asc(), AllTypes_.ID.asc()));
    return queries;
  }

  private static void compareLive(
      String tag, Map<String, Query<AllTypes>> queries, Map<String, LiveQuery<AllTypes>> live) {
    for (Map.Entry<String, Query<AllTypes>> entry : queries.entrySet()) {
      List<AllTypes> fresh = entry.getValue().list();
      List<AllTypes> current = live.get(entry.getKey()).current();
      String difference = Canonical.difference(fresh, current);
      if (difference != null) {
        throw new AssertionError(
            tag + " query " + entry.getKey() + ": live differs from fresh at " + difference);
      }
    }
  }

  /**
   * Changes, in place, a list and an array of {@code row} that a caller could still hold; whether
   * any was changed.
   */
  private static boolean mutateInPlace(AllTypes row) {
    boolean changed = false;
    if (row.texts() != null) {
      row.texts().add("changed by the caller after the commit");
      changed = true;
    }
    if (row.blob() != null && row.blob().length > 0) {
      row.blob()[0] ^= 1;
      changed = true;
    }
    return changed;
  }

  // ---- (6) in-place mutation through a draft or update(record): refused or logged --------------

  @Test
  void inPlaceMutationThroughDraftOrRecord_isRefusedOrLoggedAndReplicated() throws Exception {
    PropertyCheck.<Fixture, InPlace>forAll(
            "inPlaceMutation",
            120,
            d ->
                new InPlace(
                    d.record(AllTypes.class),
                    d.random().nextInt(MUTATIONS.size()),
                    d.random().nextInt(3)))
        .check(
            () -> Fixture.withReplica(dir),
            (fixture, example) -> {
              AllTypes row = example.row();
              if (Canonical.invalidity(row) != null) return;
              AllTypesRepository repository = AllTypesRepository.of(fixture.db());
              repository.upsert(row); // tries share a database, and generated keys repeat
              AllTypes before = Canonical.of(row);
              Mutation mutation = MUTATIONS.get(example.mutation());
              if (!mutation.applies(before)) return;
              AllTypes expected = mutation.applyToCopy(before);
              long lastSeq = fixture.db().eventLog().lastLocalSeq();
              boolean refused = false;
              try {
                switch (example.path()) {
                  case 0:
                    // The draft's current value, changed in place.
                    repository.update(
                        row.id(),
                        draft -> mutation.inPlace(component(draft, mutation.component())));
                    break;
                  case 1:
                    {
                      // A row read back, changed in place, passed to update(record).
                      AllTypes read = repository.get(row.id());
                      mutation.inPlace(
                          Canonical.component(read, recordComponent(mutation.component())));
                      repository.update(read);
                      break;
                    }
                  default:
                    {
                      // The caller's own row, passed to update(record), changed in place, passed
                      // again.
                      AllTypes own = Canonical.mutableCopy(before);
                      repository.update(own);
                      List<Event> noOp = fixture.db().eventLog().since(lastSeq, 10);
                      if (!noOp.isEmpty()) {
                        throw new AssertionError(
                            "[no-op-update-logged] update(record) with the stored values logged fields "
                                + noOp.get(0).fields());
                      }
                      mutation.inPlace(
                          Canonical.component(own, recordComponent(mutation.component())));
                      repository.update(own);
                      break;
                    }
                }
              } catch (UnsupportedOperationException e) {
                refused = true;
              }
              List<Event> logged = fixture.db().eventLog().since(lastSeq, 10);
              if (refused) {
                if (!logged.isEmpty()) throw new AssertionError("[refused-but-logged] " + logged);
                check("[refused-state]", before, repository.get(row.id()));
                return;
              }
              String path = new String[] {"draft", "read-row", "own-row"}[example.path()];
              check(
                  "[" + path + "-state] " + mutation.component(),
                  expected,
                  repository.get(row.id()));
              if (Canonical.difference(before, expected) == null) return;
              if (logged.size() != 1 || !logged.get(0).fields().contains(mutation.component())) {
                throw new AssertionError(
                    "["
                        + path
                        + "-event] "
                        + mutation.component()
                        + " changed in place; expected one update"
                        + " listing it, got "
                        + logged);
              }
              check(
                  "[" + path + "-payload] " + mutation.component(),
                  expected,
                  Fixture.decode(AllTypesRepository.COLLECTION, logged.get(0)));
              fixture.db().sync();
              fixture.replica().sync();
              check(
                  "[" + path + "-replica] " + mutation.component(),
                  expected,
                  AllTypesRepository.of(fixture.replica()).get(row.id()));
              Fixture.assertVerifyHealthy(fixture.db(), "[verify]");
            });
  }

  /**
   * One example of property (6): a row, which in-place mutation, and which path (draft, read row,
   * own row).
   */
  record InPlace(AllTypes row, int mutation, int path) implements Shrinker.Example {}

  /** An in-place change of one component's value. */
  private record Mutation(
      String component,
      java.util.function.Predicate<Object> applicable,
      java.util.function.Consumer<Object> change) {

    boolean applies(AllTypes row) {
      return applicable.test(Canonical.component(row, recordComponent(component)));
    }

    void inPlace(Object value) {
      change.accept(value);
    }

    AllTypes applyToCopy(AllTypes row) {
      AllTypes copy = Canonical.mutableCopy(row);
      change.accept(Canonical.component(copy, recordComponent(component)));
      return Canonical.of(copy);
    }
  }

  @SuppressWarnings("unchecked")
  private static final List<Mutation> MUTATIONS =
      List.of(
          new Mutation("texts", v -> v != null, v -> ((List<String>) v).add("added in place")),
          new Mutation(
              "texts",
              v -> v != null && !((List<?>) v).isEmpty(),
              v -> ((List<String>) v).set(0, "set in place")),
          new Mutation(
              "textMap", v -> v != null, v -> ((Map<String, String>) v).put("put in place", "v")),
          new Mutation(
              "textSet", v -> v != null, v -> ((java.util.Set<String>) v).add("added in place")),
          new Mutation(
              "blob", v -> v != null && ((byte[]) v).length > 0, v -> ((byte[]) v)[0] ^= 1),
          new Mutation(
              "part",
              v -> v != null && ((AllTypes.Part) v).lines() != null,
              v -> ((AllTypes.Part) v).lines().add("nested line added in place")),
          new Mutation(
              "nestedLongs",
              v -> v != null && !((List<?>) v).isEmpty() && ((List<?>) v).get(0) != null,
              v -> ((List<List<Long>>) v).get(0).add(42L)),
          new Mutation(
              "parts",
              v ->
                  v != null
                      && !((List<?>) v).isEmpty()
                      && ((List<?>) v).get(0) != null
                      && ((List<AllTypes.Part>) v).get(0).data() != null
                      && ((List<AllTypes.Part>) v).get(0).data().length > 0,
              v -> ((List<AllTypes.Part>) v).get(0).data()[0] ^= 1),
          new Mutation(
              "maybeTexts",
              v -> ((Optional<?>) v).isPresent(),
              v -> ((Optional<List<String>>) v).get().add("in place")),
          new Mutation(
              "maybeBlob",
              v -> ((Optional<?>) v).isPresent() && ((Optional<byte[]>) v).get().length > 0,
              v -> ((Optional<byte[]>) v).get()[0] ^= 1),
          new Mutation("doubles", v -> v != null, v -> ((List<Double>) v).add(-0.0)),
          new Mutation(
              "instants",
              v -> v != null,
              v ->
                  ((List<java.time.Instant>) v)
                      .add(java.time.Instant.ofEpochSecond(1, 123_456_789))));

  private static RecordComponent recordComponent(String name) {
    for (RecordComponent component : AllTypes.class.getRecordComponents()) {
      if (component.getName().equals(name)) return component;
    }
    throw new IllegalArgumentException(name);
  }

  /** The draft's current value of {@code component} (its no-argument accessor). */
  static Object component(Object draft, String component) {
    try {
      Method getter = draft.getClass().getMethod(component);
      return getter.invoke(draft);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  static void setComponent(Object draft, String component, Object value) {
    for (Method method : draft.getClass().getMethods()) {
      if (method.getName().equals(component) && method.getParameterCount() == 1) {
        try {
          method.invoke(draft, value);
          return;
        } catch (ReflectiveOperationException e) {
          Throwable cause = e.getCause() != null ? e.getCause() : e;
          if (cause instanceof RuntimeException r) throw r;
          throw new IllegalStateException(cause);
        }
      }
    }
    throw new IllegalArgumentException("no setter " + component + " on " + draft.getClass());
  }

  // ---- mutation sequences and the test's own model of the state ---------------------------------

  /** One step of a mutation sequence; {@code target} picks a key among those inserted so far. */
  sealed interface Op extends Shrinker.Example permits Insert, Upsert, SetField, Replace, Delete {
    default String name() {
      return getClass().getSimpleName();
    }
  }

  record Insert(AllTypes row) implements Op {}

  record Upsert(int target, AllTypes row) implements Op {}

  record SetField(int target, String component, Object value) implements Op {}

  record Replace(int target, AllTypes row) implements Op {}

  record Delete(int target) implements Op {}

  private static List<Op> ops(Domain d) {
    int count = 1 + d.random().nextInt(12);
    List<Op> ops = new ArrayList<>(count);
    RecordComponent[] components = AllTypes.class.getRecordComponents();
    for (int i = 0; i < count; i++) {
      int choice = d.random().nextInt(100);
      int target = d.random().nextInt(1000);
      if (choice < 35 || i == 0) {
        ops.add(new Insert(d.record(AllTypes.class)));
      } else if (choice < 45) {
        ops.add(new Upsert(target, d.record(AllTypes.class)));
      } else if (choice < 75) {
        RecordComponent component = components[1 + d.random().nextInt(components.length - 1)];
        ops.add(
            new SetField(
                target,
                component.getName(),
                d.value(
                    component.getGenericType(),
                    !component.getType().isPrimitive() && component.getType() != Optional.class)));
      } else if (choice < 90) {
        ops.add(new Replace(target, d.record(AllTypes.class)));
      } else {
        ops.add(new Delete(target));
      }
    }
    return ops;
  }

  /** The rows the test expects, canonical, by id; applies an op to the database and to itself. */
  private static final class Model {
    private final Map<String, AllTypes> rows = new LinkedHashMap<>();

    /** Starts from the rows earlier tries left in the fixture's database. */
    Model(List<AllTypes> existing) {
      for (AllTypes row : existing) rows.put(row.id(), row);
    }

    private String key(int target) {
      if (rows.isEmpty()) return null;
      return new ArrayList<>(rows.keySet()).get(target % rows.size());
    }

    /** Returns the row object passed to insert (a copy the caller keeps), or null. */
    AllTypes apply(EventSourcedDb db, AllTypesRepository repository, Op op) {
      long before = db.eventLog().lastLocalSeq();
      AllTypes passed = null;
      AllTypes next;
      String key;
      if (op instanceof Insert insert) {
        key = insert.row().id();
        if (rows.containsKey(key)) return null;
        passed = Canonical.mutableCopy(insert.row());
        next = insert.row();
      } else if (op instanceof Upsert upsert) {
        key = key(upsert.target());
        if (key == null) return null;
        passed = Canonical.mutableCopy(withId(upsert.row(), key));
        next = passed;
      } else if (op instanceof SetField set) {
        key = key(set.target());
        if (key == null) return null;
        next = with(rows.get(key), set.component(), set.value());
      } else if (op instanceof Replace replace) {
        key = key(replace.target());
        if (key == null) return null;
        next = withId(replace.row(), key);
      } else {
        key = key(((Delete) op).target());
        if (key == null) return null;
        next = null;
      }
      String invalid = next == null ? null : Canonical.invalidity(next);
      AllTypes expected = next == null ? null : Canonical.of(next);
      AllTypes returned = null;
      try {
        if (op instanceof Insert) {
          returned = repository.insert(passed);
        } else if (op instanceof Upsert) {
          returned = repository.upsert(passed);
        } else if (op instanceof SetField set) {
          repository.update(
              key,
              draft -> setComponent(draft, set.component(), Canonical.mutableCopy(set.value())));
        } else if (op instanceof Replace) {
          repository.update(Canonical.mutableCopy(next));
        } else {
          repository.delete(key);
        }
      } catch (RuntimeException e) {
        if (invalid != null && Fixture.isInvalidValue(e)) {
          if (db.eventLog().lastLocalSeq() != before)
            throw new AssertionError("[refused-logged] " + op.name() + " " + invalid);
          check("[refused-state] " + op.name(), rows.get(key), repository.find(key).orElse(null));
          return null;
        }
        throw new AssertionError(
            "[" + op.name() + "-failed] " + (invalid == null ? "valid" : invalid) + ": " + e, e);
      }
      if (invalid != null) {
        throw new AssertionError(
            "[not-refused] " + op.name() + " " + invalid + ": expected InvalidValueException");
      }
      if (expected == null) rows.remove(key);
      else rows.put(key, expected);
      check("[model] " + op.name(), rows.get(key), repository.find(key).orElse(null));
      if (returned != null) check("[" + op.name() + "-return]", expected, returned);
      return passed;
    }
  }

  private static AllTypes withId(AllTypes row, String id) {
    return with(row, "id", id);
  }

  private static AllTypes with(AllTypes row, String component, Object value) {
    RecordComponent[] components = AllTypes.class.getRecordComponents();
    Object[] values = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      values[i] =
          components[i].getName().equals(component)
              ? value
              : Canonical.component(row, components[i]);
    }
    return Domain.construct(AllTypes.class, values);
  }

  // ---- shared ----------------------------------------------------------------------------------

  /**
   * Inserts {@code row}; when it holds a value that must be refused, checks that insert threw
   * InvalidValueException and wrote nothing, and returns null. Otherwise returns what insert
   * returned; callers check it last, so that a wrong return value does not hide what was stored.
   */
  private static AllTypes insertOrRefused(
      EventSourcedDb db, AllTypesRepository repository, AllTypes row) {
    // Tries share a database, and generated keys repeat ("" often): each try starts without its
    // key.
    if (Canonical.firstUnpairedSurrogate(row.id()) < 0) repository.deleteIfExists(row.id());
    long before = db.eventLog().lastLocalSeq();
    String invalid = Canonical.invalidity(row);
    AllTypes returned;
    try {
      returned = repository.insert(row);
    } catch (RuntimeException e) {
      if (invalid != null && Fixture.isInvalidValue(e)) {
        if (db.eventLog().lastLocalSeq() != before)
          throw new AssertionError("[refused-logged] " + invalid);
        if (Canonical.firstUnpairedSurrogate(row.id()) < 0
            && repository.find(row.id()).isPresent()) {
          throw new AssertionError("[refused-stored] " + invalid);
        }
        return null;
      }
      throw new AssertionError(
          "[insert-failed] " + (invalid == null ? "valid row" : invalid) + " threw " + e, e);
    }
    if (invalid != null) {
      throw new AssertionError(
          "[not-refused] " + invalid + ": expected InvalidValueException, the row was stored");
    }
    return returned;
  }

  private static void check(String tag, Object expected, Object actual) {
    String difference = Canonical.difference(expected, actual);
    if (difference != null) throw new AssertionError(tag + " " + difference);
  }
}
