package dev.hydro.network;

import dev.hydro.runtime.InstanceId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Delivers records between instances of one JVM by handing them straight to the receiver. Exactly-once: a
 * record is delivered once, and nothing survives a restart because nothing restarts.
 *
 * <pre>{@code
 * LocalDeployment deployment = LocalDeployment.stepped(flow); // uses an InMemoryTransport
 * }</pre>
 */
public final class InMemoryTransport implements Transport {

    private final Map<Address, EdgeReceiver> receivers = new ConcurrentHashMap<>();

    @Override
    public EdgeSender sender(NetworkEdge edge, InstanceId sender) {
        return (destinationMember, payload) -> {
            EdgeReceiver receiver = receivers.get(new Address(edge.name(), edge.to(), destinationMember));
            if (receiver == null) {
                return; // the destination member has left the cluster: like a network, drop it
            }
            try {
                receiver.receive(sender.member(), payload, null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while delivering on edge " + edge.name(), e);
            }
        };
    }

    @Override
    public void receiver(NetworkEdge edge, InstanceId receiverInstance, EdgeReceiver receiver) {
        receivers.put(new Address(edge.name(), receiverInstance.location(), receiverInstance.member()), receiver);
    }

    /** Unregisters every receiver of an instance that stopped; later records to it are dropped. */
    public void remove(InstanceId instance) {
        receivers.keySet().removeIf(a -> a.location().equals(instance.location()) && a.member() == instance.member());
    }

    @Override
    public boolean exactlyOnce() {
        return true;
    }

    private record Address(String edge, String location, int member) {
    }
}
