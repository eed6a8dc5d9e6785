package dev.hydro.spring.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hydro.spring.runtime.HydroRuntime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * {@code hydro.processing.guarantee=exactly-once} on a real (embedded KRaft) broker, with a leader and two
 * workers as separate application contexts ({@link ExactlyOnceApp}): every tick is one Kafka transaction, state
 * kept across ticks comes back from the changelog after a restart, and a tick that fails leaves nothing that a
 * read-committed consumer could see.
 */
@EmbeddedKafka(partitions = 1)
class KafkaExactlyOnceTest {

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private String prefix;
    private KafkaProducer<String, String> producer;

    @BeforeEach
    void setUp() {
        prefix = "eos" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void tearDown() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        contexts.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void restartedInstancesContinueFromTheirLastCommittedTickSoEveryResultExistsExactlyOnce(
            EmbeddedKafkaBroker broker) {
        String brokers = broker.getBrokersAsString();
        ConfigurableApplicationContext leader = start(brokers, "leader", 0);
        ConfigurableApplicationContext worker1 = start(brokers, "worker", 1);
        start(brokers, "worker", 0);

        send(brokers, 21, 60); // above ExactlyOnceApp.POISON
        await().atMost(Duration.ofSeconds(120)).until(() -> lastTotal(brokers) == sumOfSquares(21, 60));

        // stop the leader while the workers keep answering; its running total must come back from the changelog
        leader.close();
        contexts.remove(leader);
        send(brokers, 61, 100);
        leader = start(brokers, "leader", 0);
        await().atMost(Duration.ofSeconds(120)).until(() -> lastTotal(brokers) == sumOfSquares(21, 100));

        // and a worker, while input for it arrives
        worker1.close();
        contexts.remove(worker1);
        send(brokers, 101, 140);
        start(brokers, "worker", 1);
        await().atMost(Duration.ofSeconds(120)).until(() -> lastTotal(brokers) == sumOfSquares(21, 140));

        Map<Long, Integer> squares = new HashMap<>();
        readCommitted(brokers, prefix + "-squares").forEach(v -> squares.merge(Long.parseLong(v), 1, Integer::sum));
        assertThat(squares).as("every square published exactly once across a leader and a worker restart")
                .hasSize(120)
                .allSatisfy((square, times) -> assertThat(times).as("copies of %d", square).isEqualTo(1));
        assertThat(leader.getBean(HydroRuntime.class).instances().get(0).loop().isRunning()).isTrue();
    }

    @Test
    void aTickThatFailsAfterSendingLeavesNothingVisibleToReadCommittedConsumers(EmbeddedKafkaBroker broker) {
        String brokers = broker.getBrokersAsString();
        start(brokers, "leader", 0);
        ConfigurableApplicationContext worker0 = start(brokers, "worker", 0);
        ConfigurableApplicationContext worker1 = start(brokers, "worker", 1);

        send(brokers, 1, 20); // round-robin: the poison (13) goes to one worker, whose tick fails after sending
        await().atMost(Duration.ofSeconds(120)).until(() -> failedWorkers(worker0, worker1) == 1);
        await().atMost(Duration.ofSeconds(120)).until(() -> readCommitted(brokers, prefix + "-squares").size() >= 10);

        List<String> squares = readCommitted(brokers, prefix + "-squares");
        assertThat(squares).as("the failed tick sent 169 on its edge, but its transaction was aborted")
                .doesNotContain("169");
        assertThat(lastTotal(brokers)).as("the leader's total holds exactly the squares it published")
                .isEqualTo(squares.stream().mapToLong(Long::parseLong).sum());
    }

    private static int failedWorkers(ConfigurableApplicationContext... workers) {
        int failed = 0;
        for (ConfigurableApplicationContext worker : workers) {
            if (worker.getBean(HydroRuntime.class).instances().get(0).loop().failure() != null) {
                failed++;
            }
        }
        return failed;
    }

    private static long sumOfSquares(long from, long to) {
        return LongStream.rangeClosed(from, to).map(n -> n * n).sum();
    }

    private long lastTotal(String brokers) {
        List<String> totals = readCommitted(brokers, prefix + "-totals");
        return totals.isEmpty() ? 0 : Long.parseLong(totals.get(totals.size() - 1));
    }

    private ConfigurableApplicationContext start(String brokers, String location, int member) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ExactlyOnceApp.class)
                .web(WebApplicationType.NONE)
                .properties(
                        "spring.kafka.bootstrap-servers=" + brokers,
                        "spring.cloud.stream.kafka.binder.brokers=" + brokers,
                        "hydro.processing.guarantee=exactly-once",
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
                        "spring.application.name=" + location + "-" + member)
                .run();
        contexts.add(context);
        return context;
    }

    private void send(String brokers, long from, long to) {
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

    private static List<String> readCommitted(String brokers, String topic) {
        return read(brokers, topic, "read_committed");
    }

    /** Every record of every partition of {@code topic} up to its current end, as text. */
    private static List<String> read(String brokers, String topic, String isolation) {
        List<String> values = new ArrayList<>();
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
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
        } finally {
            consumer.close(Duration.ofSeconds(1));
        }
        return values;
    }
}
