package dev.hydro.stream;

import dev.hydro.location.Location;

/**
 * A stream that carries data from one tick to the next: what is completed in tick {@code t} is
 * {@link #stream()} in tick {@code t+1}. Non-empty carried data schedules the next tick.
 *
 * <pre>{@code
 * TickCycle<String, Process<P>> pending = tick.cycle();
 * var retry = pending.stream().filter(Job::failed);
 * pending.completeNextTick(retry);
 * }</pre>
 *
 * @param <T> element type
 * @param <L> location
 */
public interface TickCycle<T, L extends Location<L>> {

    /** The elements completed in the previous tick. */
    BoundedStream<T, L, NoOrder, ExactlyOnce> stream();

    /** Closes the cycle: {@code next}'s elements of this tick become {@link #stream()} next tick. */
    void completeNextTick(Stream<T, L, Bounded, ?, ExactlyOnce> next);
}
