package dev.hydro.runtime;

import dev.hydro.network.Transport;
import dev.hydro.observe.TickListener;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a deployment provides to the location instances it runs: the transport, cluster membership, timers,
 * named inputs and outputs, limits and the listener. {@code LocalDeployment} implements it in memory; the
 * Spring starter over Kafka and Spring Cloud Stream.
 *
 * <pre>{@code
 * LocationInstance instance = new LocationInstance(graph, graph.location("leader"), 0, environment);
 * }</pre>
 */
public interface Environment {

    /** Moves records between instances. */
    Transport transport();

    /** The live member ids of a cluster (a process has the single member 0). */
    List<Integer> members(String location);

    /** Calls {@code listener} for the current members of a cluster and every later change. */
    AutoCloseable watchMembers(String cluster, Consumer<InstanceContext.MembershipChange> listener);

    /** The timer service. */
    Scheduler scheduler();

    /** Binds a named external input of an instance to its queue. */
    void bindInput(InstanceId instance, String name, Class<?> type, SourceQueue queue);

    /** The consumer for a named external output of an instance. */
    Consumer<Object> output(InstanceId instance, String name);

    /** Receives tick and edge reports. */
    TickListener listener();

    /** Capacity of each source queue; 0 for unbounded (stepped tests). */
    int queueCapacity();

    /** The largest number of elements one source contributes to one tick. */
    int maxBatchSize();

    /** What makes ticks durable; {@link Durability#NONE} unless the deployment logs state. */
    default Durability durability() {
        return Durability.NONE;
    }
}
