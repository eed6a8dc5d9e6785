package dev.hydro.spring.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.hydro.runtime.InstanceId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * {@link TickTransaction} on a real (embedded KRaft) broker: units commit in order on the committer thread while the
 * next units send, a unit's records and offsets appear together (units that end while a commit is in flight share
 * the next transaction), and a commit that fails keeps every later unit from becoming visible.
 */
@EmbeddedKafka(partitions = 1)
class TickTransactionTest {

    private static final InstanceId INSTANCE = new InstanceId("leader", 0);

    private final List<AutoCloseable> resources = new ArrayList<>();
    private String brokers;
    private String topic;
    private String transactionalId;

    @BeforeEach
    void names(EmbeddedKafkaBroker broker) {
        brokers = broker.getBrokersAsString();
        String id = UUID.randomUUID().toString().substring(0, 8);
        topic = "tick-transaction-" + id;
        transactionalId = "tick-transaction-" + id;
        broker.addTopics(topic);
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    @Test
    void unitsCommitInOrderWhileTheNextUnitsSendAndUnitsEndingMeanwhileShareATransaction() {
        AtomicLong commits = new AtomicLong();
        TickTransaction transaction = new TickTransaction(INSTANCE, producer(), nanos -> commits.incrementAndGet());
        resources.add(transaction::close);

        for (int unit = 0; unit < 40; unit++) {
            for (int record = 0; record < 3; record++) {
                transaction.send(record(unit + "." + record), null);
            }
            transaction.commit(Map.of());
        }
        transaction.close();

        SquaresDeployment.Topic committed = readCommitted();
        List<String> expected = new ArrayList<>();
        for (int unit = 0; unit < 40; unit++) {
            for (int record = 0; record < 3; record++) {
                expected.add(unit + "." + record);
            }
        }
        assertThat(committed.values()).as("every record once, in the order sent").isEqualTo(expected);
        long transactions = committed.endOffset() - committed.values().size(); // one commit marker each
        assertThat(transactions).as("transactions for 40 units").isBetween(1L, 40L);
        assertThat(commits).as("every transaction timed").hasValue(transactions);
        assertThat(transaction.heldBack()).as("records of later units waited for a commit in flight").isPositive();
    }

    @Test
    void aUnitThatSentAndConsumedNothingCommitsNoTransaction() {
        AtomicLong commits = new AtomicLong();
        TickTransaction transaction = new TickTransaction(INSTANCE, producer(), nanos -> commits.incrementAndGet());
        resources.add(transaction::close);

        transaction.commit(Map.of());
        transaction.send(record("only"), null);
        transaction.commit(Map.of());
        transaction.commit(Map.of());
        transaction.close();

        assertThat(commits).hasValue(1);
        assertThat(readCommitted().values()).containsExactly("only");
    }

    @Test
    void consumedOffsetsCommitWithTheUnitsRecords() throws Exception {
        TickTransaction transaction = new TickTransaction(INSTANCE, producer(), nanos -> { });
        resources.add(transaction::close);
        String group = transactionalId + "-group";
        TopicPartition input = new TopicPartition(topic, 0);

        transaction.send(record("out"), null);
        transaction.commit(Map.of(group, Map.of(input, new OffsetAndMetadata(7))));
        transaction.close();

        try (var admin = org.apache.kafka.clients.admin.Admin.create(
                Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                    .get(input);
            assertThat(offset).isNotNull();
            assertThat(offset.offset()).isEqualTo(7);
        }
        assertThat(readCommitted().values()).containsExactly("out");
    }

    @Test
    void aFailedCommitFailsTheNextUnitAndNothingAfterItBecomesVisible() {
        TickTransaction transaction = new TickTransaction(INSTANCE, producer(), nanos -> { });
        resources.add(transaction::abort);
        transaction.send(record("committed"), null);
        transaction.commit(Map.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> readCommitted().values().contains("committed"));

        KafkaProducer<byte[], byte[]> successor = producer(); // a new incarnation fences this one
        resources.add(successor);

        AtomicInteger failedSends = new AtomicInteger();
        transaction.send(record("fenced"), (metadata, error) -> {
            if (error != null) {
                failedSends.incrementAndGet();
            }
        });
        transaction.commit(Map.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> transaction.failure() != null);

        assertThatThrownBy(() -> transaction.send(record("after"), null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("failed to commit");
        assertThatThrownBy(() -> transaction.commit(Map.of())).isInstanceOf(IllegalStateException.class);
        assertThat(readCommitted().values()).containsExactly("committed");
    }

    @Test
    void abortDropsTheOpenUnit() {
        TickTransaction transaction = new TickTransaction(INSTANCE, producer(), nanos -> { });
        transaction.send(record("kept"), null);
        transaction.commit(Map.of());
        transaction.send(record("dropped"), null); // held back or in the open transaction: either way aborted
        transaction.abort();

        assertThat(readCommitted().values()).containsExactly("kept");
    }

    private KafkaProducer<byte[], byte[]> producer() {
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        producer.initTransactions();
        return producer;
    }

    private ProducerRecord<byte[], byte[]> record(String value) {
        return new ProducerRecord<>(topic, 0, null, value.getBytes(StandardCharsets.UTF_8));
    }

    private SquaresDeployment.Topic readCommitted() {
        return SquaresDeployment.readCommitted(brokers, topic);
    }
}
