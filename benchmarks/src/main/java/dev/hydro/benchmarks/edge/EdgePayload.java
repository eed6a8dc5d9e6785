package dev.hydro.benchmarks.edge;

/**
 * The value of the {@code sendBincode} system of {@link EdgeThroughputBenchmark}: what a flow would put on a
 * {@code sendBincode} edge. {@code body} is padded so the encoded frame has the wanted size.
 */
public record EdgePayload(long id, long sentNanos, String body) {
}
