package dev.hydro.runtime;

import dev.hydro.state.StateEntry;
import java.util.List;
import java.util.function.Consumer;

/**
 * What makes a location instance's ticks durable. The instance calls it around every tick, in this order:
 * {@link #beginTick}, the strata, the end of the tick (sends flushed), {@link #logState} with the state the
 * tick changed, the acknowledgement of the tick's input, {@link #commitTick}. Before the first tick it
 * {@link #restore restores} the state an earlier run logged.
 *
 * <p>At-least-once over Kafka, {@code logState} writes the changelog and waits for it before the input is
 * acknowledged, so a restart resumes from state at least as new as its input offsets. Exactly-once, the
 * tick is one Kafka transaction: {@code beginTick} begins it, and {@code commitTick} adds the consumed
 * offsets and commits sends, state and offsets together. {@link #NONE} keeps nothing (in-memory deployments).
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

    /** Replays the latest logged entry of every state key of {@code instance}, before its first tick. */
    default void restore(InstanceId instance, Consumer<StateEntry> entries) {
    }

    /** A tick of {@code instance} is about to run. */
    default void beginTick(InstanceId instance) {
    }

    /** The state changed by the tick that just ended, before its input is acknowledged. */
    default void logState(InstanceId instance, List<StateEntry> changes) {
    }

    /** The tick's input has been acknowledged: make the whole tick durable. */
    default void commitTick(InstanceId instance) {
    }

    /** The tick failed before {@link #commitTick}: nothing of it may become visible. */
    default void abortTick(InstanceId instance, Throwable cause) {
    }
}
