package dev.hydro.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every word-count variant computes the same per-word counts, tick after tick. */
class WordCountBenchmarkSmokeTest {

    @Test
    void everyVariantCountsTheSameWords() {
        WordCountBenchmark benchmark = new WordCountBenchmark();
        benchmark.setup(2_000, 50, true);
        try {
            Map<String, Long> counts = benchmark.handWrittenCounts();
            assertThat(counts).hasSize(50);
            assertThat(counts.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(2_000);
            long expected = WordCountBenchmark.checksum(counts);

            assertThat(benchmark.handWrittenLoop()).isEqualTo(expected);
            assertThat(benchmark.javaUtilStream()).isEqualTo(expected);

            assertThat(benchmark.hydroTickLoop()).isEqualTo(expected);
            assertThat(benchmark.capturedHydroCounts()).isEqualTo(counts);
            // The counts are per tick, not running.
            assertThat(benchmark.hydroTickLoop()).isEqualTo(expected);
            assertThat(benchmark.capturedHydroCounts()).isEqualTo(counts);

            assertThat(benchmark.kafkaStreamsTopologyTestDriver()).isEqualTo(expected);
            assertThat(benchmark.kafkaStoreCounts()).isEqualTo(counts);
            // The store keeps running totals; the benchmark returns this tick's share.
            assertThat(benchmark.kafkaStreamsTopologyTestDriver()).isEqualTo(expected);
            assertThat(benchmark.kafkaStoreCounts()).isEqualTo(counts.entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> 2 * e.getValue())));

            assertThat(benchmark.kafkaStreamsPreKeyed()).isEqualTo(expected);
            assertThat(benchmark.kafkaStreamsPreKeyed()).isEqualTo(expected);
        } finally {
            benchmark.tearDown();
        }
    }
}
