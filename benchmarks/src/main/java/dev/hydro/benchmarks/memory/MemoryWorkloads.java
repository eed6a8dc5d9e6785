package dev.hydro.benchmarks.memory;

import dev.hydro.benchmarks.BenchmarkData;
import dev.hydro.benchmarks.wordcount.Words;
import dev.hydro.deploy.LocalDeployment;
import dev.hydro.location.FlowBuilder;
import dev.hydro.location.Process;
import dev.hydro.stream.Fold;
import dev.hydro.stream.KeyedSingleton;
import dev.hydro.stream.NonDet;
import dev.hydro.stream.Unbounded;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * What one child JVM of {@link MemoryBenchmark} runs: one workload, then its memory figures as a map
 * ({@code peak_rss_kb}, {@code heap_after_gc_bytes}, ...). The parent starts a fresh JVM per measurement, so
 * nothing one workload allocated, loaded or compiled shows in the next.
 *
 * <pre>{@code
 * Map<String, Double> figures = MemoryWorkloads.wordCount(1_000_000, 8, 10_000, 10_000);
 * }</pre>
 */
final class MemoryWorkloads {

    /** The systems of the bytes-per-key comparison, in the order a round runs them. */
    static final List<String> KEYED_SYSTEMS = List.of("hydro", "kafka-streams", "hashmap");

    private static final NonDet EVERY_TICK = NonDet.because("the check reads the running counts as of each tick");

    /** Tag type of the one process of the measured flows. */
    interface Counter {
    }

    private MemoryWorkloads() {
    }

