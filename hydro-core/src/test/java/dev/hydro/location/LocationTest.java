package dev.hydro.location;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hydro.deploy.LocalDeployment;
import dev.hydro.location.MembershipEvent.Change;
import dev.hydro.stream.Fold;
import dev.hydro.stream.NonDet;
import dev.hydro.testsupport.OutputCursor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Locations: member identity, cluster membership, naming rules, and the Mermaid description of a flow. */
class LocationTest {

    interface Leader {}

    interface Worker {}

    interface Other {}

    private static final NonDet STEPPED = NonDet.because("the test steps every tick by hand");

    @Test
    void selfIdIsEachMembersOwnIdInAThreeMemberCluster() {
        FlowBuilder flow = new FlowBuilder("locations");
        Cluster<Worker> workers = flow.cluster(ClusterSpec.ofMembers(3), Worker.class);
        workers.selfId().snapshot(workers.tick(), STEPPED).intoStream().allTicks().destSink("top-level");
        workers.tick().selfId().intoStream().allTicks().destSink("in-tick");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            for (int member = 0; member < 3; member++) {
                deployment.runTick(workers, member);
            }
            List<MemberId<Cluster<Worker>>> expected = List.of(MemberId.of(0), MemberId.of(1), MemberId.of(2));
            assertThat(deployment.output("top-level")).containsExactlyElementsOf(expected);
            assertThat(deployment.output("in-tick")).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void selfIdOfAProcessIsZero() {
        FlowBuilder flow = new FlowBuilder("locations");
        Process<Leader> leader = flow.process(Leader.class);
        leader.tick().selfId().intoStream().allTicks().destSink("id");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            deployment.runUntilQuiescent();
            assertThat(deployment.output("id")).containsExactly(MemberId.of(0));
        }
    }

