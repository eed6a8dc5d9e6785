package dev.hydro.benchmarks.wordcount;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where the harness sees a system's counts: hydro's {@code GET /counts}, or the latest value per word on the
 * output topic of Kafka Streams and Spring Cloud Stream.
 *
 * <pre>{@code
 * probe.expect(corpus.countsTimes(2));
 * produce(corpus);
 * long doneNanos = probe.awaitExpected(Duration.ofMinutes(2));
 * }</pre>
 */
interface CountsProbe extends AutoCloseable {

    /** The counts to wait for; called before the batch that leads to them is produced. */
    void expect(Map<String, Long> expected);

    /**
     * Blocks until every word's count equals the expected one (and no other word has a count), and returns the
     * {@link System#nanoTime()} at which that was first observed.
     *
     * @throws TimeoutException with the remaining differences, when {@code timeout} passes first
     * @throws IllegalStateException when a count goes beyond the expected one: a word was counted twice
     */
    long awaitExpected(Duration timeout) throws InterruptedException, TimeoutException;

    @Override
    void close();

    /** At most 10 words whose counts differ, as {@code word=actual/expected}. */
    static String difference(Map<String, Long> expected, Map<String, Long> actual) {
        Map<String, String> diff = new TreeMap<>();
        Stream.concat(expected.keySet().stream(), actual.keySet().stream()).distinct().forEach(word -> {
            long want = expected.getOrDefault(word, 0L);
            long got = actual.getOrDefault(word, 0L);
            if (want != got) {
                diff.put(word, got + "/" + want);
            }
        });
        long total = actual.values().stream().mapToLong(Long::longValue).sum();
        long wanted = expected.values().stream().mapToLong(Long::longValue).sum();
        return diff.size() + " of " + expected.size() + " words differ (" + total + " of " + wanted
                + " words counted; actual/expected), e.g. " + diff.entrySet().stream().limit(10)
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }

    /** A word whose count is beyond the expected one, or null. */
    static String overshoot(Map<String, Long> expected, Map<String, Long> actual) {
        for (Map.Entry<String, Long> e : actual.entrySet()) {
            if (e.getValue() > expected.getOrDefault(e.getKey(), 0L)) {
                return e.getKey() + "=" + e.getValue() + " > expected " + expected.getOrDefault(e.getKey(), 0L);
            }
        }
        return null;
    }
}
