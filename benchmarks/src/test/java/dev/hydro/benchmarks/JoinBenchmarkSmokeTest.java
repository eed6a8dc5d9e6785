package dev.hydro.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Every join variant produces the same pairs, tick after tick. */
class JoinBenchmarkSmokeTest {

    @Test
    void everyVariantJoinsTheSamePairs() {
        JoinBenchmark benchmark = new JoinBenchmark();
        benchmark.setup(2_000, 100);
        try {
            long expected = benchmark.handWrittenLoop();
            assertThat(expected).isNotZero();
            assertThat(benchmark.javaUtilStream()).isEqualTo(expected);
            assertThat(benchmark.hydroTickLoop()).isEqualTo(expected);
            // The join state is cleared at the end of every tick: the second tick joins the same pairs once.
            assertThat(benchmark.hydroTickLoop()).isEqualTo(expected);
            assertThat(benchmark.kafkaStreamsTopologyTestDriver()).isEqualTo(expected);
            // The table is re-upserted with the same customers: the second run joins the same pairs.
            assertThat(benchmark.kafkaStreamsTopologyTestDriver()).isEqualTo(expected);
        } finally {
            benchmark.tearDown();
        }
    }
}
