package dev.hydro.spring.autoconfigure;

import dev.hydro.location.Cluster;
import dev.hydro.location.ClusterSpec;
import dev.hydro.location.Process;
import dev.hydro.network.EdgeReceiver;
import dev.hydro.network.EdgeSender;
import dev.hydro.network.InMemoryTransport;
import dev.hydro.network.NetworkEdge;
import dev.hydro.network.Transport;
import dev.hydro.runtime.InstanceId;
import dev.hydro.runtime.SourceQueue;
import dev.hydro.spring.FlowDefinition;
import dev.hydro.spring.runtime.EdgeTransportFactory;
import dev.hydro.spring.runtime.ExternalIo;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Flows and test doubles shared by the starter's context tests. */
final class TestFlows {

    /** The leader's tag: location {@code leader}. */
    interface Leader {
    }

    /** The workers' tag: location {@code worker}. */
    interface Worker {
    }

    private TestFlows() {
    }

    /**
     * Process {@code leader} round-robins 1..6 to cluster {@code worker} (3 members unless configured), the
     * workers multiply by ten and send back, the leader writes the results to output {@code out}.
     */
    static FlowDefinition leaderAndWorkers() {
        return flow -> {
            Process<Leader> leader = flow.process(Leader.class);
            Cluster<Worker> workers = flow.cluster(ClusterSpec.ofMembers(3), Worker.class);
            leader.sourceIter(List.of(1, 2, 3, 4, 5, 6))
                    .roundRobinBincode(workers)
                    .map(x -> x * 10)
                    .sendBincode(leader)
                    .values()
                    .destSink("out");
        };
    }

    /** Process {@code leader} reads the named input {@code orders} and writes it to output {@code out}. */
    static FlowDefinition ordersInput() {
        return flow -> flow.process(Leader.class).sourceStream("orders", String.class).destSink("out");
    }

    /** Like {@link #leaderAndWorkers()} with the edge to the workers declared exactly-once. */
    static FlowDefinition exactlyOnceEdge() {
        return flow -> {
            Process<Leader> leader = flow.process(Leader.class);
            Cluster<Worker> workers = flow.cluster(ClusterSpec.ofMembers(2), Worker.class);
            leader.sourceIter(List.of(1, 2, 3))
                    .roundRobinBincode(workers.exactlyOnce())
                    .destSink("out");
        };
    }

    /** Transports that deliver in memory but promise only at-least-once delivery, like Kafka's. */
    static EdgeTransportFactory atLeastOnceInMemory() {
        return (flow, plan) -> new Transport() {
            private final InMemoryTransport delegate = new InMemoryTransport();

            @Override
            public EdgeSender sender(NetworkEdge edge, InstanceId sender) {
                return delegate.sender(edge, sender);
            }

            @Override
            public void receiver(NetworkEdge edge, InstanceId receiverInstance, EdgeReceiver receiver) {
                delegate.receiver(edge, receiverInstance, receiver);
            }

            @Override
            public boolean exactlyOnce() {
                return false;
            }
        };
    }

    /** An {@link ExternalIo} that feeds no inputs and records every output value. */
    static final class RecordingIo implements ExternalIo {

        final List<Object> outputs = new CopyOnWriteArrayList<>();

        @Override
        public void bindInput(InstanceId instance, String name, Class<?> type, SourceQueue queue) {
        }

        @Override
        public Consumer<Object> output(InstanceId instance, String name) {
            return outputs::add;
        }
    }
}
