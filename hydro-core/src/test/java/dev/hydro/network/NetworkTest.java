package dev.hydro.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hydro.deploy.LocalDeployment;
import dev.hydro.location.Cluster;
import dev.hydro.location.ClusterSpec;
import dev.hydro.location.FlowBuilder;
import dev.hydro.location.MemberId;
import dev.hydro.location.Process;
import dev.hydro.location.Tick;
import dev.hydro.observe.TickListener;
import dev.hydro.runtime.InstanceId;
import dev.hydro.stream.Delivery;
import dev.hydro.stream.KeyValue;
import dev.hydro.stream.NonDet;
import dev.hydro.stream.Ordering;
import dev.hydro.stream.Pair;
import dev.hydro.stream.Stream;
import dev.hydro.stream.Unbounded;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Network operators between a process and a three-member cluster, over the in-memory transport. */
class NetworkTest {

    interface Leader {}

    interface Follower {}

    interface Worker {}

    interface Auditor {}

    /** A message addressed to one worker. */
    record Addressed(int member, String text) {}

    private static final NonDet STEPPED = NonDet.because("the test steps every tick by hand");

    /**
     * Sinks every element a cluster member receives together with that member's id, so a test can tell
     * which member got what: the output holds {@code Pair(element, MemberId)}.
     */
    static <T, C, O extends Ordering, R extends Delivery> void sinkTaggedWithReceiver(
            Stream<T, Cluster<C>, Unbounded, O, R> received, String output) {
        Tick<Cluster<C>> tick = received.location().tick();
        received.batch(tick, STEPPED).crossSingleton(tick.selfId()).allTicks().destSink(output);
    }

    /** Groups {@code Pair(element, MemberId)} outputs by member id, keeping arrival order per member. */
    static Map<Integer, List<Object>> byReceiver(List<Object> tagged) {
        Map<Integer, List<Object>> grouped = new TreeMap<>();
        for (Object o : tagged) {
            Pair<?, ?> pair = (Pair<?, ?>) o;
            grouped.computeIfAbsent(((MemberId<?>) pair.second()).raw(), m -> new ArrayList<>()).add(pair.first());
        }
        return grouped;
    }

