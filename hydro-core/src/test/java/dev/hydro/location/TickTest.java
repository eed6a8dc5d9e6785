package dev.hydro.location;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hydro.deploy.LocalDeployment;
import dev.hydro.runtime.LocationInstance;
import dev.hydro.stream.BoundedStream;
import dev.hydro.stream.ExactlyOnce;
import dev.hydro.stream.Fold;
import dev.hydro.stream.NoOrder;
import dev.hydro.stream.NonDet;
import dev.hydro.stream.Pair;
import dev.hydro.stream.SingletonCycle;
import dev.hydro.stream.TickCycle;
import dev.hydro.stream.TickForwardRef;
import dev.hydro.testsupport.OutputCursor;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The tick: per-tick state, deferTick, tick cycles, in-tick fixpoints, lazy ticking and cycle validation. */
class TickTest {

    interface P {}

    private static final NonDet STEPPED = NonDet.because("the test steps every tick by hand");

    @Test
    void foldInsideATickResetsEveryTick() {
        FlowBuilder flow = new FlowBuilder("ticks");
        Process<P> p = flow.process(P.class);
        var numbers = p.sourceStream("in", Integer.class);
        numbers.batch(p.tick(), STEPPED).fold(Fold.sumLong(n -> n)).intoStream().allTicks().destSink("per-tick");
        numbers.fold(Fold.sumLong(n -> n)).snapshot(p.tick(), STEPPED).intoStream().allTicks().destSink("running");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            OutputCursor perTick = OutputCursor.of(deployment, "per-tick");
            OutputCursor running = OutputCursor.of(deployment, "running");
            deployment.push(p, "in", 1);
            deployment.push(p, "in", 2);
            deployment.runTick(p);
            assertThat(perTick.next()).containsExactly(3L);
            assertThat(running.next()).containsExactly(3L);

            deployment.push(p, "in", 10);
            deployment.runTick(p);
            assertThat(perTick.next()).as("inside the tick: only this tick").containsExactly(10L);
            assertThat(running.next()).as("top level: everything so far").containsExactly(13L);

            deployment.runTick(p);
            assertThat(perTick.next()).containsExactly(0L);
            assertThat(running.next()).containsExactly(13L);
        }
    }

    @Test
    void deferTickShiftsByExactlyOneTick() {
        FlowBuilder flow = new FlowBuilder("ticks");
        Process<P> p = flow.process(P.class);
        var batch = p.sourceStream("in", String.class).batch(p.tick(), STEPPED);
        batch.allTicks().destSink("now");
        batch.deferTick().allTicks().destSink("deferred");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            OutputCursor now = OutputCursor.of(deployment, "now");
            OutputCursor deferred = OutputCursor.of(deployment, "deferred");
            LocationInstance instance = deployment.instance(p, 0);
            deployment.push(p, "in", "a");
            deployment.push(p, "in", "b");

            deployment.runTick(p);
            assertThat(now.next()).containsExactly("a", "b");
            assertThat(deferred.next()).isEmpty();
            assertThat(instance.hasWork()).as("deferred elements schedule the next tick").isTrue();

            deployment.push(p, "in", "c");
            deployment.runTick(p);
            assertThat(now.next()).containsExactly("c");
            assertThat(deferred.next()).containsExactly("a", "b");

            deployment.runTick(p);
            assertThat(now.next()).isEmpty();
            assertThat(deferred.next()).containsExactly("c");
            assertThat(instance.hasWork()).isFalse();

            deployment.runTick(p);
            assertThat(deferred.next()).as("each element is deferred exactly once").isEmpty();
        }
    }

    @Test
    void aTickCycleWithInitialCarriesACounterAcrossTicks() {
        FlowBuilder flow = new FlowBuilder("ticks");
        Process<P> p = flow.process(P.class);
        Tick<Process<P>> tick = p.tick();
        SingletonCycle<Long, Process<P>> total = tick.cycleWithInitial(100L);
        var batchSize = p.sourceStream("in", String.class).batch(tick, STEPPED).count();
        var next = total.singleton().zip(batchSize).map(pair -> pair.first() + pair.second());
        total.completeNextTick(next);
        total.singleton().intoStream().allTicks().destSink("carried");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            OutputCursor carried = OutputCursor.of(deployment, "carried");
            deployment.push(p, "in", "a");
            deployment.push(p, "in", "b");
            deployment.runTick(p);
            assertThat(carried.next()).as("the first tick sees the initial value").containsExactly(100L);

            deployment.push(p, "in", "c");
            deployment.runTick(p);
            assertThat(carried.next()).containsExactly(102L);

            deployment.runTick(p);
            assertThat(carried.next()).containsExactly(103L);

            deployment.runTick(p);
            assertThat(carried.next()).containsExactly(103L);
        }
    }

    @Test
    void aTickCycleCarriesTheValueOfAnInTickFoldDeclaredBeforeTheCycle() {
        FlowBuilder flow = new FlowBuilder("ticks");
        Process<P> p = flow.process(P.class);
        Tick<Process<P>> tick = p.tick();
        // The fold is declared before the cycle, so it ends its tick (and resets) before the cycle does:
        // the cycle must still carry the fold's value of the tick that just ran, not the reset one.
        var batchSize = p.sourceStream("in", String.class).batch(tick, STEPPED).count();
        SingletonCycle<Long, Process<P>> previous = tick.cycleWithInitial(-1L);
        previous.completeNextTick(batchSize);
        previous.singleton().intoStream().allTicks().destSink("previous");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            OutputCursor previousSizes = OutputCursor.of(deployment, "previous");
            deployment.push(p, "in", "a");
            deployment.push(p, "in", "b");
            deployment.runTick(p);
            assertThat(previousSizes.next()).containsExactly(-1L);

            deployment.push(p, "in", "c");
            deployment.runTick(p);
            assertThat(previousSizes.next()).as("the size of the tick before").containsExactly(2L);

            deployment.runTick(p);
            assertThat(previousSizes.next()).containsExactly(1L);
        }
    }

    @Test
    void aTickCycleCompletedWithAnotherCyclesValueLagsItByExactlyOneTick() {
        FlowBuilder flow = new FlowBuilder("ticks");
        Process<P> p = flow.process(P.class);
        Tick<Process<P>> tick = p.tick();
        SingletonCycle<Long, Process<P>> counter = tick.cycleWithInitial(0L);
        counter.completeNextTick(counter.singleton().map(n -> n + 1));
        SingletonCycle<Long, Process<P>> lagging = tick.cycleWithInitial(-1L);
        lagging.completeNextTick(counter.singleton());
        counter.singleton().zip(lagging.singleton()).intoStream().allTicks().destSink("pairs");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            for (int i = 0; i < 4; i++) {
                deployment.runTick(p);
            }
            assertThat(deployment.output("pairs")).containsExactly(
                    new Pair<>(0L, -1L), new Pair<>(1L, 0L), new Pair<>(2L, 1L), new Pair<>(3L, 2L));
        }
    }

    @Test
    void aTickCycleStreamCarriesElementsToTheNextTickUntilTheyAreDone() {
        FlowBuilder flow = new FlowBuilder("ticks");
        Process<P> p = flow.process(P.class);
        Tick<Process<P>> tick = p.tick();
        // Every job needs as many ticks as its number says; unfinished jobs are carried to the next tick.
        TickCycle<Integer, Process<P>> pending = tick.cycle();
        BoundedStream<Integer, Process<P>, NoOrder, ExactlyOnce> working =
                p.sourceStream("jobs", Integer.class).batch(tick, STEPPED).interleave(pending.stream());
        pending.completeNextTick(working.filter(remaining -> remaining > 1).map(remaining -> remaining - 1));
        working.filter(remaining -> remaining == 1).allTicks().destSink("done");
        working.fold(Fold.count()).intoStream().allTicks().destSink("in-progress");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            OutputCursor done = OutputCursor.of(deployment, "done");
            OutputCursor inProgress = OutputCursor.of(deployment, "in-progress");
            deployment.push(p, "jobs", 1);
            deployment.push(p, "jobs", 3);
            deployment.runTick(p);
            assertThat(inProgress.next()).containsExactly(2L);
            assertThat(done.next()).as("the one-tick job").containsExactly(1);

            assertThat(deployment.runUntilQuiescent())
                    .as("the carried job schedules exactly the two ticks it still needs").isEqualTo(2);
            assertThat(inProgress.next()).containsExactly(1L, 1L);
            assertThat(done.next()).as("the three-tick job, in its third tick").containsExactly(1);
            assertThat(deployment.instance(p, 0).hasWork()).isFalse();
        }
    }

    @Test
    void singleTickFixpointComputesTheTransitiveClosureOfAnEdgeSet() {
        FlowBuilder flow = new FlowBuilder("ticks");
        Process<P> p = flow.process(P.class);
        Tick<Process<P>> tick = p.tick();
        var edges = p.sourceIter(List.of(new Pair<>(1, 2), new Pair<>(2, 3), new Pair<>(3, 4), new Pair<>(4, 2),
                new Pair<>(5, 6))).batch(tick, STEPPED);
        TickForwardRef<Pair<Integer, Integer>, Process<P>> reached = tick.forwardRef();
        var paths = edges.interleave(reached.stream()).unique();
        reached.complete(paths.intoKeyed(Pair::second, Pair::first)
                .join(edges.intoKeyed(Pair::first, Pair::second))
                .values());
        paths.allTicks().destSink("paths");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            deployment.runTick(p);
            assertThat(deployment.instance(p, 0).ticks()).isEqualTo(1);

            Set<Pair<Integer, Integer>> expected = new HashSet<>();
            for (int from : List.of(1, 2, 3, 4)) {
                for (int to : List.of(2, 3, 4)) {
                    expected.add(new Pair<>(from, to));
                }
            }
            expected.add(new Pair<>(5, 6));
            assertThat(deployment.output("paths"))
                    .as("all paths in one tick, each exactly once")
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertThat(deployment.instance(p, 0).hasWork()).isFalse();
        }
    }

    @Test
    void ticksAreLazyAnInstanceWithNoInputHasNoWork() {
        FlowBuilder flow = new FlowBuilder("ticks");
        Process<P> p = flow.process(P.class);
        p.sourceStream("in", String.class).batch(p.tick(), STEPPED).count().intoStream().allTicks().destSink("out");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            LocationInstance instance = deployment.instance(p, 0);
            assertThat(instance.hasWork()).as("every instance runs a first tick").isTrue();
            assertThat(deployment.runUntilQuiescent()).isEqualTo(1);

            assertThat(instance.hasWork()).isFalse();
            assertThat(deployment.runUntilQuiescent()).isZero();
            assertThat(instance.ticks()).isEqualTo(1);

            deployment.push(p, "in", "x");
            assertThat(instance.hasWork()).isTrue();
            assertThat(deployment.runUntilQuiescent()).isEqualTo(1);
            assertThat(deployment.runUntilQuiescent()).isZero();
            assertThat(deployment.output("out")).containsExactly(0L, 1L);
        }
    }

    @Test
    void aFixpointCycleThroughAFoldFailsAtBuildAndSuggestsDeferTick() {
        FlowBuilder flow = new FlowBuilder("ticks");
        Process<P> p = flow.process(P.class);
        Tick<Process<P>> tick = p.tick();
        TickForwardRef<Long, Process<P>> counts = tick.forwardRef();
        var all = p.sourceIter(List.of(1L, 2L)).batch(tick, STEPPED).interleave(counts.stream());
        counts.complete(all.fold(Fold.count()).intoStream());

        assertThatThrownBy(flow::build)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("fold")
                .hasMessageContaining("deferTick()");
    }

    @Test
    void aCycleThroughAFoldIsAllowedWhenDeferredToTheNextTick() {
        FlowBuilder flow = new FlowBuilder("ticks");
        Process<P> p = flow.process(P.class);
        Tick<Process<P>> tick = p.tick();
        TickCycle<Long, Process<P>> counts = tick.cycle();
        var all = p.sourceIter(List.of(7L, 8L)).batch(tick, STEPPED).interleave(counts.stream());
        var count = all.fold(Fold.count()).intoStream();
        counts.completeNextTick(count.filter(n -> n > 1));
        all.allTicks().destSink("seen");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            assertThat(deployment.runUntilQuiescent()).isEqualTo(2);
            assertThat(deployment.output("seen")).containsExactlyInAnyOrder(7L, 8L, 2L);
        }
    }

    @Test
    void anUncompletedCycleFailsAtBuild() {
        FlowBuilder flow = new FlowBuilder("ticks");
        Process<P> p = flow.process(P.class);
        p.tick().<String>forwardRef();

        assertThatThrownBy(flow::build)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("was never completed");
    }
}
