package dev.hydro.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Keeps the word-count and join benchmarks from rotting: JMH runs every variant in-process, with no warmup
 * and one 100 ms iteration each, on 1,000 words or orders, and every score is positive.
 */
class EngineComparisonJmhSmokeTest {

    @Test
    void jmhRunsEveryWordCountAndJoinBenchmarkInProcess() throws RunnerException {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include("(" + WordCountBenchmark.class.getSimpleName() + "|" + JoinBenchmark.class.getSimpleName() + ")\\.")
                .param("size", "1000")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(100))
                .build()).run();

        String wordCount = WordCountBenchmark.class.getName() + ".";
        String join = JoinBenchmark.class.getName() + ".";
        assertThat(results).extracting(r -> r.getParams().getBenchmark())
                .containsExactlyInAnyOrder(
                        wordCount + "handWrittenLoop", wordCount + "javaUtilStream", wordCount + "hydroTickLoop",
                        wordCount + "kafkaStreamsTopologyTestDriver", wordCount + "kafkaStreamsPreKeyed",
                        join + "handWrittenLoop", join + "javaUtilStream", join + "hydroTickLoop",
                        join + "kafkaStreamsTopologyTestDriver");
        assertThat(results).allSatisfy(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
    }
}
