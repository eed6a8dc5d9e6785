package dev.hydro.state;

/**
 * Operator state that outlives a tick (a running fold, a top-level join, what {@code deferTick} carries), so
 * that a deployment with a state log can write it at the end of every tick and give it back after a restart.
 * Operators write only what changed since their last write, entry by entry, so a keyed fold over a million
 * keys logs the keys a tick touched, not the million.
 *
 * <p>Entries are {@code (key, value)} pairs: a single-valued state uses the key {@code null}; a {@code null}
 * value deletes the key. Keys and values must be encodable by {@link StateCodec}.
 *
 * <pre>{@code
 * final class Counter extends Operator implements Push, DurableState {
 *     private long count;
 *     private boolean changed;
 *     public void accept(Object element) { count++; changed = true; }
 *     public void writeChanges(StateLog log) { if (changed) log.put(null, count); changed = false; }
 *     public void restore(Object key, Object value) { count = (Long) value; }
 * }
 * }</pre>
 */
public interface DurableState {

    /**
     * Whether this operator's state survives the end of a tick. Operators inside a tick start fresh every
     * tick and have nothing to keep.
     */
    default boolean keepsStateAcrossTicks() {
        return true;
    }

    /**
     * Called once, before the first tick, when state is logged: from then on the operator tracks what changes
     * so that {@link #writeChanges} can write only that.
     */
    default void startLogging() {
    }

    /** Writes what changed since the last call (called after the tick ended). */
    void writeChanges(StateLog log);

    /** Applies one logged entry; called for every entry of the log before the first tick. */
    void restore(Object key, Object value);

    /** Called once the last entry was restored, before the first tick. */
    default void restored() {
    }
}
