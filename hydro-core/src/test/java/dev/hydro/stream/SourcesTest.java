package dev.hydro.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hydro.deploy.LocalDeployment;
import dev.hydro.location.FlowBuilder;
import dev.hydro.location.Process;
import dev.hydro.testsupport.OutputCursor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.SubmissionPublisher;
import org.junit.jupiter.api.Test;

/** Where streams come from: a fixed iterable, a Flow.Publisher, a named pushed input, and a timer. */
class SourcesTest {

    interface P {}

    private static final NonDet TIMED = NonDet.because("the test moves the manual clock by hand");

    @Test
    void sourceIterEmitsEveryElementInTheFirstTickAndNeverAgain() {
        FlowBuilder flow = new FlowBuilder("sources");
        Process<P> p = flow.process(P.class);
        p.sourceIter(List.of("a", "b", "c")).destSink("out");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            OutputCursor out = OutputCursor.of(deployment, "out");
            deployment.runTick(p);
            assertThat(out.next()).containsExactly("a", "b", "c");
            assertThat(deployment.instance(p, 0).hasWork()).isFalse();

            deployment.runTick(p);
            assertThat(out.next()).isEmpty();
            deployment.runTick(p);
            assertThat(out.next()).isEmpty();
        }
    }

    @Test
    void sourceIterCopiesItsElementsWhenTheFlowIsBuilt() {
        FlowBuilder flow = new FlowBuilder("sources");
        Process<P> p = flow.process(P.class);
        List<String> elements = new java.util.ArrayList<>(List.of("a"));
        p.sourceIter(elements).destSink("out");
        elements.add("added later");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            deployment.runUntilQuiescent();
            assertThat(deployment.output("out")).containsExactly("a");
        }
    }

    /**
     * The publisher runs its subscribers on the submitting thread ({@code Runnable::run}), so every submitted
     * element is in the source's queue when {@code submit} returns and the test needs no waiting.
     */
    @Test
    void sourceStreamFromAPublisherEmitsEachElementInTheTickAfterItArrives() {
        FlowBuilder flow = new FlowBuilder("sources");
        Process<P> p = flow.process(P.class);
        try (SubmissionPublisher<String> publisher = new SubmissionPublisher<>(Runnable::run, 16)) {
            p.sourceStream(publisher).destSink("out");

            try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
                OutputCursor out = OutputCursor.of(deployment, "out");
                deployment.runTick(p);
                assertThat(out.next()).isEmpty();

                publisher.submit("one");
                publisher.submit("two");
                assertThat(deployment.instance(p, 0).hasWork()).isTrue();
                deployment.runTick(p);
                assertThat(out.next()).containsExactly("one", "two");

                publisher.submit("three");
                assertThat(deployment.runUntilQuiescent()).isEqualTo(1);
                assertThat(out.next()).containsExactly("three");
            }
        }
    }

    @Test
    void namedSourceStreamEmitsPushedValuesInTheNextTickInPushOrder() {
        FlowBuilder flow = new FlowBuilder("sources");
        Process<P> p = flow.process(P.class);
        p.sourceStream("orders", Integer.class).destSink("out");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            OutputCursor out = OutputCursor.of(deployment, "out");
            deployment.runUntilQuiescent();
            assertThat(deployment.instance(p, 0).hasWork()).isFalse();

            deployment.push(p, "orders", 3);
            deployment.push(p, "orders", 1);
            deployment.push(p, "orders", 2);
            assertThat(out.next()).as("nothing runs until the next tick").isEmpty();
            assertThat(deployment.instance(p, 0).hasWork()).isTrue();

            deployment.runTick(p);
            assertThat(out.next()).containsExactly(3, 1, 2);
            assertThat(deployment.instance(p, 0).hasWork()).isFalse();
        }
    }

    @Test
    void pushingToAnUndeclaredInputFailsAndNamesTheFix() {
        FlowBuilder flow = new FlowBuilder("sources");
        Process<P> p = flow.process(P.class);
        p.sourceStream("orders", Integer.class).destSink("out");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            assertThatThrownBy(() -> deployment.push(p, "refunds", 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no input 'refunds'")
                    .hasMessageContaining("sourceStream(\"refunds\", type)");
        }
    }

    @Test
    void sourceIntervalEmitsTheTimeOfEveryPeriodThatElapsed() {
        FlowBuilder flow = new FlowBuilder("sources");
        Process<P> p = flow.process(P.class);
        p.sourceInterval(Duration.ofSeconds(1), TIMED).destSink("ticks");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            OutputCursor ticks = OutputCursor.of(deployment, "ticks");
            deployment.runUntilQuiescent();
            assertThat(ticks.next()).as("no period has elapsed").isEmpty();

            deployment.advanceTime(Duration.ofMillis(3500));
            assertThat(deployment.runUntilQuiescent()).isEqualTo(1);
            Instant start = Instant.parse("2026-01-01T00:00:00Z");
            assertThat(ticks.next()).containsExactly(start.plusSeconds(1), start.plusSeconds(2), start.plusSeconds(3));

            deployment.advanceTime(Duration.ofMillis(500));
            deployment.runUntilQuiescent();
            assertThat(ticks.next()).as("the fourth period ends at 4s, not 4.5s").containsExactly(start.plusSeconds(4));

            assertThat(deployment.runUntilQuiescent()).as("no time passed: no tick").isZero();
        }
    }

    @Test
    void sourceIntervalRejectsANonPositivePeriod() {
        FlowBuilder flow = new FlowBuilder("sources");
        Process<P> p = flow.process(P.class);
        assertThatThrownBy(() -> p.sourceInterval(Duration.ZERO, TIMED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive period");
    }
}
