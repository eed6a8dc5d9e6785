package dev.hydro.guards;

import static dev.hydro.guards.SnippetCompiler.check;
import static dev.hydro.guards.SnippetCompiler.compiles;
import static dev.hydro.guards.SnippetCompiler.doesNotCompile;

import org.junit.jupiter.api.Test;

/**
 * Proves at compile time that blocking operators, which need the whole input before they can answer, take
 * only bounded streams (one tick's batch): {@code sort}, {@code chain}, {@code last} and the negative side of
 * an anti-join do not compile on a top-level, unbounded stream.
 */
class BoundednessGuardsTest {

    @Test
    void sortDoesNotCompileOnATopLevelStream() {
        check(doesNotCompile("ordered.sort(Comparator.naturalOrder());", "cannot find symbol", "method sort"),
                compiles("batch.sort(Comparator.naturalOrder());"),
                compiles("unordered.batch(leader.tick(), nd).sort(Comparator.naturalOrder());"));
    }

    @Test
    void chainDoesNotCompileOnATopLevelStream() {
        check(doesNotCompile("ordered.chain(ordered);", "cannot find symbol", "method chain"),
                compiles("batch.chain(batch);"));
    }

    @Test
    void lastDoesNotCompileOnATopLevelStream() {
        check(doesNotCompile("ordered.last();", "cannot find symbol", "method last()"),
                compiles("batch.last();"));
    }

    @Test
    void lastDoesNotCompileOnAnUnorderedBatch() {
        check(doesNotCompile("batch.weakenOrdering().last();", "cannot find symbol", "method last()"),
                compiles("batch.weakenOrdering().assumeOrdering(nd).last();"));
    }

    @Test
    void antiJoinDoesNotCompileWithAnUnboundedNegative() {
        check(doesNotCompile("keyed.antiJoin(ordered);", "incompatible types", "dev.hydro.stream.Bounded,?,?>"),
                compiles("keyed.antiJoin(batch);"),
                compiles("batch.intoKeyed(x -> x, x -> x).antiJoin(batch.filter(x -> x > 1));"));
    }

    @Test
    void allTicksDoesNotCompileOnATopLevelStream() {
        check(doesNotCompile("ordered.allTicks();", "cannot find symbol", "method allTicks()"),
                compiles("batch.allTicks().enumerate();"));
    }

    @Test
    void interleaveDoesNotCompileBetweenABatchAndATopLevelStream() {
        check(doesNotCompile("ordered.interleave(batch);", "incompatible types"),
                compiles("ordered.interleave(batch.allTicks());"));
    }
}
