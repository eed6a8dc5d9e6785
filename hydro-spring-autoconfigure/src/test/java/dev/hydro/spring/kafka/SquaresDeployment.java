package dev.hydro.spring.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A deployment of {@link ExactlyOnceApp}'s flow (or another with its bindings: numbers in, squares and totals out)
 * on one broker, under a topic prefix of its own: each leader or worker instance is an application context; the
 * test sends numbers and reads what was committed to the output topics.
 *
 * <pre>{@code
 * try (SquaresDeployment deployment = new SquaresDeployment(brokers, "eos")) {
 *     deployment.start(ExactlyOnceApp.class, "leader", 0, "hydro.processing.guarantee=exactly-once");
 *     deployment.send(1, 10);
 * }
 * }</pre>
 */
final class SquaresDeployment implements AutoCloseable {

    private final String brokers;
    private final String prefix;
    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private KafkaProducer<String, String> producer;

    SquaresDeployment(String brokers, String prefixStem) {
        this.brokers = brokers;
        this.prefix = prefixStem + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The prefix of every topic and consumer group of this deployment. */
    String prefix() {
        return prefix;
    }

    /** Starts one instance of {@code application}'s flow with the deployment's bindings and {@code properties}. */
    ConfigurableApplicationContext start(Class<?> application, String location, int member, String... properties) {
        String[] common = {
                "spring.kafka.bootstrap-servers=" + brokers,
                "spring.cloud.stream.kafka.binder.brokers=" + brokers,
                "hydro.instance.location=" + location,
                "hydro.instance.member-id=" + member,
                "hydro.kafka.topic-prefix=" + prefix,
                "hydro.tick.idle-wait=20ms",
                "spring.cloud.stream.bindings.numbers.destination=" + prefix + "-numbers",
                "spring.cloud.stream.bindings.numbers.group=" + prefix + "-leader",
                "spring.cloud.stream.kafka.bindings.numbers.consumer.start-offset=earliest",
                "spring.cloud.stream.kafka.bindings.numbers.consumer.ack-mode=manual",
                "spring.cloud.stream.bindings.squares.destination=" + prefix + "-squares",
                "spring.cloud.stream.bindings.totals.destination=" + prefix + "-totals",
                "logging.level.kafka=WARN", "logging.level.org.apache.kafka=WARN",
                "logging.level.state.change.logger=WARN",
                "spring.application.name=" + location + "-" + member};
        ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE)
                .properties(Stream.concat(Stream.of(common), Stream.of(properties)).toArray(String[]::new))
                .run();
        contexts.add(context);
        return context;
    }

    /** Stops one instance. */
    void stop(ConfigurableApplicationContext instance) {
        instance.close();
        contexts.remove(instance);
    }

    /** Sends the numbers {@code from..to} to the input topic, and waits until the broker has them. */
    void send(long from, long to) {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
        }
        for (long n = from; n <= to; n++) {
            producer.send(new ProducerRecord<>(prefix + "-numbers", Long.toString(n)));
        }
        producer.flush();
    }

    /** The last committed total, 0 before the first. */
    long lastTotal() {
        List<String> totals = readCommitted("totals").values();
        return totals.isEmpty() ? 0 : Long.parseLong(totals.get(totals.size() - 1));
    }

    static long sumOfSquares(long from, long to) {
        return LongStream.rangeClosed(from, to).map(n -> n * n).sum();
    }

    /** A topic's committed records, as text, and the sum of its partitions' end offsets (markers included). */
    record Topic(List<String> values, long endOffset) {
    }

    /** Every committed record of the output {@code topic} ({@code squares} or {@code totals}) up to its end. */
    Topic readCommitted(String topic) {
        return readCommitted(brokers, prefix + "-" + topic);
    }

    /**
     * Waits until the leader's consumer group has committed the input partition up to {@code offset}: every
     * number sent so far acknowledged.
     */
    void awaitInputAcknowledged(long offset) {
        TopicPartition numbers = new TopicPartition(prefix + "-numbers", 0);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(prefix + "-leader")
                        .partitionsToOffsetAndMetadata().get().get(numbers);
                assertThat(committed).as("the leader acknowledged its input").isNotNull();
                assertThat(committed.offset()).isEqualTo(offset);
            });
        }
    }

    /** Every committed record of topic {@code name} on {@code brokers}, as text, up to its end. */
    static Topic readCommitted(String brokers, String name) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(name, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(name, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    values.add(new String(record.value()));
                }
            }
            return new Topic(values, end.values().stream().mapToLong(Long::longValue).sum());
        }
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        contexts.forEach(ConfigurableApplicationContext::close);
    }
}
