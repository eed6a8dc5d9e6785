package dev.hydro.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Keeps the benchmark from rotting: every variant computes the same sum, and JMH can run them all. */
class MapFilterFoldBenchmarkSmokeTest {

    @Test
    void everyVariantComputesTheSameSum() {
        MapFilterFoldBenchmark benchmark = new MapFilterFoldBenchmark();
        benchmark.setup(1_000);
        try {
            long expected = benchmark.handWrittenLoop();
            assertThat(expected).isPositive();
            assertThat(benchmark.javaUtilStream()).isEqualTo(expected);
            assertThat(benchmark.javaUtilStreamPrimitive()).isEqualTo(expected);
            assertThat(benchmark.hydroTickLoop()).isEqualTo(expected);
            // Every invocation is one fresh tick: the sum is per tick, not running.
            assertThat(benchmark.hydroTickLoop()).isEqualTo(expected);
            assertThat(benchmark.hydroTickLoopPrimitive()).isEqualTo(expected);
            assertThat(benchmark.hydroTickLoopPrimitive()).isEqualTo(expected);
            assertThat(benchmark.hydroTickLoopPrimitivePushAll()).isEqualTo(expected);
            assertThat(benchmark.hydroTickLoopPushPerElement()).isEqualTo(expected);
            // The driver's store holds a running sum; each invocation returns what it added.
            assertThat(benchmark.kafkaStreamsTopologyTestDriver()).isEqualTo(expected);
            assertThat(benchmark.kafkaStreamsTopologyTestDriver()).isEqualTo(expected);
        } finally {
            benchmark.tearDown();
        }
    }

    @Test
    void jmhRunsEveryBenchmarkInProcess() throws RunnerException {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(MapFilterFoldBenchmark.class.getSimpleName())
                .forks(0)
                .warmupIterations(1)
                .warmupTime(TimeValue.milliseconds(100))
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(100))
                .build()).run();

        assertThat(results).hasSize(8);
        assertThat(results).extracting(r -> r.getParams().getBenchmark())
                .containsExactlyInAnyOrder(
                        MapFilterFoldBenchmark.class.getName() + ".handWrittenLoop",
                        MapFilterFoldBenchmark.class.getName() + ".javaUtilStream",
                        MapFilterFoldBenchmark.class.getName() + ".javaUtilStreamPrimitive",
                        MapFilterFoldBenchmark.class.getName() + ".hydroTickLoop",
                        MapFilterFoldBenchmark.class.getName() + ".hydroTickLoopPrimitive",
                        MapFilterFoldBenchmark.class.getName() + ".hydroTickLoopPrimitivePushAll",
                        MapFilterFoldBenchmark.class.getName() + ".hydroTickLoopPushPerElement",
                        MapFilterFoldBenchmark.class.getName() + ".kafkaStreamsTopologyTestDriver");
        assertThat(results).allSatisfy(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
    }
}
