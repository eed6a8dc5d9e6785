package dev.hydro.benchmarks.edge;

import dev.hydro.network.BincodeCodec;
import dev.hydro.network.TickFrame;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One network edge over a real Kafka broker: a producer and a consumer in this JVM on one topic with one
 * partition, measured three ways with identical producer and consumer settings.
 *
 * <ul>
 *   <li>{@code raw}: a plain {@code KafkaProducer<byte[], byte[]>} sends a pre-built payload (null key,
 *       partition 0), a {@code KafkaConsumer} (manual assignment, earliest) reads it back.</li>
 *   <li>{@code bytes}: what a tick of the engine's sending edge puts on Kafka for {@code sendBytes}: its
 *       elements packed into {@link TickFrame}s (the engine's own class) of {@code --tick-elements} values
 *       (default {@value #DEFAULT_TICK_ELEMENTS}: at saturation a tick takes {@code hydro.tick.max-batch-size}
 *       elements, and a frame holds at most that many or 512 KiB), key = the sender's identity
 *       ({@code "leader/0"}), partition = destination member 0; the consumer parses the sender member from the
 *       key and unpacks every frame as the receiving edge does.</li>
 *   <li>{@code bincode}: the same, but each value is an {@link EdgePayload} encoded with
 *       {@code BincodeCodec.shared().encode} and decoded with {@code decode} at the consumer.</li>
 * </ul>
 *
 * <p>Throughput counts values, which for {@code raw} are Kafka records and for the hydro systems are elements of
 * frames: a comparison of what an application moves, with the number of Kafka records each system used printed
 * beside it.
 *
 * <p>Every value carries its send time ({@code System.nanoTime()}; raw and bytes in the first 16 bytes of the
 * value: id, then time), so the consumer computes end-to-end latency (a value waits in its frame until the
 * frame is sent, as in a tick). Throughput runs from the first send to
 * the last receive.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.hydro.benchmarks.edge.EdgeThroughputBenchmark \
 *      --bootstrap 127.0.0.1:19092 --records 200000 --runs 3 --csv target/edge-benchmark.csv
 * }</pre>
 */
public final class EdgeThroughputBenchmark {

    /** The systems, in the order each round runs them. */
    public static final List<String> SYSTEMS = List.of("raw", "bytes", "bincode");

    /** Values per tick frame by default: the default {@code hydro.tick.max-batch-size} and queue capacity. */
    public static final int DEFAULT_TICK_ELEMENTS = 10_000;

    private static final byte[] SENDER_KEY = "leader/0".getBytes(StandardCharsets.UTF_8);
    private static final Duration STALL_TIMEOUT = Duration.ofSeconds(30);

    /** One measured trial. */
    public record Trial(int run, int size, String system, int records, long received, long valueBytes,
            double seconds, double recordsPerSecond, double megabytesPerSecond, double p50Micros,
            double p99Micros, long kafkaRecords) {
    }

    /** The command line. */
    public record Options(String bootstrap, int records, int runs, List<Integer> sizes, List<String> systems,
            int warmupRecords, Path csv, int tickElements) {

        static Options parse(String... args) {
            String bootstrap = "127.0.0.1:19092";
            int records = 200_000;
            int runs = 3;
            List<Integer> sizes = List.of(100, 1024);
            List<String> systems = SYSTEMS;
            Integer warmup = null;
            Path csv = null;
            int tickElements = DEFAULT_TICK_ELEMENTS;
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--bootstrap" -> bootstrap = required(args[i], value);
                    case "--records" -> records = Integer.parseInt(required(args[i], value).replace("_", ""));
                    case "--runs" -> runs = Integer.parseInt(required(args[i], value));
                    case "--sizes" -> sizes = Arrays.stream(required(args[i], value).split(","))
                            .map(String::trim).map(Integer::valueOf).toList();
                    case "--systems" -> systems = Arrays.stream(required(args[i], value).split(","))
                            .map(String::trim).toList();
                    case "--warmup" -> warmup = Integer.parseInt(required(args[i], value).replace("_", ""));
                    case "--csv" -> csv = Path.of(required(args[i], value));
                    case "--tick-elements" -> tickElements = Integer.parseInt(required(args[i], value).replace("_", ""));
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + "; options: "
                            + "--bootstrap host:port --records N --runs N --sizes 100,1024 "
                            + "--systems raw,bytes,bincode --warmup N --csv file --tick-elements N");
                }
                i++;
            }
            for (String system : systems) {
                if (!SYSTEMS.contains(system)) {
                    throw new IllegalArgumentException("unknown system " + system + "; one of " + SYSTEMS);
                }
            }
            for (int size : sizes) {
                if (size < 16) {
                    throw new IllegalArgumentException("a value needs at least 16 bytes (id and send time)");
                }
            }
            int warmupRecords = warmup != null ? warmup : Math.min(records, 20_000);
            if (tickElements < 1) {
                throw new IllegalArgumentException("--tick-elements must be positive");
            }
            return new Options(bootstrap, records, runs, sizes, systems, warmupRecords, csv, tickElements);
        }

        private static String required(String option, String value) {
            if (value == null) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return value;
        }
    }

    private EdgeThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        run(Options.parse(args), System.out);
    }

    /** Runs every trial, prints the summary table and writes the CSV; returns the measured trials. */
    public static List<Trial> run(Options options, PrintStream out) throws Exception {
        out.printf(Locale.ROOT, "# edge benchmark: bootstrap %s, %d records/trial, %d runs, sizes %s, systems %s%n",
                options.bootstrap(), options.records(), options.runs(), options.sizes(), options.systems());
        out.println("# producer: " + producerSettings());
        out.println("# consumer: " + consumerSettings());
        out.println("# hydro edges: tick frames of up to " + options.tickElements() + " values or "
                + TickFrame.MAX_BYTES + " bytes");
        String prefix = "edge-bench-" + Long.toHexString(System.nanoTime());
        int topics = 0;
        if (options.warmupRecords() > 0) {
            for (int size : options.sizes()) {
                for (String system : options.systems()) {
                    Trial warm = trial(options.bootstrap(), prefix + "-" + topics++, 0, size, system,
                            options.warmupRecords(), options.tickElements());
                    out.printf(Locale.ROOT, "# warm-up %-7s %5d B: %,.0f records/s%n", system, size,
                            warm.recordsPerSecond());
                }
            }
        }
        List<Trial> trials = new ArrayList<>();
        for (int run = 1; run <= options.runs(); run++) {
            for (int size : options.sizes()) {
                for (String system : options.systems()) {
                    Trial t = trial(options.bootstrap(), prefix + "-" + topics++, run, size, system,
                            options.records(), options.tickElements());
                    trials.add(t);
                    out.printf(Locale.ROOT,
                            "# run %d %-7s %5d B: %d/%d received in %d Kafka records, %,.0f values/s, %.1f MB/s,"
                                    + " p50 %.0f us, p99 %.0f us%n",
                            run, system, size, t.received(), t.records(), t.kafkaRecords(), t.recordsPerSecond(),
                            t.megabytesPerSecond(), t.p50Micros(), t.p99Micros());
                }
            }
        }
        out.println();
        out.print(markdown(trials, options));
        if (options.csv() != null) {
            writeCsv(options.csv(), trials);
            out.println();
            out.println("CSV: " + options.csv().toAbsolutePath());
        }
        return trials;
    }

    /** The producer settings of every system: Spring Kafka's byte[] serializers plus the batching under test. */
    static Map<String, Object> producerSettings() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 65_536);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return config;
    }

    /** The consumer settings of every system: those KafkaEdgeTransport forces (no auto commit, earliest). */
    static Map<String, Object> consumerSettings() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return config;
    }

    /** Sends {@code records} values of {@code size} bytes through {@code system} on a fresh topic. */
    static Trial trial(String bootstrap, String topic, int run, int size, String system, int records,
            int tickElements) throws Exception {
        createTopic(bootstrap, topic);
        TopicPartition partition = new TopicPartition(topic, 0);
        Map<String, Object> consumerConfig = consumerSettings();
        consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, topic);
        Map<String, Object> producerConfig = producerSettings();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);

        Sender sender = switch (system) {
            case "raw" -> new RawSender(topic, size);
            case "bytes" -> new FramingSender(topic, tickElements, new RawSender(topic, size)::value);
            case "bincode" -> new FramingSender(topic, tickElements, new BincodeSender(size)::value);
            default -> throw new IllegalArgumentException(system);
        };
        Reader reader = "bincode".equals(system) ? EdgeThroughputBenchmark::readBincode
                : "bytes".equals(system) ? EdgeThroughputBenchmark::readBytesWithSender
                : EdgeThroughputBenchmark::readRaw;

        long[] latencies = new long[records];
        long[] receivedCount = new long[1];
        long[] lastReceive = new long[1];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch ready = new CountDownLatch(1);
        Thread consumerThread;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig);
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig)) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            consumer.position(partition); // connects and resolves the start offset before timing
            producer.partitionsFor(topic); // metadata and connection before timing
            consumerThread = new Thread(() -> {
                try {
                    ready.countDown();
                    long n = 0;
                    long lastProgress = System.nanoTime();
                    while (n < records) {
                        var polled = consumer.poll(Duration.ofMillis(100));
                        long now = System.nanoTime();
                        if (polled.isEmpty()) {
                            if (now - lastProgress > STALL_TIMEOUT.toNanos()) {
                                break;
                            }
                            continue;
                        }
                        for (ConsumerRecord<byte[], byte[]> record : polled) {
                            long[] sent = reader.sentNanos(record);
                            long at = System.nanoTime();
                            for (long sentNanos : sent) {
                                if (n < records) {
                                    latencies[(int) n] = at - sentNanos;
                                }
                                n++;
                            }
                        }
                        lastProgress = System.nanoTime();
                        lastReceive[0] = lastProgress;
                        receivedCount[0] = n;
                    }
                } catch (Throwable e) {
                    failure.set(e);
                }
            }, "edge-bench-consumer");
            consumerThread.start();
            ready.await();

            AtomicReference<Exception> sendFailure = new AtomicReference<>();
            Callback callback = (metadata, error) -> {
                if (error != null) {
                    sendFailure.compareAndSet(null, error);
                }
            };
            long start = System.nanoTime();
            long valueBytes = 0;
            long kafkaRecords = 0;
            for (int i = 0; i < records; i++) {
                byte[] value = sender.value(i);
                valueBytes += value.length;
                ProducerRecord<byte[], byte[]> record = sender.add(value, i == records - 1);
                if (record != null) {
                    producer.send(record, callback);
                    kafkaRecords++;
                }
            }
            producer.flush();
            consumerThread.join();
            if (sendFailure.get() != null) {
                throw new IllegalStateException("sending failed", sendFailure.get());
            }
            if (failure.get() != null) {
                throw new IllegalStateException("consuming failed", failure.get());
            }
            long received = receivedCount[0];
            double seconds = (lastReceive[0] - start) / 1e9;
            long[] measured = Arrays.copyOf(latencies, (int) Math.min(received, records));
            Arrays.sort(measured);
            return new Trial(run, size, system, records, received, valueBytes, seconds, received / seconds,
                    valueBytes / 1e6 / seconds, percentile(measured, 0.50) / 1e3, percentile(measured, 0.99) / 1e3,
                    kafkaRecords);
        }
    }

    private static void createTopic(String bootstrap, String topic) throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("could not create topic " + topic, e);
        }
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** Makes the values of a trial and turns them into Kafka records. */
    private interface Sender {
        /** The value with this id, stamped with the current time. */
        byte[] value(int id);

        /** Takes one value; returns the record to send now, if any ({@code last}: the trial's last value). */
        ProducerRecord<byte[], byte[]> add(byte[] value, boolean last);
    }

    @FunctionalInterface
    private interface Reader {
        /** The send times of the values a record carries. */
        long[] sentNanos(ConsumerRecord<byte[], byte[]> record);
    }

    /** raw: one record per value, a copy of a pre-built payload with id and send time in its first 16 bytes. */
    private static final class RawSender implements Sender {
        private final String topic;
        private final byte[] template;

        RawSender(String topic, int size) {
            this.topic = topic;
            this.template = new byte[size];
            for (int i = 16; i < size; i++) {
                template[i] = (byte) ('a' + i % 26);
            }
        }

        @Override
        public byte[] value(int id) {
            byte[] value = template.clone();
            ByteBuffer.wrap(value).putLong(id).putLong(System.nanoTime());
            return value;
        }

        @Override
        public ProducerRecord<byte[], byte[]> add(byte[] value, boolean last) {
            return new ProducerRecord<>(topic, 0, null, value);
        }
    }

    /**
     * bytes and bincode: values packed into tick frames as the engine's sending edge packs a tick, sent as
     * {@code KafkaEdgeTransport} sends a frame: {@code new ProducerRecord<>(topic, 0, "leader/0" bytes, frame)}.
     */
    private static final class FramingSender implements Sender {
        private final String topic;
        private final int tickElements;
        private final java.util.function.IntFunction<byte[]> values;
        private final TickFrame.Builder frame = new TickFrame.Builder();

        FramingSender(String topic, int tickElements, java.util.function.IntFunction<byte[]> values) {
            this.topic = topic;
            this.tickElements = tickElements;
            this.values = values;
        }

        @Override
        public byte[] value(int id) {
            return values.apply(id);
        }

        @Override
        public ProducerRecord<byte[], byte[]> add(byte[] value, boolean last) {
            frame.add(value);
            if (last || frame.isFull() || frame.elements() == tickElements) {
                return new ProducerRecord<>(topic, 0, SENDER_KEY, frame.take());
            }
            return null;
        }
    }

    /** bincode's values: an {@link EdgePayload} encoded per value. */
    private static final class BincodeSender {
        private final String body;

        BincodeSender(int size) {
            this.body = bodyFor(size);
        }

        byte[] value(int id) {
            return BincodeCodec.shared().encode(new EdgePayload(id, System.nanoTime(), body));
        }
    }

    /** The longest body whose encoded {@link EdgePayload} is at most {@code size} bytes (at least empty). */
    public static String bodyFor(int size) {
        String body = "";
        // ids and times in the benchmark are large longs: size with typical magnitudes
        while (encodedSize(body + "x") <= size) {
            body = body + (char) ('a' + body.length() % 26);
        }
        return body;
    }

    public static int encodedSize(String body) {
        return BincodeCodec.shared().encode(new EdgePayload(123_456, System.nanoTime(), body)).length;
    }

    private static long[] readRaw(ConsumerRecord<byte[], byte[]> record) {
        return new long[] {ByteBuffer.wrap(record.value(), 8, 8).getLong()};
    }

    /** What the receiving edge does per record: parse the sender member, unpack the frame. */
    private static long[] readBytesWithSender(ConsumerRecord<byte[], byte[]> record) {
        if (senderOf(record.key()) != 0) {
            throw new IllegalStateException("unexpected sender key");
        }
        List<byte[]> elements = TickFrame.elements(record.value());
        long[] sent = new long[elements.size()];
        for (int i = 0; i < sent.length; i++) {
            sent[i] = ByteBuffer.wrap(elements.get(i), 8, 8).getLong();
        }
        return sent;
    }

    /** As {@link #readBytesWithSender}, then decodes every element in place, as the receiving edge does. */
    private static long[] readBincode(ConsumerRecord<byte[], byte[]> record) {
        if (senderOf(record.key()) != 0) {
            throw new IllegalStateException("unexpected sender key");
        }
        byte[] frame = record.value();
        long[] sent = new long[TickFrame.count(frame)];
        int[] next = {0};
        TickFrame.forEachSlice(frame, (bytes, offset, length) ->
                sent[next[0]++] = ((EdgePayload) BincodeCodec.shared().decode(bytes, offset, length)).sentNanos());
        return sent;
    }

    /** A copy of KafkaEdgeTransport.senderOf: the member after the last '/' of the key. */
    private static int senderOf(byte[] key) {
        if (key == null) {
            return -1;
        }
        int member = 0;
        for (int i = key.length - 1, scale = 1; i >= 0 && key[i] != '/'; i--, scale *= 10) {
            int digit = key[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            member += digit * scale;
        }
        return member;
    }

    /** Medians and min-max per size and system, and sendBincode/sendBytes as % of raw values/s. */
    static String markdown(List<Trial> trials, Options options) {
        StringBuilder md = new StringBuilder();
        md.append("| value | system | values/s median (min-max) | MB/s median (min-max) | p50 ms median (min-max)"
                + " | p99 ms median (min-max) | % of raw values/s | Kafka records per trial |\n");
        md.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (int size : options.sizes()) {
            double rawMedian = Double.NaN;
            for (String system : options.systems()) {
                List<Trial> these = trials.stream().filter(t -> t.size() == size && t.system().equals(system))
                        .toList();
                if (these.isEmpty()) {
                    continue;
                }
                double[] rps = these.stream().mapToDouble(Trial::recordsPerSecond).sorted().toArray();
                double[] mbps = these.stream().mapToDouble(Trial::megabytesPerSecond).sorted().toArray();
                double[] p50 = these.stream().mapToDouble(t -> t.p50Micros() / 1e3).sorted().toArray();
                double[] p99 = these.stream().mapToDouble(t -> t.p99Micros() / 1e3).sorted().toArray();
                if (system.equals("raw")) {
                    rawMedian = median(rps);
                }
                double avgBytes = these.get(0).valueBytes() / (double) these.get(0).records();
                md.append(String.format(Locale.ROOT,
                        "| %d B (%.0f B sent) | %s | %,.0f (%,.0f-%,.0f) | %.1f (%.1f-%.1f) | %.1f (%.1f-%.1f)"
                                + " | %.1f (%.1f-%.1f) | %s | %,d |%n",
                        size, avgBytes, label(system), median(rps), rps[0], rps[rps.length - 1], median(mbps),
                        mbps[0], mbps[mbps.length - 1], median(p50), p50[0], p50[p50.length - 1], median(p99),
                        p99[0], p99[p99.length - 1],
                        Double.isNaN(rawMedian) ? "-" : String.format(Locale.ROOT, "%.0f%%",
                                100 * median(rps) / rawMedian), these.get(0).kafkaRecords()));
            }
        }
        return md.toString();
    }

    private static String label(String system) {
        return switch (system) {
            case "bytes" -> "sendBytes";
            case "bincode" -> "sendBincode";
            default -> "raw producer/consumer";
        };
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static void writeCsv(Path csv, List<Trial> trials) {
        StringBuilder text = new StringBuilder("run,size,system,records,received,value_bytes,seconds,records_per_s,"
                + "mb_per_s,p50_us,p99_us,kafka_records\n");
        for (Trial t : trials) {
            text.append(String.format(Locale.ROOT, "%d,%d,%s,%d,%d,%d,%.4f,%.1f,%.3f,%.1f,%.1f,%d%n", t.run(),
                    t.size(), t.system(), t.records(), t.received(), t.valueBytes(), t.seconds(),
                    t.recordsPerSecond(), t.megabytesPerSecond(), t.p50Micros(), t.p99Micros(), t.kafkaRecords()));
        }
        try {
            Path parent = csv.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(csv, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
