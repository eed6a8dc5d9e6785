package dev.hydro.runtime;

import dev.hydro.network.EdgeReceiver;
import dev.hydro.network.EdgeSender;
import dev.hydro.network.NetworkEdge;
import dev.hydro.observe.TickListener;
import java.util.List;
import java.util.function.Consumer;

/**
 * What an operator may ask of the location instance it runs in: its identity, source queues, network
 * edges, cluster membership, timers and named external inputs and outputs. A deployment implements it.
 *
 * <pre>{@code
 * OperatorFactory factory = context -> new QueueSource(context.newSourceQueue());
 * }</pre>
 */
public interface InstanceContext {

    /** The instance the operator runs in. */
    InstanceId self();

    /** A new queue whose arrivals schedule a tick of this instance. */
    SourceQueue newSourceQueue();

    /** The largest number of elements one source may contribute to one tick. */
    int maxBatchSize();

    /**
     * Capacity of each source queue, in elements; 0 for unbounded. Deployments configure every instance alike,
     * so a sender also caps its tick frames at this many elements: a frame then fits a receiver's queue.
     */
    int queueCapacity();

    /** The sending end of a network edge leaving this instance. */
    EdgeSender sender(NetworkEdge edge);

    /** Registers the receiving end of a network edge arriving at this instance. */
    void receive(NetworkEdge edge, EdgeReceiver receiver);

    /** The ids of the live members of a cluster, in ascending order. */
    List<Integer> members(String cluster);

    /** Calls {@code listener} for the current members of {@code cluster} and every later change. */
    AutoCloseable watchMembers(String cluster, Consumer<MembershipChange> listener);

    /** The timer service. */
    Scheduler scheduler();

    /** Registers the queue behind a named external input ({@code sourceStream(name, type)}). */
    void bindInput(String name, Class<?> type, SourceQueue queue);

    /** The consumer behind a named external output ({@code destSink(name)}). */
    Consumer<Object> output(String name);

    /** Receives tick and edge reports. */
    TickListener listener();

    /** Sets aside an undecodable record of an edge (transport dead-letter plus listener report). */
    void deadLetter(NetworkEdge edge, int senderMember, byte[] payload, Exception error);

    /**
     * Runs {@code action} once the current tick has finished and its sends were handed to the transport, right
     * before the unit of durability holding the tick commits (after every tick, unless the durability has a
     * commit interval); used to acknowledge inputs (commit offsets) only after the tick that consumed them.
     */
    void afterTick(Runnable action);

    /**
     * One change of cluster membership.
     *
     * @param member the member id
     * @param joined true if it joined, false if it left
     */
    record MembershipChange(int member, boolean joined) {
    }
}
