package dev.hydro.benchmarks.wordcount;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The word count end to end on one Kafka broker, three systems with the same input: the hydro sample service
 * (leader + workers as separate JVMs), a Kafka Streams application and a Spring Cloud Stream functional application
 * (plain Kafka binder), each under at-least-once and exactly-once, plus hydro with 1, 2 and 4 workers.
 *
 * <p>Per guarantee, every system is launched once (fresh JVMs, fresh topics) and fed {@code --warmups} (2)
 * unrecorded warm-up batches of the corpus, then {@code --runs} rounds in which each system in turn (ABAB...) gets
 * one more batch of the same corpus. A run lasts from the first line produced until the system's counts are final:
 * every word's count equals k times its count in the corpus after the k-th batch (hydro: the leader's
 * {@code GET /counts}; the others: the latest value per word on their output topic). Throughput is lines (and
 * words) of one batch per second of that. Hydro's scaling runs last, each worker count deployed alone.
 *
 * <pre>{@code
 * java -cp "benchmarks/target/classes:$(cat benchmarks/target/wordcount.classpath)" \
 *      dev.hydro.benchmarks.wordcount.WordCountEndToEnd --out benchmarks/target/wordcount
 * }</pre>
 *
 * <p>Options: {@code --bootstrap host:port} (absent: a broker is started with {@code config/kafka/kafka-start.sh}
 * and stopped at the end), {@code --out DIR} ({@code wordcount.md}, {@code wordcount.csv}), {@code --lines N},
 * {@code --runs N}, {@code --warmups N}, {@code --systems hydro,kstreams,scs}, {@code --guarantees alo,eos},
 * {@code --workers 1,2,4} (hydro's scaling phase, at-least-once if selected, each worker count deployed alone;
 * {@code none} skips it), {@code --parallelism N} (the comparison: hydro workers, Kafka Streams threads, Spring
 * Cloud Stream consumer threads, and partitions), {@code --sample-jar}, {@code --config-dir}, {@code --classpath},
 * {@code --work-dir}, {@code --jvm-opts}, {@code --run-timeout SECONDS}.
 */
public final class WordCountEndToEnd {

    /** The systems, in the order each round runs them. */
    public static final List<String> SYSTEMS = List.of("hydro", "kstreams", "scs");
    /** The first line of the CSV; the benchmark suite concatenates CSVs with this header. */
    public static final String CSV_HEADER = "section,system,variant,metric,median,min,max,unit,runs";

    static final String SECTION = "wordcount";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(240);

    /** One measured run (or a failure, with {@code failure} set and no numbers). */
    public record Measurement(String system, String variant, Guarantee guarantee, int workers, int run, int lines,
            long words, double seconds, Map<String, Double> metrics, String failure) {

        public double linesPerSecond() {
            return lines / seconds;
        }

        public double wordsPerSecond() {
            return words / seconds;
        }

        public boolean failed() {
            return failure != null;
        }

        /** A run of the hydro scaling phase (each worker count alone), not of the comparison. */
        public boolean scaling() {
            return variant.startsWith(HydroSystem.SCALING);
        }
    }

    /**
     * What a harness run measured, the notes on its variants, and per exactly-once variant ({@code "kstreams
     * eos-w2"}) how many transactional ids containing its {@link WordCountSystem#id() id} the broker lists at its
     * end: evidence that its runs went through Kafka transactions.
     */
    public record Result(List<Measurement> measurements, Map<String, String> notes,
            Map<String, Integer> transactionalIds, String markdown, String csv) {

        /** The failed runs (warm-ups and start-ups included). */
        public List<Measurement> failures() {
            return measurements.stream().filter(Measurement::failed).toList();
        }
    }

