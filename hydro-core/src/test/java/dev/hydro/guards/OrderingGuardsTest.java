package dev.hydro.guards;

import static dev.hydro.guards.SnippetCompiler.check;
import static dev.hydro.guards.SnippetCompiler.compiles;
import static dev.hydro.guards.SnippetCompiler.doesNotCompile;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proves at compile time that order-sensitive operators exist only on totally ordered, exactly-once streams
 * ({@code OrderedStream}), that an ordered fold is rejected by an unordered stream, and that narrowing a
 * guarantee takes a {@code NonDet} and yields an {@code OrderedStream} only for an exactly-once stream.
 */
class OrderingGuardsTest {

    /** Each order-sensitive operator, with the javac message fragment its absence produces. */
    static Stream<Arguments> orderSensitiveOperators() {
        return Stream.of(
                arguments("enumerate()", "cannot find symbol"),
                arguments("first()", "cannot find symbol"),
                arguments("count()", "cannot find symbol"),
                arguments("forEach(x -> {})", "cannot find symbol"),
                arguments("fold(() -> 0, (acc, x) -> acc + 1)", "cannot be applied to given types"),
                arguments("reduce((a, b) -> b)", "not a functional interface"));
    }

    @ParameterizedTest(name = "{0} does not compile on an unordered stream, but does on an ordered one")
    @MethodSource("orderSensitiveOperators")
    void orderSensitiveOperatorsDoNotCompileOnAnUnorderedStream(String operator, String message) {
        check(doesNotCompile("unordered." + operator + ";", message),
                compiles("ordered." + operator + ";"));
    }

    @ParameterizedTest(name = "{0} does not compile on the values received from a cluster")
    @MethodSource("orderSensitiveOperators")
    void orderSensitiveOperatorsDoNotCompileOnTheValuesReceivedFromACluster(String operator, String message) {
        check(doesNotCompile("fromWorkers.values()." + operator + ";", message),
                compiles("fromWorkers.values().assumeExactlyOnce(nd).assumeOrdering(nd)." + operator + ";"));
    }

    @ParameterizedTest(name = "{0} does not compile on an ordered but at-least-once stream")
    @MethodSource("orderSensitiveOperators")
    void orderSensitiveOperatorsDoNotCompileOnAnAtLeastOnceStream(String operator, String message) {
        check(doesNotCompile("atLeastOnce." + operator + ";", message),
                compiles("OrderedStream.of(atLeastOnce.assumeExactlyOnce(nd))." + operator + ";"));
    }

    @ParameterizedTest(name = "{0} does not compile on an unordered batch, but does on an ordered one")
    @MethodSource("orderSensitiveOperators")
    void orderSensitiveOperatorsDoNotCompileOnAnUnorderedBatch(String operator, String message) {
        check(doesNotCompile("batch.weakenOrdering()." + operator + ";", message),
                compiles("batch." + operator + ";"));
    }

    @Test
    void anOrderedFoldDoesNotCompileOnAnUnorderedStreamButACommutativeOneDoes() {
        check(doesNotCompile("unordered.fold(Fold.ordered(() -> 0, (acc, x) -> acc + 1));",
                        "cannot be applied to given types", "? super dev.hydro.stream.NoOrder",
                        "dev.hydro.stream.TotalOrder,dev.hydro.stream.ExactlyOnce>"),
                compiles("unordered.fold(Fold.commutative(() -> 0, (acc, x) -> acc + x));"),
                compiles("ordered.fold(Fold.ordered(() -> 0, (acc, x) -> acc * 10 + x));"));
    }

    @Test
    void anOrderedLongFoldDoesNotCompileOnAnUnorderedStreamButACommutativeOneDoes() {
        check(doesNotCompile("unordered.mapToLong(x -> x).fold(LongFold.ordered(0, (acc, x) -> acc * 10 + x));",
                        "incompatible types", "? super dev.hydro.stream.NoOrder"),
                doesNotCompile("""
                        unordered.batch(leader.tick(), nd).mapToLong(x -> x).map(x -> x * 2)
                                .fold(LongFold.ordered(0, (acc, x) -> acc * 10 + x));
                        """, "incompatible types", "? super dev.hydro.stream.NoOrder"),
                compiles("unordered.mapToLong(x -> x).fold(LongFold.sum());"),
                compiles("ordered.mapToLong(x -> x).filter(x -> x > 1).fold(LongFold.ordered(0, (a, x) -> a + x));"));
    }

    @Test
    void anOrderedReduceDoesNotCompileOnAnUnorderedStreamButACommutativeOneDoes() {
        check(doesNotCompile("unordered.reduce(Reduce.ordered((a, b) -> b));",
                        "incompatible types", "? super dev.hydro.stream.NoOrder"),
                doesNotCompile("unordered.reduce(Reduce.first());",
                        "incompatible types", "? super dev.hydro.stream.NoOrder"),
                compiles("unordered.reduce(Reduce.commutative(Integer::sum));"),
                compiles("ordered.reduce(Reduce.first());"));
    }

    @Test
    void assumeOrderingDoesNotCompileWithoutANonDet() {
        check(doesNotCompile("unordered.assumeOrdering();",
                        "no suitable method found for assumeOrdering(no arguments)"),
                compiles("unordered.assumeOrdering(nd).enumerate();"),
                compiles("unordered.assumeOrdering(NonDet.because(\"the log accepts arrival order\")).enumerate();"));
    }

    @Test
    void assumeOrderingOnAnAtLeastOnceStreamGivesNoOrderedStream() {
        check(doesNotCompile("atLeastOnce.weakenOrdering().assumeOrdering(nd).enumerate();",
                        "cannot find symbol", "method enumerate()"),
                compiles("atLeastOnce.assumeExactlyOnce(nd).weakenOrdering().assumeOrdering(nd).enumerate();"));
    }

    @Test
    void assumeOrderingOnAnAtLeastOnceStreamGivesATotallyOrderedAtLeastOnceStream() {
        check(doesNotCompile("""
                        Stream<Integer, Process<Leader>, Unbounded, TotalOrder, ExactlyOnce> s =
                                atLeastOnce.weakenOrdering().assumeOrdering(nd);
                        """, "incompatible types"),
                compiles("""
                        Stream<Integer, Process<Leader>, Unbounded, TotalOrder, AtLeastOnce> s =
                                atLeastOnce.weakenOrdering().assumeOrdering(nd);
                        """));
    }

    @Test
    void orderedStreamOfDoesNotCompileOnAStreamLackingEitherGuarantee() {
        check(doesNotCompile("OrderedStream.of(unordered);", "cannot be applied to given types", "NoOrder"),
                doesNotCompile("OrderedStream.of(atLeastOnce);", "cannot be applied to given types", "AtLeastOnce"),
                compiles("OrderedStream.of(atLeastOnce.assumeExactlyOnce(nd)).enumerate();"));
    }

    @Test
    void anAssumptionCannotBeForgedOutsideNonDet() {
        check(doesNotCompile("""
                        Assumption.OnExactlyOnce<AtLeastOnce> forged =
                                new Assumption.OnExactlyOnce<>() { public String reason() { return "trust me"; } };
                        """, "sealed"),
                compiles("Assumption.OnExactlyOnce<ExactlyOnce> real = NonDet.because(\"trust me\");"));
    }
}
