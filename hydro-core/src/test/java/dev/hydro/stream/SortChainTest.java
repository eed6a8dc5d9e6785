package dev.hydro.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hydro.deploy.LocalDeployment;
import dev.hydro.location.FlowBuilder;
import dev.hydro.location.Process;
import dev.hydro.location.Tick;
import dev.hydro.testsupport.OutputCursor;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** sort() orders one tick's whole batch, and sorted batches can be chained into one ordered batch. */
class SortChainTest {

    interface P {}

    private static final NonDet STEPPED = NonDet.because("the test steps every tick by hand");

    @Test
    void sortOrdersEachTicksBatchSeparately() {
        FlowBuilder flow = new FlowBuilder("sort");
        Process<P> p = flow.process(P.class);
        p.sourceStream("in", Integer.class).batch(p.tick(), STEPPED)
                .sort(Comparator.naturalOrder())
                .allTicks()
                .destSink("out");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            OutputCursor out = OutputCursor.of(deployment, "out");
            List.of(3, 1, 2).forEach(x -> deployment.push(p, "in", x));
            deployment.runTick(p);
            assertThat(out.next()).containsExactly(1, 2, 3);

            List.of(0, 5, 4).forEach(x -> deployment.push(p, "in", x));
            deployment.runTick(p);
            assertThat(out.next()).as("the second tick is sorted on its own").containsExactly(0, 4, 5);
        }
    }

    @Test
    void sortUsesTheGivenComparator() {
        FlowBuilder flow = new FlowBuilder("sort");
        Process<P> p = flow.process(P.class);
        p.sourceIter(List.of("ccc", "a", "bb")).batch(p.tick(), STEPPED)
                .sort(Comparator.comparing(String::length).reversed())
                .allTicks()
                .destSink("out");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            deployment.runUntilQuiescent();
            assertThat(deployment.output("out")).containsExactly("ccc", "bb", "a");
        }
    }

    @Test
    void sortingAnUnorderedBatchGivesAnOrderedOneThatCanBeEnumerated() {
        FlowBuilder flow = new FlowBuilder("sort");
        Process<P> p = flow.process(P.class);
        Tick<Process<P>> tick = p.tick();
        var unordered = p.sourceIter(List.of(30, 10)).batch(tick, STEPPED)
                .interleave(p.sourceIter(List.of(20)).batch(tick, STEPPED));
        OrderedBoundedStream.of(unordered.sort(Comparator.naturalOrder()))
                .enumerate()
                .allTicks()
                .destSink("out");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            deployment.runUntilQuiescent();
            assertThat(deployment.output("out"))
                    .containsExactly(new Indexed<>(0, 10), new Indexed<>(1, 20), new Indexed<>(2, 30));
        }
    }

    @Test
    void chainingTwoSortedBatchesKeepsEachSortedAndTheFirstBeforeTheSecond() {
        FlowBuilder flow = new FlowBuilder("sort");
        Process<P> p = flow.process(P.class);
        Tick<Process<P>> tick = p.tick();
        var small = p.sourceIter(List.of(3, 1, 2)).batch(tick, STEPPED).sort(Comparator.naturalOrder());
        var large = p.sourceIter(List.of(30, 10, 20)).batch(tick, STEPPED).sort(Comparator.reverseOrder());
        small.chain(large).allTicks().destSink("out");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            deployment.runUntilQuiescent();
            assertThat(deployment.output("out")).containsExactly(1, 2, 3, 30, 20, 10);
        }
    }

    @Test
    void sortingAfterAChainWaitsForTheWholeChainedBatch() {
        FlowBuilder flow = new FlowBuilder("sort");
        Process<P> p = flow.process(P.class);
        Tick<Process<P>> tick = p.tick();
        var first = p.sourceIter(List.of(5, 1)).batch(tick, STEPPED);
        var second = p.sourceIter(List.of(4, 2)).batch(tick, STEPPED);
        first.chain(second).sort(Comparator.naturalOrder()).allTicks().destSink("out");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            deployment.runUntilQuiescent();
            assertThat(deployment.output("out")).containsExactly(1, 2, 4, 5);
        }
    }
}
