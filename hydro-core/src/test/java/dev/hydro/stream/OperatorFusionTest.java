package dev.hydro.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hydro.deploy.LocalDeployment;
import dev.hydro.location.FlowBuilder;
import dev.hydro.location.Process;
import dev.hydro.location.Tick;
import dev.hydro.testsupport.OutputCursor;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The compiler takes {@code intoKeyed} into a join or keyed fold that is its only consumer, and {@code values()}
 * into a join it is the only consumer of. Whether or not a hop is fused, the results are the same, and every
 * key function runs once per element.
 */
class OperatorFusionTest {

    interface P {}

    private static final NonDet STEPPED = NonDet.because("the test steps every tick by hand");

    /** A key function that counts its calls. */
    private static Function<Integer, Integer> countingKey(AtomicInteger calls) {
        return n -> {
            calls.incrementAndGet();
            return n % 5;
        };
    }

    private static List<Pair<Integer, Integer>> nestedLoopJoin(List<Integer> left, List<Integer> right) {
        List<Pair<Integer, Integer>> pairs = new ArrayList<>();
        for (int l : left) {
            for (int r : right) {
                if (l % 5 == r % 5) {
                    pairs.add(new Pair<>(l, -r));
                }
            }
        }
        return pairs;
    }

    @Test
    void fusedJoinInsideATickEmitsTheValuesOfEveryMatchAndKeysEachElementOnce() {
        AtomicInteger leftKeys = new AtomicInteger();
        AtomicInteger rightKeys = new AtomicInteger();
        FlowBuilder flow = new FlowBuilder("fused");
        Process<P> p = flow.process(P.class);
        Tick<Process<P>> tick = p.tick();
        var left = p.sourceStream("left", Integer.class).batch(tick, STEPPED).intoKeyed(countingKey(leftKeys), n -> n);
        var right = p.sourceStream("right", Integer.class).batch(tick, STEPPED)
                .intoKeyed(countingKey(rightKeys), n -> -n);
        left.join(right).values().allTicks().destSink("out");

        Random random = new Random(7);
        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            OutputCursor out = OutputCursor.of(deployment, "out");
            int[][] sizes = {{4, 30}, {30, 4}, {0, 6}, {12, 12}};
            for (int[] size : sizes) {
                List<Integer> leftBatch = random.ints(size[0], 0, 50).boxed().toList();
                List<Integer> rightBatch = random.ints(size[1], 0, 50).boxed().toList();
                leftKeys.set(0);
                rightKeys.set(0);
                deployment.pushAll(p, "left", leftBatch);
                deployment.pushAll(p, "right", rightBatch);
                deployment.runTick(p);

                assertThat(out.next()).as("left %d, right %d", size[0], size[1])
                        .containsExactlyInAnyOrderElementsOf(nestedLoopJoin(leftBatch, rightBatch));
                if (size[0] > 0 && size[1] > 0) {
                    assertThat(leftKeys).as("left keys").hasValue(size[0]);
                    assertThat(rightKeys).as("right keys").hasValue(size[1]);
                }
            }
        }
    }

    @Test
    void intoKeyedWithTwoConsumersFeedsBothTheJoinAndTheOther() {
        AtomicInteger leftKeys = new AtomicInteger();
        FlowBuilder flow = new FlowBuilder("shared");
        Process<P> p = flow.process(P.class);
        Tick<Process<P>> tick = p.tick();
        var left = p.sourceStream("left", Integer.class).batch(tick, STEPPED).intoKeyed(countingKey(leftKeys), n -> n);
        var right = p.sourceStream("right", Integer.class).batch(tick, STEPPED).intoKeyed(n -> n % 5, n -> -n);
        left.entries().allTicks().destSink("entries");
        var joined = left.join(right);
        joined.values().allTicks().destSink("values");
        joined.entries().allTicks().destSink("joined");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            deployment.pushAll(p, "left", List.of(1, 2, 6));
            deployment.pushAll(p, "right", List.of(11, 3));
            deployment.runTick(p);

            assertThat(deployment.output("entries")).containsExactly(
                    KeyValue.of(1, 1), KeyValue.of(2, 2), KeyValue.of(1, 6));
            assertThat(deployment.output("values")).containsExactlyInAnyOrder(
                    new Pair<>(1, -11), new Pair<>(6, -11));
            assertThat(deployment.output("joined")).containsExactlyInAnyOrder(
                    KeyValue.of(1, new Pair<>(1, -11)), KeyValue.of(1, new Pair<>(6, -11)));
            assertThat(leftKeys).as("one intoKeyed computes each key once for all its consumers").hasValue(3);
        }
    }

    @Test
    void aJoinOfAFusedAndAnUnfusedSideMatchesLikeAnyOther() {
        FlowBuilder flow = new FlowBuilder("mixed");
        Process<P> p = flow.process(P.class);
        Tick<Process<P>> tick = p.tick();
        var fused = p.sourceStream("left", Integer.class).batch(tick, STEPPED).intoKeyed(n -> n % 5, n -> n);
        var unfused = p.sourceStream("right", Integer.class).batch(tick, STEPPED).intoKeyed(n -> n % 5, n -> -n)
                .filterValues(n -> n != -4);
        fused.join(unfused).values().allTicks().destSink("left-fused");
        unfused.join(p.sourceStream("third", Integer.class).batch(tick, STEPPED).intoKeyed(n -> n % 5, n -> n))
                .values().allTicks().destSink("right-fused");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            deployment.pushAll(p, "left", List.of(1, 2, 3));
            deployment.pushAll(p, "right", List.of(6, 4, 8));
            deployment.pushAll(p, "third", List.of(21));
            deployment.runTick(p);

            assertThat(deployment.output("left-fused")).containsExactlyInAnyOrder(
                    new Pair<>(1, -6), new Pair<>(3, -8));
            assertThat(deployment.output("right-fused")).containsExactly(new Pair<>(-6, 21));
        }
    }

    @Test
    void fusedTopLevelJoinKeepsBothSidesAcrossTicks() {
        FlowBuilder flow = new FlowBuilder("top");
        Process<P> p = flow.process(P.class);
        var left = p.sourceStream("left", String.class).intoKeyed(s -> s.substring(0, 1), s -> s);
        var right = p.sourceStream("right", Integer.class).intoKeyed(n -> n % 2 == 0 ? "e" : "o", n -> n);
        left.join(right).values().destSink("out");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            OutputCursor out = OutputCursor.of(deployment, "out");
            deployment.push(p, "left", "even");
            deployment.runTick(p);
            assertThat(out.next()).isEmpty();

            deployment.push(p, "right", 2);
            deployment.push(p, "right", 3);
            deployment.runTick(p);
            assertThat(out.next()).containsExactly(new Pair<>("even", 2));

            deployment.push(p, "left", "odd");
            deployment.runTick(p);
            assertThat(out.next()).containsExactly(new Pair<>("odd", 3));
        }
    }

    @Test
    void fusedKeyedFoldCountsEachElementOnce() {
        AtomicInteger keys = new AtomicInteger();
        FlowBuilder flow = new FlowBuilder("count");
        Process<P> p = flow.process(P.class);
        p.sourceStream("in", Integer.class)
                .intoKeyed(countingKey(keys), n -> 1L)
                .fold(Fold.count())
                .snapshot(p.tick(), STEPPED)
                .entries()
                .allTicks()
                .destSink("out");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            OutputCursor out = OutputCursor.of(deployment, "out");
            deployment.pushAll(p, "in", List.of(1, 6, 11, 2));
            deployment.runTick(p);
            assertThat(out.next()).containsExactlyInAnyOrder(KeyValue.of(1, 3L), KeyValue.of(2, 1L));

            deployment.pushAll(p, "in", List.of(7));
            deployment.runTick(p);
            assertThat(out.next()).containsExactlyInAnyOrder(KeyValue.of(1, 3L), KeyValue.of(2, 2L));
            assertThat(keys).hasValue(5);
        }
    }
}
