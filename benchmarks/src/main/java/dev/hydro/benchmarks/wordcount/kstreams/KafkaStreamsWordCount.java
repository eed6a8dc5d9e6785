package dev.hydro.benchmarks.wordcount.kstreams;

import dev.hydro.benchmarks.wordcount.Words;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * The Kafka Streams side of the end-to-end word count, in its own JVM: {@code lines} (String values) →
 * {@code flatMapValues(Words::split)} → {@code groupBy(word)} (a repartition topic) → {@code count()} into an
 * in-memory store (changelogged, like every Kafka Streams store by default) → {@code to(counts)} with String keys
 * and Long values. The RocksDB natives are excluded from this module, hence the in-memory store.
 *
 * <p>Everything else is Kafka Streams' default, except {@code commit.interval.ms}: at-least-once defaults to 30 s,
 * and the record cache only forwards counts downstream on a commit, so the counts would be final only up to 30 s
 * after the input. The harness sets the same interval for both guarantees (exactly-once's default, 100 ms).
 *
 * <pre>{@code
 * java -cp <benchmarks class path> dev.hydro.benchmarks.wordcount.kstreams.KafkaStreamsWordCount \
 *      --bootstrap 127.0.0.1:19092 --application-id wc --input lines --output counts --threads 2 \
 *      --guarantee eos --commit-interval-ms 100 --state-dir /tmp/wc-state
 * }</pre>
 *
 * <p>It prints {@code KAFKA_STREAMS_STATE <state>} on every state change and stops (closing Kafka Streams) on
 * SIGTERM.
 */
public final class KafkaStreamsWordCount {

    private KafkaStreamsWordCount() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value pairs, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        String input = required(options, "input");
        String output = required(options, "output");
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, required(options, "application-id"));
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, required(options, "bootstrap"));
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.parseInt(options.getOrDefault("threads", "1")));
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
                "eos".equals(options.getOrDefault("guarantee", "alo")) ? StreamsConfig.EXACTLY_ONCE_V2
                        : StreamsConfig.AT_LEAST_ONCE);
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG,
                Long.parseLong(options.getOrDefault("commit-interval-ms", "100")));
        config.put(StreamsConfig.STATE_DIR_CONFIG, Path.of(required(options, "state-dir")).toAbsolutePath().toString());

        KafkaStreams streams = new KafkaStreams(topology(input, output), config);
        CountDownLatch stopped = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            System.out.println("KAFKA_STREAMS_STATE " + now);
            if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
                stopped.countDown();
            }
        });
        streams.setUncaughtExceptionHandler(error -> {
            error.printStackTrace();
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            streams.close(Duration.ofSeconds(20));
            stopped.countDown();
        }, "kstreams-close"));
        streams.start();
        stopped.await();
    }

    /** lines → words → count per word → counts. */
    public static Topology topology(String input, String output) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.String(), Serdes.String()))
                .flatMapValues(Words::split)
                .groupBy((key, word) -> word, Grouped.with(Serdes.String(), Serdes.String()))
                .count(Materialized.<String, Long>as(Stores.inMemoryKeyValueStore("word-counts"))
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()))
                .toStream()
                .to(output, Produced.with(Serdes.String(), Serdes.Long()));
        return builder.build();
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }
}
