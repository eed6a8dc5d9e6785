package dev.hydro.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * End to end, the way it is deployed: a real standalone Kafka broker ({@code config/kafka/kafka-start.sh} on a
 * free port, state under {@code target/e2e/kafka}), the leader and two workers as three separate JVMs running
 * the repackaged jar with the {@code leader}/{@code worker} profiles of {@code config/}. Every process logs to
 * {@code target/e2e/<name>.log}.
 *
 * <p>The test produces the first half of a corpus to the {@code lines} topic with a plain
 * {@link KafkaProducer} and waits until {@code GET /counts} equals the counts computed here, single-threaded,
 * with {@link Words#split}. It then waits until the whole deployment is quiet (every record of every edge topic
 * and of the {@code lines} topic is committed by its consumer), SIGKILLs worker 1, produces the second half,
 * restarts worker 1, and waits until {@code GET /counts} equals the counts of the whole corpus.
 *
 * <p>Delivery is at least once: a worker killed between sending its partial counts and committing what it read
 * counts those lines again after its restart. The test kills at a quiet moment, so nothing is in flight and it
 * requires the exact counts. Only if the deployment did not become quiet does it accept, instead, counts where
 * every word is at least its expected count and the surplus is at most the words of the lines that were in
 * flight, bounded as (records uncommitted on the killed worker's partition when it was killed) x (the most words
 * on one line of the corpus). It logs which of the two held: {@code E2E result: EXACT} or
 * {@code E2E result: AT-LEAST-ONCE BOUND}.
 *
 * <p><b>Corpus</b>: {@code src/test/resources/corpus/alice-chapters-1-7.txt}, chapters I to VII of Lewis
 * Carroll's <i>Alice's Adventures in Wonderland</i> (1865, public domain), laid out like the Project Gutenberg
 * eBook #11 (about 70 characters a line, a blank line between paragraphs): 1,894 lines, of which 1,461 are
 * not blank (15,794 words by {@link Words#split}, 1,978 distinct). It was written from memory, not downloaded,
 * so it may differ from the Gutenberg text in small details; the test does not depend on that, since its
 * expectations are computed from the file itself. Blank lines are not sent.
 *
 * <p>Run by maven-failsafe-plugin in {@code integration-test}/{@code verify} ({@code mvn -B verify}), after
 * {@code package}; {@code -DskipITs} or {@code -DskipTests} skip it. It needs bash, {@code mvn} (the broker
 * script resolves the broker's classpath from Maven Central once, cached in {@code target/e2e/kafka/cp.txt})
 * and about 1 GB of memory. Every process it starts is stopped in {@link #stopEverything()}, also when the test
 * fails, and a JVM shutdown hook kills them should the test JVM itself be stopped.
 */
class TrendingWordsDistributedIT {

    private static final Logger log = LoggerFactory.getLogger(TrendingWordsDistributedIT.class);

    private static final int WORKERS = 2;
    private static final int KILLED_MEMBER = 1;
    private static final String CORPUS = "/corpus/alice-chapters-1-7.txt";
    private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1");

    private static final Duration BROKER_START_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration APP_START_TIMEOUT = Duration.ofSeconds(240);
    private static final Duration COUNT_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration QUIET_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration EXACT_GRACE = Duration.ofSeconds(15);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** Every process this test started (also the killed one), for the orphan check. */
    private static final List<Process> STARTED = new CopyOnWriteArrayList<>();
    /** The current process of each instance: leader, worker-0, worker-1. */
    private static final Map<String, Process> RUNNING = new ConcurrentHashMap<>();
    private static final Map<Process, Path> LOGS = new ConcurrentHashMap<>();

    private static Path jar;
    private static Path configDir;
    private static Path workDir;
    private static Path kafkaDir;
    private static int kafkaPort;
    private static int leaderPort;
    private static String bootstrap;
    private static Long brokerPid;
    private static String topicPrefix;
    private static String linesTopic;
    private static String linesGroup;
    private static Thread shutdownHook;
    private static long startNanos;

    @BeforeAll
    static void startDeployment() throws Exception {
        startNanos = System.nanoTime();
        jar = Path.of(System.getProperty("e2e.jar", "target/sample-service.jar")).toAbsolutePath().normalize();
        configDir = Path.of(System.getProperty("e2e.config-dir", "../config")).toAbsolutePath().normalize();
        workDir = Path.of(System.getProperty("e2e.work-dir", "target/e2e")).toAbsolutePath().normalize();
        assertThat(jar).as("the repackaged jar (the IT runs after package)").isRegularFile();
        assertThat(configDir.resolve("application-leader.yml")).isRegularFile();
        assertThat(configDir.resolve("application-worker.yml")).isRegularFile();
        kafkaDir = workDir.resolve("kafka");
        freshWorkDir();

        shutdownHook = new Thread(TrendingWordsDistributedIT::killEverything, "e2e-kill-on-exit");
        Runtime.getRuntime().addShutdownHook(shutdownHook);

        kafkaPort = FreePorts.pair();
        leaderPort = FreePorts.one();
        bootstrap = "127.0.0.1:" + kafkaPort;
        String run = "e2e-" + Long.toString(System.currentTimeMillis(), 36);
        topicPrefix = run;
        linesTopic = run + "-lines";
        linesGroup = run + "-trending-words";
        log.info("E2E run {}: broker {}, leader port {}, work dir {}", run, bootstrap, leaderPort, workDir);

        startBroker();
        startApp("leader", "leader", Map.of("PORT", String.valueOf(leaderPort)));
        for (int member = 0; member < WORKERS; member++) {
            startWorker(member, "worker-" + member);
        }
        await("leader /actuator/health UP").atMost(APP_START_TIMEOUT).pollInterval(Duration.ofMillis(500))
                .failFast(TrendingWordsDistributedIT::assertAllAlive)
                .ignoreExceptions()
                .until(() -> get("/actuator/health").contains("\"status\":\"UP\""));
        log.info("E2E deployment up after {}", elapsed());
    }

    @Test
    void countsTheCorpusAcrossSeparateJvmsAndSurvivesAKilledWorker() throws Exception {
        List<String> corpus = corpus();
        int half = corpus.size() / 2;
        List<String> first = corpus.subList(0, half);
        List<String> second = corpus.subList(half, corpus.size());
        Map<String, Long> expectedFirst = expectedCounts(first);
        Map<String, Long> expectedAll = expectedCounts(corpus);
        log.info("E2E corpus: {} lines, {} words, {} distinct; first half {} lines", corpus.size(),
                total(expectedAll), expectedAll.size(), first.size());

        try (KafkaProducer<String, String> producer = producer(); Admin admin = admin()) {
            // 1. The first half, with every instance up: the leader's counts must be exact.
            produce(producer, first);
            // (the leader is up; a worker may still be starting)
            awaitCounts("first half counted", expectedFirst, COUNT_TIMEOUT.plus(APP_START_TIMEOUT));
            log.info("E2E first half counted exactly after {}", elapsed());

            // 2. Kill a worker at a quiet moment: nothing uncommitted anywhere, so no line can count twice.
            boolean quiet;
            try {
                await("every edge and input record committed").atMost(QUIET_TIMEOUT)
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> uncommitted(admin).values().stream().allMatch(n -> n == 0));
                quiet = true;
            } catch (ConditionTimeoutException e) {
                quiet = false;
            }
            long inFlightLines = uncommittedOnMember(admin, KILLED_MEMBER);
            int maxWordsPerLine = corpus.stream().mapToInt(l -> Words.split(l).size()).max().orElse(0);
            long surplusBound = inFlightLines * maxWordsPerLine;
            log.info("E2E before the kill: quiet={}, uncommitted lines on worker {}: {} (surplus bound {} words)",
                    quiet, KILLED_MEMBER, inFlightLines, surplusBound);

            Process victim = RUNNING.get("worker-" + KILLED_MEMBER);
            victim.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no commit, no flush
            assertThat(victim.waitFor(30, TimeUnit.SECONDS)).as("killed worker exits").isTrue();
            assertThat(victim.exitValue()).as("exit status 128+9: the worker died of SIGKILL").isEqualTo(137);
            log.info("E2E worker {} (pid {}) SIGKILLed, exit status {}", KILLED_MEMBER, victim.pid(),
                    victim.exitValue());

            // 3. The second half while the worker is down: its share waits in its partition of the edge topic.
            produce(producer, second);
            long backlog = await("the leader routes part of the second half to the dead worker")
                    .atMost(COUNT_TIMEOUT).pollInterval(Duration.ofMillis(200))
                    .until(() -> uncommittedOnMember(admin, KILLED_MEMBER), n -> n > 0);
            log.info("E2E {}+ lines wait in worker {}'s partition while it is down; GET /counts has {} of {} words",
                    backlog, KILLED_MEMBER, total(counts()), total(expectedAll));
            startWorker(KILLED_MEMBER, "worker-" + KILLED_MEMBER + "-restarted");

            // 4. Every line counted at least once...
            await("whole corpus counted at least once").atMost(COUNT_TIMEOUT.plus(APP_START_TIMEOUT))
                    .pollInterval(Duration.ofMillis(500))
                    .failFast(TrendingWordsDistributedIT::assertAllAlive)
                    .untilAsserted(() -> assertAtLeast(expectedAll, counts()));
            // ...and exactly once, preferably (short grace: the counts come from the leader's latest snapshot).
            boolean exact;
            try {
                awaitCounts("whole corpus counted exactly", expectedAll, EXACT_GRACE);
                exact = true;
            } catch (ConditionTimeoutException e) {
                exact = false;
            }
            Map<String, Long> finalCounts = counts();
            if (exact) {
                log.info("E2E result: EXACT. GET /counts equals the expected counts of the whole corpus"
                        + " ({} words, {} distinct) after {}", total(expectedAll), expectedAll.size(), elapsed());
            } else {
                long surplus = total(finalCounts) - total(expectedAll);
                log.warn("E2E result: AT-LEAST-ONCE BOUND. {} words counted twice (bound {}); differences: {}",
                        surplus, surplusBound, difference(expectedAll, finalCounts));
                assertThat(quiet).as("the worker was killed at a quiet moment (nothing in flight), so the counts"
                        + " must be exact; differences: " + difference(expectedAll, finalCounts)).isFalse();
                assertAtLeast(expectedAll, finalCounts);
                assertThat(surplus).as("surplus over the expected word total").isLessThanOrEqualTo(surplusBound);
            }
            assertThat(RUNNING.get("worker-" + KILLED_MEMBER).isAlive()).as("restarted worker runs").isTrue();
        }
    }

    // ---- clean-up: every process, also on failure ----

    @AfterAll
    static void stopEverything() throws Exception {
        try {
            for (Process p : RUNNING.values()) {
                p.destroy(); // SIGTERM: Spring's graceful shutdown, all of them in parallel
            }
            for (Process p : RUNNING.values()) {
                if (!p.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    log.warn("E2E pid {} ignored SIGTERM for {}; killing it", p.pid(), STOP_TIMEOUT);
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
            if (kafkaDir != null && Files.isDirectory(kafkaDir)) {
                runScript("kafka-stop", Duration.ofSeconds(60), configDir.resolve("kafka/kafka-stop.sh").toString(),
                        "--port", String.valueOf(kafkaPort), "--dir", kafkaDir.toString());
            }
            for (Process p : STARTED) {
                assertThat(p.isAlive()).as("orphan check: pid " + p.pid() + " (" + p.info().command().orElse("?")
                        + ") is dead").isFalse();
            }
            if (brokerPid != null) {
                await("broker pid " + brokerPid + " gone").atMost(Duration.ofSeconds(15))
                        .until(() -> ProcessHandle.of(brokerPid).map(ProcessHandle::isAlive).orElse(false) == false);
            }
            log.info("E2E all {} processes stopped (broker pid {}); total {}", STARTED.size() + 1, brokerPid,
                    elapsed());
        } finally {
            killEverything();
            if (shutdownHook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(shutdownHook);
                } catch (IllegalStateException e) {
                    // the JVM is already shutting down
                }
            }
        }
    }

    /** Last resort, also from the shutdown hook: SIGKILL whatever is still alive. */
    private static void killEverything() {
        for (Process p : STARTED) {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
        if (brokerPid != null) {
            ProcessHandle.of(brokerPid).filter(ProcessHandle::isAlive).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    // ---- processes ----

    private static void freshWorkDir() throws IOException {
        // This test's files from an earlier run go, except the broker's cached classpath (resolving it takes
        // ~15 s). The other ITs' files in the work dir stay: failsafe runs the ITs in no fixed order.
        Path cachedClasspath = kafkaDir.resolve("cp.txt");
        byte[] classpath = Files.isRegularFile(cachedClasspath) ? Files.readAllBytes(cachedClasspath) : null;
        if (Files.exists(kafkaDir)) {
            try (Stream<Path> paths = Files.walk(kafkaDir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        if (Files.isDirectory(workDir)) {
            try (Stream<Path> files = Files.list(workDir)) {
                for (Path f : files.filter(f -> f.getFileName().toString()
                        .matches("(leader|worker-.+|kafka-start|kafka-stop)\\.log")).toList()) {
                    Files.delete(f);
                }
            }
        }
        Files.createDirectories(kafkaDir);
        if (classpath != null) {
            Files.write(cachedClasspath, classpath); // newer than config/kafka/pom.xml, so the script reuses it
        }
    }

    private static void startBroker() throws Exception {
        String output = runScript("kafka-start", BROKER_START_TIMEOUT,
                configDir.resolve("kafka/kafka-start.sh").toString(),
                "--port", String.valueOf(kafkaPort), "--dir", kafkaDir.toString());
        brokerPid = Long.parseLong(Files.readString(kafkaDir.resolve("broker.pid")).trim());
        assertThat(output).contains("KAFKA_BOOTSTRAP=" + bootstrap);
        log.info("E2E broker pid {} up at {} after {}", brokerPid, bootstrap, elapsed());
    }

    /** Runs a config/kafka script, its output in target/e2e/<name>.log; fails on a non-zero exit. */
    private static String runScript(String name, Duration timeout, String... command) throws Exception {
        Path logFile = workDir.resolve(name + ".log");
        List<String> cmd = new ArrayList<>();
        cmd.add("bash");
        cmd.addAll(List.of(command));
        Process script = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
        try {
            if (!script.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError(name + " did not finish within " + timeout + "; see " + logFile);
            }
        } finally {
            script.descendants().forEach(ProcessHandle::destroyForcibly);
            script.destroyForcibly();
        }
        String output = Files.readString(logFile);
        assertThat(script.exitValue()).as(name + " exit status; its output:\n" + output).isZero();
        return output;
    }

    private static void startWorker(int member, String name) throws IOException {
        startApp(name, "worker", Map.of("HYDRO_MEMBER_ID", String.valueOf(member)));
        RUNNING.put("worker-" + member, RUNNING.remove(name));
    }

    private static void startApp(String name, String profile, Map<String, String> env) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(JVM_OPTIONS);
        cmd.addAll(List.of("-jar", jar.toString(),
                "--spring.profiles.active=" + profile,
                "--spring.config.additional-location=optional:file:" + configDir + "/",
                "--server.address=127.0.0.1",
                "--hydro.kafka.topic-prefix=" + topicPrefix,
                "--spring.cloud.stream.bindings.lines.destination=" + linesTopic,
                "--spring.cloud.stream.bindings.lines.group=" + linesGroup,
                "--spring.cloud.stream.bindings.lines-publish.destination=" + linesTopic,
                "--spring.cloud.stream.bindings.trending.destination=" + topicPrefix + "-trending"));
        Path logFile = workDir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        // Nothing from the caller's environment may pick the instance or the broker.
        builder.environment().keySet().removeIf(k -> k.startsWith("HYDRO_") || k.startsWith("SPRING_")
                || k.equals("KAFKA_BOOTSTRAP") || k.equals("WORKERS") || k.equals("PORT"));
        builder.environment().put("KAFKA_BOOTSTRAP", bootstrap);
        builder.environment().put("WORKERS", String.valueOf(WORKERS));
        builder.environment().putAll(env);
        Process process = builder.start();
        STARTED.add(process);
        LOGS.put(process, logFile);
        RUNNING.put(name, process);
        log.info("E2E started {} (pid {}), log {}", name, process.pid(), logFile);
    }

    /** Fails fast, with the end of its log, when a JVM of the deployment has exited. */
    private static void assertAllAlive() throws IOException {
        for (Map.Entry<String, Process> running : RUNNING.entrySet()) {
            Process p = running.getValue();
            if (!p.isAlive()) {
                String name = running.getKey();
                Path logFile = LOGS.get(p);
                List<String> lines = Files.readAllLines(logFile).stream()
                        .filter(l -> !l.startsWith("\tat ") && !l.startsWith("\t... ")).toList(); // no stack frames
                throw new AssertionError(name + " (pid " + p.pid() + ") exited with status " + p.exitValue()
                        + "; the end of " + logFile + ":\n"
                        + String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size())));
            }
        }
    }

    private static String elapsed() {
        return String.format("%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }

    // ---- Kafka ----

    private static KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return new KafkaProducer<>(props);
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    private static void produce(KafkaProducer<String, String> producer, List<String> lines) throws Exception {
        for (String line : lines) {
            producer.send(new ProducerRecord<>(linesTopic, line));
        }
        producer.flush();
        log.info("E2E produced {} lines to {}", lines.size(), linesTopic);
    }

    /**
     * Records not yet committed, per partition: of every edge topic (by the consumer group of the location that
     * reads it) and of the lines topic (by the leader's binding group).
     */
    private static Map<TopicPartition, Long> uncommitted(Admin admin) throws Exception {
        List<String> topics = admin.listTopics().names().get().stream()
                .filter(t -> t.startsWith(topicPrefix + ".") || t.equals(linesTopic)).toList();
        Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        described.forEach((topic, d) -> d.partitions()
                .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));

        Map<TopicPartition, Long> committed = new HashMap<>();
        for (String group : groups(admin)) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            offsets.forEach((tp, o) -> {
                if (o != null) {
                    committed.merge(tp, o.offset(), Math::max);
                }
            });
        }
        Map<TopicPartition, Long> result = new TreeMap<>(Comparator.comparing(TopicPartition::toString));
        ends.forEach((tp, end) -> result.put(tp, end - committed.getOrDefault(tp, 0L)));
        return result;
    }

    /** Uncommitted records on the partitions a worker member reads (its partition of each edge topic). */
    private static long uncommittedOnMember(Admin admin, int member) throws Exception {
        List<String> workerGroups = groups(admin).stream().filter(g -> g.endsWith(".workers")).toList();
        long inFlight = 0;
        for (String group : workerGroups) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            List<String> topics = offsets.keySet().stream().map(TopicPartition::topic).distinct().toList();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (String topic : topics) {
                latest.put(new TopicPartition(topic, member), OffsetSpec.latest());
            }
            for (var e : admin.listOffsets(latest).all().get().entrySet()) {
                OffsetAndMetadata done = offsets.get(e.getKey());
                inFlight += e.getValue().offset() - (done == null ? 0 : done.offset());
            }
        }
        return inFlight;
    }

    private static List<String> groups(Admin admin) throws Exception {
        return admin.listConsumerGroups().all().get().stream().map(ConsumerGroupListing::groupId)
                .filter(g -> g.startsWith(topicPrefix + ".") || g.equals(linesGroup)).toList();
    }

    // ---- counts ----

    private static List<String> corpus() throws IOException {
        try (InputStream in = TrendingWordsDistributedIT.class.getResourceAsStream(CORPUS)) {
            assertThat(in).as(CORPUS).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
    }

    /** What the service must report, computed single-threaded with the service's own tokenizer. */
    private static Map<String, Long> expectedCounts(List<String> lines) {
        Map<String, Long> counts = new HashMap<>();
        for (String line : lines) {
            for (String word : Words.split(line)) {
                counts.merge(word, 1L, Long::sum);
            }
        }
        return counts;
    }

    private static long total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static String get(String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + leaderPort + path))
                    .timeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " -> " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Long> counts() {
        return JSON.readValue(get("/counts"), new TypeReference<Map<String, Long>>() {
        });
    }

    private static void awaitCounts(String what, Map<String, Long> expected, Duration timeout) {
        await(what).atMost(timeout).pollInterval(Duration.ofMillis(500))
                .failFast(TrendingWordsDistributedIT::assertAllAlive)
                .untilAsserted(() -> {
                    Map<String, Long> actual = counts();
                    if (!actual.equals(expected)) {
                        throw new AssertionError("GET /counts differs from the expected counts ("
                                + total(actual) + " of " + total(expected) + " words): "
                                + difference(expected, actual));
                    }
                });
    }

    private static void assertAtLeast(Map<String, Long> expected, Map<String, Long> actual) {
        Map<String, String> missing = new TreeMap<>();
        expected.forEach((word, n) -> {
            long got = actual.getOrDefault(word, 0L);
            if (got < n) {
                missing.put(word, got + "<" + n);
            }
        });
        if (!missing.isEmpty()) {
            throw new AssertionError(missing.size() + " words below their expected count (" + total(actual) + " of "
                    + total(expected) + " words counted), e.g. " + first(missing, 10));
        }
    }

    /** At most 10 words whose counts differ, as word=actual/expected. */
    private static String difference(Map<String, Long> expected, Map<String, Long> actual) {
        Map<String, String> diff = new TreeMap<>();
        Stream.concat(expected.keySet().stream(), actual.keySet().stream()).distinct().forEach(word -> {
            long want = expected.getOrDefault(word, 0L);
            long got = actual.getOrDefault(word, 0L);
            if (want != got) {
                diff.put(word, got + "/" + want);
            }
        });
        return diff.size() + " words differ (actual/expected), e.g. " + first(diff, 10);
    }

    private static <V> Map<String, V> first(Map<String, V> map, int n) {
        return map.entrySet().stream().limit(n)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }
}
