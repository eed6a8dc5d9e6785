package dev.hydro.benchmarks.wordcount;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.ToLongFunction;

/**
 * A word count that runs in one child JVM on this module's class path and writes its counts to an output topic:
 * Kafka Streams and Spring Cloud Stream. Starting it, waiting for its ready line, reading its counts and its
 * commit latency over JMX, and stopping it work the same for both.
 *
 * <pre>{@code
 * startJvm(List.of("-cp", settings.classpath(), mainClass), outputTopic, OutputTopicCounts::longValue);
 * }</pre>
 */
abstract sealed class OneJvmSystem implements WordCountSystem permits KafkaStreamsSystem, SpringCloudStreamSystem {

    protected final LaunchSettings settings;
    protected final Guarantee guarantee;
    protected final String name;
    private final int jmxPort = FreePorts.one();
    private ChildJvm jvm;
    private OutputTopicCounts counts;
    private JmxClient jmx;

    OneJvmSystem(LaunchSettings settings, Guarantee guarantee, String system) {
        this.settings = settings;
        this.guarantee = guarantee;
        this.name = system + "-" + guarantee.option() + "-w" + settings.parallelism();
    }

    /** The log line that says the application is ready. */
    protected abstract String readyLine();

    /** The JMX pattern of the MBeans whose {@code commit-latency-avg} this system reports. */
    protected abstract String commitLatencyMBeans();

    @Override
    public Guarantee guarantee() {
        return guarantee;
    }

    @Override
    public int workers() {
        return settings.parallelism();
    }

    @Override
    public String note() {
        return "";
    }

    /** Starts the child JVM with JMX on, and the reader of its output topic. */
    protected void startJvm(List<String> args, String outputTopic, ToLongFunction<byte[]> values)
            throws Exception {
        List<String> jvmOptions = new ArrayList<>(settings.jvmOptions());
        jvmOptions.addAll(JmxClient.jvmOptions(jmxPort));
        jvm = ChildJvm.start(name, ChildJvm.java(jvmOptions, args), Map.of(),
                settings.workDir().resolve(name + ".log"), settings.workDir());
        counts = new OutputTopicCounts(settings.bootstrap(), outputTopic, values);
        jmx = new JmxClient(jmxPort);
    }

    @Override
    public void awaitStarted(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!jvm.logContains(readyLine())) {
            jvm.assertAlive();
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(name + " not ready (\"" + readyLine() + "\") within " + timeout
                        + "; its log:\n" + jvm.logTail(20));
            }
            Thread.sleep(250); // polling the child's log for its ready line
        }
        jmx.awaitConnected(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
    }

    @Override
    public CountsProbe counts() {
        return counts;
    }

    @Override
    public Map<String, Double> metricsSnapshot() {
        return Map.of();
    }

    /** The commit-latency-avg of {@link #commitLatencyMBeans()} (Kafka's own sampled window), read at run end. */
    @Override
    public Map<String, Double> runMetrics(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("commit_latency_avg_ms", jmx.mean(commitLatencyMBeans(), "commit-latency-avg"));
        return metrics;
    }

    @Override
    public void assertAlive() {
        jvm.assertAlive();
    }

    @Override
    public double cpuSeconds() {
        return jvm == null ? 0 : jvm.cpuSeconds();
    }

    @Override
    public void close() {
        if (counts != null) {
            counts.close();
        }
        if (jmx != null) {
            jmx.close();
        }
        if (jvm != null) {
            jvm.close();
        }
    }
}
