package dev.hydro.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sample deployed the way it runs in production, for end-to-end and fault tests: a real standalone Kafka
 * broker ({@code config/kafka/kafka-start.sh} on a free port), the leader and two workers as separate JVMs
 * running the repackaged jar with the {@code leader}/{@code worker} profiles of {@code config/}, all isolated by
 * a topic prefix of their own. One setting differs from the profiles: the session timeout of the leader's
 * {@code lines} consumer is 10 s instead of Kafka's 45 s, so that a restarted leader gets its input back sooner.
 *
 * <p>A JUnit extension: registered on a test class, it starts everything before the first test and stops
 * everything after the last, also when a test fails; a JVM shutdown hook kills what is left should the test JVM
 * itself be stopped.
 *
 * <p>Everything goes under {@code target/e2e/<name>/}: each JVM's output in {@code <instance>.log} (a restarted
 * instance in {@code <instance>.run-<n>.log}), the broker's state and {@code broker.log} in {@code kafka/}, the
 * broker scripts' output in {@code kafka-start.log} and {@code kafka-stop.log}. The broker's resolved
 * classpath is cached in {@code target/e2e/broker-classpath.txt}, shared by every deployment.
 *
 * <p>Faults: {@link #killLeader()} and {@link #killWorker(int)} SIGKILL an instance (no shutdown hook, no
 * commit, no flush), {@link #stopBroker(BrokerStop)} stops the broker gracefully or SIGKILLs it; the start
 * methods bring them back, the broker on the same port and data ({@code --keep-data}). Waiting is by polling
 * ({@code GET /actuator/health}, {@code GET /counts}, a JVM's log, the broker's consumer-group offsets), and
 * every wait fails at once, with the end of its log, if an instance that should run has died.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final DistributedDeployment deployment = DistributedDeployment.of("faults");
 *
 * deployment.produce(lines);
 * deployment.awaitCounts("all counted", Duration.ofMinutes(2), counts -> WordCounts.assertAtLeast(expected, counts));
 * deployment.killWorker(1);
 * deployment.startWorker(1);
 * }</pre>
 */
final class DistributedDeployment implements BeforeAllCallback, AfterAllCallback {

    private static final Logger log = LoggerFactory.getLogger(DistributedDeployment.class);

    /** Members of the {@code workers} cluster. */
    static final int WORKERS = 2;
    /** The instance name of the leader. */
    static final String LEADER = "leader";

    private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1");
    private static final String STARTED_LINE = "Started TrendingWordsApplication";
    private static final Duration BROKER_START_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration BROKER_STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration APP_START_TIMEOUT = Duration.ofSeconds(240);
    private static final Duration APP_STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration LINES_SESSION_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CLIENT_CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** How the broker is stopped. */
    enum BrokerStop {
        /** {@code kafka-stop.sh}: SIGTERM, a controlled shutdown, and a wait until it has exited. */
        GRACEFUL,
        /** {@code kafka-stop.sh --kill}: SIGKILL, a crash; the next start recovers its logs. */
        KILL
    }

    private final String name;
    private final List<String> appArguments;

    /** Every app process started (also the killed ones), for the orphan check. */
    private final List<Process> started = new CopyOnWriteArrayList<>();
    /** The current process of each instance ({@code leader}, {@code worker-0}, ...) while it should run. */
    private final Map<String, Process> running = new ConcurrentHashMap<>();
    private final Map<Process, Path> logs = new ConcurrentHashMap<>();
    private final Map<String, Integer> launches = new ConcurrentHashMap<>();
    private final List<Long> brokerPids = new CopyOnWriteArrayList<>();

    private Path jar;
    private Path configDir;
    private Path dir;
    private Path kafkaDir;
    private Path classpathCache;
    private int kafkaPort;
    private int leaderPort;
    private String bootstrap;
    private String topicPrefix;
    private String linesTopic;
    private String linesGroup;
    private boolean brokerUp;
    private KafkaProducer<String, String> producer;
    private Admin admin;
    private Thread shutdownHook;
    private long startNanos;

    private DistributedDeployment(String name, List<String> appArguments) {
        this.name = name;
        this.appArguments = List.copyOf(appArguments);
    }

    /**
     * A deployment whose files go to {@code target/e2e/<name>/}; every app JVM also gets {@code appArguments}
     * (e.g. {@code --hydro.processing.guarantee=exactly-once}).
     */
    static DistributedDeployment of(String name, String... appArguments) {
        return new DistributedDeployment(name, List.of(appArguments));
    }

