package dev.hydro.runtime;

import dev.hydro.state.StateEntry;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * What makes a location instance's ticks durable. Ticks become durable in units of one or more consecutive
 * ticks: the instance calls {@link #beginTick} before the first tick of a unit; every tick of the unit runs the
 * strata and ends (sends handed to the transport); when the unit ends, the instance hands the state its ticks
 * changed to {@link #logState} (each changed key once, with its latest value), {@link #prepareCommit} waits until what the unit wrote is durable where that comes before the
 * acknowledgement, the input consumed by all its ticks is acknowledged, then {@link #commitTick} makes the unit
 * durable. Input is therefore acknowledged only after the state and sends it produced were logged and sent,
 * and commits together with them. Before the first tick the instance {@link #restore restores} the state an
 * earlier run logged.
 *
 * <p>With a {@link #commitInterval()} of zero (the default) every tick is a unit of its own. With a positive
 * interval a unit stays open across ticks while the instance has more work, and is committed at the end of the
 * first tick that ends at least the interval after the unit began; as soon as the instance has no work left, or
 * stops, the open unit is committed at once. A tick that fails aborts the whole open unit ({@link #abortTick}).
 *
 * <p>At-least-once over Kafka, {@code logState} sends the changelog and {@code prepareCommit} waits for it and
 * for the unit's edge sends before the input is acknowledged, so a restart resumes from state at least as new
 * as its input offsets. Exactly-once, a unit is
 * one Kafka transaction, and {@code commitTick} adds the consumed offsets and hands the transaction to a committer
 * thread, which commits sends, state and offsets together while the instance runs the next unit's ticks. {@link #NONE} keeps nothing (in-memory deployments).
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
     * The open unit is about to commit and its input to be acknowledged: wait until its sends and state are
     * durable if the acknowledgement must not come first (at-least-once).
     */
    default void prepareCommit(InstanceId instance) {
    }

    /**
     * The input of every tick of the open unit has been acknowledged: make the whole unit durable. The commit
     * may complete after this returns, while the instance runs its next ticks, provided that units commit in
     * order and that a failed commit fails a later call ({@code commitTick}, or a send of a later tick) before
     * anything of a later unit can become durable.
     */
    default void commitTick(InstanceId instance) {
    }

    /** A tick of the open unit, or its commit, failed: nothing of any tick of the unit may become visible. */
    default void abortTick(InstanceId instance, Throwable cause) {
    }
}
