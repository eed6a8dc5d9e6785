package dev.hydro.guards;

import static dev.hydro.guards.SnippetCompiler.check;
import static dev.hydro.guards.SnippetCompiler.compiles;
import static dev.hydro.guards.SnippetCompiler.doesNotCompile;

import org.junit.jupiter.api.Test;

/**
 * Proves the compile-time witnesses of the network operators: which destination kinds each operator accepts,
 * what element and key types it needs, when an edge is exactly-once, and the shape of what arrives (a plain
 * stream from a process, a stream keyed by sender from a cluster).
 */
class NetworkGuardsTest {

    private static final String DEMUX_TO_WORKERS = """
            ordered.map(i -> KeyValue.of(MemberId.<Cluster<Worker>>of(i % 3), i))
                    .intoKeyed(KeyValue::key, KeyValue::value)
                    .demuxBincode(workers);
            """;

    @Test
    void sendBincodeDoesNotCompileToACluster() {
        check(doesNotCompile("ordered.sendBincode(workers);", "no suitable method found for sendBincode"),
                compiles("ordered.broadcastBincode(workers);"),
                compiles("ordered.roundRobinBincode(workers);"),
                compiles("ordered.sendBincode(other);"));
    }

    @Test
    void sendBincodeFromAClusterDoesNotCompileToACluster() {
        check(doesNotCompile("workers.sourceIter(List.of(1)).sendBincode(workers);",
                        "no suitable method found for sendBincode"),
                compiles("""
                        KeyedStream<MemberId<Cluster<Worker>>, Integer, Cluster<Worker>, Unbounded, TotalOrder,
                                AtLeastOnce> s = workers.sourceIter(List.of(1)).broadcastBincode(workers);
                        """));
    }

    @Test
    void sendBytesDoesNotCompileOnAStreamOfIntegers() {
        check(doesNotCompile("ordered.sendBytes(other);", "no suitable method found for sendBytes",
                        "? super java.lang.Integer"),
                compiles("leader.sourceIter(List.of(new byte[] {1})).sendBytes(other);"),
                compiles("""
                        Stream<byte[], Process<Other>, Unbounded, TotalOrder, AtLeastOnce> raw =
                                ordered.map(i -> new byte[] {i.byteValue()}).sendBytes(other);
                        """));
    }

    @Test
    void demuxBincodeDoesNotCompileOnAStreamKeyedByStrings() {
        check(doesNotCompile("ordered.intoKeyed(i -> \"k\" + i, i -> i).demuxBincode(workers);",
                        "no suitable method found for demuxBincode", "? super java.lang.String"),
                compiles(DEMUX_TO_WORKERS));
    }

    @Test
    void demuxBincodeDoesNotCompileOnAStreamKeyedByTheMemberIdsOfAnotherCluster() {
        check(doesNotCompile(DEMUX_TO_WORKERS.replace("Cluster<Worker>", "Cluster<Other>"),
                        "no suitable method found for demuxBincode", "? super dev.hydro.location.MemberId<", "Other>>"),
                compiles(DEMUX_TO_WORKERS));
    }

    @Test
    void anExactlyOnceEdgeDoesNotCompileForAnAtLeastOnceStream() {
        check(doesNotCompile("atLeastOnce.sendBincode(other.exactlyOnce());",
                        "no suitable method found for sendBincode", "? super dev.hydro.stream.AtLeastOnce"),
                doesNotCompile("atLeastOnce.roundRobinBincode(workers.exactlyOnce());",
                        "no suitable method found for roundRobinBincode"),
                compiles("ordered.sendBincode(other.exactlyOnce());"),
                compiles("ordered.roundRobinBincode(workers.exactlyOnce());"),
                compiles("atLeastOnce.sendBincode(other);"));
    }

    @Test
    void onlyAnExactlyOnceEdgeDeliversAStreamThatACommutativeFoldAccepts() {
        check(doesNotCompile("ordered.sendBincode(other).fold(Fold.commutative(() -> 0, (acc, x) -> acc + x));",
                        "cannot be applied to given types", "? super dev.hydro.stream.AtLeastOnce"),
                compiles("""
                        ordered.sendBincode(other.exactlyOnce()).fold(Fold.commutative(() -> 0, (acc, x) -> acc + x));
                        """));
    }

    @Test
    void aStreamSentFromAClusterArrivesKeyedBySender() {
        check(doesNotCompile("""
                        Stream<String, Process<Leader>, Unbounded, TotalOrder, AtLeastOnce> s =
                                workers.sourceIter(List.of("a")).sendBincode(leader);
                        """, "incompatible types",
                        "KeyedStream<dev.hydro.location.MemberId<dev.hydro.location.Cluster<"),
                compiles("""
                        KeyedStream<MemberId<Cluster<Worker>>, String, Process<Leader>, Unbounded, TotalOrder,
                                AtLeastOnce> s = workers.sourceIter(List.of("a")).sendBincode(leader);
                        """));
    }

    @Test
    void aStreamSentFromAProcessArrivesAsAPlainStream() {
        check(doesNotCompile("""
                        KeyedStream<MemberId<Process<Leader>>, Integer, Process<Other>, Unbounded, TotalOrder,
                                AtLeastOnce> s = ordered.sendBincode(other);
                        """, "incompatible types"),
                compiles("""
                        Stream<Integer, Process<Other>, Unbounded, TotalOrder, AtLeastOnce> s =
                                ordered.sendBincode(other);
                        """));
    }
}
