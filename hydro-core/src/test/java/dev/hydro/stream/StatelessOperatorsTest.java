package dev.hydro.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hydro.deploy.LocalDeployment;
import dev.hydro.location.FlowBuilder;
import dev.hydro.location.Process;
import dev.hydro.testsupport.OutputCursor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** map, flatMap, filter, filterMap and inspect transform each element on its own, in order, in its own tick. */
class StatelessOperatorsTest {

    interface P {}

    private static final NonDet STEPPED = NonDet.because("the test steps every tick by hand");

    @Test
    void mapTransformsEveryElementInOrder() {
        FlowBuilder flow = new FlowBuilder("stateless");
        Process<P> p = flow.process(P.class);
        p.sourceIter(List.of(1, 2, 3)).map(x -> x * 10).destSink("out");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            deployment.runUntilQuiescent();
            assertThat(deployment.output("out")).containsExactly(10, 20, 30);
        }
    }

    @Test
    void flatMapReplacesEachElementByItsIterableAndAnEmptyIterableByNothing() {
        FlowBuilder flow = new FlowBuilder("stateless");
        Process<P> p = flow.process(P.class);
        p.sourceIter(List.of("a b", "", "c d e"))
                .flatMap(line -> line.isEmpty() ? List.<String>of() : Arrays.asList(line.split(" ")))
                .destSink("out");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            deployment.runUntilQuiescent();
            assertThat(deployment.output("out")).containsExactly("a", "b", "c", "d", "e");
        }
    }

    @Test
    void filterKeepsOnlyMatchingElementsInOrder() {
        FlowBuilder flow = new FlowBuilder("stateless");
        Process<P> p = flow.process(P.class);
        p.sourceIter(List.of(1, 2, 3, 4, 5, 6)).filter(x -> x % 2 == 0).destSink("out");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            deployment.runUntilQuiescent();
            assertThat(deployment.output("out")).containsExactly(2, 4, 6);
        }
    }

    @Test
    void filterMapKeepsOnlyThePresentResults() {
        FlowBuilder flow = new FlowBuilder("stateless");
        Process<P> p = flow.process(P.class);
        p.sourceIter(List.of("1", "x", "3", "", "5"))
                .filterMap(StatelessOperatorsTest::parse)
                .destSink("out");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            deployment.runUntilQuiescent();
            assertThat(deployment.output("out")).containsExactly(1, 3, 5);
        }
    }

    @Test
    void inspectSeesEveryElementAndPassesItOnUnchanged() {
        FlowBuilder flow = new FlowBuilder("stateless");
        Process<P> p = flow.process(P.class);
        List<Object> inspected = new ArrayList<>();
        p.sourceIter(List.of("a", "b", "c")).inspect(inspected::add).destSink("out");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            deployment.runUntilQuiescent();
            assertThat(inspected).containsExactly("a", "b", "c");
            assertThat(deployment.output("out")).containsExactly("a", "b", "c");
        }
    }

    @Test
    void aPipelineOfStatelessOperatorsSeesOnlyEachTicksNewElements() {
        FlowBuilder flow = new FlowBuilder("stateless");
        Process<P> p = flow.process(P.class);
        p.sourceStream("in", String.class)
                .filterMap(StatelessOperatorsTest::parse)
                .filter(n -> n > 0)
                .flatMap(n -> List.of(n, -n))
                .map(n -> "v" + n)
                .destSink("out");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            OutputCursor out = OutputCursor.of(deployment, "out");
            deployment.push(p, "in", "1");
            deployment.push(p, "in", "zero");
            deployment.runTick(p);
            assertThat(out.next()).containsExactly("v1", "v-1");

            deployment.push(p, "in", "-4");
            deployment.push(p, "in", "2");
            deployment.runTick(p);
            assertThat(out.next()).containsExactly("v2", "v-2");

            deployment.runTick(p);
            assertThat(out.next()).isEmpty();
        }
    }

    @Test
    void statelessOperatorsInsideATickBehaveLikeAtTopLevel() {
        FlowBuilder flow = new FlowBuilder("stateless");
        Process<P> p = flow.process(P.class);
        p.sourceStream("in", Integer.class)
                .batch(p.tick(), STEPPED)
                .map(x -> x + 1)
                .filter(x -> x % 2 == 0)
                .allTicks()
                .destSink("out");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            OutputCursor out = OutputCursor.of(deployment, "out");
            List.of(1, 2, 3).forEach(x -> deployment.push(p, "in", x));
            deployment.runTick(p);
            assertThat(out.next()).containsExactly(2, 4);

            deployment.push(p, "in", 5);
            deployment.runTick(p);
            assertThat(out.next()).containsExactly(6);
        }
    }

    private static java.util.Optional<Integer> parse(String text) {
        try {
            return java.util.Optional.of(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }
}
