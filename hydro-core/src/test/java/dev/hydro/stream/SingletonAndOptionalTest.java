package dev.hydro.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hydro.deploy.LocalDeployment;
import dev.hydro.location.FlowBuilder;
import dev.hydro.location.Process;
import dev.hydro.location.Tick;
import dev.hydro.testsupport.OutputCursor;
import java.time.Duration;
import java.util.Comparator;
import org.junit.jupiter.api.Test;

/** Singletons and optionals: derived values, snapshots into a tick, latest() out of it, and timed samples. */
class SingletonAndOptionalTest {

    interface P {}

    private static final NonDet STEPPED = NonDet.because("the test steps every tick by hand");

    @Test
    void singletonMapTransformsTheCurrentValueEveryTick() {
        FlowBuilder flow = new FlowBuilder("values");
        Process<P> p = flow.process(P.class);
        p.sourceStream("in", String.class).count().map(n -> n + " seen")
                .snapshot(p.tick(), STEPPED).intoStream().allTicks().destSink("out");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            OutputCursor out = OutputCursor.of(deployment, "out");
            deployment.push(p, "in", "a");
            deployment.runTick(p);
            assertThat(out.next()).containsExactly("1 seen");

            deployment.push(p, "in", "b");
            deployment.push(p, "in", "c");
            deployment.runTick(p);
            assertThat(out.next()).containsExactly("3 seen");
        }
    }

    @Test
    void zipCombinesTwoSingletonsOfTheSameTick() {
        FlowBuilder flow = new FlowBuilder("values");
        Process<P> p = flow.process(P.class);
        var numbers = p.sourceStream("in", Integer.class);
        var count = numbers.count();
        var sum = numbers.fold(Fold.sumLong(n -> n));
        count.zip(sum).map(cs -> (double) cs.second() / cs.first())
                .snapshot(p.tick(), STEPPED).intoStream().allTicks().destSink("mean");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            OutputCursor mean = OutputCursor.of(deployment, "mean");
            deployment.push(p, "in", 2);
            deployment.push(p, "in", 4);
            deployment.runTick(p);
            assertThat(mean.next()).containsExactly(3.0);

            deployment.push(p, "in", 9);
            deployment.runTick(p);
            assertThat(mean.next()).containsExactly(5.0);
        }
    }

    @Test
    void zipInsideATickPairsThatTicksValues() {
        FlowBuilder flow = new FlowBuilder("values");
        Process<P> p = flow.process(P.class);
        Tick<Process<P>> tick = p.tick();
        var batch = p.sourceStream("in", Integer.class).batch(tick, STEPPED);
        batch.count().zip(tick.singleton("tick-label")).intoStream().allTicks().destSink("out");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            OutputCursor out = OutputCursor.of(deployment, "out");
            deployment.push(p, "in", 1);
            deployment.runTick(p);
            assertThat(out.next()).containsExactly(new Pair<>(1L, "tick-label"));

            deployment.runTick(p);
            assertThat(out.next()).containsExactly(new Pair<>(0L, "tick-label"));
        }
    }

    @Test
    void filterMakesAnOptionalThatUnwrapOrFillsWhileAbsent() {
        FlowBuilder flow = new FlowBuilder("values");
        Process<P> p = flow.process(P.class);
        p.sourceStream("in", String.class).count()
                .filter(n -> n >= 2)
                .map(n -> "busy (" + n + ")")
                .unwrapOr("quiet")
                .snapshot(p.tick(), STEPPED).intoStream().allTicks().destSink("status");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            OutputCursor status = OutputCursor.of(deployment, "status");
            deployment.push(p, "in", "a");
            deployment.runTick(p);
            assertThat(status.next()).containsExactly("quiet");

            deployment.push(p, "in", "b");
            deployment.runTick(p);
            assertThat(status.next()).containsExactly("busy (2)");
        }
    }

    @Test
    void optionalFilterAndMapStayAbsentWhenTheValueIsAbsentOrRejected() {
        FlowBuilder flow = new FlowBuilder("values");
        Process<P> p = flow.process(P.class);
        var batch = p.sourceStream("in", Integer.class).batch(p.tick(), STEPPED);
        batch.max(Comparator.naturalOrder()).filter(n -> n > 10).map(n -> "big " + n)
                .intoStream().allTicks().destSink("out");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            OutputCursor out = OutputCursor.of(deployment, "out");
            deployment.runTick(p);
            assertThat(out.next()).as("no elements: no max").isEmpty();

            deployment.push(p, "in", 5);
            deployment.runTick(p);
            assertThat(out.next()).as("a max that the filter rejects").isEmpty();

            deployment.push(p, "in", 50);
            deployment.push(p, "in", 12);
            deployment.runTick(p);
            assertThat(out.next()).containsExactly("big 50");
        }
    }

    @Test
    void intoStreamEmitsTheValueOncePerTick() {
        FlowBuilder flow = new FlowBuilder("values");
        Process<P> p = flow.process(P.class);
        Tick<Process<P>> tick = p.tick();
        tick.singleton("beat").intoStream().allTicks().destSink("out");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            OutputCursor out = OutputCursor.of(deployment, "out");
            deployment.runTick(p);
            deployment.runTick(p);
            deployment.runTick(p);
            assertThat(out.next()).containsExactly("beat", "beat", "beat");
        }
    }

    @Test
    void latestOfAnOptionalKeepsTheMostRecentPresentValueThroughEmptyTicks() {
        FlowBuilder flow = new FlowBuilder("values");
        Process<P> p = flow.process(P.class);
        Tick<Process<P>> tick = p.tick();
        p.sourceStream("in", Integer.class).batch(tick, STEPPED)
                .last()
                .latest()
                .snapshot(tick, STEPPED).intoStream().allTicks().destSink("last-seen");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            OutputCursor lastSeen = OutputCursor.of(deployment, "last-seen");
            deployment.runTick(p);
            assertThat(lastSeen.next()).as("nothing seen yet").isEmpty();

            deployment.push(p, "in", 1);
            deployment.push(p, "in", 2);
            deployment.runTick(p);
            assertThat(lastSeen.next()).containsExactly(2);

            deployment.runTick(p);
            assertThat(lastSeen.next()).as("an empty tick keeps the previous value").containsExactly(2);

            deployment.push(p, "in", 3);
            deployment.runTick(p);
            assertThat(lastSeen.next()).containsExactly(3);
        }
    }

    @Test
    void latestOfASingletonHoldsTheLatestTicksValue() {
        FlowBuilder flow = new FlowBuilder("values");
        Process<P> p = flow.process(P.class);
        Tick<Process<P>> tick = p.tick();
        p.sourceStream("in", Integer.class).batch(tick, STEPPED)
                .count()
                .latest()
                .snapshot(tick, STEPPED).intoStream().allTicks().destSink("per-tick");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            OutputCursor perTick = OutputCursor.of(deployment, "per-tick");
            deployment.push(p, "in", 1);
            deployment.push(p, "in", 2);
            deployment.runTick(p);
            assertThat(perTick.next()).containsExactly(2L);

            deployment.runTick(p);
            assertThat(perTick.next()).containsExactly(0L);
        }
    }

    @Test
    void snapshotSeesTheRunningValueAsOfEachTick() {
        FlowBuilder flow = new FlowBuilder("values");
        Process<P> p = flow.process(P.class);
        Tick<Process<P>> tick = p.tick();
        var total = p.sourceStream("in", Integer.class).fold(Fold.sumLong(n -> n));
        var batch = p.sourceStream("probe", String.class).batch(tick, STEPPED);
        batch.crossSingleton(total.snapshot(tick, STEPPED)).allTicks().destSink("probed");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            OutputCursor probed = OutputCursor.of(deployment, "probed");
            deployment.push(p, "in", 5);
            deployment.push(p, "probe", "first");
            deployment.runTick(p);
            assertThat(probed.next()).containsExactly(new Pair<>("first", 5L));

            deployment.push(p, "in", 6);
            deployment.runTick(p);
            deployment.push(p, "probe", "second");
            deployment.runTick(p);
            assertThat(probed.next()).containsExactly(new Pair<>("second", 11L));
        }
    }

    @Test
    void singletonSampleEveryEmitsTheCurrentValueWhenItsTimerFired() {
        FlowBuilder flow = new FlowBuilder("values");
        Process<P> p = flow.process(P.class);
        p.sourceStream("in", Integer.class).fold(Fold.sumLong(n -> n))
                .sampleEvery(Duration.ofSeconds(1), STEPPED)
                .destSink("samples");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            OutputCursor samples = OutputCursor.of(deployment, "samples");
            deployment.push(p, "in", 1);
            deployment.push(p, "in", 2);
            deployment.runUntilQuiescent();
            assertThat(samples.next()).as("the timer has not fired yet").isEmpty();

            deployment.advanceTime(Duration.ofSeconds(1));
            assertThat(deployment.runUntilQuiescent()).as("a fired timer schedules a tick").isEqualTo(1);
            assertThat(samples.next()).containsExactly(3L);

            deployment.push(p, "in", 4);
            deployment.runUntilQuiescent();
            assertThat(samples.next()).as("new input alone does not sample").isEmpty();

            deployment.advanceTime(Duration.ofMillis(999));
            assertThat(deployment.runUntilQuiescent()).isZero();
            deployment.advanceTime(Duration.ofMillis(1));
            deployment.runUntilQuiescent();
            assertThat(samples.next()).containsExactly(7L);
        }
    }

    @Test
    void streamSampleEveryEmitsTheMostRecentElementSinceThePreviousSample() {
        FlowBuilder flow = new FlowBuilder("values");
        Process<P> p = flow.process(P.class);
        p.sourceStream("prices", Integer.class).sampleEvery(Duration.ofSeconds(10), STEPPED).destSink("samples");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            OutputCursor samples = OutputCursor.of(deployment, "samples");
            deployment.push(p, "prices", 100);
            deployment.push(p, "prices", 101);
            deployment.runUntilQuiescent();
            deployment.push(p, "prices", 99);
            deployment.runUntilQuiescent();
            deployment.advanceTime(Duration.ofSeconds(10));
            deployment.runUntilQuiescent();
            assertThat(samples.next()).containsExactly(99);

            deployment.advanceTime(Duration.ofSeconds(10));
            deployment.runUntilQuiescent();
            assertThat(samples.next()).as("nothing arrived since the previous sample").isEmpty();
        }
    }
}
