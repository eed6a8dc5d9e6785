package dev.hydro.stream;

import dev.hydro.location.Location;

/**
 * A stream used before it is defined, closing a recursive flow. Inside a tick
 * ({@code tick.forwardRef()}) the tick runs the cycle to a fixpoint: data fed back is processed in the same
 * tick until nothing new arrives, so the cycle must reach a fixpoint (use {@code unique()}). At top level
 * ({@code location.forwardRef()}) the same holds for each tick's new elements.
 *
 * <pre>{@code
 * TickForwardRef<Edge, Process<P>> reached = tick.forwardRef();
 * var paths = edges.interleave(reached.stream()).unique();
 * reached.complete(extend(paths, edges));
 * }</pre>
 *
 * @param <T> element type
 * @param <L> location
 * @param <B> {@link Bounded} inside a tick, {@link Unbounded} at top level
 */
public interface ForwardRef<T, L extends Location<L>, B extends Boundedness> {

    /** The stream, defined later by {@link #complete}. */
    Stream<T, L, B, NoOrder, ExactlyOnce> stream();

    /** Defines the stream. Must be called exactly once before the flow is deployed. */
    void complete(Stream<T, L, B, ?, ExactlyOnce> definition);
}
