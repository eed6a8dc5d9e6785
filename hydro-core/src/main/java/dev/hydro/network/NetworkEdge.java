package dev.hydro.network;

/**
 * One network edge of a flow: a stream sent from one location to another. Its name is stable (derived from
 * the two locations, the kind and, for repeats, a counter) because it becomes a Kafka topic name and a
 * metric tag.
 *
 * <pre>{@code
 * NetworkEdge edge = new NetworkEdge("leader-to-workers-round-robin", "leader", false, "workers", true,
 *         EdgeKind.ROUND_ROBIN, true, false);
 * }</pre>
 *
 * @param name the stable edge name
 * @param from the sending location's name
 * @param fromCluster whether the sender is a cluster (receivers then see the sender's member id)
 * @param to the receiving location's name
 * @param toCluster whether the receiver is a cluster
 * @param kind how destination members are chosen
 * @param bincode true for Smile-encoded values, false for raw bytes
 * @param exactlyOnce whether the edge was declared exactly-once
 */
public record NetworkEdge(String name, String from, boolean fromCluster, String to, boolean toCluster,
        EdgeKind kind, boolean bincode, boolean exactlyOnce) {
}
