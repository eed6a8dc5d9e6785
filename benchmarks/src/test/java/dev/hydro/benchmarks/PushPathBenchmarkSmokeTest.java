package dev.hydro.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The parts of the push-path breakdown compute what the whole benchmark computes. */
class PushPathBenchmarkSmokeTest {

    @Test
    void everyPathDeliversTheSameTickSum() throws InterruptedException {
        int size = 1_000;
        MapFilterFoldBenchmark reference = new MapFilterFoldBenchmark();
        reference.setup(size);
        long expected = reference.handWrittenLoop();
        reference.tearDown();

        PushPathBenchmark benchmark = new PushPathBenchmark();
        benchmark.setup(size);
        try {
            assertThat(benchmark.deploymentPushAndTick()).isEqualTo(expected);
            assertThat(benchmark.sourceQueuePutAndTick()).isEqualTo(expected);
            assertThat(benchmark.sourceQueuePutAndTick()).isEqualTo(expected);
            assertThat(benchmark.operatorChainOnly()).isEqualTo(expected);
            assertThat(benchmark.operatorChainOnly()).isEqualTo(expected);
            assertThat(benchmark.sourceQueueOnly()).isEqualTo(size);
            assertThat(benchmark.inputLookupOnly()).isEqualTo(size);
            assertThat(benchmark.bulkArrayQueueOnly()).isEqualTo(size);
            assertThat(benchmark.bulkArrayQueueOnly()).isEqualTo(size);
        } finally {
            benchmark.tearDown();
        }
    }
}
