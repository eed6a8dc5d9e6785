package dev.hydro.guards;

import static dev.hydro.guards.SnippetCompiler.assertCompiles;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.hydro.location.FlowBuilder;
import dev.hydro.location.Process;
import dev.hydro.stream.AtLeastOnce;
import dev.hydro.stream.Fold;
import dev.hydro.stream.NonDet;
import dev.hydro.stream.OrderedBoundedStream;
import dev.hydro.stream.Stream;
import dev.hydro.stream.TotalOrder;
import dev.hydro.stream.Unbounded;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins the places where a rule is enforced only while the flow is built, although the types could say it:
 * each test proves that the snippet compiles (the gap) and that the build-time backstop rejects the same
 * code. When the API closes a gap, replace its {@code assertCompiles} by {@code assertDoesNotCompile}.
 */
class KnownGapsTest {

    interface Leader {}

    /** The runtime counterpart of the snippet prelude's leader-side streams. */
    record Fixture(Process<Leader> leader, NonDet nd, OrderedBoundedStream<Integer, Process<Leader>> batch,
            Stream<Integer, Process<Leader>, Unbounded, TotalOrder, AtLeastOnce> atLeastOnce) {

        static Fixture create() {
            Process<Leader> leader = new FlowBuilder("gaps").process(Leader.class);
            NonDet nd = NonDet.because("test");
            var ordered = leader.sourceIter(List.of(1, 2, 3));
            return new Fixture(leader, nd, ordered.batch(leader.tick(), nd), ordered.weakenDelivery());
        }
    }

    /**
     * Operators documented or implemented as top-level only, that the bounded subtypes inherit: each snippet,
     * with the same call at runtime.
     */
    static java.util.stream.Stream<Arguments> topLevelOnlyOperatorsOnATickCollection() {
        return java.util.stream.Stream.of(
                arguments("batch.batch(leader.tick(), nd);",
                        (Consumer<Fixture>) f -> f.batch().batch(f.leader().tick(), f.nd())),
                arguments("batch.sampleEvery(Duration.ofSeconds(1), nd);",
                        (Consumer<Fixture>) f -> f.batch().sampleEvery(Duration.ofSeconds(1), f.nd())),
                arguments("batch.intoKeyed(x -> x, x -> x).batch(leader.tick(), nd);",
                        (Consumer<Fixture>) f -> f.batch().intoKeyed(x -> x, x -> x).batch(f.leader().tick(), f.nd())),
                arguments("batch.count().snapshot(leader.tick(), nd);",
                        (Consumer<Fixture>) f -> f.batch().count().snapshot(f.leader().tick(), f.nd())),
                arguments("batch.count().sampleEvery(Duration.ofSeconds(1), nd);",
                        (Consumer<Fixture>) f -> f.batch().count().sampleEvery(Duration.ofSeconds(1), f.nd())),
                arguments("batch.first().snapshot(leader.tick(), nd);",
                        (Consumer<Fixture>) f -> f.batch().first().snapshot(f.leader().tick(), f.nd())),
                arguments("batch.intoKeyed(x -> x, x -> x).fold(Fold.count()).snapshot(leader.tick(), nd);",
                        (Consumer<Fixture>) f -> f.batch().intoKeyed(x -> x, x -> x).fold(Fold.count())
                                .snapshot(f.leader().tick(), f.nd())));
    }

    @ParameterizedTest(name = "{0} compiles, but is rejected when building")
    @MethodSource("topLevelOnlyOperatorsOnATickCollection")
    void topLevelOnlyOperatorsCompileOnACollectionInsideATick(String snippet, Consumer<Fixture> sameCallAtRuntime) {
        assertCompiles(snippet);

        Fixture fixture = Fixture.create();
        assertThatThrownBy(() -> sameCallAtRuntime.accept(fixture))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("takes a top-level collection");
    }

    @Test
    void aNullAssumptionTurnsAnAtLeastOnceStreamIntoAnOrderedStreamAtCompileTime() {
        // null is applicable to the Assumption.OnExactlyOnce<? super AtLeastOnce> overload, which returns an
        // OrderedStream; only NonDet values are rejected by it.
        assertCompiles("atLeastOnce.weakenOrdering().assumeOrdering(null).enumerate();");

        Fixture fixture = Fixture.create();
        assertThatThrownBy(() -> fixture.atLeastOnce().weakenOrdering().assumeOrdering(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("nondet");
    }
}
