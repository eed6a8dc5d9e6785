package dev.hydro.spring.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hydro.network.BincodeCodec;
import dev.hydro.network.TickFrame;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * A record on an edge topic that cannot be decoded, or on an input binding that cannot be converted, goes,
 * unchanged, to its topic's dead-letter topic ({@code <topic>.dlt}) with headers naming the error and its
 * origin; {@code hydro.dead.letters} counts it, and the flow keeps working. Edge records are tick frames: a
 * corrupt frame is dead-lettered whole, an element that does not decode alone.
 * Every location runs in one context here, but the edges are real Kafka topics.
 */
@EmbeddedKafka(partitions = 1)
class KafkaDeadLetterTest {

    @Test
    void anUndecodableEdgeRecordGoesToTheDeadLetterTopicAndTheLoopKeepsRunning(EmbeddedKafkaBroker broker) {
        String brokers = broker.getBrokersAsString();
        String prefix = "d" + UUID.randomUUID().toString().substring(0, 8);
        String edgeTopic = prefix + ".squares.worker-to-leader";
        try (ConfigurableApplicationContext context = startSquares(brokers, prefix);
             KafkaProducer<byte[], byte[]> producer = bytesProducer(brokers)) {
            byte[] garbage = {1, 0, 9, 'n', 'o', 't', ' ', 'a', ' ', 'c', 'l', 'a', 's', 's', 42};
            producer.send(new ProducerRecord<>(edgeTopic, 0, "worker/1".getBytes(StandardCharsets.UTF_8), garbage));
            producer.flush();

            List<ConsumerRecord<byte[], byte[]>> dead = readAll(brokers, edgeTopic + ".dlt", 1);
            assertThat(dead.get(0).value()).isEqualTo(garbage);
            assertThat(header(dead.get(0), "hydro.edge")).isEqualTo("worker-to-leader");
            assertThat(header(dead.get(0), "hydro.sender")).isEqualTo("worker/1");
            assertThat(header(dead.get(0), "hydro.receiver")).isEqualTo("leader/0");
            assertThat(header(dead.get(0), "hydro.error")).contains("unknown type in bincode frame");

            MeterRegistry registry = context.getBean(MeterRegistry.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> registry.find("hydro.dead.letters").counter() != null);
            assertThat(registry.get("hydro.dead.letters").tag("edge", "worker-to-leader").counter().count())
                    .isEqualTo(1.0);

            try (KafkaProducer<String, String> numbers = stringProducer(brokers)) {
                numbers.send(new ProducerRecord<>(prefix + "-numbers", "7"));
            }
            List<ConsumerRecord<byte[], byte[]>> results = readAll(brokers, prefix + "-results", 1);
            assertThat(new String(results.get(0).value(), StandardCharsets.UTF_8)).contains("\"square\":49");
        }
    }

