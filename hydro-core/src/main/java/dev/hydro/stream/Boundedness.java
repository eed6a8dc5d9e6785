package dev.hydro.stream;

/**
 * Phantom type saying whether a live collection is {@link Bounded} (one tick's finite batch) or
 * {@link Unbounded} (a top-level collection that grows over ticks).
 *
 * <pre>{@code
 * BoundedStream<String, Process<Leader>, TotalOrder, ExactlyOnce> batch = lines.batch(tick, nondet);
 * }</pre>
 */
public sealed interface Boundedness permits Bounded, Unbounded {
}
