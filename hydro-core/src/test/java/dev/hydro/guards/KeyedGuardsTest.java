package dev.hydro.guards;

import static dev.hydro.guards.SnippetCompiler.check;
import static dev.hydro.guards.SnippetCompiler.compiles;
import static dev.hydro.guards.SnippetCompiler.doesNotCompile;

import org.junit.jupiter.api.Test;

/**
 * Proves that a keyed stream's guarantees are checked per key: a stream received from a cluster is keyed by
 * sender, so each sender's values are totally ordered (per-key {@code Reduce.first()} compiles) but may be
 * redelivered (a per-key commutative fold does not compile), and an unordered keyed stream has no first value.
 */
class KeyedGuardsTest {

    private static final String NEEDS_EXACTLY_ONCE = "? super dev.hydro.stream.AtLeastOnce";

    @Test
    void aKeyedCommutativeFoldDoesNotCompileOnAStreamReceivedFromACluster() {
        check(doesNotCompile("fromWorkers.fold(Fold.commutative(() -> 0, (acc, x) -> acc + 1));",
                        "cannot be applied to given types", NEEDS_EXACTLY_ONCE),
                compiles("""
                        fromWorkers.fold(Fold.commutativeIdempotent(() -> "",
                                (acc, x) -> acc.compareTo(x) >= 0 ? acc : x));
                        """),
                compiles("keyed.fold(Fold.commutative(() -> 0, (acc, x) -> acc + 1));"));
    }

    @Test
    void keyedReduceFirstCompilesOnAStreamReceivedFromAClusterBecauseEachSendersOrderIsTotal() {
        check(compiles("fromWorkers.reduce(Reduce.first());"),
                doesNotCompile("fromWorkers.reduce(Reduce.commutative(String::concat));",
                        "incompatible types", NEEDS_EXACTLY_ONCE));
    }

    @Test
    void keyedReduceFirstDoesNotCompileOnAnUnorderedKeyedStream() {
        check(doesNotCompile("unordered.intoKeyed(x -> x, x -> x).reduce(Reduce.first());",
                        "incompatible types", "? super dev.hydro.stream.NoOrder"),
                compiles("ordered.intoKeyed(x -> x, x -> x).reduce(Reduce.first());"));
    }

    @Test
    void aKeyedOrderedFoldDoesNotCompileOnAStreamReceivedFromAClusterEvenThoughEachSenderIsOrdered() {
        check(doesNotCompile("fromWorkers.fold(Fold.ordered(() -> \"\", String::concat));",
                        "cannot be applied to given types", NEEDS_EXACTLY_ONCE),
                compiles("keyed.fold(Fold.ordered(() -> 0, (acc, x) -> acc * 10 + x));"));
    }

    @Test
    void theValuesOfAKeyedStreamHaveNoOrderAcrossKeys() {
        check(doesNotCompile("keyed.values().enumerate();", "cannot find symbol"),
                compiles("keyed.values().fold(Fold.commutative(() -> 0, (acc, x) -> acc + x));"));
    }
}
