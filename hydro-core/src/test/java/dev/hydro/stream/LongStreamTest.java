package dev.hydro.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hydro.deploy.LocalDeployment;
import dev.hydro.location.FlowBuilder;
import dev.hydro.location.Process;
import com.sun.management.ThreadMXBean;
import dev.hydro.testsupport.OutputCursor;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * {@code mapToLong} and the operators of a {@link LongStream}: the same results as the boxed chain, running
 * folds at top level and one fold per tick inside a tick, and no allocation per element.
 */
class LongStreamTest {

    interface P {}

    private static final NonDet STEPPED = NonDet.because("the test steps every tick by hand");

    @Test
    void topLevelChainFoldsARunningSumAcrossTicks() {
        FlowBuilder flow = new FlowBuilder("longs");
        Process<P> p = flow.process(P.class);
        Singleton<Long, Process<P>, Unbounded> sum = p.sourceStream("in", Integer.class)
                .mapToLong(x -> x * 3L)
                .filter(x -> x % 2 == 0)
                .map(x -> x + 1)
                .fold(LongFold.sum());
        AggregationTest.sinkEveryTick(sum, "out");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            OutputCursor out = OutputCursor.of(deployment, "out");
            deployment.runTick(p);
            assertThat(out.next()).containsExactly(0L);

            deployment.pushAll(p, "in", List.of(1, 2, 3, 4)); // 6 and 12 pass: 7 + 13
            deployment.runTick(p);
            assertThat(out.next()).containsExactly(20L);

            deployment.pushAll(p, "in", List.of(10, 11)); // 30 passes: + 31
            deployment.runTick(p);
            assertThat(out.next()).containsExactly(51L);
        }
    }

    @Test
    void aFoldOverABatchStartsAgainEveryTick() {
        FlowBuilder flow = new FlowBuilder("longs");
        Process<P> p = flow.process(P.class);
        p.sourceStream("in", String.class)
                .mapToLong(String::length)
                .batch(p.tick(), STEPPED)
                .fold(LongFold.count())
                .intoStream()
                .allTicks()
                .destSink("out");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            OutputCursor out = OutputCursor.of(deployment, "out");
            deployment.pushAll(p, "in", List.of("a", "bb", "ccc"));
            deployment.runTick(p);
            assertThat(out.next()).containsExactly(3L);

            deployment.runTick(p);
            assertThat(out.next()).as("an empty tick folds to the initial value").containsExactly(0L);

            deployment.push(p, "in", "dddd");
            deployment.runTick(p);
            assertThat(out.next()).containsExactly(1L);
        }
    }

    @Test
    void anOrderedFoldSeesTheValuesInOrder() {
        FlowBuilder flow = new FlowBuilder("longs");
        Process<P> p = flow.process(P.class);
        AggregationTest.sinkEveryTick(p.sourceIter(List.of(1, 2, 3, 4))
                .mapToLong(x -> x)
                .fold(LongFold.ordered(0, (digits, digit) -> digits * 10 + digit)), "out");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            deployment.runUntilQuiescent();
            assertThat(deployment.output("out")).containsExactly(1234L);
        }
    }

    @Test
    void anIdempotentFoldTakesAnAtLeastOnceStream() {
        FlowBuilder flow = new FlowBuilder("longs");
        Process<P> p = flow.process(P.class);
        LongStream<Process<P>, Unbounded, NoOrder, AtLeastOnce> maybeTwice =
                p.sourceIter(List.of(4, 9, 9, 2)).weakenOrdering().weakenDelivery().mapToLong(x -> x);
        AggregationTest.sinkEveryTick(maybeTwice.fold(LongFold.commutativeIdempotent(Long.MIN_VALUE, Math::max)),
                "out");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            deployment.runUntilQuiescent();
            assertThat(deployment.output("out")).containsExactly(9L);
        }
    }

    @Test
    void oneLongStreamFeedsSeveralConsumersAndReturnsToObjects() {
        FlowBuilder flow = new FlowBuilder("longs");
        Process<P> p = flow.process(P.class);
        LongStream<Process<P>, Unbounded, TotalOrder, ExactlyOnce> squares =
                p.sourceStream("in", Integer.class).mapToLong(x -> (long) x * x);
        squares.boxed().destSink("boxed");
        squares.filter(x -> x > 10).mapToObj(x -> "big " + x).destSink("big");
        squares.map(x -> -x).boxed().destSink("negated");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            deployment.pushAll(p, "in", List.of(1, 3, 5, 100_000));
            deployment.runTick(p);
            assertThat(deployment.output("boxed")).containsExactly(1L, 9L, 25L, 10_000_000_000L);
            assertThat(deployment.output("big")).containsExactly("big 25", "big 10000000000");
            assertThat(deployment.output("negated")).containsExactly(-1L, -9L, -25L, -10_000_000_000L);
        }
    }

    @Test
    void aPrimitiveChainAllocatesNothingPerElementWhereTheBoxedOneAllocatesABox() {
        int elements = 200_000;
        long primitive = bytesAllocatedByOneTick(elements, numbers -> numbers
                .mapToLong(x -> x * 3L)
                .filter(x -> x % 2 == 0)
                .batch(numbers.location().tick(), STEPPED)
                .fold(LongFold.sum()));
        long boxed = bytesAllocatedByOneTick(elements, numbers -> numbers
                .map(x -> x * 3L)
                .filter(x -> x % 2 == 0)
                .batch(numbers.location().tick(), STEPPED)
                .fold(Fold.sumLong(x -> x)));

        assertThat((double) primitive / elements).as("bytes per element, primitive chain").isLessThan(1.0);
        assertThat((double) boxed / elements).as("bytes per element, boxed chain (a Long each)")
                .isGreaterThanOrEqualTo(8.0);
    }

    /**
     * Runs {@code chain} over {@code elements} integers in one tick and returns the bytes the tick thread
     * allocated during that tick (the input is pushed beforehand), after one tick of the same size to load
     * every class on the way.
     */
    private static long bytesAllocatedByOneTick(int elements, Function<OrderedStream<Integer, Process<P>, Unbounded>,
            BoundedSingleton<Long, Process<P>>> chain) {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        FlowBuilder flow = new FlowBuilder("allocation");
        Process<P> p = flow.process(P.class);
        chain.apply(p.sourceStream("in", Integer.class)).intoStream().allTicks().destSink("out");
        List<Integer> input = new ArrayList<>();
        for (int i = 0; i < elements; i++) {
            input.add(1_000 + i);
        }
        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            deployment.pushAll(p, "in", input);
            deployment.runTick(p);
            deployment.pushAll(p, "in", input);
            long before = threads.getCurrentThreadAllocatedBytes();
            deployment.runTick(p);
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertThat(deployment.output("out")).hasSize(2).first().isEqualTo(deployment.output("out").get(1));
            return allocated;
        }
    }
}
