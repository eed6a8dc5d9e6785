package dev.hydro.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's benchmark command works on the packaged jar: {@code java -jar benchmarks/target/benchmarks.jar
 * MapFilterFold ...}, here with one short iteration and no fork so it takes seconds, printing every
 * benchmark's score.
 */
class BenchmarksJarIT {

    @Test
    void theBenchmarkJarRunsAndPrintsEveryScore() throws Exception {
        Process jmh = new ProcessBuilder("java", "-Xmx512m", "-jar", System.getProperty("benchmarks.jar"),
                "MapFilterFold", "-f", "0", "-wi", "1", "-w", "200ms", "-i", "1", "-r", "200ms")
                .redirectErrorStream(true).start();
        String output = new String(jmh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(jmh.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(jmh.exitValue()).as(output).isZero();
        assertThat(output).contains("MapFilterFoldBenchmark.handWrittenLoop", "MapFilterFoldBenchmark.javaUtilStream",
                "MapFilterFoldBenchmark.hydroTickLoop ", "MapFilterFoldBenchmark.hydroTickLoopPrimitive",
                "MapFilterFoldBenchmark.hydroTickLoopPushPerElement", "MapFilterFoldBenchmark.kafkaStreamsTopologyTestDriver");
    }
}