    @Test
    void deploymentClusterSizeOverridesTheDefaultSize() {
        FlowBuilder flow = new FlowBuilder("locations");
        Cluster<Worker> workers = flow.cluster(ClusterSpec.ofMembers(2), Worker.class);
        workers.sourceIter(List.of("hello")).destSink("greetings");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build(), Map.of("worker", 4))) {
            assertThat(deployment.runUntilQuiescent()).as("one first tick per member").isEqualTo(4);
            assertThat(deployment.output("greetings")).containsExactly("hello", "hello", "hello", "hello");
        }
    }

    @Test
    void membersSeesEveryInitialMemberJoinThenLaterJoinsAndLeaves() {
        FlowBuilder flow = new FlowBuilder("locations");
        Process<Leader> leader = flow.process(Leader.class);
        Cluster<Worker> workers = flow.cluster(ClusterSpec.ofMembers(3), Worker.class);
        leader.members(workers, NonDet.because("membership changes are seen when they happen"))
                .destSink("membership");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            OutputCursor membership = OutputCursor.of(deployment, "membership");
            deployment.runUntilQuiescent();
            assertThat(membership.next()).containsExactly(
                    new MembershipEvent<>(MemberId.of(0), Change.JOINED),
                    new MembershipEvent<>(MemberId.of(1), Change.JOINED),
                    new MembershipEvent<>(MemberId.of(2), Change.JOINED));

            int added = deployment.addMember(workers);
            assertThat(added).isEqualTo(3);
            deployment.runUntilQuiescent();
            assertThat(membership.next()).containsExactly(new MembershipEvent<>(MemberId.of(3), Change.JOINED));

            deployment.removeMember(workers, 1);
            deployment.runUntilQuiescent();
            assertThat(membership.next()).containsExactly(new MembershipEvent<>(MemberId.of(1), Change.LEFT));

            assertThat(deployment.addMember(workers)).as("ids are not reused").isEqualTo(4);
        }
    }

    @Test
    void removingAMemberThatDoesNotExistFails() {
        FlowBuilder flow = new FlowBuilder("locations");
        Cluster<Worker> workers = flow.cluster(ClusterSpec.ofMembers(2), Worker.class);
        workers.sourceIter(List.of(1)).destSink("out");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            assertThatThrownBy(() -> deployment.removeMember(workers, 7))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no member 7");
        }
    }

    @Test
    void twoLocationsSharingANameFail() {
        FlowBuilder flow = new FlowBuilder("locations");
        flow.process(ProcessSpec.named("shared"), Leader.class);

        assertThatThrownBy(() -> flow.cluster(ClusterSpec.ofMembers(2).named("shared"), Worker.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two locations are named 'shared'")
                .hasMessageContaining("ProcessSpec.named/ClusterSpec.named");
    }

    @Test
    void twoLocationsSharingATagTypeFail() {
        FlowBuilder flow = new FlowBuilder("locations");
        flow.process(ProcessSpec.named("first"), Leader.class);

        assertThatThrownBy(() -> flow.process(ProcessSpec.named("second"), Leader.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("share the tag type");
    }

    @Test
    void locationsAreNamedAfterTheirTagUnlessNamedExplicitly() {
        interface WordCounter {}
        FlowBuilder flow = new FlowBuilder("locations");
        assertThat(flow.process(WordCounter.class).name()).isEqualTo("word-counter");
        assertThat(flow.cluster(ClusterSpec.ofMembers(2).named("crew"), Worker.class).name()).isEqualTo("crew");
        assertThatThrownBy(() -> ProcessSpec.named("Not Valid"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lower-case words joined by dashes");
    }

    @Test
    void describeRendersOneSubgraphPerLocationAndLabelsNetworkEdges() {
        FlowBuilder flow = new FlowBuilder("locations");
        Process<Leader> leader = flow.process(Leader.class);
        Cluster<Worker> workers = flow.cluster(ClusterSpec.ofMembers(3), Worker.class);
        leader.sourceIter(List.of("job")).roundRobinBincode(workers)
                .map(String::length)
                .sendBincode(leader)
                .values()
                .destSink("lengths");

        String mermaid = flow.describe();

        assertThat(mermaid).startsWith("flowchart LR\n");
        assertThat(mermaid).contains("subgraph loc0[\"leader (process)\"]");
        assertThat(mermaid).contains("subgraph loc1[\"worker (cluster)\"]");
        assertThat(mermaid).contains("-. \"round-robin bincode: leader-to-worker-round-robin\" .->");
        assertThat(mermaid).contains("-. \"send bincode: worker-to-leader\" .->");
        assertThat(mermaid).contains("[\"destSink lengths\"]");
    }

    @Test
    void describeMarksOperatorsInsideATickAndBlockingAndNextTickEdges() {
        FlowBuilder flow = new FlowBuilder("locations");
        Process<Leader> leader = flow.process(Leader.class);
        var batch = leader.sourceStream("in", String.class).batch(leader.tick(), STEPPED);
        batch.count().intoStream().allTicks().destSink("count");
        batch.deferTick().allTicks().destSink("later");

        String mermaid = flow.describe();

        assertThat(mermaid).contains("[\"batch (tick)\"]", "[\"fold (tick)\"]", "[\"deferTick (tick)\"]");
        assertThat(mermaid).contains(" == blocking ==> ", " -. next tick .-> ");
    }

    @Test
    void describeOfASmallFlowIsExactlyThisMermaidText() {
        FlowBuilder flow = new FlowBuilder("locations");
        Process<Leader> leader = flow.process(Leader.class);
        Cluster<Worker> workers = flow.cluster(ClusterSpec.ofMembers(2), Worker.class);
        leader.sourceIter(List.of("a", "b"))
                .broadcastBincode(workers.exactlyOnce())
                .batch(workers.tick(), STEPPED)
                .fold(Fold.count())
                .intoStream()
                .allTicks()
                .sendBincode(leader)
                .values()
                .destSink("counts");

        assertThat(flow.describe()).isEqualTo("""
                flowchart LR
                  subgraph loc0["leader (process)"]
                    n0["sourceIter"]
                    n1["broadcast bincode"]
                    n8["receive"]
                    n9["values"]
                    n10["destSink counts"]
                  end
                  subgraph loc1["worker (cluster)"]
                    n2["receive"]
                    n3["batch (tick)"]
                    n4["fold (tick)"]
                    n5["intoStream (tick)"]
                    n6["allTicks"]
                    n7["send bincode"]
                  end
                  n0 --> n1
                  n1 -. "broadcast bincode: leader-to-worker-broadcast" .-> n2
                  n2 --> n3
                  n3 == blocking ==> n4
                  n4 --> n5
                  n5 --> n6
                  n6 --> n7
                  n7 -. "send bincode: worker-to-leader" .-> n8
                  n8 --> n9
                  n9 --> n10
                """);
    }
}
