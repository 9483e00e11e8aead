package dev.eventsourced.db.live;

import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Code to run as rows enter a live query's result, change inside it and leave it; attach it with
 * {@link LiveQuery#effect}. Immutable: each method returns a new effect.
 *
 * <pre>{@code
 * // Sync whenever local changes are waiting.
 * Effect<Todo> autoSync = Effect.<Todo>create().onEnter(todo -> db.sync()).skipInitial();
 * todos.query().where(Todo_.SYNCED.isFalse()).live().effect(autoSync);
 * }</pre>
 *
 * <p>For each commit, actions run once per row: {@code onExit} for rows that left, then {@code
 * onUpdate} for rows whose value changed, then {@code onEnter} for rows that entered, each in
 * result order. A row that only moved runs nothing. When the effect is attached, the rows already
 * in the result run {@code onEnter}, unless {@link #skipInitial()} was called.
 *
 * @param <R> the row type
 */
public final class Effect<R> implements Consumer<LiveUpdate<? extends R>> {

  private static final Consumer<Object> NOTHING = row -> {};

  private final Consumer<? super R> onEnter;
  private final BiConsumer<? super R, ? super R> onUpdate;
  private final Consumer<? super R> onExit;
  private final boolean skipInitial;

  private Effect(
      Consumer<? super R> onEnter,
      BiConsumer<? super R, ? super R> onUpdate,
      Consumer<? super R> onExit,
      boolean skipInitial) {
    this.onEnter = onEnter;
    this.onUpdate = onUpdate;
    this.onExit = onExit;
    this.skipInitial = skipInitial;
  }

  /** An effect that does nothing yet; add actions with the other methods. */
  public static <R> Effect<R> create() {
    return new Effect<>(NOTHING, (previous, row) -> {}, NOTHING, false);
  }

  /** Runs {@code action} with each row that enters the result. */
  public Effect<R> onEnter(Consumer<? super R> action) {
    return new Effect<>(Objects.requireNonNull(action, "action"), onUpdate, onExit, skipInitial);
  }

  /**
   * Runs {@code action} with the previous and the new value of each row that changes in the result.
   */
  public Effect<R> onUpdate(BiConsumer<? super R, ? super R> action) {
    return new Effect<>(onEnter, Objects.requireNonNull(action, "action"), onExit, skipInitial);
  }

  /** Runs {@code action} with each row that leaves the result (its last value in the result). */
  public Effect<R> onExit(Consumer<? super R> action) {
    return new Effect<>(onEnter, onUpdate, Objects.requireNonNull(action, "action"), skipInitial);
  }

  /**
   * Does not run {@code onEnter} for the rows already in the result when the effect is attached.
   */
  public Effect<R> skipInitial() {
    return new Effect<>(onEnter, onUpdate, onExit, true);
  }

  /**
   * Runs the actions for one update of the result; {@link LiveQuery#effect} calls it. An effect is
   * also a plain subscriber: {@code live.subscribe(executor, effect)} is {@code
   * live.effect(executor, effect)}.
   */
  @Override
  public void accept(LiveUpdate<? extends R> update) {
    if (update.initial() && skipInitial) return;
    Delta<? extends R> delta = update.delta();
    for (Delta.Removed<? extends R> removed : delta.removed()) onExit.accept(removed.row());
    for (Delta.Changed<? extends R> changed : delta.changed())
      onUpdate.accept(changed.previous(), changed.row());
    for (Delta.Added<? extends R> added : delta.added()) onEnter.accept(added.row());
  }
}
