package dev.hydro.stream;

import dev.hydro.location.Location;

/**
 * A {@link ForwardRef} inside a tick: the tick runs the cycle it closes to a fixpoint.
 *
 * <pre>{@code
 * TickForwardRef<Pair<Integer, Integer>, Process<P>> reached = tick.forwardRef();
 * var paths = edges.interleave(reached.stream()).unique();
 * reached.complete(paths.intoKeyed(Pair::second, Pair::first)
 *     .join(edges.intoKeyed(Pair::first, Pair::second))
 *     .values().map(p -> new Pair<>(p.first(), p.second())));
 * }</pre>
 *
 * @param <T> element type
 * @param <L> location
 */
public interface TickForwardRef<T, L extends Location<L>> extends ForwardRef<T, L, Bounded> {

    @Override
    BoundedStream<T, L, NoOrder, ExactlyOnce> stream();
}
