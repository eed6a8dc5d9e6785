package dev.hydro.benchmarks.wordcount;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.ToLongFunction;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The counts a system publishes to an output topic (key = word, value = its running total), read from the
 * beginning by a consumer thread of the harness ({@code read_committed}, so that under exactly-once only committed
 * transactions count), keeping the latest value per word. The thread notices the moment the last word reaches its
 * expected count: that is the end of a run, measured without polling delay.
 *
 * <pre>{@code
 * try (OutputTopicCounts counts = new OutputTopicCounts(bootstrap, "counts", OutputTopicCounts::longValue)) {
 *     counts.expect(expected);
 *     long done = counts.awaitExpected(Duration.ofMinutes(2));
 * }
 * }</pre>
 */
final class OutputTopicCounts implements CountsProbe {

    private final KafkaConsumer<String, byte[]> consumer;
    private final ToLongFunction<byte[]> values;
    private final Thread thread;
    private final Map<String, Long> latest = new HashMap<>();
    private Map<String, Long> expected = Map.of();
    /** Words of {@code latest} or {@code expected} whose latest value differs from the expected one. */
    private int differing;
    private long matchedAtNanos = -1;
    private String overshoot;
    private Throwable failure;
    private volatile boolean closed;

    OutputTopicCounts(String bootstrap, String topic, ToLongFunction<byte[]> values) {
        this.values = values;
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "wordcount-harness-" + topic);
        this.consumer = new KafkaConsumer<>(config);
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        this.thread = new Thread(this::consume, "wordcount-counts-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    /** A Kafka Streams {@code Serdes.Long()} value. */
    static long longValue(byte[] value) {
        long v = 0;
        for (byte b : value) {
            v = (v << 8) | (b & 0xff);
        }
        return v;
    }

    /** A value written as decimal text. */
    static long decimalValue(byte[] value) {
        return Long.parseLong(new String(value, StandardCharsets.UTF_8).trim());
    }

    private void consume() {
        try {
            while (!closed) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (record.key() != null && record.value() != null) {
                        update(record.key(), values.applyAsLong(record.value()));
                    }
                }
            }
        } catch (WakeupException e) {
            // closed
        } catch (Throwable e) {
            synchronized (this) {
                failure = e;
                notifyAll();
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private synchronized void update(String word, long value) {
        Long want = expected.get(word);
        Long before = latest.put(word, value);
        boolean matchedBefore = before != null && want != null && before.longValue() == want;
        boolean wasCounted = before != null || want != null; // the word took part in `differing` before
        boolean matchesNow = want != null && value == want;
        if (wasCounted && !matchedBefore) {
            differing--;
        }
        if (!matchesNow) {
            differing++;
        }
        if (want == null || value > want) {
            overshoot = overshoot != null ? overshoot : word + "=" + value + " > expected " + (want == null ? 0 : want);
        }
        if (differing == 0 && matchedAtNanos < 0) {
            matchedAtNanos = System.nanoTime();
            notifyAll();
        } else if (overshoot != null) {
            notifyAll();
        }
    }

    @Override
    public synchronized void expect(Map<String, Long> counts) {
        expected = Map.copyOf(counts);
        matchedAtNanos = -1;
        differing = 0;
        for (Map.Entry<String, Long> e : expected.entrySet()) {
            Long now = latest.get(e.getKey());
            if (now == null || now.longValue() != e.getValue()) {
                differing++;
            }
        }
        for (String word : latest.keySet()) {
            if (!expected.containsKey(word)) {
                differing++;
            }
        }
        if (differing == 0) {
            matchedAtNanos = System.nanoTime();
        }
    }

    @Override
    public synchronized long awaitExpected(Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (matchedAtNanos < 0) {
            if (failure != null) {
                throw new IllegalStateException("reading the output topic failed", failure);
            }
            if (overshoot != null) {
                throw new IllegalStateException("a count went beyond the expected one (counted twice?): " + overshoot);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException("the output topic's counts did not reach the expected ones within "
                        + timeout + ": " + CountsProbe.difference(expected, latest));
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return matchedAtNanos;
    }

    /** The latest count of every word seen so far. */
    synchronized Map<String, Long> latest() {
        return Map.copyOf(latest);
    }

    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
