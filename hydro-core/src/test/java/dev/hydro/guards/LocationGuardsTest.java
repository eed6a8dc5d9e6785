package dev.hydro.guards;

import static dev.hydro.guards.SnippetCompiler.check;
import static dev.hydro.guards.SnippetCompiler.compiles;
import static dev.hydro.guards.SnippetCompiler.doesNotCompile;

import org.junit.jupiter.api.Test;

/**
 * Proves at compile time that live collections of two locations cannot be combined: every collection is typed
 * with its location (a {@code Process<Leader>} is not a {@code Process<Other>} nor a {@code Cluster<Worker>}),
 * and a tick belongs to one location. Each test pairs the violation with the closest legal snippet.
 */
class LocationGuardsTest {

    @Test
    void interleaveDoesNotCompileWithAStreamOfAnotherProcess() {
        check(doesNotCompile("""
                        var fromOther = other.sourceIter(List.of(4));
                        ordered.interleave(fromOther);
                        """, "incompatible types", "Other>"),
                compiles("""
                        var fromLeader = leader.sourceIter(List.of(4));
                        ordered.interleave(fromLeader);
                        """));
    }

    @Test
    void crossProductDoesNotCompileWithAStreamOfACluster() {
        check(doesNotCompile("""
                        var onWorkers = workers.sourceIter(List.of("x"));
                        ordered.crossProduct(onWorkers);
                        """, "cannot be applied to given types", "Cluster<"),
                compiles("""
                        var onLeader = leader.sourceIter(List.of("x"));
                        ordered.crossProduct(onLeader);
                        """));
    }

    @Test
    void keyedJoinDoesNotCompileWithAKeyedStreamOfAnotherLocation() {
        check(doesNotCompile("""
                        var atOther = other.sourceIter(List.of(1)).intoKeyed(x -> x, x -> x);
                        keyed.join(atOther);
                        """, "cannot be applied to given types", "Other>"),
                compiles("""
                        var atLeader = leader.sourceIter(List.of(1)).intoKeyed(x -> x, x -> x);
                        keyed.join(atLeader);
                        """));
    }

    @Test
    void crossSingletonDoesNotCompileWithAValueOfAnotherLocation() {
        check(doesNotCompile("batch.crossSingleton(other.tick().singleton(1));",
                        "cannot be applied to given types", "Other>"),
                compiles("batch.crossSingleton(leader.tick().singleton(1));"));
    }

    @Test
    void zipDoesNotCompileWithASingletonOfAnotherLocation() {
        check(doesNotCompile("ordered.fold(Fold.count()).zip(other.singleton(1L));",
                        "cannot be applied to given types", "Other>"),
                compiles("ordered.fold(Fold.count()).zip(leader.singleton(1L));"));
    }

    @Test
    void batchDoesNotCompileWithTheTickOfAnotherLocation() {
        check(doesNotCompile("ordered.batch(workers.tick(), nd);",
                        "incompatible types", "Tick<dev.hydro.location.Cluster<"),
                doesNotCompile("ordered.batch(other.tick(), nd);", "incompatible types", "Other>"),
                compiles("ordered.batch(leader.tick(), nd);"));
    }

    @Test
    void snapshotDoesNotCompileWithTheTickOfAnotherLocation() {
        check(doesNotCompile("ordered.fold(Fold.count()).snapshot(other.tick(), nd);", "incompatible types", "Other>"),
                compiles("ordered.fold(Fold.count()).snapshot(leader.tick(), nd);"));
    }
}
