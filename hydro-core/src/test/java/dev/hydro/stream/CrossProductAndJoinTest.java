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
import org.junit.jupiter.api.Test;

/** crossProduct, crossSingleton, keyed join and antiJoin: stateful at top level, per tick inside one. */
class CrossProductAndJoinTest {

    interface P {}

    private static final NonDet STEPPED = NonDet.because("the test steps every tick by hand");

    @Test
    void crossProductPairsEveryLeftElementWithEveryRightElement() {
        FlowBuilder flow = new FlowBuilder("cross");
        Process<P> p = flow.process(P.class);
        p.sourceIter(List.of("a", "b")).crossProduct(p.sourceIter(List.of(1, 2, 3))).destSink("out");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            deployment.runUntilQuiescent();
            assertThat(deployment.output("out")).containsExactlyInAnyOrder(
                    new Pair<>("a", 1), new Pair<>("a", 2), new Pair<>("a", 3),
                    new Pair<>("b", 1), new Pair<>("b", 2), new Pair<>("b", 3));
        }
    }

    @Test
    void topLevelCrossProductPairsNewElementsWithEverythingSeenInEarlierTicks() {
        FlowBuilder flow = new FlowBuilder("cross");
        Process<P> p = flow.process(P.class);
        p.sourceStream("left", String.class).crossProduct(p.sourceStream("right", Integer.class)).destSink("out");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            OutputCursor out = OutputCursor.of(deployment, "out");
            deployment.push(p, "left", "a");
            deployment.push(p, "right", 1);
            deployment.runTick(p);
            assertThat(out.next()).containsExactly(new Pair<>("a", 1));

            deployment.push(p, "left", "b");
            deployment.push(p, "right", 2);
            deployment.runTick(p);
            assertThat(out.next()).as("old elements pair with new ones, old pairs are not repeated")
                    .containsExactlyInAnyOrder(new Pair<>("b", 1), new Pair<>("a", 2), new Pair<>("b", 2));

            deployment.push(p, "right", 3);
            deployment.runTick(p);
            assertThat(out.next()).containsExactlyInAnyOrder(new Pair<>("a", 3), new Pair<>("b", 3));
        }
    }

    @Test
    void crossProductInsideATickOnlyPairsThatTicksElements() {
        FlowBuilder flow = new FlowBuilder("cross");
        Process<P> p = flow.process(P.class);
        Tick<Process<P>> tick = p.tick();
        p.sourceStream("left", String.class).batch(tick, STEPPED)
                .crossProduct(p.sourceStream("right", Integer.class).batch(tick, STEPPED))
                .allTicks()
                .destSink("out");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            OutputCursor out = OutputCursor.of(deployment, "out");
            deployment.push(p, "left", "a");
            deployment.push(p, "right", 1);
            deployment.runTick(p);
            assertThat(out.next()).containsExactly(new Pair<>("a", 1));

            deployment.push(p, "left", "b");
            deployment.runTick(p);
            assertThat(out.next()).as("nothing on the right in this tick").isEmpty();

            deployment.push(p, "right", 2);
            deployment.runTick(p);
            assertThat(out.next()).as("nothing on the left in this tick").isEmpty();
        }
    }

    @Test
    void crossSingletonPairsEveryElementWithTheSingletonValueOfTheSameTick() {
        FlowBuilder flow = new FlowBuilder("cross");
        Process<P> p = flow.process(P.class);
        var batch = p.sourceStream("in", String.class).batch(p.tick(), STEPPED);
        batch.crossSingleton(batch.count()).allTicks().destSink("out");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            OutputCursor out = OutputCursor.of(deployment, "out");
            deployment.push(p, "in", "a");
            deployment.push(p, "in", "b");
            deployment.runTick(p);
            assertThat(out.next()).as("elements wait until the count of their own tick is known")
                    .containsExactly(new Pair<>("a", 2L), new Pair<>("b", 2L));

            deployment.push(p, "in", "c");
            deployment.runTick(p);
            assertThat(out.next()).containsExactly(new Pair<>("c", 1L));
        }
    }

    @Test
    void crossSingletonWithATickConstantTagsEveryElementOfEveryTick() {
        FlowBuilder flow = new FlowBuilder("cross");
        Process<P> p = flow.process(P.class);
        Tick<Process<P>> tick = p.tick();
        p.sourceStream("in", Integer.class).batch(tick, STEPPED)
                .crossSingleton(tick.singleton("tag"))
                .allTicks()
                .destSink("out");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            OutputCursor out = OutputCursor.of(deployment, "out");
            deployment.push(p, "in", 7);
            deployment.runTick(p);
            assertThat(out.next()).containsExactly(new Pair<>(7, "tag"));

            deployment.push(p, "in", 8);
            deployment.push(p, "in", 9);
            deployment.runTick(p);
            assertThat(out.next()).containsExactly(new Pair<>(8, "tag"), new Pair<>(9, "tag"));
        }
    }

    @Test
    void keyedJoinPairsTheValuesOfEqualKeys() {
        record Order(String customer, String item) {}
        record Customer(String id, String city) {}
        FlowBuilder flow = new FlowBuilder("join");
        Process<P> p = flow.process(P.class);
        var orders = p.sourceIter(List.of(new Order("c1", "tea"), new Order("c2", "cake"), new Order("c1", "jam")))
                .intoKeyed(Order::customer, Order::item);
        var customers = p.sourceIter(List.of(new Customer("c1", "Oslo"), new Customer("c3", "Rome")))
                .intoKeyed(Customer::id, Customer::city);
        orders.join(customers).entries().destSink("out");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            deployment.runUntilQuiescent();
            assertThat(deployment.output("out")).containsExactlyInAnyOrder(
                    KeyValue.of("c1", new Pair<>("tea", "Oslo")),
                    KeyValue.of("c1", new Pair<>("jam", "Oslo")));
        }
    }

    @Test
    void topLevelJoinMatchesNewEntriesWithEntriesFromEarlierTicks() {
        FlowBuilder flow = new FlowBuilder("join");
        Process<P> p = flow.process(P.class);
        var left = p.sourceStream("left", String.class).intoKeyed(s -> s.substring(0, 1), s -> s);
        var right = p.sourceStream("right", Integer.class).intoKeyed(n -> n % 2 == 0 ? "e" : "o", n -> n);
        left.join(right).entries().destSink("out");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            OutputCursor out = OutputCursor.of(deployment, "out");
            deployment.push(p, "left", "even");
            deployment.runTick(p);
            assertThat(out.next()).isEmpty();

            deployment.push(p, "right", 2);
            deployment.push(p, "right", 3);
            deployment.runTick(p);
            assertThat(out.next()).containsExactly(KeyValue.of("e", new Pair<>("even", 2)));

            deployment.push(p, "left", "odd");
            deployment.push(p, "left", "eel");
            deployment.runTick(p);
            assertThat(out.next()).containsExactlyInAnyOrder(
                    KeyValue.of("o", new Pair<>("odd", 3)), KeyValue.of("e", new Pair<>("eel", 2)));
        }
    }

    @Test
    void joinInsideATickForgetsEntriesOfEarlierTicks() {
        FlowBuilder flow = new FlowBuilder("join");
        Process<P> p = flow.process(P.class);
        Tick<Process<P>> tick = p.tick();
        var left = p.sourceStream("left", String.class).batch(tick, STEPPED).intoKeyed(s -> s, s -> 1);
        var right = p.sourceStream("right", String.class).batch(tick, STEPPED).intoKeyed(s -> s, s -> 2);
        left.join(right).entries().allTicks().destSink("out");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            OutputCursor out = OutputCursor.of(deployment, "out");
            deployment.push(p, "left", "k");
            deployment.push(p, "right", "k");
            deployment.runTick(p);
            assertThat(out.next()).containsExactly(KeyValue.of("k", new Pair<>(1, 2)));

            deployment.push(p, "right", "k");
            deployment.runTick(p);
            assertThat(out.next()).as("the left 'k' of the previous tick is gone").isEmpty();
        }
    }

    @Test
    void joinInsideATickEmitsEveryMatchingPairWhicheverSideIsSmaller() {
        FlowBuilder flow = new FlowBuilder("join");
        Process<P> p = flow.process(P.class);
        Tick<Process<P>> tick = p.tick();
        var left = p.sourceStream("left", Integer.class).batch(tick, STEPPED).intoKeyed(n -> n % 7, n -> n);
        var right = p.sourceStream("right", Integer.class).batch(tick, STEPPED).intoKeyed(n -> n % 7, n -> -n);
        left.join(right).entries().allTicks().destSink("out");

        Random random = new Random(42);
        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            OutputCursor out = OutputCursor.of(deployment, "out");
            // Sizes swap which side is smaller, and keys repeat on both sides (many-to-many matches).
            int[][] sizes = {{3, 40}, {40, 3}, {0, 5}, {25, 25}, {1, 1}};
            for (int[] size : sizes) {
                List<Integer> leftBatch = random.ints(size[0], 0, 100).boxed().toList();
                List<Integer> rightBatch = random.ints(size[1], 0, 100).boxed().toList();
                leftBatch.forEach(n -> deployment.push(p, "left", n));
                rightBatch.forEach(n -> deployment.push(p, "right", n));
                deployment.runTick(p);

                List<KeyValue<Integer, Pair<Integer, Integer>>> expected = new ArrayList<>();
                for (int l : leftBatch) {
                    for (int r : rightBatch) {
                        if (l % 7 == r % 7) {
                            expected.add(KeyValue.of(l % 7, new Pair<>(l, -r)));
                        }
                    }
                }
                assertThat(out.next()).as("left %d, right %d", size[0], size[1])
                        .containsExactlyInAnyOrderElementsOf(expected);
            }
        }
    }

    @Test
    void antiJoinDropsEntriesWhoseKeyIsInThisTicksNegativeSet() {
        FlowBuilder flow = new FlowBuilder("anti-join");
        Process<P> p = flow.process(P.class);
        Tick<Process<P>> tick = p.tick();
        var requests = p.sourceStream("requests", String.class).batch(tick, STEPPED)
                .intoKeyed(r -> r.split(":")[0], r -> r.split(":")[1]);
        var banned = p.sourceStream("banned", String.class).batch(tick, STEPPED);
        requests.antiJoin(banned).entries().allTicks().destSink("out");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            OutputCursor out = OutputCursor.of(deployment, "out");
            deployment.push(p, "requests", "alice:get");
            deployment.push(p, "requests", "bob:put");
            deployment.push(p, "requests", "alice:delete");
            deployment.push(p, "banned", "alice");
            deployment.runTick(p);
            assertThat(out.next()).containsExactly(KeyValue.of("bob", "put"));

            deployment.push(p, "requests", "alice:get");
            deployment.runTick(p);
            assertThat(out.next()).as("the negative set covers only the tick it arrived in")
                    .containsExactly(KeyValue.of("alice", "get"));
        }
    }

    @Test
    void antiJoinWaitsForTheWholeNegativeSideEvenIfItIsComputedLater() {
        FlowBuilder flow = new FlowBuilder("anti-join");
        Process<P> p = flow.process(P.class);
        Tick<Process<P>> tick = p.tick();
        var words = p.sourceIter(List.of("a", "b", "c", "d")).batch(tick, STEPPED);
        // The negative side passes through a sort, so it is complete only one stratum later.
        var negative = p.sourceIter(List.of("d", "b")).batch(tick, STEPPED).sort(String::compareTo);
        words.intoKeyed(w -> w, w -> w.toUpperCase()).antiJoin(negative).values().allTicks().destSink("out");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            deployment.runUntilQuiescent();
            assertThat(deployment.output("out")).containsExactly("A", "C");
        }
    }
}
