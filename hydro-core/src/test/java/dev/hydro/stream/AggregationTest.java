package dev.hydro.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hydro.deploy.LocalDeployment;
import dev.hydro.location.FlowBuilder;
import dev.hydro.location.Location;
import dev.hydro.location.Process;
import dev.hydro.testsupport.OutputCursor;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Folds and reductions: running values at top level, one value per tick inside a tick. */
class AggregationTest {

    interface P {}

    private static final NonDet STEPPED = NonDet.because("the test steps every tick by hand");

    /** Emits the value of a top-level singleton once per tick, as the tick sees it. */
    static <T, L extends Location<L>> void sinkEveryTick(Singleton<T, L, Unbounded> value, String output) {
        value.snapshot(value.location().tick(), STEPPED).intoStream().allTicks().destSink(output);
    }

    /** Emits the value of a top-level optional once per tick while it is present. */
    static <T, L extends Location<L>> void sinkEveryTick(Optional<T, L, Unbounded> value, String output) {
        value.snapshot(value.location().tick(), STEPPED).intoStream().allTicks().destSink(output);
    }

    @Test
    void topLevelOrderedFoldIsARunningValueAcrossTicks() {
        FlowBuilder flow = new FlowBuilder("aggregation");
        Process<P> p = flow.process(P.class);
        sinkEveryTick(p.sourceStream("in", String.class).fold(() -> "", (acc, s) -> acc + s), "out");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            OutputCursor out = OutputCursor.of(deployment, "out");
            deployment.runTick(p);
            assertThat(out.next()).containsExactly("");

            deployment.push(p, "in", "a");
            deployment.push(p, "in", "b");
            deployment.runTick(p);
            assertThat(out.next()).containsExactly("ab");

            deployment.push(p, "in", "c");
            deployment.runTick(p);
            assertThat(out.next()).containsExactly("abc");
        }
    }

    @Test
    void commutativeFoldAcceptsAnUnorderedStream() {
        FlowBuilder flow = new FlowBuilder("aggregation");
        Process<P> p = flow.process(P.class);
        var merged = p.sourceIter(List.of(1, 2, 3)).interleave(p.sourceIter(List.of(10, 20)));
        sinkEveryTick(merged.fold(Fold.commutative(() -> 0, Integer::sum)), "out");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            deployment.runUntilQuiescent();
            assertThat(deployment.output("out")).containsExactly(36);
        }
    }

    @Test
    void commutativeIdempotentFoldAcceptsAnAtLeastOnceStream() {
        FlowBuilder flow = new FlowBuilder("aggregation");
        Process<P> p = flow.process(P.class);
        Stream<Integer, Process<P>, Unbounded, NoOrder, AtLeastOnce> maybeTwice =
                p.sourceIter(List.of(4, 9, 9, 2)).weakenOrdering().weakenDelivery();
        sinkEveryTick(maybeTwice.fold(Fold.commutativeIdempotent(() -> Integer.MIN_VALUE, Math::max)), "out");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            deployment.runUntilQuiescent();
            assertThat(deployment.output("out")).containsExactly(9);
        }
    }

    @Test
    void reduceIsAbsentUntilTheFirstElementThenRunning() {
        FlowBuilder flow = new FlowBuilder("aggregation");
        Process<P> p = flow.process(P.class);
        sinkEveryTick(p.sourceStream("in", Integer.class).reduce(Reduce.commutative(Integer::sum)), "out");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            OutputCursor out = OutputCursor.of(deployment, "out");
            deployment.runTick(p);
            assertThat(out.next()).isEmpty();

            deployment.push(p, "in", 1);
            deployment.push(p, "in", 2);
            deployment.runTick(p);
            assertThat(out.next()).containsExactly(3);

            deployment.push(p, "in", 4);
            deployment.runTick(p);
            assertThat(out.next()).containsExactly(7);
        }
    }

    @Test
    void orderedReduceCombinesInArrivalOrder() {
        FlowBuilder flow = new FlowBuilder("aggregation");
        Process<P> p = flow.process(P.class);
        sinkEveryTick(p.sourceIter(List.of("x", "y", "z")).reduce((a, b) -> a + "," + b), "out");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            deployment.runUntilQuiescent();
            assertThat(deployment.output("out")).containsExactly("x,y,z");
        }
    }

    @Test
    void countIsARunningCountAtTopLevel() {
        FlowBuilder flow = new FlowBuilder("aggregation");
        Process<P> p = flow.process(P.class);
        sinkEveryTick(p.sourceStream("in", String.class).count(), "out");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            OutputCursor out = OutputCursor.of(deployment, "out");
            deployment.runTick(p);
            assertThat(out.next()).containsExactly(0L);

            List.of("a", "b", "c").forEach(x -> deployment.push(p, "in", x));
            deployment.runTick(p);
            assertThat(out.next()).containsExactly(3L);

            deployment.push(p, "in", "d");
            deployment.runTick(p);
            assertThat(out.next()).containsExactly(4L);
        }
    }

    @Test
    void countInsideATickCountsOnlyThatTick() {
        FlowBuilder flow = new FlowBuilder("aggregation");
        Process<P> p = flow.process(P.class);
        p.sourceStream("in", String.class).batch(p.tick(), STEPPED).count().intoStream().allTicks().destSink("out");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            OutputCursor out = OutputCursor.of(deployment, "out");
            List.of("a", "b", "c").forEach(x -> deployment.push(p, "in", x));
            deployment.runTick(p);
            assertThat(out.next()).containsExactly(3L);

            deployment.push(p, "in", "d");
            deployment.runTick(p);
            assertThat(out.next()).containsExactly(1L);
        }
    }

    @Test
    void minAndMaxTrackTheExtremesSoFar() {
        FlowBuilder flow = new FlowBuilder("aggregation");
        Process<P> p = flow.process(P.class);
        var numbers = p.sourceStream("in", Integer.class).weakenOrdering();
        sinkEveryTick(numbers.min(Comparator.naturalOrder()), "min");
        sinkEveryTick(numbers.max(Comparator.naturalOrder()), "max");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            OutputCursor min = OutputCursor.of(deployment, "min");
            OutputCursor max = OutputCursor.of(deployment, "max");
            List.of(5, 3, 8).forEach(x -> deployment.push(p, "in", x));
            deployment.runTick(p);
            assertThat(min.next()).containsExactly(3);
            assertThat(max.next()).containsExactly(8);

            List.of(4, 6).forEach(x -> deployment.push(p, "in", x));
            deployment.runTick(p);
            assertThat(min.next()).containsExactly(3);
            assertThat(max.next()).containsExactly(8);

            List.of(1, 9).forEach(x -> deployment.push(p, "in", x));
            deployment.runTick(p);
            assertThat(min.next()).containsExactly(1);
            assertThat(max.next()).containsExactly(9);
        }
    }

    @Test
    void topLevelFirstKeepsTheVeryFirstElementForever() {
        FlowBuilder flow = new FlowBuilder("aggregation");
        Process<P> p = flow.process(P.class);
        sinkEveryTick(p.sourceStream("in", String.class).first(), "out");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            OutputCursor out = OutputCursor.of(deployment, "out");
            deployment.push(p, "in", "a");
            deployment.push(p, "in", "b");
            deployment.runTick(p);
            assertThat(out.next()).containsExactly("a");

            deployment.push(p, "in", "c");
            deployment.runTick(p);
            assertThat(out.next()).containsExactly("a");
        }
    }

    @Test
    void firstAndLastOfABatchAreThatTicksFirstAndLastElements() {
        FlowBuilder flow = new FlowBuilder("aggregation");
        Process<P> p = flow.process(P.class);
        var batch = p.sourceStream("in", String.class).batch(p.tick(), STEPPED);
        batch.first().intoStream().allTicks().destSink("first");
        batch.last().intoStream().allTicks().destSink("last");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            OutputCursor first = OutputCursor.of(deployment, "first");
            OutputCursor last = OutputCursor.of(deployment, "last");
            List.of("a", "b", "c").forEach(x -> deployment.push(p, "in", x));
            deployment.runTick(p);
            assertThat(first.next()).containsExactly("a");
            assertThat(last.next()).containsExactly("c");

            deployment.runTick(p);
            assertThat(first.next()).as("an empty batch has no first element").isEmpty();
            assertThat(last.next()).as("an empty batch has no last element").isEmpty();

            deployment.push(p, "in", "d");
            deployment.runTick(p);
            assertThat(first.next()).containsExactly("d");
            assertThat(last.next()).containsExactly("d");
        }
    }

    @Test
    void sumLongSumsTheExtractedValuesAsARunningTotal() {
        record Sale(String item, long cents) {}
        FlowBuilder flow = new FlowBuilder("aggregation");
        Process<P> p = flow.process(P.class);
        sinkEveryTick(p.sourceStream("in", Sale.class).fold(Fold.sumLong(Sale::cents)), "out");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            OutputCursor out = OutputCursor.of(deployment, "out");
            deployment.push(p, "in", new Sale("tea", 250));
            deployment.push(p, "in", new Sale("cake", 400));
            deployment.runTick(p);
            assertThat(out.next()).containsExactly(650L);

            deployment.push(p, "in", new Sale("tea", 250));
            deployment.runTick(p);
            assertThat(out.next()).containsExactly(900L);
        }
    }

    @Test
    void foldCountCountsWithoutCaringAboutOrder() {
        FlowBuilder flow = new FlowBuilder("aggregation");
        Process<P> p = flow.process(P.class);
        var merged = p.sourceIter(List.of("a", "b")).interleave(p.sourceIter(List.of("c")));
        sinkEveryTick(merged.fold(Fold.count()), "out");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            deployment.runUntilQuiescent();
            assertThat(deployment.output("out")).containsExactly(3L);
        }
    }
}
