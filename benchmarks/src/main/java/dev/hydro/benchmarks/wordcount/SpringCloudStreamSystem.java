package dev.hydro.benchmarks.wordcount;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * {@code scs.ScsWordCountApplication} in its own JVM on this module's class path: {@code lines}, {@code words} and
 * {@code counts} topics with {@code parallelism} partitions, each function's consumer binding with that
 * concurrency, the binder's producers with {@code acks=all} (its default is 1; the other systems' producers use
 * the Kafka client default, all). Exactly-once sets the binder's
 * {@code transaction.transaction-id-prefix} (the listener containers then run consume-process-produce in Kafka
 * transactions, offsets sent to the transaction) and {@code isolation.level=read_committed} for its consumers.
 * Latency: the consumers' offset {@code commit-latency-avg} over JMX (at-least-once; under transactions the
 * offsets go through the producer and the consumers commit nothing).
 *
 * <pre>{@code
 * new SpringCloudStreamSystem(settings, Guarantee.AT_LEAST_ONCE)
 * }</pre>
 */
final class SpringCloudStreamSystem extends OneJvmSystem {

    /** By name: this class runs in the harness, which may be the uber jar without Spring in it. */
    static final String APPLICATION = "dev.hydro.benchmarks.wordcount.scs.ScsWordCountApplication";

    private final String prefix;

    SpringCloudStreamSystem(LaunchSettings settings, Guarantee guarantee) {
        super(settings, guarantee, "scs");
        this.prefix = settings.runId() + "-" + name;
    }

    @Override
    public String system() {
        return "scs";
    }

    @Override
    public String id() {
        return prefix;
    }

    @Override
    public String inputTopic() {
        return prefix + "-lines";
    }

    @Override
    public void launch(Admin admin) throws Exception {
        int partitions = settings.parallelism();
        admin.createTopics(List.of(new NewTopic(prefix + "-lines", partitions, (short) 1),
                new NewTopic(prefix + "-words", partitions, (short) 1),
                new NewTopic(prefix + "-counts", partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        List<String> args = new ArrayList<>(List.of("-cp", settings.classpath(),
                APPLICATION,
                "--spring.cloud.stream.kafka.binder.brokers=" + settings.bootstrap(),
                "--spring.cloud.stream.kafka.binder.required-acks=all",
                "--spring.cloud.stream.bindings.split-in-0.destination=" + prefix + "-lines",
                "--spring.cloud.stream.bindings.split-in-0.group=" + prefix,
                "--spring.cloud.stream.bindings.split-in-0.consumer.concurrency=" + partitions,
                "--spring.cloud.stream.bindings.split-out-0.destination=" + prefix + "-words",
                "--spring.cloud.stream.bindings.count-in-0.destination=" + prefix + "-words",
                "--spring.cloud.stream.bindings.count-in-0.group=" + prefix,
                "--spring.cloud.stream.bindings.count-in-0.consumer.concurrency=" + partitions,
                "--spring.cloud.stream.bindings.count-out-0.destination=" + prefix + "-counts"));
        if (guarantee == Guarantee.EXACTLY_ONCE) {
            args.add("--spring.cloud.stream.kafka.binder.transaction.transaction-id-prefix=" + prefix + "-tx-");
            args.add("--spring.cloud.stream.kafka.binder.configuration.isolation.level=read_committed");
        }
        startJvm(args, prefix + "-counts", OutputTopicCounts::decimalValue);
    }

    @Override
    protected String readyLine() {
        return "Started ScsWordCountApplication";
    }

    /** Its consumers' offset commit-latency-avg (none under transactions, where offsets go through the producer). */
    @Override
    protected String commitLatencyMBeans() {
        return "kafka.consumer:type=consumer-coordinator-metrics,*";
    }
}
