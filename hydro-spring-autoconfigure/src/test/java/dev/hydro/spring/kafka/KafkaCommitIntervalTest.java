package dev.hydro.spring.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hydro.location.Cluster;
import dev.hydro.location.ClusterSpec;
import dev.hydro.location.Process;
import dev.hydro.spring.FlowDefinition;
import dev.hydro.stream.Fold;
import dev.hydro.stream.NonDet;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * {@code hydro.processing.commit-interval} on a real (embedded KRaft) broker, with {@link ExactlyOnceApp}'s leader
 * and two workers: under continuous input a long interval groups the leader's ticks into fewer transactions than
 * ticks, and every result still exists exactly once; at-least-once, it groups the ticks whose input is
 * acknowledged after one wait for their sends, and all input is acknowledged once the leader is idle. The broker counts the transactions: the leader publishes
 * one total per tick, and every committed transaction leaves one commit marker in the totals partition, so the
 * partition's end offset minus its records is the number of the leader's transactions.
 */
@EmbeddedKafka(partitions = 1)
class KafkaCommitIntervalTest {

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private String prefix;
    private KafkaProducer<String, String> producer;

    @BeforeEach
    void setUp() {
        prefix = "interval" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void tearDown() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        contexts.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void underContinuousInputALongIntervalCommitsFewerTransactionsThanTicksAndEveryResultExactlyOnce(
            EmbeddedKafkaBroker broker) {
        String brokers = broker.getBrokersAsString();
        ConfigurableApplicationContext leader = start(brokers, "20s", "leader", 0);
        start(brokers, "20s", "worker", 0);
        start(brokers, "20s", "worker", 1);

        send(brokers, 21, 3020); // above ExactlyOnceApp.POISON; batches of 20 keep the leader busy for many ticks
        await().atMost(Duration.ofSeconds(120)).until(() -> lastTotal(brokers) == sumOfSquares(21, 3020));

        Map<Long, Integer> squares = new HashMap<>();
        readCommitted(brokers, prefix + "-squares").values()
                .forEach(v -> squares.merge(Long.parseLong(v), 1, Integer::sum));
        assertThat(squares).as("every square published exactly once").hasSize(3000)
                .allSatisfy((square, times) -> assertThat(times).as("copies of %d", square).isEqualTo(1));

        Topic totals = readCommitted(brokers, prefix + "-totals");
        long ticks = totals.values().size();
        long transactions = totals.endOffset() - ticks;
        assertThat(transactions).as("the leader's %d ticks committed in %d transactions", ticks, transactions)
                .isPositive().isLessThan(ticks / 2);

        MeterRegistry registry = leader.getBean(MeterRegistry.class);
        double ticksRun = registry.get("hydro.ticks").tag("location", "leader").counter().count();
        long commits = registry.get("hydro.commit.ticks").tag("location", "leader").summary().count();
        assertThat(commits).as("hydro.commit.ticks counts the leader's commits").isPositive()
                .isLessThan((long) ticksRun);
    }

    @Test
    void aZeroIntervalCommitsEveryTickOfTheLeader(EmbeddedKafkaBroker broker) {
        String brokers = broker.getBrokersAsString();
        start(brokers, "0", "leader", 0);
        start(brokers, "0", "worker", 0);
        start(brokers, "0", "worker", 1);

        send(brokers, 21, 220);
        await().atMost(Duration.ofSeconds(120)).until(() -> lastTotal(brokers) == sumOfSquares(21, 220));

        Topic totals = readCommitted(brokers, prefix + "-totals");
        assertThat(totals.endOffset() - totals.values().size()).as("one transaction per tick")
                .isEqualTo(totals.values().size());
    }

    @Test
    void atLeastOnceALongIntervalAcknowledgesTheInputOfManyTicksAtOnceAndLosesNothing(EmbeddedKafkaBroker broker)
            throws Exception {
        String brokers = broker.getBrokersAsString();
        ConfigurableApplicationContext leader = start(AtLeastOnceApp.class, brokers, "at-least-once", "20s", "leader", 0);
        start(AtLeastOnceApp.class, brokers, "at-least-once", "20s", "worker", 0);
        start(AtLeastOnceApp.class, brokers, "at-least-once", "20s", "worker", 1);

        send(brokers, 21, 3020);
        await().atMost(Duration.ofSeconds(120)).until(() -> lastTotal(brokers) == sumOfSquares(21, 3020));

        TopicPartition numbers = new TopicPartition(prefix + "-numbers", 0);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(prefix + "-leader")
                        .partitionsToOffsetAndMetadata().get().get(numbers);
                assertThat(committed).as("the leader acknowledged all its input once idle").isNotNull();
                assertThat(committed.offset()).isEqualTo(3000);
            });
        }
        MeterRegistry registry = leader.getBean(MeterRegistry.class);
        double ticksRun = registry.get("hydro.ticks").tag("location", "leader").counter().count();
        long commits = registry.get("hydro.commit.ticks").tag("location", "leader").summary().count();
        assertThat(commits).as("the leader's %s ticks waited for their sends %d times", ticksRun, commits)
                .isPositive().isLessThan((long) ticksRun / 2);
    }

    /** {@link ExactlyOnceApp}'s flow on at-least-once edges, without the poison number. */
    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class AtLeastOnceApp {

        /** Not named {@code totals}: an at-least-once output binding looks that name up as its channel. */
        @Bean
        FlowDefinition squaresAndTotals() {
            return flow -> {
                Process<ExactlyOnceApp.Leader> leader = flow.process(ExactlyOnceApp.Leader.class);
                Cluster<ExactlyOnceApp.Worker> workers = flow.cluster(ClusterSpec.ofMembers(2),
                        ExactlyOnceApp.Worker.class);
                var squares = leader.sourceStream("numbers", Long.class)
                        .roundRobinBincode(workers)
                        .map(n -> n * n)
                        .sendBincode(leader)
                        .values();
                squares.destSink("squares");
                squares.assumeExactlyOnce(NonDet.because("the test checks the totals of a run without failures"))
                        .fold(Fold.commutative(() -> 0L, Long::sum))
                        .snapshot(leader.tick(), NonDet.because("publishes the total as of each tick"))
                        .intoStream().allTicks()
                        .destSink("totals");
            };
        }
    }

    private static long sumOfSquares(long from, long to) {
        return LongStream.rangeClosed(from, to).map(n -> n * n).sum();
    }

    private long lastTotal(String brokers) {
        List<String> totals = readCommitted(brokers, prefix + "-totals").values();
        return totals.isEmpty() ? 0 : Long.parseLong(totals.get(totals.size() - 1));
    }

    private ConfigurableApplicationContext start(String brokers, String commitInterval, String location,
            int member) {
        return start(ExactlyOnceApp.class, brokers, "exactly-once", commitInterval, location, member);
    }

    private ConfigurableApplicationContext start(Class<?> application, String brokers, String guarantee,
            String commitInterval, String location, int member) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE)
                .properties(
                        "spring.kafka.bootstrap-servers=" + brokers,
                        "spring.cloud.stream.kafka.binder.brokers=" + brokers,
                        "hydro.processing.guarantee=" + guarantee,
                        "hydro.processing.commit-interval=" + commitInterval,
                        "hydro.instance.location=" + location,
                        "hydro.instance.member-id=" + member,
                        "hydro.kafka.topic-prefix=" + prefix,
                        "hydro.tick.idle-wait=20ms",
                        "hydro.tick.max-batch-size=20",
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

    /** A topic's committed records, as text, and the sum of its partitions' end offsets (markers included). */
    private record Topic(List<String> values, long endOffset) {
    }

    private static Topic readCommitted(String brokers, String topic) {
        List<String> values = new ArrayList<>();
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
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
            return new Topic(values, end.values().stream().mapToLong(Long::longValue).sum());
        } finally {
            consumer.close(Duration.ofSeconds(1));
        }
    }
}
