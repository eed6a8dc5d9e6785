package dev.hydro.location;

import dev.hydro.graph.Shape;
import dev.hydro.internal.Cycles;
import dev.hydro.internal.SingletonImpl;
import dev.hydro.runtime.operator.Values;
import dev.hydro.stream.BoundedSingleton;
import dev.hydro.stream.SingletonCycle;
import dev.hydro.stream.TickCycle;
import dev.hydro.stream.TickForwardRef;
import java.util.List;
import java.util.Objects;

/**
 * The logical clock of a location. Each instance runs ticks one at a time: it takes the batch that arrived
 * since the last tick, runs the graph to a fixpoint in stratum order, and emits. Collections inside a tick are
 * bounded and start empty every tick; cycles carry data and state to the next tick.
 *
 * <pre>{@code
 * Tick<Process<P>> tick = process.tick();
 * SingletonCycle<Long, Process<P>> seen = tick.cycleWithInitial(0L);
 * seen.completeNextTick(seen.singleton().zip(batch.count()).map(p -> p.first() + p.second()));
 * }</pre>
 *
 * @param <L> the location ticking
 */
public final class Tick<L extends Location<L>> {

    private final L location;

    Tick(L location) {
        this.location = location;
    }

    /** The location this clock belongs to. */
    public L location() {
        return location;
    }

    /** A stream carried to the next tick; close it with {@link TickCycle#completeNextTick}. */
    @SuppressWarnings("unchecked")
    public <T> TickCycle<T, L> cycle() {
        return Cycles.tickCycle(location.graph, location);
    }

    /** A value carried from tick to tick, starting at {@code initial}. */
    @SuppressWarnings("unchecked")
    public <T> SingletonCycle<T, L> cycleWithInitial(T initial) {
        Objects.requireNonNull(initial, "initial");
        return Cycles.singletonCycle(location.graph, location, initial);
    }

    /** A stream inside the tick defined later; the tick runs the cycle it closes to a fixpoint. */
    @SuppressWarnings("unchecked")
    public <T> TickForwardRef<T, L> forwardRef() {
        return Cycles.forwardRef(location.graph, location, true);
    }

    /** A constant value inside every tick. */
    @SuppressWarnings("unchecked")
    public <T> BoundedSingleton<T, L> singleton(T value) {
        Objects.requireNonNull(value, "value");
        return new SingletonImpl(location.graph, location.graph.add("singleton", location, true, Shape.VALUE,
                c -> Values.constant(value), List.of()));
    }

    /** This instance's member id, inside the tick. */
    @SuppressWarnings("unchecked")
    public BoundedSingleton<MemberId<L>, L> selfId() {
        return new SingletonImpl(location.graph, location.graph.add("selfId", location, true, Shape.VALUE,
                c -> Values.constant(MemberId.of(c.self().member())), List.of()));
    }
}
