package dev.hydro.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hydro.deploy.LocalDeployment;
import dev.hydro.location.FlowBuilder;
import dev.hydro.location.Process;
import dev.hydro.location.Tick;
import dev.hydro.testsupport.OutputCursor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** interleave() merges two streams as elements arrive; chain() emits one whole batch after the other. */
class UnionTest {

    interface P {}

    private static final NonDet STEPPED = NonDet.because("the test steps every tick by hand");

    @Test
    void interleaveDeliversEveryElementOfBothStreams() {
        FlowBuilder flow = new FlowBuilder("union");
        Process<P> p = flow.process(P.class);
        p.sourceIter(List.of("a", "b")).interleave(p.sourceIter(List.of("x", "y", "z"))).destSink("out");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            deployment.runUntilQuiescent();
            assertThat(deployment.output("out")).containsExactlyInAnyOrder("a", "b", "x", "y", "z");
        }
    }

    @Test
    void interleaveKeepsTheRelativeOrderOfEachInput() {
        FlowBuilder flow = new FlowBuilder("union");
        Process<P> p = flow.process(P.class);
        p.sourceIter(List.of(1, 2, 3)).interleave(p.sourceIter(List.of(10, 20, 30))).destSink("out");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            deployment.runUntilQuiescent();
            List<Object> out = deployment.output("out");
            assertThat(out.stream().filter(x -> (Integer) x < 10)).containsExactly(1, 2, 3);
            assertThat(out.stream().filter(x -> (Integer) x >= 10)).containsExactly(10, 20, 30);
        }
    }

    @Test
    void topLevelInterleaveMergesEachTicksArrivalsFromBothInputs() {
        FlowBuilder flow = new FlowBuilder("union");
        Process<P> p = flow.process(P.class);
        p.sourceStream("left", String.class).interleave(p.sourceStream("right", String.class)).destSink("out");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            OutputCursor out = OutputCursor.of(deployment, "out");
            deployment.push(p, "left", "l1");
            deployment.push(p, "right", "r1");
            deployment.runTick(p);
            assertThat(out.next()).containsExactlyInAnyOrder("l1", "r1");

            deployment.push(p, "right", "r2");
            deployment.runTick(p);
            assertThat(out.next()).containsExactly("r2");
        }
    }

    @Test
    void interleaveInsideATickMergesThatTicksBatches() {
        FlowBuilder flow = new FlowBuilder("union");
        Process<P> p = flow.process(P.class);
        Tick<Process<P>> tick = p.tick();
        p.sourceStream("left", Integer.class).batch(tick, STEPPED)
                .interleave(p.sourceStream("right", Integer.class).batch(tick, STEPPED))
                .fold(Fold.count())
                .intoStream()
                .allTicks()
                .destSink("count");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            OutputCursor count = OutputCursor.of(deployment, "count");
            deployment.push(p, "left", 1);
            deployment.push(p, "right", 2);
            deployment.push(p, "right", 3);
            deployment.runTick(p);
            assertThat(count.next()).containsExactly(3L);

            deployment.push(p, "left", 4);
            deployment.runTick(p);
            assertThat(count.next()).containsExactly(1L);
        }
    }

    @Test
    void chainEmitsTheWholeFirstBatchBeforeTheSecondEvenIfTheSecondArrivesFirst() {
        FlowBuilder flow = new FlowBuilder("union");
        Process<P> p = flow.process(P.class);
        Tick<Process<P>> tick = p.tick();
        // "second" is declared (and therefore drained) before "first": chain must still hold it back.
        var second = p.sourceStream("second", String.class).batch(tick, STEPPED);
        var first = p.sourceStream("first", String.class).batch(tick, STEPPED);
        first.chain(second).allTicks().destSink("out");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            OutputCursor out = OutputCursor.of(deployment, "out");
            deployment.push(p, "second", "s1");
            deployment.push(p, "second", "s2");
            deployment.push(p, "first", "f1");
            deployment.push(p, "first", "f2");
            deployment.runTick(p);
            assertThat(out.next()).containsExactly("f1", "f2", "s1", "s2");

            deployment.push(p, "second", "s3");
            deployment.push(p, "first", "f3");
            deployment.runTick(p);
            assertThat(out.next()).as("each tick is chained on its own").containsExactly("f3", "s3");
        }
    }

    @Test
    void chainWithAnEmptyFirstBatchIsTheSecondBatch() {
        FlowBuilder flow = new FlowBuilder("union");
        Process<P> p = flow.process(P.class);
        Tick<Process<P>> tick = p.tick();
        var first = p.sourceStream("first", String.class).batch(tick, STEPPED);
        var second = p.sourceStream("second", String.class).batch(tick, STEPPED);
        first.chain(second).allTicks().destSink("out");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            deployment.push(p, "second", "s1");
            deployment.runTick(p);
            assertThat(deployment.output("out")).containsExactly("s1");
        }
    }

    @Test
    void chainOfTwoOrderedBatchesIsOrderedAndCanBeEnumerated() {
        FlowBuilder flow = new FlowBuilder("union");
        Process<P> p = flow.process(P.class);
        Tick<Process<P>> tick = p.tick();
        OrderedBoundedStream<String, Process<P>> head = p.sourceIter(List.of("a", "b")).batch(tick, STEPPED);
        OrderedBoundedStream<String, Process<P>> tail = p.sourceIter(List.of("c")).batch(tick, STEPPED);
        head.chain(tail).enumerate().allTicks().destSink("out");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            deployment.runUntilQuiescent();
            assertThat(deployment.output("out"))
                    .containsExactly(new Indexed<>(0, "a"), new Indexed<>(1, "b"), new Indexed<>(2, "c"));
        }
    }
}
