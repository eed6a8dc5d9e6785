package dev.hydro.benchmarks.wordcount;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/**
 * One deployment of a word-count system under test: its JVMs, its input topic, where its counts are read and the
 * latency meters it has. The harness launches it once per guarantee and feeds it every run of that guarantee.
 *
 * <pre>{@code
 * try (WordCountSystem system = new KafkaStreamsSystem(settings, Guarantee.EXACTLY_ONCE)) {
 *     system.launch(admin);
 *     system.awaitStarted(Duration.ofMinutes(3));
 *     system.counts().expect(corpus.countsTimes(1));
 * }
 * }</pre>
 */
sealed interface WordCountSystem extends AutoCloseable
        permits HydroSystem, OneJvmSystem {

    /** {@code hydro}, {@code kstreams} or {@code scs}. */
    String system();

    /**
     * Unique on the broker ({@code <run id>-<system>-<guarantee>-w<workers>}): prefixes its topics, consumer groups
     * and (Kafka Streams, Spring Cloud Stream) transactional ids.
     */
    String id();

    Guarantee guarantee();

    /** Hydro: worker JVMs; Kafka Streams: stream threads; Spring Cloud Stream: consumer threads per function. */
    int workers();

    /** A remark on the variant for the report (e.g. a guarantee the build does not implement); empty if none. */
    String note();

    /** The topic the harness produces the lines to. */
    String inputTopic();

    /** Creates its topics and starts its JVMs, without waiting for them. */
    void launch(Admin admin) throws Exception;

    /** Waits until its JVMs are up; fails with the end of a log if one exited. */
    void awaitStarted(Duration timeout) throws Exception;

    /** Where its counts are read. */
    CountsProbe counts();

    /** Cumulative latency meters now (for {@link #runMetrics}). */
    Map<String, Double> metricsSnapshot();

    /** Latency of one run, in ms, by metric name, from the snapshots before and after it. */
    Map<String, Double> runMetrics(Map<String, Double> before, Map<String, Double> after);

    /** Fails with the end of a log if one of its JVMs exited. */
    void assertAlive();

    /** CPU seconds its JVMs have used so far (0 before launch). */
    double cpuSeconds();

    /** Stops its JVMs (SIGTERM, then SIGKILL) and its probe. */
    @Override
    void close();

    /** {@code alo-w2}: guarantee and workers, the CSV's variant (hydro's scaling phase: {@code scaling-alo-w2}). */
    default String variant() {
        return guarantee().option() + "-w" + workers();
    }
}
