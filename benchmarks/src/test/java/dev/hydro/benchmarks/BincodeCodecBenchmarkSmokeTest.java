package dev.hydro.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hydro.benchmarks.edge.EdgePayload;
import org.junit.jupiter.api.Test;

/** The codec benchmark encodes frames of the size it names and decodes them back. */
class BincodeCodecBenchmarkSmokeTest {

    @Test
    void encodesFramesOfTheParameterSizeAndDecodesThemBack() {
        for (int size : new int[] {100, 1024}) {
            BincodeCodecBenchmark benchmark = new BincodeCodecBenchmark();
            benchmark.size = size;
            benchmark.setup();
            // its ids and times are small longs, so a frame may be a few bytes shorter than the size
            assertThat(benchmark.encode()).hasSizeBetween(size - 24, size);
            assertThat(benchmark.decode()).isInstanceOfSatisfying(EdgePayload.class,
                    payload -> assertThat(payload.id()).isEqualTo(123_456));
        }
    }
}
