package dev.hydro.guards;

import static dev.hydro.guards.SnippetCompiler.check;
import static dev.hydro.guards.SnippetCompiler.compiles;
import static dev.hydro.guards.SnippetCompiler.doesNotCompile;

import org.junit.jupiter.api.Test;

/**
 * Proves at compile time that an aggregation which counts every element (a commutative fold, a count, a sum)
 * does not compile on an at-least-once stream, where a redelivered element would be counted twice, while
 * idempotent aggregations ({@code commutativeIdempotent}, {@code min}, {@code max}) compile on every stream.
 */
class DeliveryGuardsTest {

    private static final String NEEDS_EXACTLY_ONCE = "? super dev.hydro.stream.AtLeastOnce";

    @Test
    void aCommutativeFoldDoesNotCompileOnAnAtLeastOnceStream() {
        check(doesNotCompile("atLeastOnce.fold(Fold.commutative(() -> 0, (acc, x) -> acc + 1));",
                        "cannot be applied to given types", NEEDS_EXACTLY_ONCE),
                compiles("atLeastOnce.fold(Fold.commutativeIdempotent(() -> 0, (acc, x) -> Math.max(acc, x)));"),
                compiles("atLeastOnce.max(Comparator.naturalOrder());"),
                compiles("atLeastOnce.min(Comparator.naturalOrder());"),
                compiles("atLeastOnce.assumeExactlyOnce(nd).fold(Fold.commutative(() -> 0, (acc, x) -> acc + 1));"));
    }

    @Test
    void aCommutativeFoldDoesNotCompileOnTheValuesReceivedFromACluster() {
        check(doesNotCompile("fromWorkers.values().fold(Fold.commutative(() -> 0, (acc, x) -> acc + 1));",
                        "cannot be applied to given types", NEEDS_EXACTLY_ONCE),
                compiles("""
                        fromWorkers.values().fold(Fold.commutativeIdempotent(() -> "",
                                (acc, x) -> acc.compareTo(x) >= 0 ? acc : x));
                        """),
                compiles("fromWorkers.values().max(Comparator.naturalOrder());"));
    }

    @Test
    void countAndSumDoNotCompileOnAnAtLeastOnceStream() {
        check(doesNotCompile("atLeastOnce.fold(Fold.count());", "cannot be applied to given types", NEEDS_EXACTLY_ONCE),
                doesNotCompile("atLeastOnce.fold(Fold.sumLong(x -> x));",
                        "cannot be applied to given types", NEEDS_EXACTLY_ONCE),
                compiles("unordered.fold(Fold.count());"),
                compiles("unordered.fold(Fold.sumLong(x -> x));"));
    }

    @Test
    void longSumAndCountDoNotCompileOnAnAtLeastOnceStreamButAnIdempotentLongFoldDoes() {
        check(doesNotCompile("atLeastOnce.mapToLong(x -> x).fold(LongFold.sum());",
                        "incompatible types", NEEDS_EXACTLY_ONCE),
                doesNotCompile("fromWorkers.values().mapToLong(String::length).fold(LongFold.count());",
                        "incompatible types", NEEDS_EXACTLY_ONCE),
                compiles("atLeastOnce.mapToLong(x -> x).fold(LongFold.commutativeIdempotent(0, Math::max));"),
                compiles("atLeastOnce.assumeExactlyOnce(nd).mapToLong(x -> x).fold(LongFold.sum());"));
    }

    @Test
    void anOrderedFoldDoesNotCompileOnAnOrderedButAtLeastOnceStream() {
        check(doesNotCompile("atLeastOnce.fold(Fold.ordered(() -> 0, (acc, x) -> acc * 10 + x));",
                        "cannot be applied to given types", NEEDS_EXACTLY_ONCE),
                compiles("ordered.fold(Fold.ordered(() -> 0, (acc, x) -> acc * 10 + x));"));
    }

    @Test
    void aCommutativeReduceDoesNotCompileOnAnAtLeastOnceStreamButAnIdempotentOneDoes() {
        check(doesNotCompile("atLeastOnce.reduce(Reduce.commutative(Integer::sum));",
                        "incompatible types", NEEDS_EXACTLY_ONCE),
                compiles("atLeastOnce.reduce(Reduce.commutativeIdempotent(Math::max));"),
                compiles("atLeastOnce.reduce(Reduce.first());"));
    }
}