    // ---- lifecycle (JUnit) ----

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        stop();
    }

    private void start() throws Exception {
        startNanos = System.nanoTime();
        jar = Path.of(System.getProperty("e2e.jar", "target/sample-service.jar")).toAbsolutePath().normalize();
        configDir = Path.of(System.getProperty("e2e.config-dir", "../config")).toAbsolutePath().normalize();
        Path e2eDir = Path.of(System.getProperty("e2e.work-dir", "target/e2e")).toAbsolutePath().normalize();
        assertThat(jar).as("the repackaged jar (the IT runs after package)").isRegularFile();
        assertThat(configDir.resolve("application-leader.yml")).isRegularFile();
        assertThat(configDir.resolve("application-worker.yml")).isRegularFile();
        dir = e2eDir.resolve(name);
        kafkaDir = dir.resolve("kafka");
        classpathCache = e2eDir.resolve("broker-classpath.txt");
        FileSystemUtils.deleteRecursively(dir);
        Files.createDirectories(kafkaDir);
        if (Files.isRegularFile(classpathCache)) {
            // with its time stamp: kafka-start.sh re-resolves it when config/kafka/pom.xml is newer
            Files.copy(classpathCache, kafkaDir.resolve("cp.txt"), StandardCopyOption.COPY_ATTRIBUTES);
        }

        shutdownHook = new Thread(this::killEverything, "e2e-" + name + "-kill-on-exit");
        Runtime.getRuntime().addShutdownHook(shutdownHook);

        kafkaPort = FreePorts.pair();
        leaderPort = FreePorts.one();
        bootstrap = "127.0.0.1:" + kafkaPort;
        topicPrefix = "e2e-" + Long.toString(System.currentTimeMillis(), 36);
        linesTopic = topicPrefix + "-lines";
        linesGroup = topicPrefix + "-trending-words";
        log.info("E2E {}: broker {}, leader port {}, app arguments {}, files in {}", name, bootstrap, leaderPort,
                appArguments, dir);

        startBroker();
        Files.copy(kafkaDir.resolve("cp.txt"), classpathCache, StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.COPY_ATTRIBUTES);
        instances().forEach(this::launch); // all at once: the JVMs start in parallel
        instances().forEach(this::awaitReady);
        log.info("E2E {}: deployment up after {}", name, elapsed());
    }

    private void stop() throws Exception {
        try {
            closeClients();
            List<Process> stopping = List.copyOf(running.values());
            running.clear();
            if (brokerUp) {
                stopping.forEach(Process::destroy); // SIGTERM: Spring's graceful shutdown, all in parallel
            } else {
                stopping.forEach(Process::destroyForcibly); // a graceful shutdown would wait for the broker
            }
            for (Process p : stopping) {
                if (!p.waitFor(APP_STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    log.warn("E2E pid {} ignored SIGTERM for {}; killing it", p.pid(), APP_STOP_TIMEOUT);
                    p.destroyForcibly().waitFor(KILL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                }
            }
            if (brokerUp) {
                stopBroker(BrokerStop.GRACEFUL);
            }
            for (Process p : started) {
                assertThat(p.isAlive()).as("orphan check: pid " + p.pid() + " (" + p.info().command().orElse("?")
                        + ") is dead").isFalse();
            }
            for (long pid : brokerPids) {
                assertThat(LocalProcesses.isRunning(pid)).as("orphan check: broker pid " + pid + " is dead")
                        .isFalse();
            }
            log.info("E2E {}: all {} processes stopped (broker pids {}); total {}", name,
                    started.size() + brokerPids.size(), brokerPids, elapsed());
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

    /** Last resort, also from the shutdown hook: SIGKILL whatever this deployment started that is still alive. */
    private void killEverything() {
        started.stream().filter(Process::isAlive).forEach(Process::destroyForcibly);
        brokerPids.forEach(pid -> ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .ifPresent(ProcessHandle::destroyForcibly));
    }

    // ---- the broker ----

    /** Stops the broker; its data stays for {@link #startBroker()}. Returns once its JVM has exited. */
    void stopBroker(BrokerStop how) throws Exception {
        long pid = brokerPids.get(brokerPids.size() - 1);
        List<String> command = new ArrayList<>(List.of(configDir.resolve("kafka/kafka-stop.sh").toString(),
                "--port", String.valueOf(kafkaPort), "--dir", kafkaDir.toString()));
        if (how == BrokerStop.KILL) {
            command.add("--kill");
        }
        runScript("kafka-stop", BROKER_STOP_TIMEOUT, command);
        brokerUp = false;
        await("broker pid " + pid + " gone after kafka-stop.sh").atMost(KILL_TIMEOUT).pollInterval(POLL)
                .until(() -> !LocalProcesses.isRunning(pid));
        log.info("E2E {}: broker pid {} stopped ({}) after {}", name, pid, how, elapsed());
    }

    /**
     * Starts the broker on its port: the first time on fresh data, after {@link #stopBroker} on the data it had
     * ({@code kafka-start.sh --keep-data}). Returns once it is ready.
     */
    void startBroker() throws Exception {
        String output = runScript("kafka-start", BROKER_START_TIMEOUT,
                List.of(configDir.resolve("kafka/kafka-start.sh").toString(), "--port", String.valueOf(kafkaPort),
                        "--dir", kafkaDir.toString(), "--keep-data"));
        assertThat(output).contains("KAFKA_BOOTSTRAP=" + bootstrap);
        long pid = Long.parseLong(Files.readString(kafkaDir.resolve("broker.pid")).trim());
        brokerPids.add(pid);
        brokerUp = true;
        log.info("E2E {}: broker pid {} up at {} after {}", name, pid, bootstrap, elapsed());
    }

    /** Runs a config/kafka script, its output appended to {@code <name>.log}; fails on a non-zero exit. */
    private String runScript(String script, Duration timeout, List<String> command) throws Exception {
        Path logFile = dir.resolve(script + ".log");
        long offset = Files.exists(logFile) ? Files.size(logFile) : 0;
        List<String> cmd = new ArrayList<>();
        cmd.add("bash");
        cmd.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        LocalProcesses.clearDeploymentVariables(builder.environment());
        Process process = builder.start();
        try {
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError(script + " did not finish within " + timeout + "; see " + logFile);
            }
        } finally {
            // Only a script that hangs still has descendants; a broker it started in the background and left
            // running on success has been handed to init by then.
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        String output = Files.readString(logFile).substring((int) offset);
        assertThat(process.exitValue()).as(script + " exit status; its output:\n" + output).isZero();
        return output;
    }

    // ---- the app instances ----

    /** The instance name of a worker member: {@code worker-<member>}. */
    static String worker(int member) {
        return "worker-" + member;
    }

    /** Starts the leader again and waits until its {@code /actuator/health} is UP. */
    void startLeader() {
        launch(LEADER);
        awaitReady(LEADER);
    }

    /** Starts a worker again and waits until it has logged that it started. */
    void startWorker(int member) {
        launch(worker(member));
        awaitReady(worker(member));
    }

    /** SIGKILLs the leader: no shutdown hook, no commit, no flush. */
    void killLeader() throws InterruptedException {
        kill(LEADER);
    }

    /** SIGKILLs a worker: no shutdown hook, no commit, no flush. */
    void killWorker(int member) throws InterruptedException {
        kill(worker(member));
    }

    /**
     * Brings back whatever is down (after a fault step that failed half-way), so that the next step starts from
     * a whole deployment; an instance that died by itself is reported.
     */
    void ensureRunning() throws Exception {
        if (!brokerUp) {
            log.warn("E2E {}: the broker is down; starting it", name);
            startBroker();
        }
        List<String> down = new ArrayList<>();
        for (String instance : instances()) {
            Process p = running.get(instance);
            if (p == null || !p.isAlive()) {
                if (p != null) {
                    log.warn("E2E {}: {} (pid {}) died by itself, exit status {}; see {}", name, instance, p.pid(),
                            p.exitValue(), logs.get(p));
                }
                running.remove(instance);
                down.add(instance);
            }
        }
        down.forEach(this::launch);
        down.forEach(this::awaitReady);
    }

    private List<String> instances() {
        List<String> instances = new ArrayList<>(List.of(LEADER));
        for (int member = 0; member < WORKERS; member++) {
            instances.add(worker(member));
        }
        return instances;
    }

    private void kill(String instance) throws InterruptedException {
        Process victim = running.remove(instance);
        assertThat(victim).as(instance + " runs before it is killed").isNotNull();
        victim.destroyForcibly(); // SIGKILL on Linux
        assertThat(victim.waitFor(KILL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as(instance + " exits").isTrue();
        assertThat(victim.exitValue()).as("exit status 128+9: " + instance + " died of SIGKILL").isEqualTo(137);
        log.info("E2E {}: {} (pid {}) SIGKILLed after {}", name, instance, victim.pid(), elapsed());
    }

    private void launch(String instance) {
        boolean leader = instance.equals(LEADER);
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(JVM_OPTIONS);
        cmd.addAll(List.of("-jar", jar.toString(),
                "--spring.profiles.active=" + (leader ? "leader" : "worker"),
                "--spring.config.additional-location=optional:file:" + configDir + "/",
                "--server.address=127.0.0.1",
                "--hydro.kafka.topic-prefix=" + topicPrefix,
                "--spring.cloud.stream.bindings.lines.destination=" + linesTopic,
                "--spring.cloud.stream.bindings.lines.group=" + linesGroup,
                "--spring.cloud.stream.bindings.lines-publish.destination=" + linesTopic,
                "--spring.cloud.stream.bindings.trending.destination=" + topicPrefix + "-trending",
                // A restarted leader gets the lines partition only once the group has given up on the killed one:
                // after the session timeout, 45 s by default. 10 s keeps a leader-kill test short.
                "--spring.cloud.stream.kafka.bindings.lines.consumer.configuration.session.timeout.ms="
                        + LINES_SESSION_TIMEOUT.toMillis()));
        cmd.addAll(appArguments);
        int run = launches.merge(instance, 1, Integer::sum);
        Path logFile = dir.resolve(run == 1 ? instance + ".log" : instance + ".run-" + run + ".log");
        ProcessBuilder builder = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        LocalProcesses.clearDeploymentVariables(builder.environment());
        builder.environment().put("KAFKA_BOOTSTRAP", bootstrap);
        builder.environment().put("WORKERS", String.valueOf(WORKERS));
        if (leader) {
            builder.environment().put("PORT", String.valueOf(leaderPort));
        } else {
            builder.environment().put("HYDRO_MEMBER_ID", instance.substring("worker-".length()));
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        started.add(process);
        logs.put(process, logFile);
        running.put(instance, process);
        log.info("E2E {}: started {} (pid {}), log {}", name, instance, process.pid(), logFile);
    }

    /** The leader: {@code /actuator/health} UP. A worker: its log says it started. */
    private void awaitReady(String instance) {
        Process process = running.get(instance);
        if (instance.equals(LEADER)) {
            poll(instance + " /actuator/health UP", APP_START_TIMEOUT).ignoreExceptions()
                    .until(() -> get("/actuator/health").contains("\"status\":\"UP\""));
        } else {
            poll(instance + " logged \"" + STARTED_LINE + "\"", APP_START_TIMEOUT)
                    .until(() -> Files.readString(logs.get(process)).contains(STARTED_LINE));
        }
        log.info("E2E {}: {} (pid {}) ready after {}", name, instance, process.pid(), elapsed());
    }

    /** Fails, with the end of its log, when a JVM that should run has exited. */
    private void assertAllAlive() {
        for (Map.Entry<String, Process> instance : running.entrySet()) {
            Process p = instance.getValue();
            if (!p.isAlive()) {
                throw new AssertionError(instance.getKey() + " (pid " + p.pid() + ") exited with status "
                        + p.exitValue() + "; the end of " + logs.get(p) + ":\n" + LocalProcesses.logTail(logs.get(p)));
            }
        }
    }

    /** A wait that polls every 500 ms and fails at once if a JVM that should run has died. */
    private ConditionFactory poll(String what, Duration timeout) {
        return await(what).atMost(timeout).pollInterval(POLL).failFast(what + ": an instance died",
                this::assertAllAlive);
    }

    // ---- input ----

    /** Produces lines to the {@code lines} topic and waits until the broker has them. */
    void produce(List<String> lines) throws Exception {
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        for (String line : lines) {
            sends.add(producer().send(new ProducerRecord<>(linesTopic, line)));
        }
        producer().flush();
        for (Future<RecordMetadata> send : sends) {
            send.get(); // done after flush(); throws if the broker refused the record
        }
        log.info("E2E {}: produced {} lines to {}", name, lines.size(), linesTopic);
    }

    /** Starts producing lines to the {@code lines} topic in the background, at a steady rate. */
    LineFeed feed(List<String> lines, int linesPerSecond) {
        log.info("E2E {}: feeding {} lines to {} at {} lines/s", name, lines.size(), linesTopic, linesPerSecond);
        return new LineFeed(producer(), linesTopic, lines, linesPerSecond);
    }

    private synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            props.put(ProducerConfig.ACKS_CONFIG, "all"); // idempotent by default: a broker restart adds no line
            props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
            producer = new KafkaProducer<>(props);
        }
        return producer;
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        }
        return admin;
    }

    private synchronized void closeClients() {
        if (producer != null) {
            producer.close(CLIENT_CLOSE_TIMEOUT);
            producer = null;
        }
        if (admin != null) {
            admin.close(CLIENT_CLOSE_TIMEOUT);
            admin = null;
        }
    }

    // ---- output ----

    /** {@code GET /counts} of the leader. */
    Map<String, Long> counts() {
        return JSON.readValue(get("/counts"), new TypeReference<Map<String, Long>>() {
        });
    }

    /**
     * Polls {@code GET /counts} until {@code check} accepts the counts; fails with the alias {@code what} and
     * the check's last message when time runs out, and at once when an instance that should run has died.
     */
    void awaitCounts(String what, Duration timeout, Consumer<Map<String, Long>> check) {
        awaitCounts(what, timeout, Duration.ZERO, check, counts -> {
        });
    }

    /**
     * Polls {@code GET /counts} until {@code check} has accepted the counts for {@code stableFor} in a row;
     * fails at once when {@code mustNeverFail} rejects them (e.g. a count above its reference: counts only
     * grow) or an instance that should run has died, with {@code what} and the reason in the message.
     * {@code GET /counts} failing to answer (the leader restarting) is waited out.
     */
    void awaitCounts(String what, Duration timeout, Duration stableFor, Consumer<Map<String, Long>> check,
            Consumer<Map<String, Long>> mustNeverFail) {
        ConditionFactory wait = await(what).atMost(timeout).pollInterval(POLL)
                .ignoreExceptionsInstanceOf(UncheckedIOException.class)
                .failFast(what, () -> {
                    assertAllAlive();
                    servedCounts().ifPresent(mustNeverFail);
                });
        if (!stableFor.isZero()) {
            wait = wait.during(stableFor);
        }
        try {
            wait.untilAsserted(() -> check.accept(counts()));
        } catch (TerminalFailureException e) {
            throw new AssertionError(e.getMessage() + ": " + e.getCause().getMessage(), e);
        }
    }

    /** {@code GET /counts}, or empty while the leader does not answer. */
    private Optional<Map<String, Long>> servedCounts() {
        try {
            return Optional.of(counts());
        } catch (UncheckedIOException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    private String get(String path) {
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

    // ---- offsets: what is still in flight ----

    /**
     * Waits until the deployment is quiet: every record of every edge topic and of the {@code lines} topic is
     * committed by the consumer group that reads it. Returns false if it did not become quiet in time.
     */
    boolean awaitQuiet(Duration timeout) {
        try {
            poll("every edge and input record committed", timeout)
                    .until(() -> uncommitted().values().stream().allMatch(n -> n == 0));
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    /** Waits until at least one record waits, uncommitted, on the partitions a worker member reads. */
    long awaitBacklogOnWorker(int member, Duration timeout) {
        return poll("records wait for worker " + member, timeout)
                .until(() -> uncommittedOnWorker(member), n -> n > 0);
    }

    /** Records not yet committed on the partitions a worker member reads (its partition of each edge topic). */
    long uncommittedOnWorker(int member) throws Exception {
        List<String> workerGroups = groups().stream().filter(g -> g.endsWith(".workers")).toList();
        long inFlight = 0;
        for (String group : workerGroups) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin().listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            offsets.keySet().stream().map(TopicPartition::topic).distinct()
                    .forEach(topic -> latest.put(new TopicPartition(topic, member), OffsetSpec.latest()));
            for (var end : admin().listOffsets(latest).all().get().entrySet()) {
                OffsetAndMetadata done = offsets.get(end.getKey());
                inFlight += end.getValue().offset() - (done == null ? 0 : done.offset());
            }
        }
        return inFlight;
    }

    /**
     * Records not yet committed, per partition: of every edge topic (by the consumer group of the location that
     * reads it) and of the lines topic (by the leader's binding group). Topics of the prefix that no group of the
     * deployment has committed on (dead letters, anything read without a group) are not edges and do not count.
     */
    private Map<TopicPartition, Long> uncommitted() throws Exception {
        Map<TopicPartition, Long> committed = new HashMap<>();
        for (String group : groups()) {
            admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().forEach((tp, o) -> {
                if (o != null) {
                    committed.merge(tp, o.offset(), Math::max);
                }
            });
        }
        Set<String> topics = new HashSet<>(List.of(linesTopic));
        committed.keySet().forEach(tp -> topics.add(tp.topic()));
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin().describeTopics(topics).allTopicNames().get().forEach((topic, d) -> d.partitions()
                .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, Long> result = new HashMap<>();
        admin().listOffsets(latest).all().get()
                .forEach((tp, end) -> result.put(tp, end.offset() - committed.getOrDefault(tp, 0L)));
        return result;
    }

    private List<String> groups() throws Exception {
        return admin().listConsumerGroups().all().get().stream().map(ConsumerGroupListing::groupId)
                .filter(g -> g.startsWith(topicPrefix + ".") || g.equals(linesGroup)).toList();
    }

    // ---- misc ----

    /** Time since the deployment started, for the progress log. */
    String elapsed() {
        return String.format("%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }
}