    /**
     * The sample's word count in one location instance: {@code lines → flatMap(words) → intoKeyed(w, 1) →
     * fold(count)} at top level (running totals), fed {@code lines} lines of {@code wordsPerLine} words from a
     * vocabulary of {@code vocabulary} words, {@code chunk} lines per tick. Lines are generated chunk by chunk
     * and dropped after their tick, so the only thing that could grow with the input is the engine.
     */
    static Map<String, Double> wordCount(int lines, int wordsPerLine, int vocabulary, int chunk) {
        long start = System.nanoTime();
        FlowBuilder flow = new FlowBuilder("word-count-memory");
        Process<Counter> process = flow.process(Counter.class);
        KeyedSingleton<String, Long, Process<Counter>, Unbounded> counts = process.sourceStream("lines", String.class)
                .flatMap(Words::split)
                .intoKeyed(word -> word, word -> 1L)
                .fold(Fold.count());
        long[] seen = new long[2]; // distinct words, total words: as of the last tick
        counts.snapshot(process.tick(), EVERY_TICK)
                .entries()
                .fold(Fold.<dev.hydro.stream.KeyValue<String, Long>, long[]>commutative(() -> new long[2], (sum, e) -> {
                    sum[0]++;
                    sum[1] += e.value();
                    return sum;
                }))
                .intoStream()
                .allTicks()
                .forEach(sum -> System.arraycopy(sum, 0, seen, 0, 2));

        Map<String, Double> figures = new LinkedHashMap<>();
        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            LocalDeployment.Input input = deployment.input(process, 0, "lines");
            LineSource source = new LineSource(vocabulary, wordsPerLine);
            for (int done = 0; done < lines; done += chunk) {
                input.pushAll(source.next(Math.min(chunk, lines - done)));
                deployment.runTick(process);
            }
            if (!deployment.failures().isEmpty()) {
                throw new IllegalStateException("the flow failed", deployment.failures().get(0));
            }
            long expectedWords = (long) lines * wordsPerLine;
            if (seen[1] != expectedWords || seen[0] > vocabulary || seen[0] == 0) {
                throw new IllegalStateException("counted " + seen[1] + " words (" + seen[0] + " distinct), expected "
                        + expectedWords + " from at most " + vocabulary);
            }
            figures.put("seconds", (System.nanoTime() - start) / 1e9);
            // before the GC below, which lets G1 shrink the heap: how far G1 grew it while the flow ran
            figures.put("heap_committed_bytes",
                    (double) ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted());
            figures.put("heap_after_gc_bytes", (double) heapAfterGc());
            figures.put("peak_rss_kb", (double) peakRssKb());
            figures.put("distinct", (double) seen[0]);
            figures.put("words", (double) seen[1]);
            Reference.reachabilityFence(deployment);
        }
        return figures;
    }

    /**
     * {@code keys} distinct keys counted once each by {@code system}: the heap after GC once the empty structure
     * exists (baseline) and once it holds every key; their difference over {@code keys} is bytes per key.
     */
    static Map<String, Double> keyedState(String system, int keys) {
        return switch (system) {
            case "hydro" -> hydroKeyedFold(keys);
            case "kafka-streams" -> kafkaStreamsCount(keys);
            case "hashmap" -> hashMapCount(keys);
            default -> throw new IllegalArgumentException("unknown system " + system + "; one of " + KEYED_SYSTEMS);
        };
    }

    /** A top-level keyed {@code fold(Fold.count())} in one stepped instance, {@value #KEY_CHUNK} keys per tick. */
    private static Map<String, Double> hydroKeyedFold(int keys) {
        FlowBuilder flow = new FlowBuilder("keyed-fold-memory");
        Process<Counter> process = flow.process(Counter.class);
        KeyedSingleton<String, Long, Process<Counter>, Unbounded> counts = process.sourceStream("keys", String.class)
                .intoKeyed(key -> key, key -> 1L)
                .fold(Fold.count());
        long[] distinct = new long[1];
        counts.snapshot(process.tick(), EVERY_TICK).keys().fold(Fold.count()).intoStream().allTicks()
                .forEach(n -> distinct[0] = n);
        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            LocalDeployment.Input input = deployment.input(process, 0, "keys");
            input.pushAll(List.of(key(-1)));
            deployment.runTick(process); // loads and runs every operator once: part of the baseline
            long baseline = heapAfterGc();
            for (int from = 0; from < keys; from += KEY_CHUNK) {
                input.pushAll(keyChunk(from, Math.min(keys, from + KEY_CHUNK)));
                deployment.runTick(process);
            }
            if (distinct[0] != keys + 1L) {
                throw new IllegalStateException("hydro holds " + distinct[0] + " keys, expected " + (keys + 1));
            }
            Map<String, Double> figures = keyedFigures(baseline, heapAfterGc(), keys);
            Reference.reachabilityFence(deployment);
            return figures;
        }
    }

    /**
     * Kafka Streams' count: {@code stream("keys").groupByKey().count(Materialized.as(inMemoryKeyValueStore))}
     * under {@code TopologyTestDriver}, String keys, Long counts, record cache off. Logging is off: a changelog
     * lives in Kafka, not in this heap, but the driver would keep every changelog record it "produced" in memory.
     */
    private static Map<String, Double> kafkaStreamsCount(int keys) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("keys", Consumed.with(Serdes.String(), Serdes.String()))
                .groupByKey(Grouped.with(Serdes.String(), Serdes.String()))
                .count(Materialized.<String, Long>as(Stores.inMemoryKeyValueStore("counts"))
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()).withLoggingDisabled());
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "keyed-state-memory");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        properties.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        Path stateDir;
        try {
            stateDir = Files.createTempDirectory("memory-benchmark-kafka-streams");
        } catch (IOException e) {
            throw new IllegalStateException("no temporary state directory", e);
        }
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), properties)) {
            TestInputTopic<String, String> input = driver.createInputTopic("keys", new StringSerializer(),
                    new StringSerializer());
            KeyValueStore<String, Long> store = driver.getKeyValueStore("counts");
            input.pipeInput(key(-1), "1");
            long baseline = heapAfterGc();
            for (int i = 0; i < keys; i++) {
                input.pipeInput(key(i), "1");
            }
            if (store.approximateNumEntries() != keys + 1L || !Long.valueOf(1).equals(store.get(key(keys - 1)))) {
                throw new IllegalStateException("the store holds " + store.approximateNumEntries() + " keys, expected "
                        + (keys + 1));
            }
            Map<String, Double> figures = keyedFigures(baseline, heapAfterGc(), keys);
            Reference.reachabilityFence(store);
            return figures;
        } finally {
            deleteRecursively(stateDir);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover empty temporary directory is harmless
        }
    }

    /** The floor: {@code HashMap<String, Long>.merge(key, 1L, Long::sum)}, not presized. */
    private static Map<String, Double> hashMapCount(int keys) {
        HashMap<String, Long> counts = new HashMap<>();
        counts.merge(key(-1), 1L, Long::sum);
        long baseline = heapAfterGc();
        for (int from = 0; from < keys; from += KEY_CHUNK) {
            for (String key : keyChunk(from, Math.min(keys, from + KEY_CHUNK))) {
                counts.merge(key, 1L, Long::sum);
            }
        }
        if (counts.size() != keys + 1) {
            throw new IllegalStateException("the map holds " + counts.size() + " keys, expected " + (keys + 1));
        }
        Map<String, Double> figures = keyedFigures(baseline, heapAfterGc(), keys);
        Reference.reachabilityFence(counts);
        return figures;
    }

    private static final int KEY_CHUNK = 100_000;

    private static Map<String, Double> keyedFigures(long baseline, long withState, int keys) {
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("baseline_heap_bytes", (double) baseline);
        figures.put("heap_with_state_bytes", (double) withState);
        figures.put("bytes_per_key", (withState - baseline) / (double) keys);
        figures.put("peak_rss_kb", (double) peakRssKb());
        return figures;
    }

    /** Key {@code i}: ten ASCII characters, {@code k000000001}; {@code -1} is the warm-up key. */
    static String key(int i) {
        if (i < 0) {
            return "warm-up-00";
        }
        char[] chars = {'k', '0', '0', '0', '0', '0', '0', '0', '0', '0'};
        for (int at = chars.length - 1, rest = i; rest > 0; at--, rest /= 10) {
            chars[at] = (char) ('0' + rest % 10);
        }
        return new String(chars);
    }

    private static List<String> keyChunk(int from, int to) {
        List<String> chunk = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            chunk.add(key(i));
        }
        return chunk;
    }

    /**
     * Heap in use after collecting: {@code System.gc()} (a full, compacting collection under G1) until two
     * readings agree within 64 KiB, at most five times.
     */
    static long heapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long previous = Long.MAX_VALUE;
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = memory.getHeapMemoryUsage().getUsed();
            if (Math.abs(previous - used) < 64 * 1024) {
                break;
            }
            previous = used;
        }
        return used;
    }

    /** The resident set's high-water mark, {@code VmHWM} of {@code /proc/self/status}, in kB; -1 if unknown. */
    static long peakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.substring(6).replace("kB", "").trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /**
     * Lines like {@code "Qwerty asdf zxcvbnm."}: {@code wordsPerLine} words drawn uniformly from a fixed
     * vocabulary (seed 7), the first capitalized, a full stop at the end.
     */
    static final class LineSource {
        private final Random random = new Random(7);
        private final String[] vocabulary;
        private final int wordsPerLine;

        LineSource(int vocabulary, int wordsPerLine) {
            this.vocabulary = BenchmarkData.vocabulary(random, vocabulary);
            this.wordsPerLine = wordsPerLine;
        }

        List<String> next(int count) {
            List<String> lines = new ArrayList<>(count);
            StringBuilder line = new StringBuilder();
            for (int n = 0; n < count; n++) {
                line.setLength(0);
                for (int w = 0; w < wordsPerLine; w++) {
                    String word = vocabulary[random.nextInt(vocabulary.length)];
                    if (w == 0) {
                        line.append(Character.toUpperCase(word.charAt(0))).append(word, 1, word.length());
                    } else {
                        line.append(' ').append(word);
                    }
                }
                lines.add(line.append('.').toString());
            }
            return lines;
        }
    }
}
