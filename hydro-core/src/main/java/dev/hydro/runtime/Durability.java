package dev.hydro.runtime;

import dev.hydro.state.StateEntry;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * What makes a location instance's ticks durable. Ticks become durable in units of one or more consecutive
 * ticks: the instance calls {@link #beginTick} before the first tick of a unit; every tick of the unit runs the
 * strata and ends (sends handed to the transport); when the unit ends, the instance hands the state its ticks
 * changed to {@link #logState} (each changed key once, with its latest value) and then the acknowledgements of
 * the input all its ticks consumed to {@link #commitUnit}, which acknowledges that input only once what the unit
 * wrote is durable, and commits the unit ({@link #commitTick}). Input is therefore acknowledged only after the
 * state and sends it produced were logged and sent, and commits together with them. Before the first tick the
 * instance {@link #restore restores} the state an earlier run logged.
 *
 * <p>With a {@link #commitInterval()} of zero (the default) every tick is a unit of its own. With a positive
 * interval a unit stays open across ticks while the instance has more work, and is committed at the end of the
 * first tick that ends at least the interval after the unit began; as soon as the instance has no work left, or
 * stops, the open unit is committed at once. A tick that fails aborts the whole open unit ({@link #abortTick}).
 *
 * <p>Over Kafka both guarantees finish a unit on the instance's committer thread while the instance runs its
 * next ticks. At-least-once, {@code logState} sends the changelog and the committer thread waits for it and for
 * the unit's edge sends before it acknowledges the input, so a restart resumes from state at least as new as its
 * input offsets. Exactly-once, a unit is part of one Kafka transaction, which the committer thread commits with
 * the consumed offsets, sends and state together. {@link #NONE} keeps nothing (in-memory deployments).
 *
 * <pre>{@code
 * Durability durability = environment.durability();
 * if (durability.logsState()) durability.restore(id, entry -> apply(entry));
 * }</pre>
 */
public interface Durability {

    /** Keeps nothing: state lives as long as the instance. */
    Durability NONE = new Durability() {
    };

    /** Whether operators should log their state. */
    default boolean logsState() {
        return false;
    }

    /**
     * How long a unit may stay open across ticks while the instance keeps having work; {@link Duration#ZERO}
     * (the default) commits every tick. Never negative.
     */
    default Duration commitInterval() {
        return Duration.ZERO;
    }

    /** Replays the latest logged entry of every state key of {@code instance}, before its first tick. */
    default void restore(InstanceId instance, Consumer<StateEntry> entries) {
    }

    /** The first tick of a new unit of {@code instance} is about to run. */
    default void beginTick(InstanceId instance) {
    }

    /** The state changed by the ticks of the unit that is ending, before their input is acknowledged. */
    default void logState(InstanceId instance, List<StateEntry> changes) {
    }

    /**
     * Ends the open unit: the input of its ticks is acknowledged by running {@code acknowledgements}, in order,
     * never before the unit's sends and state are durable, and the unit is committed ({@link #commitTick}). This
     * default runs them, then commits, on the calling thread. A transport may finish both in the background
     * while the instance runs its next ticks, provided that units complete in order and that a failure fails a
     * later call before anything of a later unit becomes durable or is acknowledged.
     */
    default void commitUnit(InstanceId instance, List<Runnable> acknowledgements) {
        acknowledgements.forEach(Runnable::run);
        commitTick(instance);
    }

    /** The input of every tick of the open unit has been acknowledged: make the whole unit durable. */
    default void commitTick(InstanceId instance) {
    }

    /** A tick of the open unit, or its commit, failed: nothing of any tick of the unit may become visible. */
    default void abortTick(InstanceId instance, Throwable cause) {
    }
}
