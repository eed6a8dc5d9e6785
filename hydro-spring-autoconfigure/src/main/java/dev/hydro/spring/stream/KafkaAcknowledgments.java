package dev.hydro.spring.stream;

import dev.hydro.runtime.InstanceId;
import dev.hydro.spring.kafka.KafkaTickTransactions;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

/**
 * Reads the manual acknowledgment the Kafka binder attaches in {@code ackMode: MANUAL}, or, exactly-once, ties a
 * binding's records to the tick's Kafka transaction. Kept apart so that spring-kafka stays optional.
 *
 * <pre>{@code
 * Runnable ack = KafkaAcknowledgments.of(message); // null unless the binder acks manually
 * }</pre>
 */
final class KafkaAcknowledgments {

    private KafkaAcknowledgments() {
    }

    static Runnable of(Message<?> message) {
        Object header = message.getHeaders().get(KafkaHeaders.ACKNOWLEDGMENT);
        return header instanceof Acknowledgment acknowledgment ? acknowledgment::acknowledge : null;
    }

    /**
     * Exactly-once: instead of acknowledging to the binder, hands the record's offset to the transaction of the
     * tick that consumes it, under the binding's consumer group; {@code null} if the message is not a Kafka
     * record with its topic, partition, offset and group.
     */
    static Runnable inTransaction(Message<?> message, InstanceId instance, KafkaTickTransactions transactions) {
        Position position = positionOf(message);
        Object group = message.getHeaders().get(KafkaHeaders.GROUP_ID);
        if (position == null || !(group instanceof String g)) {
            return null;
        }
        return () -> transactions.consumed(instance, g, position.partition(), position.offset() + 1);
    }

    /**
     * Exactly-once: whether the binder hands over a record again that an earlier delivery already gave to a
     * tick (its offset is not above the highest seen for its partition). That happens when a rebalance (after
     * a broker restart, say) resumes the partition from the last committed offset while ticks holding later
     * records have not committed yet; their transactions will commit those offsets, so the copy is dropped.
     */
    static boolean redelivered(Message<?> message, Map<TopicPartition, Long> highestDelivered) {
        Position position = positionOf(message);
        if (position == null) {
            return false;
        }
        Long highest = highestDelivered.get(position.partition());
        if (highest != null && position.offset() <= highest) {
            return true;
        }
        highestDelivered.put(position.partition(), position.offset());
        return false;
    }

    /** Where a Kafka record sits: its topic-partition and offset. */
    private record Position(TopicPartition partition, long offset) {
    }

    /** The record's position from the binder's headers, or {@code null} if the message is not a Kafka record. */
    private static Position positionOf(Message<?> message) {
        Object topic = message.getHeaders().get(KafkaHeaders.RECEIVED_TOPIC);
        Object partition = message.getHeaders().get(KafkaHeaders.RECEIVED_PARTITION);
        Object offset = message.getHeaders().get(KafkaHeaders.OFFSET);
        if (!(topic instanceof String t) || !(partition instanceof Integer p) || !(offset instanceof Long o)) {
            return null;
        }
        return new Position(new TopicPartition(t, p), o);
    }

    /** Exactly-once: sends an output binding's record inside the transaction of the current tick. */
    static void sendInTransaction(KafkaTickTransactions transactions, InstanceId instance, String topic,
            byte[] payload, String contentType) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, payload);
        record.headers().add("contentType", contentType.getBytes(StandardCharsets.UTF_8));
        transactions.send(instance, record);
    }
}
