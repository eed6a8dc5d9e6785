package dev.hydro.stream;

import dev.hydro.location.Location;

/**
 * A value carried from tick to tick: {@link #singleton()} is the initial value in the first tick and, in
 * every later tick, the value completed in the tick before. This is how per-tick logic keeps state.
 *
 * <pre>{@code
 * SingletonCycle<Long, Process<P>> total = tick.cycleWithInitial(0L);
 * var next = total.singleton().zip(batch.count()).map(p -> p.first() + p.second());
 * total.completeNextTick(next);
 * }</pre>
 *
 * @param <T> value type
 * @param <L> location
 */
public interface SingletonCycle<T, L extends Location<L>> {

    /** The carried value in this tick. */
    BoundedSingleton<T, L> singleton();

    /** Closes the cycle with the value the next tick starts from. */
    void completeNextTick(Singleton<T, L, Bounded> next);
}
