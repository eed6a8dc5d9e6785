package dev.hydro.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hydro.deploy.LocalDeployment;
import dev.hydro.location.FlowBuilder;
import dev.hydro.location.Process;
import dev.hydro.testsupport.OutputCursor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** unique() and enumerate() remember forever at top level and start over every tick inside one. */
class UniqueAndEnumerateTest {

    interface P {}

    private static final NonDet STEPPED = NonDet.because("the test steps every tick by hand");

    @Test
    void uniqueDropsDuplicatesWithinOneBatchKeepingFirstOccurrenceOrder() {
        FlowBuilder flow = new FlowBuilder("unique");
        Process<P> p = flow.process(P.class);
        p.sourceIter(List.of("b", "a", "b", "c", "a")).unique().destSink("out");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            deployment.runUntilQuiescent();
            assertThat(deployment.output("out")).containsExactly("b", "a", "c");
        }
    }

    @Test
    void topLevelUniqueRemembersElementsFromEarlierTicks() {
        FlowBuilder flow = new FlowBuilder("unique");
        Process<P> p = flow.process(P.class);
        p.sourceStream("in", String.class).unique().destSink("out");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            OutputCursor out = OutputCursor.of(deployment, "out");
            deployment.push(p, "in", "a");
            deployment.push(p, "in", "b");
            deployment.runTick(p);
            assertThat(out.next()).containsExactly("a", "b");

            deployment.push(p, "in", "b");
            deployment.push(p, "in", "c");
            deployment.push(p, "in", "a");
            deployment.runTick(p);
            assertThat(out.next()).containsExactly("c");
        }
    }

    @Test
    void uniqueInsideATickForgetsAtTheEndOfEveryTick() {
        FlowBuilder flow = new FlowBuilder("unique");
        Process<P> p = flow.process(P.class);
        p.sourceStream("in", String.class).batch(p.tick(), STEPPED).unique().allTicks().destSink("out");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            OutputCursor out = OutputCursor.of(deployment, "out");
            List.of("a", "a", "b").forEach(x -> deployment.push(p, "in", x));
            deployment.runTick(p);
            assertThat(out.next()).containsExactly("a", "b");

            List.of("b", "a", "b").forEach(x -> deployment.push(p, "in", x));
            deployment.runTick(p);
            assertThat(out.next()).containsExactly("b", "a");
        }
    }

    @Test
    void enumeratePairsElementsWithTheirPositionFromZero() {
        FlowBuilder flow = new FlowBuilder("enumerate");
        Process<P> p = flow.process(P.class);
        p.sourceIter(List.of("x", "y", "z")).enumerate().destSink("out");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            deployment.runUntilQuiescent();
            assertThat(deployment.output("out"))
                    .containsExactly(new Indexed<>(0, "x"), new Indexed<>(1, "y"), new Indexed<>(2, "z"));
        }
    }

    @Test
    void topLevelEnumerateKeepsCountingAcrossTicks() {
        FlowBuilder flow = new FlowBuilder("enumerate");
        Process<P> p = flow.process(P.class);
        p.sourceStream("in", String.class).enumerate().destSink("out");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            OutputCursor out = OutputCursor.of(deployment, "out");
            deployment.push(p, "in", "a");
            deployment.push(p, "in", "b");
            deployment.runTick(p);
            assertThat(out.next()).containsExactly(new Indexed<>(0, "a"), new Indexed<>(1, "b"));

            deployment.push(p, "in", "c");
            deployment.runTick(p);
            assertThat(out.next()).containsExactly(new Indexed<>(2, "c"));
        }
    }

    @Test
    void enumerateInsideATickRestartsAtZeroEveryTick() {
        FlowBuilder flow = new FlowBuilder("enumerate");
        Process<P> p = flow.process(P.class);
        p.sourceStream("in", String.class).batch(p.tick(), STEPPED).enumerate().allTicks().destSink("out");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            OutputCursor out = OutputCursor.of(deployment, "out");
            deployment.push(p, "in", "a");
            deployment.push(p, "in", "b");
            deployment.runTick(p);
            assertThat(out.next()).containsExactly(new Indexed<>(0, "a"), new Indexed<>(1, "b"));

            deployment.push(p, "in", "c");
            deployment.runTick(p);
            assertThat(out.next()).containsExactly(new Indexed<>(0, "c"));
        }
    }
}
