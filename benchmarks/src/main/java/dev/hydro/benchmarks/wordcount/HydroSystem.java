package dev.hydro.benchmarks.wordcount;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sample service's trending-words flow as deployed: its repackaged jar as a leader JVM and {@code workers}
 * worker JVMs with the {@code leader}/{@code worker} profiles of {@code config/}, exactly as
 * {@code TrendingWordsDistributedIT} starts them. Unlike there, every worker also gets an HTTP port (on 127.0.0.1)
 * so the harness can read its {@code hydro.tick.duration} meter from {@code /actuator/prometheus}. The input topic
 * has one partition: the flow reads it on its single leader process. The end of a batch comes from the leader's
 * {@code GET /stats?atLeast=N&waitMillis=M}, which answers once it has counted the batch's words (it checks every
 * millisecond, so the harness neither polls the leader's HTTP stack nor waits a poll interval); then
 * {@code GET /counts} is read once and compared with the reference.
 *
 * <p>Exactly-once passes {@code --hydro.processing.guarantee=exactly-once}. Whether this build of hydro knows that
 * property is read from the configuration metadata inside the jar ({@link #supportsProcessingGuarantee}); if it
 * does not, Spring ignores it, the run is at-least-once, and {@link #note()} says so.
 *
 * <pre>{@code
 * new HydroSystem(settings, Guarantee.AT_LEAST_ONCE, 2, false)
 * }</pre>
 */
final class HydroSystem implements WordCountSystem {

    /** How long one GET /stats may wait on the leader for the expected number of words. */
    static final long WAIT_MILLIS = 5_000;
    /** Between reads of GET /counts once the total is reached but a count still differs. */
    static final long POLL_MILLIS = 10;
    /** Prefix of the variant of a deployment of the scaling phase. */
    static final String SCALING = "scaling-";
    static final String GUARANTEE_PROPERTY = "hydro.processing.guarantee";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final LaunchSettings settings;
    private final Guarantee guarantee;
    private final int workers;
    private final boolean guaranteeSupported;
    private final boolean scaling;
    private final String name;
    private final String topicPrefix;
    private final String inputTopic;
    private final List<ChildJvm> jvms = new ArrayList<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private HydroCounts counts;

    /** {@code scaling}: a deployment of the scaling phase, with its own topics and variant name. */
    HydroSystem(LaunchSettings settings, Guarantee guarantee, int workers, boolean scaling) {
        this.settings = settings;
        this.guarantee = guarantee;
        this.workers = workers;
        this.scaling = scaling;
        this.guaranteeSupported = supportsProcessingGuarantee(settings.sampleJar());
        this.name = "hydro-" + variant();
        this.topicPrefix = settings.runId() + "-" + name;
        this.inputTopic = topicPrefix + "-lines";
    }

    @Override
    public String system() {
        return "hydro";
    }

    @Override
    public String id() {
        return topicPrefix;
    }

    @Override
    public Guarantee guarantee() {
        return guarantee;
    }

    @Override
    public int workers() {
        return workers;
    }

    @Override
    public String variant() {
        return (scaling ? SCALING : "") + guarantee.option() + "-w" + workers;
    }

    @Override
    public String note() {
        if (guarantee == Guarantee.EXACTLY_ONCE && !guaranteeSupported) {
            return "requested with --" + GUARANTEE_PROPERTY + "=exactly-once, which this build of hydro does not"
                    + " know (not in its configuration metadata): Spring ignored it, so this ran at-least-once";
        }
        return "";
    }

    @Override
    public String inputTopic() {
        return inputTopic;
    }

    @Override
    public void launch(Admin admin) throws Exception {
        admin.createTopics(List.of(new NewTopic(inputTopic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        ports.put("leader", FreePorts.one());
        jvms.add(start("leader", "leader", Map.of("PORT", String.valueOf(ports.get("leader"))), List.of()));
        for (int member = 0; member < workers; member++) {
            int port = FreePorts.one();
            ports.put("worker-" + member, port);
            jvms.add(start("worker-" + member, "worker", Map.of("HYDRO_MEMBER_ID", String.valueOf(member)),
                    List.of("--spring.main.web-application-type=servlet", "--server.port=" + port)));
        }
        counts = new HydroCounts(ports.get("leader"), this);
    }

    private ChildJvm start(String instance, String profile, Map<String, String> env, List<String> extraArgs) {
        List<String> args = new ArrayList<>(List.of("-jar", settings.sampleJar().toString(),
                "--spring.profiles.active=" + profile,
                "--spring.config.additional-location=optional:file:" + settings.configDir() + "/",
                "--server.address=127.0.0.1",
                "--hydro.kafka.topic-prefix=" + topicPrefix,
                "--spring.cloud.stream.bindings.lines.destination=" + inputTopic,
                "--spring.cloud.stream.bindings.lines.group=" + topicPrefix + "-trending-words",
                "--spring.cloud.stream.bindings.lines-publish.destination=" + inputTopic,
                "--spring.cloud.stream.bindings.trending.destination=" + topicPrefix + "-trending"));
        if (guarantee == Guarantee.EXACTLY_ONCE) {
            args.add("--" + GUARANTEE_PROPERTY + "=exactly-once");
        }
        args.addAll(extraArgs);
        Map<String, String> environment = new HashMap<>(env);
        environment.put("KAFKA_BOOTSTRAP", settings.bootstrap());
        environment.put("WORKERS", String.valueOf(workers));
        String jvmName = name + "-" + instance;
        return ChildJvm.start(jvmName, ChildJvm.java(settings.jvmOptions(), args), environment,
                settings.workDir().resolve(jvmName + ".log"), settings.workDir());
    }

    @Override
    public void awaitStarted(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Map.Entry<String, Integer> instance : ports.entrySet()) {
            while (true) {
                assertAlive();
                try {
                    if (get(instance.getValue(), "/actuator/health").contains("\"status\":\"UP\"")) {
                        break;
                    }
                } catch (IOException | IllegalStateException notYet) {
                    // not listening yet, or not UP
                }
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException(name + " " + instance.getKey() + " not UP within " + timeout);
                }
                Thread.sleep(250); // polling an HTTP health endpoint
            }
        }
    }

    @Override
    public CountsProbe counts() {
        return counts;
    }

    /**
     * {@code <role>.count} and {@code <role>.sum} (seconds) of hydro.tick.duration, and {@code <role>.commits} and
     * {@code <role>.commitSum} of hydro.commit.duration, {@code <role>.latencies} and {@code <role>.latencySum}
     * of hydro.commit.latency, role leader or workers.
     */
    @Override
    public Map<String, Double> metricsSnapshot() {
        Map<String, Double> snapshot = new HashMap<>();
        for (Map.Entry<String, Integer> instance : ports.entrySet()) {
            String role = instance.getKey().equals("leader") ? "leader" : "workers";
            try {
                String text = get(instance.getValue(), "/actuator/prometheus");
                snapshot.merge(role + ".count", prometheusSum(text, "hydro_tick_duration_seconds_count"), Double::sum);
                snapshot.merge(role + ".sum", prometheusSum(text, "hydro_tick_duration_seconds_sum"), Double::sum);
                snapshot.merge(role + ".commits", prometheusSum(text, "hydro_commit_duration_seconds_count"),
                        Double::sum);
                snapshot.merge(role + ".commitSum", prometheusSum(text, "hydro_commit_duration_seconds_sum"),
                        Double::sum);
                snapshot.merge(role + ".latencies",
                        prometheusSum(text, "hydro_commit_latency_seconds_count"), Double::sum);
                snapshot.merge(role + ".latencySum",
                        prometheusSum(text, "hydro_commit_latency_seconds_sum"), Double::sum);
            } catch (IOException | RuntimeException e) {
                snapshot.put(role + ".count", Double.NaN);
            }
        }
        return snapshot;
    }

    @Override
    public Map<String, Double> runMetrics(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (String role : List.of("leader", "workers")) {
            double ticks = after.getOrDefault(role + ".count", Double.NaN) - before.getOrDefault(role + ".count",
                    Double.NaN);
            double seconds = after.getOrDefault(role + ".sum", Double.NaN) - before.getOrDefault(role + ".sum",
                    Double.NaN);
            metrics.put("tick_ms_" + role, ticks > 0 ? 1000 * seconds / ticks : Double.NaN);
            metrics.put("ticks_" + role, ticks);
            double commits = delta(before, after, role + ".commits");
            metrics.put("commit_ms_" + role, commits > 0 ? 1000 * delta(before, after, role + ".commitSum") / commits
                    : Double.NaN);
            metrics.put("ticks_per_commit_" + role, commits > 0 ? ticks / commits : Double.NaN);
            double latencies = delta(before, after, role + ".latencies");
            if (latencies > 0) {
                metrics.put("commit_latency_ms_" + role, 1000 * delta(before, after, role + ".latencySum") / latencies);
            }
        }
        return metrics;
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String key) {
        return after.getOrDefault(key, Double.NaN) - before.getOrDefault(key, Double.NaN);
    }

    /** The sum of every sample of {@code metric} (all tag sets) in Prometheus text format. */
    static double prometheusSum(String text, String metric) {
        double sum = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith(metric + "{") || line.startsWith(metric + " ")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    @Override
    public void assertAlive() {
        jvms.forEach(ChildJvm::assertAlive);
    }

    @Override
    public double cpuSeconds() {
        return jvms.stream().mapToDouble(ChildJvm::cpuSeconds).sum();
    }

    @Override
    public void close() {
        if (counts != null) {
            counts.close();
        }
        ChildJvm.closeAll(jvms);
    }

    /**
     * Whether the hydro autoconfigure jar inside the sample's fat jar declares {@value #GUARANTEE_PROPERTY} in
     * its Spring configuration metadata.
     */
    static boolean supportsProcessingGuarantee(Path sampleJar) {
        try (ZipFile jar = new ZipFile(sampleJar.toFile())) {
            for (ZipEntry entry : jar.stream().toList()) {
                String n = entry.getName();
                if (n.startsWith("BOOT-INF/lib/hydro-spring-autoconfigure") && n.endsWith(".jar")) {
                    try (ZipInputStream nested = new ZipInputStream(jar.getInputStream(entry))) {
                        for (ZipEntry inner; (inner = nested.getNextEntry()) != null; ) {
                            if (inner.getName().equals("META-INF/spring-configuration-metadata.json")) {
                                return read(nested).contains("\"" + GUARANTEE_PROPERTY + "\"");
                            }
                        }
                    }
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + sampleJar, e);
        }
    }

    private static String read(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    static String get(int port, String path) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " -> " + response.statusCode());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** The leader's {@code GET /stats}, waiting for the total, then its {@code GET /counts} to compare. */
    private static final class HydroCounts implements CountsProbe {

        private final int port;
        private final HydroSystem system;
        private Map<String, Long> expected = Map.of();

        HydroCounts(int port, HydroSystem system) {
            this.port = port;
            this.system = system;
        }

        @Override
        public void expect(Map<String, Long> counts) {
            expected = Map.copyOf(counts);
        }

        @Override
        public long awaitExpected(Duration timeout) throws InterruptedException, TimeoutException {
            long deadline = System.nanoTime() + timeout.toNanos();
            Map<String, Long> actual = Map.of();
            long expectedWords = expected.values().stream().mapToLong(Long::longValue).sum();
            while (true) {
                try {
                    // /stats waits on the leader until that many words are counted (one request, no polling
                    // load on the leader's CPU), then the whole map once to compare
                    long wait = Math.max(1, Math.min(WAIT_MILLIS, (deadline - System.nanoTime()) / 1_000_000));
                    long words = JSON.readTree(get(port, "/stats?atLeast=" + expectedWords + "&waitMillis=" + wait))
                            .get("words").asLong();
                    long seen = System.nanoTime();
                    if (words >= expectedWords) {
                        actual = JSON.readValue(get(port, "/counts"), new TypeReference<Map<String, Long>>() {
                        });
                        if (actual.equals(expected)) {
                            return seen;
                        }
                    }
                    String overshoot = CountsProbe.overshoot(expected, actual);
                    if (overshoot != null) {
                        throw new IllegalStateException("a count went beyond the expected one (counted twice?): "
                                + overshoot);
                    }
                } catch (IOException e) {
                    system.assertAlive();
                    Thread.sleep(POLL_MILLIS); // not answering (yet): try again shortly
                }
                if (System.nanoTime() > deadline) {
                    system.assertAlive();
                    throw new TimeoutException("GET /counts did not reach the expected counts within " + timeout
                            + ": " + CountsProbe.difference(expected, actual));
                }
                if (words(actual) < expectedWords) {
                    continue; // /stats waited already
                }
                Thread.sleep(POLL_MILLIS); // the total is there but a count differs: poll until they agree
            }
        }

        private static long words(Map<String, Long> counts) {
            return counts.values().stream().mapToLong(Long::longValue).sum();
        }

        @Override
        public void close() {
            // nothing held
        }
    }
}
