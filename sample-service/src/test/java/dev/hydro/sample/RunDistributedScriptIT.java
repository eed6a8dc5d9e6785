package dev.hydro.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * The commands of {@code config/README.md} that run the sample distributed, exactly as a user runs them: with
 * bash, from the repository root, {@code config/run-distributed.sh --workers 2 --port <free> --leader-port
 * <free>} (a fresh standalone broker, the leader and two workers, each its own JVM), then the curl request it
 * prints (over real HTTP), then {@code config/stop-distributed.sh --broker --port <port>}. The only difference
 * from the README is the free ports instead of 19092 and 8080, and {@code JAVA_OPTS} (which the script documents)
 * adding {@code -XX:TieredStopAtLevel=1} for a faster start.
 *
 * <p>It checks that the run script exits 0 and prints the curl hints, that a line posted to the leader is
 * counted, that the stop script exits 0, and that afterwards every PID the run script wrote to
 * {@code config/.run/*.pid} is dead (as is the broker of {@code config/kafka/.state-<port>/broker.pid}) and the
 * broker's port refuses connections.
 *
 * <p>The scripts keep their state in the repository: {@code config/.run/} (git-ignored, shared with any run by
 * hand; the run script refuses to start while it names a running instance, so a deployment still running from
 * there is stopped first) and the broker's state dir {@code config/kafka/.state-<port>/}, which the test deletes
 * at the end (its {@code broker.log} is kept in {@code target/e2e/run-distributed/}, with copies of the
 * instances' logs). The scripts' output goes to {@code target/e2e/run-distributed-script.log}.
 *
 * <p>Clean-up, also when the test fails: {@code config/stop-distributed.sh --broker --port <port>}, then, as a
 * last resort, SIGKILL to every PID the run script wrote (and the broker's), each only while it still runs the
 * sample jar or the broker. A JVM shutdown hook does the last step should the test JVM itself be stopped.
 *
 * <p>Run by maven-failsafe-plugin after {@code package} ({@code mvn -B verify}). It needs bash, curl, {@code mvn}
 * (the broker script resolves the broker's classpath once per state dir) and about 1.2 GB of memory. It takes
 * about a minute on two idle cores.
 */
class RunDistributedScriptIT {

    private static final Logger log = LoggerFactory.getLogger(RunDistributedScriptIT.class);

    private static final int WORKERS = 2;
    /** The run script's own start-up limit (its START_TIMEOUT_S): generous, the JVMs share two busy cores. */
    private static final int START_TIMEOUT_S = 300;
    /** The run script's JAVA_OPTS: its default heap, and C1 only, which starts the JVMs faster (as the other ITs). */
    private static final String JAVA_OPTS = "-Xmx256m -XX:TieredStopAtLevel=1";
    /** The run script: resolving the broker classpath and starting the broker (at most 90 s), then the JVMs. */
    private static final Duration RUN_SCRIPT_TIMEOUT = Duration.ofSeconds(START_TIMEOUT_S + 180);
    /** The stop script: at most 30 s for the instances (then SIGKILL), 30 s for the broker. */
    private static final Duration STOP_SCRIPT_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration COUNT_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(15);

    private static final String LINE = "to be or not to be";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    private Path root;
    private Path runDir;
    private Path workDir;
    private Path scriptLog;
    private int kafkaPort;
    private int leaderPort;
    private Path brokerStateDir;
    /** Every PID the run script wrote (instances, by name, and "broker"): the clean-up's last resort. */
    private final Map<String, Long> pids = new LinkedHashMap<>();
    private Thread shutdownHook;
    private long startNanos;

    @BeforeEach
    void prepare() throws Exception {
        startNanos = System.nanoTime();
        Path jar = Path.of(System.getProperty("e2e.jar", "target/sample-service.jar")).toAbsolutePath().normalize();
        Path configDir = Path.of(System.getProperty("e2e.config-dir", "../config")).toAbsolutePath().normalize();
        workDir = Path.of(System.getProperty("e2e.work-dir", "target/e2e")).toAbsolutePath().normalize();
        root = configDir.getParent();
        runDir = configDir.resolve(".run");
        assertThat(jar).as("the repackaged jar (the IT runs after package)").isRegularFile();
        assertThat(root.resolve("sample-service/target/sample-service.jar"))
                .as("the jar run-distributed.sh starts").isRegularFile();
        assertThat(root.resolve("config/run-distributed.sh")).isRegularFile();
        assertThat(root.resolve("config/stop-distributed.sh")).isRegularFile();
        Files.createDirectories(workDir);
        scriptLog = workDir.resolve("run-distributed-script.log");
        Files.writeString(scriptLog, "");
        if (Files.isDirectory(workDir.resolve("run-distributed"))) {
            FileSystemUtils.deleteRecursively(workDir.resolve("run-distributed")); // the logs saved by an earlier run
        }

        shutdownHook = new Thread(this::killRecorded, "run-distributed-kill-on-exit");
        Runtime.getRuntime().addShutdownHook(shutdownHook);

        // The run script refuses to start while config/.run/ names a running instance (a run by hand, or a test
        // run that was itself killed): stop it the way the README says.
        List<Path> leftovers = pidFiles();
        if (!leftovers.isEmpty()) {
            log.warn("config/.run/ still has {}; stopping that deployment first", leftovers);
            Script stop = runScript(STOP_SCRIPT_TIMEOUT, "config/stop-distributed.sh");
            assertThat(stop.exitCode()).as("stop-distributed.sh (leftovers) exit status; output:\n" + stop.output())
                    .isZero();
        }

        kafkaPort = FreePorts.pair();
        leaderPort = FreePorts.one();
        brokerStateDir = configDir.resolve("kafka/.state-" + kafkaPort);
        log.info("run-distributed.sh test: broker port {}, leader port {}, script log {}", kafkaPort, leaderPort,
                scriptLog);
    }

    @Test
    void runAndStopDistributedAsTheReadmeSays() throws Exception {
        // 1. config/run-distributed.sh: broker + leader + 2 workers, up when it returns.
        Script run = runScript(RUN_SCRIPT_TIMEOUT, "config/run-distributed.sh", "--workers", String.valueOf(WORKERS),
                "--port", String.valueOf(kafkaPort), "--leader-port", String.valueOf(leaderPort));
        recordPids();
        log.info("run-distributed.sh exited {} after {}; pids {}", run.exitCode(), elapsed(), pids);
        assertThat(run.exitCode()).as("run-distributed.sh exit status; its output:\n" + run.output()
                + "\nleader log tail:\n" + LocalProcesses.logTail(runDir.resolve("leader.log"))).isZero();

        String base = "http://localhost:" + leaderPort;
        assertThat(run.output())
                .contains("run-distributed: leader and " + WORKERS + " worker(s) are up (broker 127.0.0.1:"
                        + kafkaPort + ")")
                .contains("curl -X POST " + base + "/lines -H 'Content-Type: text/plain' --data '" + LINE + "'")
                .contains("curl " + base + "/counts\n")
                .contains("curl " + base + "/counts/be\n")
                .contains("curl " + base + "/trending\n")
                .contains("curl " + base + "/actuator/hydro\n")
                .contains("Stop: config/stop-distributed.sh");
        List<String> instances = instanceNames();
        assertThat(pids).as("the PIDs in config/.run/*.pid and the broker's broker.pid")
                .containsOnlyKeys(Stream.concat(instances.stream(), Stream.of("broker")).toList());
        pids.forEach((name, pid) -> assertThat(LocalProcesses.isRunning(pid)).as(name + " (pid " + pid + ") runs")
                .isTrue());
        assertThat(Files.readString(runDir.resolve("broker.port")).trim()).isEqualTo(String.valueOf(kafkaPort));

        // 2. The README's first curl hint, then GET /counts/be until the line is counted.
        HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(base + "/lines"))
                .header("Content-Type", "text/plain").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(LINE)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).as("POST /lines -> " + posted.body()).isEqualTo(200);
        assertThat(posted.body()).isEqualTo("{\"published\":1}");
        await("GET /counts/be shows 2").atMost(COUNT_TIMEOUT).pollInterval(Duration.ofMillis(500))
                .failFast("an instance or the broker exited", this::anyRecordedDead)
                .ignoreExceptions()
                .until(() -> count(base, "be") == 2);
        assertThat(count(base, "to")).isEqualTo(2);
        assertThat(count(base, "or")).isEqualTo(1);
        assertThat(count(base, "not")).isEqualTo(1);
        log.info("run-distributed.sh test: the line was counted after {}", elapsed());

        // 3. config/stop-distributed.sh --broker --port <port>: everything gone.
        Script stop = runScript(STOP_SCRIPT_TIMEOUT, "config/stop-distributed.sh", "--broker", "--port",
                String.valueOf(kafkaPort));
        log.info("stop-distributed.sh exited {} after {}", stop.exitCode(), elapsed());
        assertThat(stop.exitCode()).as("stop-distributed.sh exit status; its output:\n" + stop.output()).isZero();
        assertThat(stop.output())
                .contains("stop-distributed: " + instances.size() + " instance(s) stopped")
                .contains("kafka-stop: broker stopped");
        pids.forEach((name, pid) -> assertThat(LocalProcesses.isRunning(pid))
                .as(name + " (pid " + pid + ") is dead after stop-distributed.sh").isFalse());
        assertThat(pidFiles()).as("config/.run/*.pid after stop-distributed.sh").isEmpty();
        assertThat(runDir.resolve("broker.port")).doesNotExist();
        assertThat(acceptsConnections(kafkaPort)).as("broker port " + kafkaPort + " accepts connections").isFalse();
        assertThat(acceptsConnections(kafkaPort + 1)).as("controller port accepts connections").isFalse();
        assertThat(acceptsConnections(leaderPort)).as("leader port " + leaderPort + " accepts connections")
                .isFalse();
        log.info("run-distributed.sh test: all {} processes stopped, total {}", pids.size(), elapsed());
    }

    // ---- clean-up: also when the test fails ----

    @AfterEach
    void cleanUp() throws Exception {
        try {
            recordPids(); // whatever the run script got to write, also when it failed or timed out
            saveLogs();
            if (brokerStateDir != null) {
                Script stop = runScript(STOP_SCRIPT_TIMEOUT, "config/stop-distributed.sh", "--broker", "--port",
                        String.valueOf(kafkaPort));
                if (stop.exitCode() != 0) {
                    log.warn("clean-up: stop-distributed.sh exited {}:\n{}", stop.exitCode(), stop.output());
                }
            }
        } catch (Exception | AssertionError e) {
            log.warn("clean-up: stop-distributed.sh failed; killing the recorded PIDs", e);
        } finally {
            killRecorded();
            if (shutdownHook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(shutdownHook);
                } catch (IllegalStateException e) {
                    // the JVM is already shutting down
                }
            }
        }
        await("every recorded PID dead").atMost(KILL_TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> pids.values().stream().noneMatch(pid -> LocalProcesses.isRunning(pid) && isOurs(pid)));
        // The broker's state dir (cp.txt, data/, broker.log) was made for this free port only.
        if (brokerStateDir != null && Files.isDirectory(brokerStateDir)) {
            FileSystemUtils.deleteRecursively(brokerStateDir);
        }
    }

    /** Last resort: SIGKILL every PID the run script wrote that still runs the sample jar or the broker. */
    private void killRecorded() {
        try {
            recordPids();
        } catch (Exception e) {
            log.warn("clean-up: could not read the pid files", e);
        }
        pids.forEach((name, pid) -> {
            if (LocalProcesses.isRunning(pid) && isOurs(pid)) {
                log.warn("clean-up: {} (pid {}) still runs; SIGKILL", name, pid);
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        });
    }

    /** Adds the PIDs in config/.run/*.pid and the broker's broker.pid (a stop script deletes those files). */
    private synchronized void recordPids() throws IOException {
        for (Path pidFile : pidFiles()) {
            readPid(pidFile).ifPresent(pid -> pids.put(fileName(pidFile).replaceAll("\\.pid$", ""), pid));
        }
        if (brokerStateDir != null) {
            readPid(brokerStateDir.resolve("broker.pid")).ifPresent(pid -> pids.put("broker", pid));
        }
    }

    /** What the run script names its instances (config/.run/<name>.log and .pid): leader, worker-0, ... */
    private static List<String> instanceNames() {
        List<String> names = new ArrayList<>(List.of("leader"));
        for (int m = 0; m < WORKERS; m++) {
            names.add("worker-" + m);
        }
        return names;
    }

    private List<Path> pidFiles() throws IOException {
        if (!Files.isDirectory(runDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(runDir)) {
            return files.filter(f -> fileName(f).endsWith(".pid")).sorted().toList();
        }
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            String text = Files.readString(pidFile).trim();
            return text.matches("[0-9]+") ? Optional.of(Long.parseLong(text)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The instances' logs and the broker's, copied to target/e2e/run-distributed/ for a look after the run. */
    private void saveLogs() throws IOException {
        Path saved = workDir.resolve("run-distributed");
        Files.createDirectories(saved);
        for (String name : instanceNames()) {
            Path instanceLog = runDir.resolve(name + ".log");
            if (Files.isRegularFile(instanceLog)) {
                Files.copy(instanceLog, saved.resolve(name + ".log"), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (brokerStateDir != null && Files.isRegularFile(brokerStateDir.resolve("broker.log"))) {
            Files.copy(brokerStateDir.resolve("broker.log"), saved.resolve("broker.log"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
    }

    // ---- processes ----

    private record Script(int exitCode, String output) {
    }

    /**
     * Runs a script with bash from the repository root, appending its output to the script log. A script that
     * does not finish in time is killed with everything it started (those PIDs are recorded first).
     */
    private Script runScript(Duration timeout, String... command) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add("bash");
        cmd.addAll(List.of(command));
        Files.writeString(scriptLog, String.format("%n$ %s%n", String.join(" ", cmd)), StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        long offset = Files.size(scriptLog);
        ProcessBuilder builder = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(scriptLog.toFile()));
        // Nothing from the caller's environment may pick the instance, the broker or the JVM options.
        LocalProcesses.clearDeploymentVariables(builder.environment());
        builder.environment().put("START_TIMEOUT_S", String.valueOf(START_TIMEOUT_S));
        builder.environment().put("JAVA_OPTS", JAVA_OPTS);
        Process script = builder.start();
        if (!script.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            List<ProcessHandle> tree = script.descendants().toList();
            recordPids();
            tree.forEach(p -> pids.put("descendant-" + p.pid(), p.pid()));
            tree.forEach(ProcessHandle::destroyForcibly);
            script.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout
                    + "; its output:\n" + readFrom(scriptLog, offset));
        }
        String output = readFrom(scriptLog, offset);
        Files.writeString(scriptLog, String.format("[exit %d after %s]%n", script.exitValue(), elapsed()),
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        return new Script(script.exitValue(), output);
    }

    private static String readFrom(Path file, long offset) throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            in.seek(offset);
            byte[] bytes = new byte[(int) (in.length() - offset)];
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** Guards the last-resort SIGKILL against a recycled PID: only the sample's JVMs, the broker, our scripts. */
    private boolean isOurs(long pid) {
        try {
            String cmdline = Files.readString(Path.of("/proc", String.valueOf(pid), "cmdline")).replace('\0', ' ');
            return cmdline.contains("sample-service.jar") || cmdline.contains("kafka.Kafka")
                    || cmdline.contains(root + "/config/");
        } catch (IOException e) {
            return false;
        }
    }

    private boolean anyRecordedDead() {
        return pids.values().stream().anyMatch(pid -> !LocalProcesses.isRunning(pid));
    }

    private static boolean acceptsConnections(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            return true;
        } catch (ConnectException refused) {
            return false;
        }
    }

    private long count(String base, String word) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/counts/" + word))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET /counts/" + word + " -> " + response.body()).isEqualTo(200);
        return json.readTree(response.body()).get("count").asLong();
    }

    private static String fileName(Path path) {
        return path.getFileName().toString();
    }

    private String elapsed() {
        return String.format("%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }
}