    @Test
    void processToProcessSendBincodeKeepsTheOrder() {
        FlowBuilder flow = new FlowBuilder("network");
        Process<Leader> leader = flow.process(Leader.class);
        Process<Follower> follower = flow.process(Follower.class);
        List<Integer> numbers = IntStream.range(0, 100).boxed().toList();
        leader.sourceIter(numbers).sendBincode(follower).destSink("received");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            deployment.runTick(leader);
            assertThat(deployment.output("received")).as("nothing arrives before the receiver ticks").isEmpty();
            deployment.runTick(follower);
            assertThat(deployment.output("received")).containsExactlyElementsOf(numbers);
        }
    }

    @Test
    void processToClusterBroadcastReachesEveryMember() {
        FlowBuilder flow = new FlowBuilder("network");
        Process<Leader> leader = flow.process(Leader.class);
        Cluster<Worker> workers = flow.cluster(ClusterSpec.ofMembers(3), Worker.class);
        sinkTaggedWithReceiver(leader.sourceIter(List.of("config-a", "config-b")).broadcastBincode(workers), "got");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            deployment.runUntilQuiescent();
            assertThat(byReceiver(deployment.output("got"))).isEqualTo(Map.of(
                    0, List.of("config-a", "config-b"),
                    1, List.of("config-a", "config-b"),
                    2, List.of("config-a", "config-b")));
        }
    }

    @Test
    void roundRobinSpreadsNineElementsThreeToEachMemberInTurn() {
        FlowBuilder flow = new FlowBuilder("network");
        Process<Leader> leader = flow.process(Leader.class);
        Cluster<Worker> workers = flow.cluster(ClusterSpec.ofMembers(3), Worker.class);
        sinkTaggedWithReceiver(leader.sourceIter(IntStream.range(0, 9).boxed().toList()).roundRobinBincode(workers),
                "got");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            deployment.runUntilQuiescent();
            assertThat(byReceiver(deployment.output("got"))).isEqualTo(Map.of(
                    0, List.of(0, 3, 6),
                    1, List.of(1, 4, 7),
                    2, List.of(2, 5, 8)));
        }
    }

    @Test
    void roundRobinContinuesItsTurnAcrossTicks() {
        FlowBuilder flow = new FlowBuilder("network");
        Process<Leader> leader = flow.process(Leader.class);
        Cluster<Worker> workers = flow.cluster(ClusterSpec.ofMembers(3), Worker.class);
        sinkTaggedWithReceiver(leader.sourceStream("in", Integer.class).roundRobinBincode(workers), "got");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            deployment.push(leader, "in", 0);
            deployment.push(leader, "in", 1);
            deployment.runUntilQuiescent();
            deployment.push(leader, "in", 2);
            deployment.push(leader, "in", 3);
            deployment.runUntilQuiescent();
            assertThat(byReceiver(deployment.output("got")))
                    .isEqualTo(Map.of(0, List.of(0, 3), 1, List.of(1), 2, List.of(2)));
        }
    }

    @Test
    void demuxBincodeReachesExactlyTheAddressedMember() {
        FlowBuilder flow = new FlowBuilder("network");
        Process<Leader> leader = flow.process(Leader.class);
        Cluster<Worker> workers = flow.cluster(ClusterSpec.ofMembers(3), Worker.class);
        var messages = leader.sourceIter(List.of(
                new Addressed(2, "to two"), new Addressed(0, "to zero"), new Addressed(2, "two again")));
        sinkTaggedWithReceiver(messages
                .intoKeyed(m -> MemberId.<Cluster<Worker>>of(m.member()), Addressed::text)
                .demuxBincode(workers), "got");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            deployment.runUntilQuiescent();
            assertThat(byReceiver(deployment.output("got"))).isEqualTo(Map.of(
                    0, List.of("to zero"),
                    2, List.of("to two", "two again")));
        }
    }

    @Test
    void clusterToProcessSendBincodeArrivesKeyedByEachSendersMemberId() {
        FlowBuilder flow = new FlowBuilder("network");
        Process<Leader> leader = flow.process(Leader.class);
        Cluster<Worker> workers = flow.cluster(ClusterSpec.ofMembers(3), Worker.class);
        workers.tick().selfId().map(id -> "hello from " + id.raw()).intoStream().allTicks()
                .sendBincode(leader)
                .entries()
                .destSink("hellos");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            deployment.runUntilQuiescent();
            assertThat(deployment.output("hellos")).containsExactlyInAnyOrder(
                    KeyValue.of(MemberId.of(0), "hello from 0"),
                    KeyValue.of(MemberId.of(1), "hello from 1"),
                    KeyValue.of(MemberId.of(2), "hello from 2"));
        }
    }

    @Test
    void clusterToProcessKeepsEachSendersOrder() {
        FlowBuilder flow = new FlowBuilder("network");
        Process<Leader> leader = flow.process(Leader.class);
        Cluster<Worker> workers = flow.cluster(ClusterSpec.ofMembers(3), Worker.class);
        workers.sourceIter(IntStream.range(0, 20).boxed().toList()).sendBincode(leader).entries().destSink("got");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            deployment.runUntilQuiescent();
            Map<Integer, List<Object>> bySender = new TreeMap<>();
            for (Object o : deployment.output("got")) {
                KeyValue<?, ?> kv = (KeyValue<?, ?>) o;
                bySender.computeIfAbsent(((MemberId<?>) kv.key()).raw(), m -> new ArrayList<>()).add(kv.value());
            }
            List<Object> inOrder = List.copyOf(IntStream.range(0, 20).boxed().toList());
            assertThat(bySender).isEqualTo(Map.of(0, inOrder, 1, inOrder, 2, inOrder));
        }
    }

    @Test
    void clusterToClusterBroadcastReachesEveryMemberKeyedBySender() {
        FlowBuilder flow = new FlowBuilder("network");
        Cluster<Worker> workers = flow.cluster(ClusterSpec.ofMembers(3), Worker.class);
        Cluster<Auditor> auditors = flow.cluster(ClusterSpec.ofMembers(2), Auditor.class);
        var reports = workers.tick().selfId().map(id -> "report " + id.raw()).intoStream().allTicks()
                .broadcastBincode(auditors);
        sinkTaggedWithReceiver(reports.entries(), "got");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            deployment.runUntilQuiescent();
            Map<Integer, List<Object>> byAuditor = byReceiver(deployment.output("got"));
            List<KeyValue<MemberId<Cluster<Worker>>, String>> everyReport = List.of(
                    KeyValue.of(MemberId.of(0), "report 0"),
                    KeyValue.of(MemberId.of(1), "report 1"),
                    KeyValue.of(MemberId.of(2), "report 2"));
            assertThat(byAuditor).containsOnlyKeys(0, 1);
            assertThat(byAuditor.get(0)).containsExactlyInAnyOrderElementsOf(everyReport);
            assertThat(byAuditor.get(1)).containsExactlyInAnyOrderElementsOf(everyReport);
        }
    }

    @Test
    void broadcastReachesMembersAddedLaterAndSkipsRemovedOnes() {
        FlowBuilder flow = new FlowBuilder("network");
        Process<Leader> leader = flow.process(Leader.class);
        Cluster<Worker> workers = flow.cluster(ClusterSpec.ofMembers(3), Worker.class);
        sinkTaggedWithReceiver(leader.sourceStream("in", String.class).broadcastBincode(workers), "got");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            deployment.runUntilQuiescent();
            deployment.removeMember(workers, 1);
            int added = deployment.addMember(workers);
            deployment.push(leader, "in", "after the change");
            deployment.runUntilQuiescent();

            assertThat(byReceiver(deployment.output("got"))).isEqualTo(Map.of(
                    0, List.of("after the change"),
                    2, List.of("after the change"),
                    added, List.of("after the change")));
        }
    }

    @Test
    void sendBytesCarriesRawBytesUnchanged() {
        FlowBuilder flow = new FlowBuilder("network");
        Process<Leader> leader = flow.process(Leader.class);
        Process<Follower> follower = flow.process(Follower.class);
        byte[] text = "not a bincode frame".getBytes(StandardCharsets.UTF_8);
        byte[] extremes = {0, -1, 127, -128, 1, 0};
        byte[] empty = {};
        leader.sourceIter(List.of(text, extremes, empty)).sendBytes(follower).destSink("bytes");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            deployment.runUntilQuiescent();
            List<Object> received = deployment.output("bytes");
            assertThat(received).hasSize(3);
            assertThat((byte[]) received.get(0)).isEqualTo(text);
            assertThat((byte[]) received.get(1)).isEqualTo(extremes);
            assertThat((byte[]) received.get(2)).isEmpty();
        }
    }

    @Test
    void sendBytesFromAClusterArrivesKeyedBySender() {
        FlowBuilder flow = new FlowBuilder("network");
        Process<Leader> leader = flow.process(Leader.class);
        Cluster<Worker> workers = flow.cluster(ClusterSpec.ofMembers(3), Worker.class);
        workers.tick().selfId().map(id -> new byte[] {(byte) id.raw(), 42}).intoStream().allTicks()
                .sendBytes(leader)
                .entries()
                .destSink("bytes");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            deployment.runUntilQuiescent();
            List<Object> received = deployment.output("bytes");
            assertThat(received).hasSize(3);
            for (Object o : received) {
                KeyValue<?, ?> kv = (KeyValue<?, ?>) o;
                int sender = ((MemberId<?>) kv.key()).raw();
                assertThat((byte[]) kv.value()).isEqualTo(new byte[] {(byte) sender, 42});
            }
        }
    }

    @Test
    void sendingAPlainClassFailsAtTheSenderNamingTheEdgeAndTheFix() {
        class Plain {
        }
        FlowBuilder flow = new FlowBuilder("network");
        Process<Leader> leader = flow.process(Leader.class);
        Process<Follower> follower = flow.process(Follower.class);
        leader.sourceIter(List.of(new Plain())).sendBincode(follower).destSink("never");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            assertThatThrownBy(() -> deployment.runTick(leader))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("edge 'leader-to-follower'")
                    .hasMessageContaining(Plain.class.getName())
                    .hasMessageContaining("wrap collections and other classes in a record");
            deployment.runTick(follower);
            assertThat(deployment.output("never")).as("nothing was sent").isEmpty();
        }
    }

    @Test
    void sendingAJavaUtilListFailsAtTheSenderNamingTheEdgeAndTheFix() {
        FlowBuilder flow = new FlowBuilder("network");
        Process<Leader> leader = flow.process(Leader.class);
        Cluster<Worker> workers = flow.cluster(ClusterSpec.ofMembers(3), Worker.class);
        leader.sourceIter(List.<List<String>>of(List.of("a", "b"))).broadcastBincode(workers).destSink("never");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            assertThatThrownBy(() -> deployment.runTick(leader))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("edge 'leader-to-worker-broadcast'")
                    .hasMessageContaining("java.util.")
                    .hasMessageContaining("wrap collections and other classes in a record");
        }
    }

    @Test
    void sendingAGenericRecordFailsBecauseTheReceiverCannotKnowItsComponentTypes() {
        FlowBuilder flow = new FlowBuilder("network");
        Process<Leader> leader = flow.process(Leader.class);
        Process<Follower> follower = flow.process(Follower.class);
        leader.sourceIter(List.of(new Pair<>("a", 1))).sendBincode(follower).destSink("never");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            assertThatThrownBy(() -> deployment.runTick(leader))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("edge 'leader-to-follower'")
                    .hasMessageContaining("type variable")
                    .hasMessageContaining("concrete component types");
        }
    }

    @Test
    void repeatedEdgesBetweenTheSameLocationsGetNumberedNames() {
        FlowBuilder flow = new FlowBuilder("network");
        Process<Leader> leader = flow.process(Leader.class);
        Process<Follower> follower = flow.process(Follower.class);
        leader.sourceIter(List.of(1)).sendBincode(follower).destSink("first");
        leader.sourceIter(List.of(2)).sendBincode(follower).destSink("second");

        assertThat(flow.build().edges()).extracting(NetworkEdge::name)
                .containsExactly("leader-to-follower", "leader-to-follower-2");
        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            deployment.runUntilQuiescent();
            assertThat(deployment.output("first")).containsExactly(1);
            assertThat(deployment.output("second")).containsExactly(2);
        }
    }

    @Test
    void theListenerSeesRecordsSentAndReceivedPerEdgeAndTick() {
        FlowBuilder flow = new FlowBuilder("network");
        Process<Leader> leader = flow.process(Leader.class);
        Cluster<Worker> workers = flow.cluster(ClusterSpec.ofMembers(3), Worker.class);
        leader.sourceIter(List.of("a", "b")).broadcastBincode(workers).destSink("got");
        List<String> events = new ArrayList<>();
        TickListener listener = new TickListener() {
            @Override
            public void edgeSent(InstanceId sender, String edge, long records, long bytes) {
                events.add("sent " + sender + " " + edge + " " + records);
            }

            @Override
            public void edgeReceived(InstanceId receiver, String edge, long records, long bytes) {
                events.add("received " + receiver + " " + edge + " " + records);
            }
        };

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build(), Map.of(), listener)) {
            deployment.runUntilQuiescent();
            assertThat(events).containsExactly(
                    "sent leader/0 leader-to-worker-broadcast 6",
                    "received worker/0 leader-to-worker-broadcast 2",
                    "received worker/1 leader-to-worker-broadcast 2",
                    "received worker/2 leader-to-worker-broadcast 2");
        }
    }
}
