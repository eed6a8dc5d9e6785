package dev.hydro.benchmarks.wordcount;

import dev.hydro.benchmarks.wordcount.kstreams.KafkaStreamsWordCount;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * {@link KafkaStreamsWordCount} in its own JVM on this module's class path: input and output topics with
 * {@code parallelism} partitions, as many stream threads, {@code commit.interval.ms} {@value #COMMIT_INTERVAL_MS}
 * for both guarantees, exactly-once as {@code exactly_once_v2}. Counts are the latest value per word on the output
 * topic; latency is the stream threads' {@code commit-latency-avg} over JMX.
 *
 * <pre>{@code
 * new KafkaStreamsSystem(settings, Guarantee.EXACTLY_ONCE)
 * }</pre>
 */
final class KafkaStreamsSystem extends OneJvmSystem {

    static final long COMMIT_INTERVAL_MS = 100;

    private final String inputTopic;
    private final String outputTopic;

    KafkaStreamsSystem(LaunchSettings settings, Guarantee guarantee) {
        super(settings, guarantee, "kstreams");
        this.inputTopic = id() + "-lines";
        this.outputTopic = id() + "-counts";
    }

    @Override
    public String system() {
        return "kstreams";
    }

    @Override
    public String id() {
        return settings.runId() + "-" + name;
    }

    @Override
    public String inputTopic() {
        return inputTopic;
    }

    @Override
    public void launch(Admin admin) throws Exception {
        int partitions = settings.parallelism();
        admin.createTopics(List.of(new NewTopic(inputTopic, partitions, (short) 1),
                new NewTopic(outputTopic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        List<String> args = List.of("-cp", settings.classpath(), KafkaStreamsWordCount.class.getName(),
                "--bootstrap", settings.bootstrap(),
                "--application-id", id(),
                "--input", inputTopic,
                "--output", outputTopic,
                "--threads", String.valueOf(partitions),
                "--guarantee", guarantee.option(),
                "--commit-interval-ms", String.valueOf(COMMIT_INTERVAL_MS),
                "--state-dir", settings.workDir().resolve(name + "-state").toString());
        startJvm(args, outputTopic, OutputTopicCounts::longValue);
    }

    @Override
    protected String readyLine() {
        return "KAFKA_STREAMS_STATE RUNNING";
    }

    /** The stream threads' commit-latency-avg (Kafka's own sampled window: 2 x 30 s). */
    @Override
    protected String commitLatencyMBeans() {
        return "kafka.streams:type=stream-thread-metrics,*";
    }
}
