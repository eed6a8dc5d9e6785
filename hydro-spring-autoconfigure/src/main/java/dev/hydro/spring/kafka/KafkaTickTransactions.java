package dev.hydro.spring.kafka;

import dev.hydro.runtime.InstanceId;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * What the ticks of exactly-once instances share with the Spring Cloud Stream bindings: each instance's
 * transactions (its Kafka output bindings send in them, inside the tick's unit of durability) and the
 * input offsets the tick consumed, by consumer group, which the tick's transaction commits. At-least-once it
 * stays empty.
 *
 * <pre>{@code
 * transactions.consumed(instance, "orders-group", new TopicPartition("orders", 0), 42);
 * transactions.send(instance, new ProducerRecord<>("alerts", bytes));
 * }</pre>
 */
public final class KafkaTickTransactions {

    private final boolean exactlyOnce;
    private final Map<InstanceId, TickTransaction> running = new ConcurrentHashMap<>();
    private final Map<InstanceId, Map<String, Map<TopicPartition, Long>>> consumed = new ConcurrentHashMap<>();

    public KafkaTickTransactions(boolean exactlyOnce) {
        this.exactlyOnce = exactlyOnce;
    }

    /** Whether ticks run as Kafka transactions ({@code hydro.processing.guarantee=exactly-once}). */
    public boolean exactlyOnce() {
        return exactlyOnce;
    }

    /**
     * Sends a record in the transaction of the running instance's current unit of ticks; it becomes visible
     * when the unit commits, together with everything else the unit did.
     *
     * @throws IllegalStateException if {@code instance} has no transactions in this application
     */
    public void send(InstanceId instance, ProducerRecord<byte[], byte[]> record) {
        TickTransaction transaction = running.get(instance);
        if (transaction == null) {
            throw new IllegalStateException("no transactional producer for " + instance
                    + ": exactly-once sends to Kafka happen inside a tick of an instance of this application");
        }
        transaction.send(record, null);
    }

    void register(InstanceId instance, TickTransaction transaction) {
        running.put(instance, transaction);
    }

    void unregister(InstanceId instance) {
        running.remove(instance);
        consumed.remove(instance);
    }

    /** Notes that the current tick of {@code instance} consumed {@code partition} up to {@code nextOffset}. */
    public void consumed(InstanceId instance, String group, TopicPartition partition, long nextOffset) {
        consumed.computeIfAbsent(instance, i -> new ConcurrentHashMap<>())
                .computeIfAbsent(group, g -> new ConcurrentHashMap<>())
                .merge(partition, nextOffset, Math::max);
    }

    /** Takes the offsets the tick consumed, by group, to commit them in its transaction. */
    Map<String, Map<TopicPartition, OffsetAndMetadata>> drainConsumed(InstanceId instance) {
        Map<String, Map<TopicPartition, Long>> byGroup = consumed.remove(instance);
        Map<String, Map<TopicPartition, OffsetAndMetadata>> offsets = new HashMap<>();
        if (byGroup != null) {
            byGroup.forEach((group, partitions) -> {
                Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
                partitions.forEach((tp, next) -> committed.put(tp, new OffsetAndMetadata(next)));
                offsets.put(group, committed);
            });
        }
        return offsets;
    }
}
