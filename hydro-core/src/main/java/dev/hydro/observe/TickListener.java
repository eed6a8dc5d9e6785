package dev.hydro.observe;

import dev.hydro.runtime.InstanceId;
import java.util.List;

/**
 * Observes the tick loops of a deployment: one report per tick, per network edge per tick and per commit of
 * durable ticks. The Spring
 * starter binds it to Micrometer; core keeps no metrics library of its own. Called on the tick-loop
 * thread, so implementations must be quick.
 *
 * <pre>{@code
 * TickListener log = new TickListener() {
 *     public void tickFinished(TickReport report) { System.out.println(report); }
 * };
 * }</pre>
 */
public interface TickListener {

    /** A listener that ignores everything. */
    TickListener NONE = new TickListener() {
    };

    /** A listener that forwards every report to each of {@code listeners}, in order. */
    static TickListener all(List<? extends TickListener> listeners) {
        List<TickListener> copy = List.copyOf(listeners);
        if (copy.isEmpty()) {
            return NONE;
        }
        if (copy.size() == 1) {
            return copy.get(0);
        }
        return new TickListener() {
            @Override
            public void tickFinished(TickReport report) {
                copy.forEach(l -> l.tickFinished(report));
            }

            @Override
            public void commitFinished(CommitReport report) {
                copy.forEach(l -> l.commitFinished(report));
            }

            @Override
            public void edgeSent(InstanceId sender, String edge, long records, long bytes) {
                copy.forEach(l -> l.edgeSent(sender, edge, records, bytes));
            }

            @Override
            public void edgeReceived(InstanceId receiver, String edge, long records, long bytes) {
                copy.forEach(l -> l.edgeReceived(receiver, edge, records, bytes));
            }

            @Override
            public void deadLetter(InstanceId receiver, String edge, int sender, byte[] payload, Exception error) {
                copy.forEach(l -> l.deadLetter(receiver, edge, sender, payload, error));
            }
        };
    }

    /** Called after every tick. */
    default void tickFinished(TickReport report) {
    }

    /**
     * Called after an instance whose ticks are durable (a {@code Durability} other than {@code NONE}) committed
     * a unit of ticks: one Kafka transaction, exactly-once.
     */
    default void commitFinished(CommitReport report) {
    }

    /** Called at the end of a tick in which an edge sent records. */
    default void edgeSent(InstanceId sender, String edge, long records, long bytes) {
    }

    /** Called at the end of a tick in which an edge delivered records to this instance. */
    default void edgeReceived(InstanceId receiver, String edge, long records, long bytes) {
    }

    /** Called when a received record could not be decoded and was set aside. */
    default void deadLetter(InstanceId receiver, String edge, int sender, byte[] payload, Exception error) {
    }

    /**
     * What one tick did.
     *
     * @param instance the location instance
     * @param tick the tick number, from 0
     * @param durationNanos how long the tick ran, not counting the commit that may follow it
     * @param batchSize how many elements entered from sources in this tick
     * @param queueDepth how many elements were still waiting in source queues after the tick
     */
    record TickReport(InstanceId instance, long tick, long durationNanos, int batchSize, int queueDepth) {
    }

    /**
     * One commit of a unit of durable ticks.
     *
     * @param instance the location instance
     * @param ticks how many ticks the unit held
     * @param durationNanos how long the instance's thread spent acknowledging the unit's input and committing it
     *     (a transport that finishes commits in the background, as the Kafka transport does, reports their
     *     latency itself)
     */
    record CommitReport(InstanceId instance, int ticks, long durationNanos) {
    }
}
