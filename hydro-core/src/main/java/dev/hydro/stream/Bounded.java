package dev.hydro.stream;

/**
 * Marks a collection that lives inside a {@link dev.hydro.location.Tick}: it is finite, complete at the end
 * of its stratum, and its state resets at the end of every tick.
 *
 * <pre>{@code
 * BoundedSingleton<Long, Process<Leader>> perTick = lines.batch(tick, nondet).count();
 * }</pre>
 */
public final class Bounded implements Boundedness {
    private Bounded() {
    }
}
