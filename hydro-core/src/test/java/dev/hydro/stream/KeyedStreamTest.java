package dev.hydro.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hydro.deploy.LocalDeployment;
import dev.hydro.location.FlowBuilder;
import dev.hydro.location.Process;
import dev.hydro.location.Tick;
import dev.hydro.testsupport.OutputCursor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Keyed streams: entries by key, per-key folds and reductions, and their keys, values and entries. */
class KeyedStreamTest {

    interface P {}

    private static final NonDet STEPPED = NonDet.because("the test steps every tick by hand");

    @Test
    void intoKeyedTurnsEveryElementIntoAKeyValueEntry() {
        FlowBuilder flow = new FlowBuilder("keyed");
        Process<P> p = flow.process(P.class);
        p.sourceIter(List.of("apple", "avocado", "banana"))
                .intoKeyed(w -> w.charAt(0), String::length)
                .entries()
                .destSink("out");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            deployment.runUntilQuiescent();
            assertThat(deployment.output("out"))
                    .containsExactly(KeyValue.of('a', 5), KeyValue.of('a', 7), KeyValue.of('b', 6));
        }
    }

    @Test
    void topLevelPerKeyFoldKeepsARunningValueForEveryKey() {
        FlowBuilder flow = new FlowBuilder("keyed");
        Process<P> p = flow.process(P.class);
        p.sourceStream("words", String.class)
                .intoKeyed(w -> w, w -> 1L)
                .fold(Fold.commutative(() -> 0L, Long::sum))
                .snapshot(p.tick(), STEPPED)
                .entries()
                .allTicks()
                .destSink("counts");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            OutputCursor counts = OutputCursor.of(deployment, "counts");
            List.of("to", "be", "to").forEach(w -> deployment.push(p, "words", w));
            deployment.runTick(p);
            assertThat(asMap(counts.next())).isEqualTo(Map.of("to", 2L, "be", 1L));

            List.of("be", "or").forEach(w -> deployment.push(p, "words", w));
            deployment.runTick(p);
            assertThat(asMap(counts.next())).isEqualTo(Map.of("to", 2L, "be", 2L, "or", 1L));
        }
    }

    @Test
    void perKeyFoldInsideATickCoversOnlyThatTicksEntries() {
        FlowBuilder flow = new FlowBuilder("keyed");
        Process<P> p = flow.process(P.class);
        p.sourceStream("words", String.class)
                .batch(p.tick(), STEPPED)
                .intoKeyed(w -> w, w -> 1L)
                .fold(Fold.count())
                .entries()
                .allTicks()
                .destSink("counts");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            OutputCursor counts = OutputCursor.of(deployment, "counts");
            List.of("to", "be", "to").forEach(w -> deployment.push(p, "words", w));
            deployment.runTick(p);
            assertThat(asMap(counts.next())).isEqualTo(Map.of("to", 2L, "be", 1L));

            deployment.push(p, "words", "be");
            deployment.runTick(p);
            assertThat(asMap(counts.next())).isEqualTo(Map.of("be", 1L));
        }
    }

    @Test
    void perKeyReduceCombinesTheValuesOfEachKey() {
        FlowBuilder flow = new FlowBuilder("keyed");
        Process<P> p = flow.process(P.class);
        p.sourceIter(List.of("a:3", "b:5", "a:4", "b:1"))
                .batch(p.tick(), STEPPED)
                .intoKeyed(s -> s.split(":")[0], s -> Integer.parseInt(s.split(":")[1]))
                .reduce(Reduce.commutativeIdempotent(Math::max))
                .entries()
                .allTicks()
                .destSink("max");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            deployment.runUntilQuiescent();
            assertThat(asMap(deployment.output("max"))).isEqualTo(Map.of("a", 4, "b", 5));
        }
    }

    @Test
    void reduceFirstKeepsEachKeysFirstValueAcrossTicks() {
        FlowBuilder flow = new FlowBuilder("keyed");
        Process<P> p = flow.process(P.class);
        p.sourceStream("logins", String.class)
                .intoKeyed(s -> s.split("@")[0], s -> s.split("@")[1])
                .reduce(Reduce.first())
                .snapshot(p.tick(), STEPPED)
                .entries()
                .allTicks()
                .destSink("first-login");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            OutputCursor firstLogin = OutputCursor.of(deployment, "first-login");
            deployment.push(p, "logins", "ann@09:00");
            deployment.push(p, "logins", "bob@09:05");
            deployment.push(p, "logins", "ann@09:10");
            deployment.runTick(p);
            assertThat(asMap(firstLogin.next())).isEqualTo(Map.of("ann", "09:00", "bob", "09:05"));

            deployment.push(p, "logins", "bob@10:00");
            deployment.push(p, "logins", "cid@10:01");
            deployment.runTick(p);
            assertThat(asMap(firstLogin.next())).isEqualTo(Map.of("ann", "09:00", "bob", "09:05", "cid", "10:01"));
        }
    }

    @Test
    void topLevelKeysAreDistinctAcrossTicks() {
        FlowBuilder flow = new FlowBuilder("keyed");
        Process<P> p = flow.process(P.class);
        p.sourceStream("in", String.class).intoKeyed(s -> s.charAt(0), s -> s).keys().destSink("keys");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            OutputCursor keys = OutputCursor.of(deployment, "keys");
            List.of("ant", "bee", "asp").forEach(s -> deployment.push(p, "in", s));
            deployment.runTick(p);
            assertThat(keys.next()).containsExactlyInAnyOrder('a', 'b');

            List.of("bat", "cow").forEach(s -> deployment.push(p, "in", s));
            deployment.runTick(p);
            assertThat(keys.next()).containsExactly('c');
        }
    }

    @Test
    void keysInsideATickAreDistinctWithinThatTick() {
        FlowBuilder flow = new FlowBuilder("keyed");
        Process<P> p = flow.process(P.class);
        p.sourceStream("in", String.class).batch(p.tick(), STEPPED)
                .intoKeyed(s -> s.charAt(0), s -> s)
                .keys()
                .allTicks()
                .destSink("keys");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            OutputCursor keys = OutputCursor.of(deployment, "keys");
            List.of("ant", "asp").forEach(s -> deployment.push(p, "in", s));
            deployment.runTick(p);
            assertThat(keys.next()).containsExactly('a');

            deployment.push(p, "in", "awl");
            deployment.runTick(p);
            assertThat(keys.next()).containsExactly('a');
        }
    }

    @Test
    void valuesDropTheKeysAndKeepEveryValue() {
        FlowBuilder flow = new FlowBuilder("keyed");
        Process<P> p = flow.process(P.class);
        p.sourceIter(List.of("ant", "bee", "asp")).intoKeyed(s -> s.charAt(0), String::toUpperCase)
                .values()
                .destSink("values");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            deployment.runUntilQuiescent();
            assertThat(deployment.output("values")).containsExactlyInAnyOrder("ANT", "BEE", "ASP");
        }
    }

    @Test
    void mapValuesAndFilterValuesKeepTheKeys() {
        FlowBuilder flow = new FlowBuilder("keyed");
        Process<P> p = flow.process(P.class);
        p.sourceIter(List.of("a:1", "b:20", "c:3", "d:40"))
                .intoKeyed(s -> s.split(":")[0], s -> Integer.parseInt(s.split(":")[1]))
                .filterValues(v -> v >= 10)
                .mapValues(v -> v / 10)
                .entries()
                .destSink("out");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            deployment.runUntilQuiescent();
            assertThat(deployment.output("out")).containsExactly(KeyValue.of("b", 2), KeyValue.of("d", 4));
        }
    }

    @Test
    void keyedSingletonMapValuesAndKeysViewEveryKeysCurrentValue() {
        FlowBuilder flow = new FlowBuilder("keyed");
        Process<P> p = flow.process(P.class);
        Tick<Process<P>> tick = p.tick();
        var totals = p.sourceStream("in", String.class)
                .intoKeyed(s -> s.split(":")[0], s -> Long.parseLong(s.split(":")[1]))
                .fold(Fold.sumLong(v -> v))
                .mapValues(sum -> "total " + sum)
                .snapshot(tick, STEPPED);
        totals.entries().allTicks().destSink("entries");
        totals.keys().allTicks().destSink("keys");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            OutputCursor entries = OutputCursor.of(deployment, "entries");
            OutputCursor keys = OutputCursor.of(deployment, "keys");
            List.of("x:1", "y:2", "x:3").forEach(s -> deployment.push(p, "in", s));
            deployment.runTick(p);
            assertThat(asMap(entries.next())).isEqualTo(Map.of("x", "total 4", "y", "total 2"));
            assertThat(keys.next()).containsExactlyInAnyOrder("x", "y");

            deployment.push(p, "in", "y:5");
            deployment.runTick(p);
            assertThat(asMap(entries.next())).isEqualTo(Map.of("x", "total 4", "y", "total 7"));
            assertThat(keys.next()).containsExactlyInAnyOrder("x", "y");
        }
    }

    /** Collects KeyValue entries into a map, failing on a duplicate key (a snapshot has one value per key). */
    private static Map<Object, Object> asMap(List<Object> entries) {
        Map<Object, Object> map = new HashMap<>();
        for (Object entry : entries) {
            KeyValue<?, ?> kv = (KeyValue<?, ?>) entry;
            assertThat(map.put(kv.key(), kv.value())).as("duplicate key %s", kv.key()).isNull();
        }
        return map;
    }
}
