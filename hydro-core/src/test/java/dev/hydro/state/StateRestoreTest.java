package dev.hydro.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hydro.deploy.InMemoryChangelog;
import dev.hydro.deploy.LocalDeployment;
import dev.hydro.graph.FlowGraph;
import dev.hydro.location.FlowBuilder;
import dev.hydro.location.Process;
import dev.hydro.location.Tick;
import dev.hydro.runtime.InstanceId;
import dev.hydro.stream.Fold;
import dev.hydro.stream.LongFold;
import dev.hydro.stream.NonDet;
import dev.hydro.stream.SingletonCycle;
import dev.hydro.stream.TickCycle;
import dev.hydro.testsupport.OutputCursor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * State that outlives a tick is logged at the end of every tick and restored before the first tick of a new
 * deployment: a run stopped after any tick and continued by a fresh deployment on the same changelog produces
 * exactly the output of one uninterrupted run.
 */
class StateRestoreTest {

    interface P {}

    private static final NonDet STEPPED = NonDet.because("the test steps every tick by hand");
    private static final List<String> OUTPUTS = List.of("totals", "counts", "joined", "fresh", "numbered", "once",
            "pairs", "carried", "sum", "latest", "longSum");
    private static final List<List<String>> TICKS = List.of(
            List.of("a1", "b2", "a3"),
            List.of("c4", "a5"),
            List.of("b6", "b7", "d8", "a9"),
            List.of(),
            List.of("c10", "e11"),
            List.of("a12"));

    /** One flow with every kind of operator that keeps state across ticks. */
    private static FlowGraph everyKindOfState() {
        FlowBuilder flow = new FlowBuilder("durable");
        Process<P> p = flow.process(P.class);
        Tick<Process<P>> tick = p.tick();
        var words = p.sourceStream("words", String.class);
        // running fold (ordered), running fold of primitive longs, and keyed fold
        words.mapToLong(w -> Long.parseLong(w.substring(1))).fold(LongFold.sum()).snapshot(tick, STEPPED).intoStream()
                .allTicks().destSink("longSum");
        words.fold(() -> "", (acc, w) -> acc + w).snapshot(tick, STEPPED).intoStream().allTicks().destSink("totals");
        words.intoKeyed(w -> w.substring(0, 1), w -> 1L).fold(Fold.count()).snapshot(tick, STEPPED).entries()
                .allTicks().destSink("counts");
        // top-level join of the stream with itself, by letter
        var byLetter = words.intoKeyed(w -> w.substring(0, 1), w -> Integer.parseInt(w.substring(1)));
        byLetter.join(words.intoKeyed(w -> w.substring(0, 1), w -> w)).entries().destSink("joined");
        // unique, enumerate, sourceIter (emitted once, ever), crossProduct
        words.map(w -> w.substring(0, 1)).unique().destSink("fresh");
        words.enumerate().destSink("numbered");
        p.sourceIter(List.of("hello")).destSink("once");
        words.filter(w -> w.startsWith("a")).crossProduct(words.filter(w -> w.startsWith("b"))).destSink("pairs");
        // a tick cycle carrying elements to later ticks, and a singleton cycle
        TickCycle<Integer, Process<P>> pending = tick.cycle();
        var working = words.map(w -> Integer.parseInt(w.substring(1)) % 3).batch(tick, STEPPED)
                .interleave(pending.stream());
        pending.completeNextTick(working.filter(n -> n > 0).map(n -> n - 1));
        working.filter(n -> n == 0).allTicks().destSink("carried");
        SingletonCycle<Long, Process<P>> sum = tick.cycleWithInitial(0L);
        sum.completeNextTick(sum.singleton().zip(words.batch(tick, STEPPED).count())
                .map(pair -> pair.first() + pair.second()));
        sum.singleton().intoStream().allTicks().destSink("sum");
        // latest: keeps the last present value
        words.batch(tick, STEPPED).filter(w -> w.startsWith("b")).reduce((x, y) -> y).latest()
                .snapshot(tick, STEPPED).intoStream().allTicks().destSink("latest");
        return flow.build();
    }

    @Test
    void aRunStoppedAfterAnyTickAndRestoredContinuesExactlyLikeAnUninterruptedRun() {
        FlowGraph graph = everyKindOfState();
        Map<String, List<List<Object>>> reference = run(graph, new InMemoryChangelog(), 0, TICKS.size());

        for (int stopAfter = 1; stopAfter < TICKS.size(); stopAfter++) {
            InMemoryChangelog changelog = new InMemoryChangelog();
            run(graph, changelog, 0, stopAfter);
            Map<String, List<List<Object>>> continued = run(graph, changelog, stopAfter, TICKS.size());
            for (String output : OUTPUTS) {
                assertThat(continued.get(output))
                        .as("output '%s' of ticks %d.. after a restart following tick %d", output, stopAfter,
                                stopAfter - 1)
                        .isEqualTo(reference.get(output).subList(stopAfter, TICKS.size()));
            }
        }
    }

    @Test
    void aKeyedFoldLogsOnlyTheKeysATickChanged() {
        FlowBuilder flow = new FlowBuilder("keys");
        Process<P> p = flow.process(P.class);
        p.sourceStream("words", String.class).intoKeyed(w -> w, w -> 1L).fold(Fold.count());
        InMemoryChangelog changelog = new InMemoryChangelog();
        InstanceId instance = new InstanceId(p.name(), 0);
        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build(), Map.of(), changelog)) {
            List<String> many = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                many.add("w" + i);
            }
            deployment.pushAll(p, "words", many);
            deployment.runTick(p);
            assertThat(changelog.entriesWritten(instance)).isEqualTo(1000);

            deployment.pushAll(p, "words", List.of("w1", "w2", "w1"));
            deployment.runTick(p);
            assertThat(changelog.entriesWritten(instance)).as("two keys changed").isEqualTo(1002);
            assertThat(changelog.size(instance)).isEqualTo(1000);
        }
    }

    @Test
    void stateOfAnotherFlowIsRefusedWithAClearMessage() {
        InMemoryChangelog changelog = new InMemoryChangelog();
        run(everyKindOfState(), changelog, 0, 2);

        FlowBuilder other = new FlowBuilder("durable");
        Process<P> p = other.process(P.class);
        p.sourceStream("words", String.class).map(String::length).destSink("lengths");
        try (LocalDeployment deployment = LocalDeployment.stepped(other.build(), Map.of(), changelog)) {
            assertThatThrownBy(() -> deployment.runTick(p))
                    .hasMessageContaining("keeps no state in this flow");
        }
    }

    /** Runs ticks {@code from..to-1} of {@link #TICKS} in a new deployment; returns each output per tick. */
    private static Map<String, List<List<Object>>> run(FlowGraph graph, InMemoryChangelog changelog, int from, int to) {
        Process<?> p = (Process<?>) graph.locations().get(0);
        Map<String, List<List<Object>>> perTick = new HashMap<>();
        try (LocalDeployment deployment = LocalDeployment.stepped(graph, Map.of(), changelog)) {
            Map<String, OutputCursor> cursors = new HashMap<>();
            OUTPUTS.forEach(name -> cursors.put(name, OutputCursor.of(deployment, name)));
            for (int t = from; t < to; t++) {
                deployment.pushAll(p, "words", TICKS.get(t));
                deployment.runTick(p);
                for (String name : OUTPUTS) {
                    perTick.computeIfAbsent(name, n -> new ArrayList<>()).add(cursors.get(name).next());
                }
            }
        }
        return perTick;
    }
}
