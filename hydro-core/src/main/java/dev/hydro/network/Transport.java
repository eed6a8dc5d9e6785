package dev.hydro.network;

import dev.hydro.runtime.InstanceId;

/**
 * Moves encoded elements between location instances. This module ships {@link InMemoryTransport}; the Spring
 * starter adds a Kafka transport. A transport says whether it delivers exactly once; deploying an edge
 * declared exactly-once on a transport that does not fails at start-up.
 *
 * <pre>{@code
 * Transport transport = new InMemoryTransport();
 * transport.receiver(edge, new InstanceId("leader", 0), (from, bytes, consumed) -> System.out.println(from));
 * transport.sender(edge, new InstanceId("workers", 1)).send(0, new byte[] {1});
 * }</pre>
 */
public interface Transport extends AutoCloseable {

    /** The sending end of {@code edge} for instance {@code sender}. */
    EdgeSender sender(NetworkEdge edge, InstanceId sender);

    /** Registers the receiving end of {@code edge} at instance {@code receiverInstance}. */
    void receiver(NetworkEdge edge, InstanceId receiverInstance, EdgeReceiver receiver);

    /** Starts delivering; called once every receiver of this deployment is registered. */
    default void start() {
    }

    /**
     * Sets aside a record of {@code edge} that {@code receiverInstance} could not decode, so that it is kept
     * for inspection instead of lost (Kafka: the topic {@code <edge topic>.dlt}). The tick loop keeps going.
     */
    default void deadLetter(NetworkEdge edge, InstanceId receiverInstance, int senderMember, byte[] payload,
            Exception error) {
    }

    /**
     * Why the transport cannot deliver right now (a receiving consumer died, sends fail), or {@code null}
     * while it is healthy. Reported by health checks.
     */
    default String failure() {
        return null;
    }

    /** Whether every record is delivered exactly once, even across restarts. */
    boolean exactlyOnce();

    @Override
    default void close() {
    }
}