    @Test
    void aTombstoneOrCorruptTickFrameGoesWholeToTheDeadLetterTopicAndABadElementGoesAlone(
            EmbeddedKafkaBroker broker) {
        String brokers = broker.getBrokersAsString();
        String prefix = "f" + UUID.randomUUID().toString().substring(0, 8);
        String edgeTopic = prefix + ".squares.worker-to-leader";
        try (ConfigurableApplicationContext context = startSquares(brokers, prefix);
             KafkaProducer<byte[], byte[]> producer = bytesProducer(brokers)) {
            byte[] worker = "worker/2".getBytes(StandardCharsets.UTF_8);
            byte[] corrupt = {TickFrame.MAGIC, 5, 1, 2}; // says 5 bytes follow, has 2
            byte[] badElement = {1, 0, 9, 'n', 'o', 't', ' ', 'a', ' ', 'c', 'l', 'a', 's', 's', 42};
            TickFrame.Builder frame = new TickFrame.Builder();
            frame.add(BincodeCodec.shared().encode(new SquaresApp.Squared(3, 9)));
            frame.add(badElement);
            frame.add(BincodeCodec.shared().encode(new SquaresApp.Squared(4, 16)));
            producer.send(new ProducerRecord<>(edgeTopic, 0, worker, null));
            producer.send(new ProducerRecord<>(edgeTopic, 0, worker, corrupt));
            producer.send(new ProducerRecord<>(edgeTopic, 0, worker, frame.take()));
            producer.flush();

            List<ConsumerRecord<byte[], byte[]>> dead = readAll(brokers, edgeTopic + ".dlt", 3);
            assertThat(dead).hasSize(3);
            assertThat(dead.get(0).value()).as("a tombstone").isNull();
            assertThat(header(dead.get(0), "hydro.error")).contains("not a hydro tick frame");
            assertThat(dead.get(1).value()).as("the corrupt frame, whole").isEqualTo(corrupt);
            assertThat(header(dead.get(1), "hydro.error")).contains("corrupt tick frame");
            assertThat(dead.get(2).value()).as("only the bad element of the good frame").isEqualTo(badElement);
            assertThat(header(dead.get(2), "hydro.sender")).isEqualTo("worker/2");

            List<ConsumerRecord<byte[], byte[]>> results = readAll(brokers, prefix + "-results", 2);
            assertThat(results).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                    .as("the elements around the bad one are processed, tagged with their sender")
                    .anySatisfy(r -> assertThat(r).contains("\"square\":9").contains("\"worker\":2"))
                    .anySatisfy(r -> assertThat(r).contains("\"square\":16"));
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get("hydro.dead.letters").tag("edge", "worker-to-leader").counter().count())
                    .isEqualTo(3.0);
        }
    }

    @Test
    void whatATickSendsToOneMemberTravelsAsOneTickFrame(EmbeddedKafkaBroker broker) {
        String brokers = broker.getBrokersAsString();
        String prefix = "t" + UUID.randomUUID().toString().substring(0, 8);
        String edgeTopic = prefix + ".squares.leader-to-worker-round-robin";
        try (ConfigurableApplicationContext context = startSquares(brokers, prefix);
             KafkaProducer<String, String> numbers = stringProducer(brokers)) {
            int jobs = 300;
            for (int n = 1; n <= jobs; n++) {
                numbers.send(new ProducerRecord<>(prefix + "-numbers", Integer.toString(n)));
            }
            numbers.flush();
            readAll(brokers, prefix + "-results", jobs);

            // the leader's ticks took the 300 numbers in a few batches; each tick sent one frame per worker
            List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
            int[] elements = {0};
            try (KafkaConsumer<byte[], byte[]> consumer = verifyingConsumer(brokers)) {
                consumer.subscribe(List.of(edgeTopic));
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                        all.add(record);
                        elements[0] += TickFrame.elements(record.value()).size();
                    }
                    return elements[0] >= jobs;
                });
            }
            assertThat(elements[0]).isEqualTo(jobs);
            assertThat(all.size()).as("Kafka records for %d jobs to 3 workers", jobs).isLessThan(jobs / 3);
        }
    }

    @Test
    void anInputBindingRecordThatCannotBeConvertedGoesToTheDeadLetterTopicAndNothingElseIsLost(
            EmbeddedKafkaBroker broker) {
        assertBadInputRecordIsDeadLetteredAlone(broker);
    }

    @Test
    void aBadRecordInABatchModeBindingsPollIsDeadLetteredAloneToo(EmbeddedKafkaBroker broker) {
        assertBadInputRecordIsDeadLetteredAlone(broker, "spring.cloud.stream.bindings.numbers.consumer.batch-mode=true");
    }

    private static void assertBadInputRecordIsDeadLetteredAlone(EmbeddedKafkaBroker broker, String... more) {
        String brokers = broker.getBrokersAsString();
        String prefix = "b" + UUID.randomUUID().toString().substring(0, 8);
        List<String> properties = new ArrayList<>(List.of(more));
        properties.add("spring.cloud.stream.kafka.bindings.numbers.consumer.ack-mode=manual");
        try (ConfigurableApplicationContext context = startSquares(brokers, prefix,
                properties.toArray(String[]::new));
             KafkaProducer<String, String> numbers = stringProducer(brokers)) {
            numbers.send(new ProducerRecord<>(prefix + "-numbers", "6"));
            numbers.send(new ProducerRecord<>(prefix + "-numbers", "six"));
            numbers.send(new ProducerRecord<>(prefix + "-numbers", "7"));
            numbers.flush();

            List<ConsumerRecord<byte[], byte[]>> dead = readAll(brokers, prefix + "-numbers.dlt", 1);
            assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("six");
            assertThat(header(dead.get(0), "hydro.binding")).isEqualTo("numbers");
            assertThat(header(dead.get(0), "hydro.receiver")).isEqualTo("leader/0");
            assertThat(header(dead.get(0), "hydro.origin")).isEqualTo(prefix + "-numbers-0@1");
            assertThat(header(dead.get(0), "hydro.error")).isNotBlank();

            List<ConsumerRecord<byte[], byte[]>> results = readAll(brokers, prefix + "-results", 2);
            assertThat(results).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                    .as("the records before and after the bad one are processed")
                    .anySatisfy(r -> assertThat(r).contains("\"square\":36"))
                    .anySatisfy(r -> assertThat(r).contains("\"square\":49"));
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get("hydro.dead.letters").tag("edge", "binding:numbers").counter().count())
                    .isEqualTo(1.0);
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(String brokers, String topic, int expected) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = verifyingConsumer(brokers)) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= expected;
            });
        }
        return records;
    }

    /** The squares flow, every location in this context, on topics named after {@code prefix}. */
    private static ConfigurableApplicationContext startSquares(String brokers, String prefix, String... more) {
        List<String> properties = new ArrayList<>(List.of("spring.kafka.bootstrap-servers=" + brokers,
                "spring.cloud.stream.kafka.binder.brokers=" + brokers,
                "hydro.instance.all=true", "hydro.kafka.topic-prefix=" + prefix,
                "hydro.tick.idle-wait=20ms",
                "spring.cloud.stream.bindings.numbers.destination=" + prefix + "-numbers",
                "spring.cloud.stream.bindings.numbers.group=" + prefix,
                "spring.cloud.stream.kafka.bindings.numbers.consumer.start-offset=earliest",
                "spring.cloud.stream.bindings.results.destination=" + prefix + "-results"));
        properties.addAll(List.of(more));
        return new SpringApplicationBuilder(SquaresApp.class).web(WebApplicationType.NONE)
                .properties(properties.toArray(String[]::new)).run();
    }

    private static KafkaProducer<byte[], byte[]> bytesProducer(String brokers) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    private static KafkaProducer<String, String> stringProducer(String brokers) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    /** A consumer of its own new group, from the earliest offset. */
    private static KafkaConsumer<byte[], byte[]> verifyingConsumer(String brokers) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.GROUP_ID_CONFIG, "verify-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
    }
}
