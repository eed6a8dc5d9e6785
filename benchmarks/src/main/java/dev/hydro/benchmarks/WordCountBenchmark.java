package dev.hydro.benchmarks;

import dev.hydro.deploy.LocalDeployment;
import dev.hydro.location.FlowBuilder;
import dev.hydro.location.Process;
import dev.hydro.stream.BoundedKeyedSingleton;
import dev.hydro.stream.Fold;
import dev.hydro.stream.NonDet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Word count per tick: {@value #N} words drawn from a vocabulary of {@value #VOCABULARY} words, counted per
 * word, by a hand-written {@code HashMap} loop, {@code java.util.stream}, a hydro tick, and Kafka Streams'
 * {@code TopologyTestDriver}. Scores are nanoseconds per word ({@link OperationsPerInvocation}).
 *
 * <p>Every variant returns the same value, {@link #checksum(Map)} of its counts: the sum over words of
 * {@code mix(word.hashCode()) * count}. It reads every count, so nothing is dead code, and it is linear in the
 * counts, which lets the Kafka Streams variants (whose store keeps running totals) return the per-tick value
 * as the difference from the previous invocation.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar WordCount -f 1 -wi 5 -w 2s -i 3 -r 1s -prof gc
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(WordCountBenchmark.N)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class WordCountBenchmark {

    /** Words per invocation. */
    public static final int N = 100_000;

    /** Distinct words the corpus is drawn from. */
    public static final int VOCABULARY = 5_000;

    private static final NonDet ONE_TICK = NonDet.because("one tick per invocation: a batch is what was pushed");

    /** Tag type of the one process of the hydro flow. */
    interface Counter {
    }

    /**
     * Words per invocation. Scores are per word only at the default, {@value #N}, which
     * {@link OperationsPerInvocation} assumes; the JMH smoke test lowers it to run in seconds.
     */
    @Param({"100000"})
    public int size;

    private List<String> words;

    private LocalDeployment deployment;
    private Process<Counter> process;
    private LocalDeployment.Input input;
    private final TickResult tickResult = new TickResult();
    private Map<String, Long> capturedCounts;

    private TopologyTestDriver repartitioningDriver;
    private TestInputTopic<String, String> repartitioningInput;
    private KeyValueStore<String, Long> repartitioningStore;
    private long repartitioningTotal;

    private TopologyTestDriver preKeyedDriver;
    private TestInputTopic<String, String> preKeyedInput;
    private KeyValueStore<String, Long> preKeyedStore;
    private List<KeyValue<String, String>> keyedWords;
    private long preKeyedTotal;

    /** Prepares the corpus, deploys the hydro flow and builds the Kafka Streams drivers. */
    @Setup(Level.Trial)
    public void setup() {
        setup(size, VOCABULARY, false);
    }

    /**
     * Prepares {@code size} words from {@code vocabulary} distinct ones; with {@code captureCounts} the hydro
     * flow also hands out its per-word counts (for the smoke test; the benchmark does not pay for it).
     */
    void setup(int size, int vocabulary, boolean captureCounts) {
        words = BenchmarkData.words(size, vocabulary);

        FlowBuilder flow = new FlowBuilder("word-count");
        process = flow.process(Counter.class);
        BoundedKeyedSingleton<String, Long, Process<Counter>> counts = process.sourceStream("in", String.class)
                .batch(process.tick(), ONE_TICK)
                .intoKeyed(w -> w, w -> 1L)
                .fold(Fold.count());
        counts.entries()
                .fold(Fold.sumLong(e -> entryChecksum(e.key(), e.value())))
                .intoStream()
                .allTicks()
                .forEach(tickResult.sink());
        if (captureCounts) {
            counts.entries()
                    .fold(Fold.<dev.hydro.stream.KeyValue<String, Long>, Map<String, Long>>commutative(HashMap::new, (map, e) -> {
                        map.put(e.key(), e.value());
                        return map;
                    }))
                    .intoStream()
                    .allTicks()
                    .forEach(map -> capturedCounts = map);
        }
        deployment = LocalDeployment.stepped(flow.build());
        input = deployment.input(process, 0, "in");
        deployment.runTick(process);

        StreamsBuilder repartitioning = new StreamsBuilder();
        repartitioning.stream("words", Consumed.with(Serdes.String(), Serdes.String()))
                .groupBy((key, word) -> word, Grouped.with(Serdes.String(), Serdes.String()))
                .count(Materialized.<String, Long>as(Stores.inMemoryKeyValueStore("counts"))
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()));
        repartitioningDriver = new TopologyTestDriver(repartitioning.build(), kafkaProperties("word-count"));
        repartitioningInput = repartitioningDriver.createInputTopic("words", new StringSerializer(),
                new StringSerializer());
        repartitioningStore = repartitioningDriver.getKeyValueStore("counts");

        StreamsBuilder preKeyed = new StreamsBuilder();
        preKeyed.stream("words", Consumed.with(Serdes.String(), Serdes.String()))
                .groupByKey(Grouped.with(Serdes.String(), Serdes.String()))
                .count(Materialized.<String, Long>as(Stores.inMemoryKeyValueStore("counts"))
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()));
        preKeyedDriver = new TopologyTestDriver(preKeyed.build(), kafkaProperties("word-count-pre-keyed"));
        preKeyedInput = preKeyedDriver.createInputTopic("words", new StringSerializer(), new StringSerializer());
        preKeyedStore = preKeyedDriver.getKeyValueStore("counts");
        keyedWords = new ArrayList<>(words.size());
        for (String word : words) {
            keyedWords.add(KeyValue.pair(word, word));
        }
    }

    /**
     * Configuration of the Kafka Streams drivers. The record cache is off: the driver pipes and commits one
     * record at a time, so a cache would only add a flush, and the stores here are in memory anyway.
     */
    static Properties kafkaProperties(String applicationId) {
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        properties.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        return properties;
    }

    /** Stops the deployment and closes the drivers. */
    @TearDown(Level.Trial)
    public void tearDown() {
        if (deployment != null) {
            deployment.close();
        }
        if (repartitioningDriver != null) {
            repartitioningDriver.close();
        }
        if (preKeyedDriver != null) {
            preKeyedDriver.close();
        }
    }

    /** The baseline: an indexed loop into a {@code HashMap<String, long[]>} (one mutable counter per word). */
    @Benchmark
    public long handWrittenLoop() {
        List<String> list = words;
        HashMap<String, long[]> counts = new HashMap<>();
        for (int i = 0, n = list.size(); i < n; i++) {
            long[] count = counts.get(list.get(i));
            if (count == null) {
                counts.put(list.get(i), new long[] {1});
            } else {
                count[0]++;
            }
        }
        long checksum = 0;
        for (Map.Entry<String, long[]> entry : counts.entrySet()) {
            checksum += entryChecksum(entry.getKey(), entry.getValue()[0]);
        }
        return checksum;
    }

    /** {@code groupingBy(identity(), counting())}: sequential, a boxed {@code Long} per update. */
    @Benchmark
    public long javaUtilStream() {
        return checksum(words.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting())));
    }

    /**
     * The hydro flow: the words are handed over to the input ({@code handOver}: no copy, the way a batch-mode
     * Kafka binding hands over a poll), one tick runs
     * {@code batch → intoKeyed(w -> w, w -> 1L) → fold(Fold.count()) → entries() → fold(sumLong(checksum))}.
     */
    @Benchmark
    public long hydroTickLoop() {
        input.handOver(words);
        return tickResult.runOneTick(deployment, process);
    }

    /**
     * Kafka Streams, the usual word-count topology: {@code stream("words").groupBy((k, word) -> word).count()}
     * into an in-memory store. The words are piped as values with {@code pipeValueList}; {@code groupBy}
     * changes the key, so every word also goes through the driver's repartition topic. Then every count is
     * read from the store.
     */
    @Benchmark
    public long kafkaStreamsTopologyTestDriver() {
        repartitioningInput.pipeValueList(words);
        long total = storeChecksum(repartitioningStore);
        long tick = total - repartitioningTotal;
        repartitioningTotal = total;
        return tick;
    }

    /**
     * Kafka Streams without the repartition: the words are piped already keyed by themselves
     * ({@code pipeKeyValueList}), and the topology is {@code stream("words").groupByKey().count()}.
     */
    @Benchmark
    public long kafkaStreamsPreKeyed() {
        preKeyedInput.pipeKeyValueList(keyedWords);
        long total = storeChecksum(preKeyedStore);
        long tick = total - preKeyedTotal;
        preKeyedTotal = total;
        return tick;
    }

    private static long storeChecksum(KeyValueStore<String, Long> store) {
        long checksum = 0;
        try (KeyValueIterator<String, Long> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, Long> entry = all.next();
                checksum += entryChecksum(entry.key, entry.value);
            }
        }
        return checksum;
    }

    /** The per-word counts of the hand-written loop (for the smoke test). */
    Map<String, Long> handWrittenCounts() {
        Map<String, Long> counts = new HashMap<>();
        for (String word : words) {
            counts.merge(word, 1L, Long::sum);
        }
        return counts;
    }

    /** The counts of the last hydro tick, if {@code setup} was asked to capture them (for the smoke test). */
    Map<String, Long> capturedHydroCounts() {
        return capturedCounts;
    }

    /** The running totals in the Kafka Streams store of the repartitioning topology (for the smoke test). */
    Map<String, Long> kafkaStoreCounts() {
        Map<String, Long> counts = new HashMap<>();
        try (KeyValueIterator<String, Long> all = repartitioningStore.all()) {
            all.forEachRemaining(entry -> counts.put(entry.key, entry.value));
        }
        return counts;
    }

    /** The value every variant returns: linear in the counts, sensitive to which word has which count. */
    static long checksum(Map<String, Long> counts) {
        long checksum = 0;
        for (Map.Entry<String, Long> entry : counts.entrySet()) {
            checksum += entryChecksum(entry.getKey(), entry.getValue());
        }
        return checksum;
    }

    static long entryChecksum(String word, long count) {
        return BenchmarkData.mix(word.hashCode()) * count;
    }
}