    /** The command line. */
    public record Options(String bootstrap, Path out, int lines, int runs, int warmups, List<String> systems,
            List<Guarantee> guarantees, List<Integer> workers, int parallelism, Path sampleJar, Path configDir,
            String classpath, Path workDir, List<String> jvmOptions, Duration runTimeout) {

        public static Options parse(String... args) {
            String bootstrap = null;
            Path out = null;
            int lines = 20_000;
            int runs = 5;
            int warmups = 2;
            List<String> systems = SYSTEMS;
            List<Guarantee> guarantees = List.of(Guarantee.AT_LEAST_ONCE, Guarantee.EXACTLY_ONCE);
            List<Integer> workers = List.of(1, 2, 4);
            int parallelism = 2;
            Path sampleJar = null;
            Path configDir = null;
            String classpath = null;
            Path workDir = null;
            List<String> jvmOptions = List.of("-Xms128m", "-Xmx512m");
            Duration runTimeout = Duration.ofSeconds(180);
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--bootstrap" -> bootstrap = required(args[i], value);
                    case "--out" -> out = Path.of(required(args[i], value));
                    case "--lines" -> lines = Integer.parseInt(required(args[i], value).replace("_", ""));
                    case "--runs" -> runs = Integer.parseInt(required(args[i], value));
                    case "--warmups" -> warmups = Integer.parseInt(required(args[i], value));
                    case "--systems" -> systems = list(required(args[i], value));
                    case "--guarantees" -> guarantees = list(required(args[i], value)).stream()
                            .map(Guarantee::parse).toList();
                    case "--workers" -> workers = "none".equals(value) ? List.of()
                            : list(required(args[i], value)).stream().map(Integer::valueOf).toList();
                    case "--parallelism" -> parallelism = Integer.parseInt(required(args[i], value));
                    case "--sample-jar" -> sampleJar = Path.of(required(args[i], value));
                    case "--config-dir" -> configDir = Path.of(required(args[i], value));
                    case "--classpath" -> classpath = required(args[i], value);
                    case "--work-dir" -> workDir = Path.of(required(args[i], value));
                    case "--jvm-opts" -> jvmOptions = Arrays.stream(required(args[i], value).trim().split("\\s+"))
                            .filter(s -> !s.isEmpty()).toList();
                    case "--run-timeout" -> runTimeout = Duration.ofSeconds(Long.parseLong(required(args[i], value)));
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + "; options: "
                            + "--bootstrap host:port --out DIR --lines N --runs N --warmups N "
                            + "--systems hydro,kstreams,scs "
                            + "--guarantees alo,eos --workers 1,2,4 --parallelism N --sample-jar JAR "
                            + "--config-dir DIR --classpath CP --work-dir DIR --jvm-opts '...' --run-timeout S");
                }
                i++;
            }
            for (String system : systems) {
                if (!SYSTEMS.contains(system)) {
                    throw new IllegalArgumentException("unknown system " + system + "; one of " + SYSTEMS);
                }
            }
            if (lines < 1 || runs < 1 || warmups < 0 || parallelism < 1 || workers.stream().anyMatch(w -> w < 1)) {
                throw new IllegalArgumentException("--lines, --runs, --parallelism and --workers must be positive");
            }
            if (configDir == null) {
                configDir = firstExisting(Path.of("config"), Path.of("../config"));
            }
            if (systems.contains("hydro") && sampleJar == null) {
                sampleJar = findSampleJar();
            }
            if (classpath == null && (systems.contains("kstreams") || systems.contains("scs"))) {
                classpath = ownClasspath();
            }
            return new Options(bootstrap, out, lines, runs, warmups, systems, guarantees, workers, parallelism,
                    sampleJar, configDir.toAbsolutePath().normalize(), classpath, workDir, jvmOptions, runTimeout);
        }

        private static List<String> list(String value) {
            return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        }

        private static String required(String option, String value) {
            if (value == null) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return value;
        }

        private static Path firstExisting(Path... candidates) {
            for (Path candidate : candidates) {
                if (Files.isDirectory(candidate)) {
                    return candidate;
                }
            }
            throw new IllegalArgumentException("none of " + Arrays.toString(candidates)
                    + " exists; run from the repository root or pass --config-dir");
        }

        /** sample-service/target/sample-service*.jar (not -plain, -sources or .original), from the root or a module. */
        private static Path findSampleJar() {
            for (Path dir : List.of(Path.of("sample-service/target"), Path.of("../sample-service/target"))) {
                if (Files.isDirectory(dir)) {
                    try (Stream<Path> files = Files.list(dir)) {
                        List<Path> jars = files.filter(p -> {
                            String n = p.getFileName().toString();
                            return n.startsWith("sample-service") && n.endsWith(".jar") && !n.endsWith("-plain.jar")
                                    && !n.endsWith("-sources.jar") && !n.endsWith("-javadoc.jar");
                        }).sorted().toList();
                        if (!jars.isEmpty()) {
                            return jars.get(0).toAbsolutePath().normalize();
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
            throw new IllegalArgumentException("no sample-service/target/sample-service*.jar; build it with"
                    + " mvn -pl sample-service -am package -DskipTests, or pass --sample-jar");
        }

        /**
         * This module's class path for the child JVMs: {@code target/classes} plus the dependencies Maven wrote to
         * {@code target/wordcount.classpath}, found next to wherever this class was loaded from.
         */
        private static String ownClasspath() {
            try {
                Path codeSource = Path.of(WordCountEndToEnd.class.getProtectionDomain().getCodeSource().getLocation()
                        .toURI());
                Path target = codeSource.getParent();
                Path file = target.resolve("wordcount.classpath");
                if (!Files.isRegularFile(file)) {
                    throw new IllegalArgumentException("no " + file + " (written by mvn package in benchmarks);"
                            + " pass --classpath");
                }
                return target.resolve("classes").toAbsolutePath() + File.pathSeparator
                        + Files.readString(file).trim();
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private WordCountEndToEnd() {
    }

    public static void main(String[] args) throws Exception {
        Result result = run(Options.parse(args), System.out);
        if (!result.failures().isEmpty()) {
            System.exit(1);
        }
    }

    /** Runs every system, prints progress and the table, writes {@code --out}; returns what it measured. */
    public static Result run(Options options, PrintStream out) throws Exception {
        long started = System.nanoTime();
        String loadAtStart = loadAverage();
        Corpus corpus = Corpus.synthetic(options.lines());
        Path workDir = options.workDir() != null ? options.workDir() : Files.createTempDirectory("wordcount-");
        Files.createDirectories(workDir);
        workDir = workDir.toAbsolutePath();
        out.printf(Locale.ROOT, "# word count end to end: %,d lines, %,d words (%,d distinct) per batch, %d runs,"
                        + " systems %s, guarantees %s, hydro workers %s, parallelism %d; work dir %s%n",
                corpus.lines().size(), corpus.words(), corpus.counts().size(), options.runs(), options.systems(),
                options.guarantees().stream().map(Guarantee::option).toList(), options.workers(),
                options.parallelism(), workDir);
        StandaloneBroker broker = null;
        List<Measurement> measurements = new ArrayList<>();
        Map<String, String> notes = new LinkedHashMap<>();
        Map<String, Integer> transactionalIds = new LinkedHashMap<>();
        try {
            String bootstrap = options.bootstrap();
            if (bootstrap == null) {
                broker = StandaloneBroker.start(options.configDir(), workDir.resolve("kafka"));
                bootstrap = broker.bootstrap();
                out.printf(Locale.ROOT, "# started a broker at %s (pid %d) after %.1f s%n", bootstrap, broker.pid(),
                        seconds(started));
            }
            String runId = "wc" + Long.toString(System.currentTimeMillis(), 36);
            LaunchSettings settings = new LaunchSettings(bootstrap, workDir, options.classpath(),
                    options.jvmOptions(), options.sampleJar(), options.configDir(), runId, options.parallelism());
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
                 KafkaProducer<String, String> producer = new KafkaProducer<>(producerSettings(bootstrap))) {
                Guarantee scalingGuarantee = options.guarantees().contains(Guarantee.AT_LEAST_ONCE)
                        ? Guarantee.AT_LEAST_ONCE : options.guarantees().get(0);
                List<List<WordCountSystem>> phases = new ArrayList<>();
                for (Guarantee guarantee : options.guarantees()) {
                    phases.add(comparison(options, settings, guarantee));
                }
                if (options.systems().contains("hydro")) {
                    // each worker count alone: idle JVMs of other deployments would take CPU from the one measured
                    for (int w : new TreeSet<>(options.workers())) {
                        phases.add(List.of(new HydroSystem(settings, scalingGuarantee, w, true)));
                    }
                }
                for (List<WordCountSystem> phase : phases) {
                    for (WordCountSystem system : phase) {
                        if (!system.note().isEmpty()) {
                            notes.put(system.system() + " " + system.variant(), system.note());
                        }
                    }
                    measurements.addAll(runPhase(phase, corpus, admin, producer, options, out, started,
                            transactionalIds));
                }
            }
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
        notes.put("machine", Runtime.getRuntime().availableProcessors() + " processors, load average (1, 5, 15 min)"
                + " " + loadAtStart + " at the start and " + loadAverage() + " at the end, " + String.format(
                Locale.ROOT, "%.0f s in all", seconds(started)));
        String markdown = markdown(measurements, notes, transactionalIds, corpus, options);
        String csv = csv(measurements);
        out.println();
        out.print(markdown);
        if (options.out() != null) {
            Files.createDirectories(options.out());
            Files.writeString(options.out().resolve("wordcount.md"), markdown);
            Files.writeString(options.out().resolve("wordcount.csv"), csv);
            out.println();
            out.println("Markdown and CSV: " + options.out().toAbsolutePath());
        }
        out.printf(Locale.ROOT, "# done in %.0f s%n", seconds(started));
        return new Result(measurements, notes, transactionalIds, markdown, csv);
    }

    /** The systems compared under {@code guarantee}, each with {@code --parallelism}. */
    private static List<WordCountSystem> comparison(Options options, LaunchSettings settings, Guarantee guarantee) {
        List<WordCountSystem> systems = new ArrayList<>();
        if (options.systems().contains("hydro")) {
            systems.add(new HydroSystem(settings, guarantee, options.parallelism(), false));
        }
        if (options.systems().contains("kstreams")) {
            systems.add(new KafkaStreamsSystem(settings, guarantee));
        }
        if (options.systems().contains("scs")) {
            systems.add(new SpringCloudStreamSystem(settings, guarantee));
        }
        return systems;
    }

    /**
     * Launches {@code systems} one after the other, warms each up with one batch, then runs them in turn; stops them
     * all at the end.
     */
    private static List<Measurement> runPhase(List<WordCountSystem> systems, Corpus corpus, Admin admin,
            KafkaProducer<String, String> producer, Options options, PrintStream out, long started,
            Map<String, Integer> transactionalIds) throws Exception {
        List<Measurement> measurements = new ArrayList<>();
        Set<WordCountSystem> failed = new LinkedHashSet<>();
        try {
            // one system at a time: a 2-core machine starts a dozen Spring Boot JVMs no faster all at once, and
            // each system's start-up timeout then covers its own start only
            for (WordCountSystem system : systems) {
                try {
                    system.launch(admin);
                    system.awaitStarted(START_TIMEOUT);
                    out.printf(Locale.ROOT, "# %-8s %-7s started (%.0f s)%n", system.system(), system.variant(),
                            seconds(started));
                } catch (Exception e) {
                    failed.add(system);
                    measurements.add(failure(system, 0, corpus, "did not start: " + e.getMessage()));
                    out.printf(Locale.ROOT, "# %-8s %-7s FAILED to start: %s%n", system.system(), system.variant(),
                            e.getMessage());
                }
            }
            for (int warmup = 1; warmup <= options.warmups(); warmup++) {
                for (WordCountSystem system : systems) {
                    if (!failed.contains(system)) {
                        Measurement warm = measure(system, systems, 0, warmup, corpus, producer, START_TIMEOUT);
                        report(out, warm, "warm-up " + warmup, started);
                        if (warm.failed()) {
                            failed.add(system);
                            measurements.add(warm);
                        }
                    }
                }
            }
            for (int run = 1; run <= options.runs(); run++) {
                for (WordCountSystem system : systems) {
                    if (!failed.contains(system)) {
                        Measurement m = measure(system, systems, run, options.warmups() + run, corpus, producer,
                                options.runTimeout());
                        report(out, m, "run " + run, started);
                        measurements.add(m);
                        if (m.failed()) {
                            failed.add(system);
                        }
                    }
                }
            }
            if (systems.stream().anyMatch(s -> s.guarantee() == Guarantee.EXACTLY_ONCE)) {
                List<String> ids = admin.listTransactions().all().get(30, TimeUnit.SECONDS).stream()
                        .map(TransactionListing::transactionalId).toList();
                for (WordCountSystem system : systems) {
                    transactionalIds.put(system.system() + " " + system.variant(),
                            (int) ids.stream().filter(id -> id.contains(system.id())).count());
                }
            }
        } finally {
            closeAll(systems);
        }
        return measurements;
    }

    /**
     * Feeds the corpus once more and waits until the counts are {@code times} times the corpus's. Besides the
     * system's own meters it records the CPU seconds its JVMs used ({@code cpu_s}) and those the other systems of
     * the phase, idle meanwhile, used ({@code others_cpu_s}).
     */
    static Measurement measure(WordCountSystem system, List<WordCountSystem> phase, int run, long times,
            Corpus corpus, KafkaProducer<String, String> producer, Duration timeout) {
        try {
            system.assertAlive();
            CountsProbe counts = system.counts();
            counts.expect(corpus.countsTimes(times));
            Map<String, Double> before = system.metricsSnapshot();
            double cpuBefore = system.cpuSeconds();
            double othersBefore = othersCpu(system, phase);
            AtomicReference<Exception> sendFailure = new AtomicReference<>();
            Callback callback = (metadata, error) -> {
                if (error != null) {
                    sendFailure.compareAndSet(null, error);
                }
            };
            long start = System.nanoTime();
            for (String line : corpus.lines()) {
                producer.send(new ProducerRecord<>(system.inputTopic(), line), callback);
            }
            producer.flush();
            if (sendFailure.get() != null) {
                throw new IllegalStateException("producing the lines failed", sendFailure.get());
            }
            long done = counts.awaitExpected(timeout);
            double cpu = system.cpuSeconds() - cpuBefore;
            double othersCpu = othersCpu(system, phase) - othersBefore;
            Map<String, Double> metrics = new LinkedHashMap<>(system.runMetrics(before, system.metricsSnapshot()));
            metrics.put("cpu_s", cpu);
            if (phase.size() > 1) {
                metrics.put("others_cpu_s", othersCpu);
            }
            return new Measurement(system.system(), system.variant(), system.guarantee(), system.workers(), run,
                    corpus.lines().size(), corpus.words(), (done - start) / 1e9, metrics, null);
        } catch (Exception e) {
            String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
            return failure(system, run, corpus, reason);
        }
    }

    private static double othersCpu(WordCountSystem system, List<WordCountSystem> phase) {
        return phase.stream().filter(s -> s != system).mapToDouble(WordCountSystem::cpuSeconds).sum();
    }

    private static Measurement failure(WordCountSystem system, int run, Corpus corpus, String reason) {
        return new Measurement(system.system(), system.variant(), system.guarantee(), system.workers(), run,
                corpus.lines().size(), corpus.words(), Double.NaN, Map.of(), reason);
    }

    private static void report(PrintStream out, Measurement m, String what, long started) {
        if (m.failed()) {
            out.printf(Locale.ROOT, "# %-8s %-7s %-9s FAILED: %s%n", m.system(), m.variant(), what, m.failure());
            return;
        }
        out.printf(Locale.ROOT, "# %-8s %-7s %-9s %7.2f s  %,9.0f lines/s  %,10.0f words/s  %s  (%.0f s)%n",
                m.system(), m.variant(), what, m.seconds(), m.linesPerSecond(), m.wordsPerSecond(),
                m.metrics().entrySet().stream().filter(e -> !e.getKey().startsWith("ticks_"))
                        .map(e -> e.getKey() + "=" + format(e.getValue(), 1)).collect(Collectors.joining(" ")),
                seconds(started));
    }

    private static void closeAll(List<WordCountSystem> systems) throws InterruptedException {
        List<Thread> closing = new ArrayList<>();
        for (WordCountSystem system : systems) {
            Thread t = new Thread(system::close, "close-" + system.system());
            t.start();
            closing.add(t);
        }
        for (Thread t : closing) {
            t.join();
        }
    }

    /** The producer of every system's lines: acks=all, a short linger and 64 KiB batches, String values. */
    static Map<String, Object> producerSettings(String bootstrap) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 65_536);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return config;
    }

    // ---- report ----

    /** One row of the summary: a system's variant over its successful runs. */
    private record Row(String system, String variant, Guarantee guarantee, int workers, List<Measurement> runs,
            String failure) {

        double[] sorted(ToDoubleFunction<Measurement> metric) {
            return runs.stream().mapToDouble(metric).filter(Double::isFinite).sorted().toArray();
        }

        boolean scaling() {
            return variant.startsWith(HydroSystem.SCALING);
        }
    }

    private static List<Row> rows(List<Measurement> measurements) {
        Map<String, List<Measurement>> byVariant = new LinkedHashMap<>();
        // order: the comparison before the scaling, then guarantee, then system as in SYSTEMS, then workers
        List<Measurement> ordered = new ArrayList<>(measurements);
        ordered.sort(Comparator.comparing(Measurement::scaling).thenComparing(m -> m.guarantee().ordinal())
                .thenComparing(m -> SYSTEMS.indexOf(m.system())).thenComparing(Measurement::workers));
        for (Measurement m : ordered) {
            byVariant.computeIfAbsent(m.system() + " " + m.variant(), k -> new ArrayList<>()).add(m);
        }
        List<Row> rows = new ArrayList<>();
        for (List<Measurement> ms : byVariant.values()) {
            Measurement first = ms.get(0);
            String failure = ms.stream().filter(Measurement::failed).map(Measurement::failure).findFirst().orElse(null);
            rows.add(new Row(first.system(), first.variant(), first.guarantee(), first.workers(),
                    ms.stream().filter(m -> !m.failed()).toList(), failure));
        }
        return rows;
    }

    static String markdown(List<Measurement> measurements, Map<String, String> notes,
            Map<String, Integer> transactionalIds, Corpus corpus, Options options) {
        StringBuilder md = new StringBuilder();
        md.append("## Word count end to end: hydro vs Kafka Streams vs Spring Cloud Stream\n\n");
        md.append(String.format(Locale.ROOT, "Throughput from the first line produced until every word's count is"
                + " final (equals the reference), per batch of %,d lines (%,d words); median, min and max over the"
                + " runs, systems alternating run by run.%n%n", corpus.lines().size(), corpus.words()));
        List<Row> rows = rows(measurements);
        table(md, rows.stream().filter(r -> !r.scaling()).toList(), notes);
        List<Row> scaling = rows.stream().filter(Row::scaling).toList();
        if (!scaling.isEmpty()) {
            md.append(String.format(Locale.ROOT, "%nScaling: hydro with 1 leader and N worker JVMs, %s, each worker"
                    + " count deployed alone (no idle JVMs of other deployments), one after the other.%n%n",
                    scaling.get(0).guarantee().label()));
            table(md, scaling, notes);
        }
        md.append("\nSettings:\n\n");
        md.append(String.format(Locale.ROOT, "- Corpus: %,d lines a batch, %,d words, %,d distinct words (synthetic,"
                        + " seed 7: a %,d-word vocabulary drawn with a Zipf(1) distribution, %d-%d words a line);"
                        + " %d unrecorded warm-up batch(es) per system, then %d runs.%n",
                corpus.lines().size(), corpus.words(), corpus.counts().size(), Corpus.VOCABULARY, Corpus.MIN_WORDS,
                Corpus.MAX_WORDS, options.warmups(), options.runs()));
        md.append("- Input producer (the harness, one for all systems): acks=all, linger.ms=5, batch.size=65536,"
                + " compression none, idempotent, String values, no key.\n");
        md.append(String.format(Locale.ROOT, "- Parallelism: hydro 1 leader + N worker JVMs (input topic: 1"
                + " partition, read by the leader); Kafka Streams and Spring Cloud Stream one JVM each with %d"
                + " partitions per topic and %d stream / consumer threads.%n", options.parallelism(),
                options.parallelism()));
        md.append(String.format(Locale.ROOT, "- Commit interval: hydro commits a unit of ticks (waits for its"
                + " edge sends and changelog, then commits its input offsets, on a committer thread while the next ticks"
                + " run; exactly-once one transaction) when"
                + " hydro.processing.commit-interval (default 100 ms) has passed while work keeps arriving, at once"
                + " when an instance runs out of work; Kafka Streams commit.interval.ms=%d for both guarantees"
                + " (its at-least-once default, 30 s, would hold the cached counts back that long), exactly_once_v2"
                + " for exactly-once; Spring"
                + " Cloud Stream commits after every polled batch (ack mode BATCH), in a Kafka transaction for"
                + " exactly-once (binder transaction-id-prefix, consumers read_committed).%n",
                KafkaStreamsSystem.COMMIT_INTERVAL_MS));
        md.append("- Counts read: hydro via the leader's GET /stats?atLeast=N (it answers within 1 ms of the"
                + " words being counted), then GET /counts once to compare; the others by a read_committed consumer of the output"
                + " topic, latest value per word, timed at the record that completed the counts.\n");
        md.append("- Latency: hydro = mean hydro.tick.duration and mean hydro.commit.duration over the run"
                + " (leader / workers, from /actuator/prometheus; a commit ends a unit of one or more ticks, at most"
                + " hydro.processing.commit-interval = 100 ms long while work keeps arriving, and hands it to the"
                + " instance's committer thread; \"commit latency\" is the mean hydro.commit.latency, from that"
                + " hand-over until the unit is durable (exactly-once its transaction committed, at-least-once its"
                + " sends on the broker and its input acknowledged), while the next ticks run); Kafka Streams = the stream threads' commit-latency-avg (JMX, Kafka's"
                + " sampled window of up to 60 s, read at the end of the run); Spring Cloud Stream = its consumers'"
                + " offset commit-latency-avg (JMX; none under transactions, where offsets go through the"
                + " producer).\n");
        md.append("- CPU s/batch: CPU time (user + system) the system's JVMs used during the run; in parentheses what"
                + " the other systems' JVMs of the same phase used meanwhile, idle (their polling, idle ticks and"
                + " background threads take that from the system measured).\n");
        md.append("- JVMs: " + String.join(" ", options.jvmOptions()) + " each; state in memory in every system"
                + " (Kafka Streams: in-memory store with changelog).\n");
        if (!transactionalIds.isEmpty()) {
            md.append("- Transactions: transactional ids the broker lists (Admin.listTransactions) that contain the"
                    + " deployment's id, after its exactly-once runs: ").append(transactionalIds.entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")))
                    .append(" (hydro's ids, if it has any, need not contain it).\n");
        }
        for (Map.Entry<String, String> note : notes.entrySet()) {
            md.append(note.getKey().equals("machine") ? "- Machine: " : "- Note, " + note.getKey() + ": ")
                    .append(note.getValue()).append(".\n");
        }
        return md.toString();
    }

    private static void table(StringBuilder md, List<Row> rows, Map<String, String> notes) {
        md.append("| system | guarantee | workers | lines/s median | min | max | words/s median | s/batch median"
                + " | tick or commit latency, median of runs | CPU s/batch (others idle) | runs |\n");
        md.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |\n");
        for (Row row : rows) {
            String guarantee = row.guarantee().label() + (notes.containsKey(row.system() + " " + row.variant())
                    ? " requested (see note)" : "");
            double[] lps = row.sorted(Measurement::linesPerSecond);
            if (lps.length == 0) {
                md.append(String.format(Locale.ROOT, "| %s | %s | %d | FAILED | | | | | %s | | 0 |%n",
                        label(row.system()), guarantee, row.workers(), escape(row.failure())));
                continue;
            }
            double[] wps = row.sorted(Measurement::wordsPerSecond);
            double[] secs = row.sorted(Measurement::seconds);
            double[] cpu = row.sorted(m -> m.metrics().getOrDefault("cpu_s", Double.NaN));
            double[] others = row.sorted(m -> m.metrics().getOrDefault("others_cpu_s", Double.NaN));
            String cpuText = (cpu.length == 0 ? "-" : format(median(cpu), 1))
                    + (others.length == 0 ? "" : " (" + format(median(others), 1) + ")");
            md.append(String.format(Locale.ROOT,
                    "| %s | %s | %d | %,.0f | %,.0f | %,.0f | %,.0f | %.2f | %s | %s | %d%s |%n",
                    label(row.system()), guarantee, row.workers(), median(lps), lps[0], lps[lps.length - 1],
                    median(wps), median(secs), latency(row), cpuText, lps.length,
                    row.failure() != null ? " (then FAILED: " + escape(row.failure()) + ")" : ""));
        }
    }

    private static String latency(Row row) {
        List<String> parts = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        row.runs().forEach(m -> names.addAll(m.metrics().keySet()));
        for (String name : names) {
            if (name.startsWith("ticks_") || name.endsWith("cpu_s")) {
                continue;
            }
            double[] values = row.sorted(m -> m.metrics().getOrDefault(name, Double.NaN));
            String label = switch (name) {
                case "tick_ms_leader" -> "tick leader";
                case "tick_ms_workers" -> "tick workers";
                case "commit_ms_leader" -> "commit leader";
                case "commit_ms_workers" -> "commit workers";
                case "commit_latency_ms_leader" -> "commit latency leader";
                case "commit_latency_ms_workers" -> "commit latency workers";
                case "commit_latency_avg_ms" -> "commit";
                default -> name;
            };
            parts.add(label + " " + (values.length == 0 ? "-" : format(median(values), 1) + " ms"));
        }
        return parts.isEmpty() ? "-" : String.join(", ", parts);
    }

    static String csv(List<Measurement> measurements) {
        StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        for (Row row : rows(measurements)) {
            int runs = row.runs().size();
            csvRow(csv, row, "lines_per_s", row.sorted(Measurement::linesPerSecond), "lines/s", runs, 1);
            csvRow(csv, row, "words_per_s", row.sorted(Measurement::wordsPerSecond), "words/s", runs, 1);
            csvRow(csv, row, "seconds_per_batch", row.sorted(Measurement::seconds), "s", runs, 3);
            Set<String> names = new LinkedHashSet<>();
            row.runs().forEach(m -> names.addAll(m.metrics().keySet()));
            for (String name : names) {
                double[] values = row.sorted(m -> m.metrics().getOrDefault(name, Double.NaN));
                if (values.length > 0) {
                    String unit = name.startsWith("ticks_") ? "ticks" : name.endsWith("cpu_s") ? "cpu-s" : "ms";
                    csvRow(csv, row, name, values, unit, values.length, 2);
                }
            }
        }
        return csv.toString();
    }

    private static void csvRow(StringBuilder csv, Row row, String metric, double[] sorted, String unit, int runs,
            int decimals) {
        String fmt = "%." + decimals + "f";
        boolean none = sorted.length == 0;
        csv.append(String.join(",", SECTION, row.system(), row.variant(), metric,
                none ? "" : String.format(Locale.ROOT, fmt, median(sorted)),
                none ? "" : String.format(Locale.ROOT, fmt, sorted[0]),
                none ? "" : String.format(Locale.ROOT, fmt, sorted[sorted.length - 1]),
                unit, String.valueOf(runs))).append('\n');
    }

    private static String label(String system) {
        return switch (system) {
            case "hydro" -> "hydro (sample service)";
            case "kstreams" -> "Kafka Streams";
            case "scs" -> "Spring Cloud Stream";
            default -> system;
        };
    }

    private static String escape(String text) {
        String oneLine = text == null ? "" : text.replace('\n', ' ').replace("|", "\\|");
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine;
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String format(double value, int decimals) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%." + decimals + "f", value) : "-";
    }

    /** The first three fields of /proc/loadavg, or "unknown". */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }
}
