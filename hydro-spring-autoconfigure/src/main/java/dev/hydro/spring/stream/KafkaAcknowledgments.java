package dev.hydro.spring.stream;

import dev.hydro.runtime.InstanceId;
import dev.hydro.spring.kafka.KafkaTickTransactions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
        return position == null ? null : inTransaction(List.of(position), message, instance, transactions);
    }

    /**
     * Exactly-once, batch mode: hands the highest offset of each partition among {@code positions} (a batch's
     * records) to the transaction of the tick that consumes the batch's last element; {@code null} if the
     * message names no consumer group.
     */
    static Runnable inTransaction(List<Position> positions, Message<?> message, InstanceId instance,
            KafkaTickTransactions transactions) {
        Object group = message.getHeaders().get(KafkaHeaders.GROUP_ID);
        if (!(group instanceof String g) || positions.isEmpty()) {
            return null;
        }
        Map<TopicPartition, Long> next = new HashMap<>();
        for (Position position : positions) {
            next.merge(position.partition(), position.offset() + 1, Math::max);
        }
        return () -> next.forEach((partition, offset) -> transactions.consumed(instance, g, partition, offset));
    }

    /**
     * Exactly-once: whether the binder hands over a record again that an earlier delivery already gave to a
     * tick (its offset is not above the highest seen for its partition). That happens when a rebalance (after
     * a broker restart, say) resumes the partition from the last committed offset while ticks holding later
     * records have not committed yet; their transactions will commit those offsets, so the copy is dropped.
     */
    static boolean redelivered(Message<?> message, Map<TopicPartition, Long> highestDelivered) {
        return redelivered(positionOf(message), highestDelivered);
    }

    /** Whether a record at {@code position} (null: not a Kafka record) was handed to a tick before. */
    static boolean redelivered(Position position, Map<TopicPartition, Long> highestDelivered) {
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
    record Position(TopicPartition partition, long offset) {

        @Override
        public String toString() {
            return partition + "@" + offset;
        }
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

    /**
     * The positions of a batch-mode message's records, in payload order, from the binder's list headers;
     * {@code null} if the message does not carry them (not the Kafka binder), or they do not match the batch.
     */
    static List<Position> positionsOfBatch(Message<?> message, int records) {
        Object topics = message.getHeaders().get(KafkaHeaders.RECEIVED_TOPIC);
        Object partitions = message.getHeaders().get(KafkaHeaders.RECEIVED_PARTITION);
        Object offsets = message.getHeaders().get(KafkaHeaders.OFFSET);
        if (!(topics instanceof List<?> t) || !(partitions instanceof List<?> p) || !(offsets instanceof List<?> o)
                || t.size() != records || p.size() != records || o.size() != records) {
            return null;
        }
        List<Position> positions = new ArrayList<>(records);
        for (int i = 0; i < records; i++) {
            if (!(t.get(i) instanceof String topic) || !(p.get(i) instanceof Integer partition)
                    || !(o.get(i) instanceof Long offset)) {
                return null;
            }
            positions.add(new Position(new TopicPartition(topic, partition), offset));
        }
        return positions;
    }

    /** Exactly-once: sends an output binding's record inside the transaction of the current tick. */
    static void sendInTransaction(KafkaTickTransactions transactions, InstanceId instance, String topic,
            byte[] payload, String contentType) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, payload);
        record.headers().add("contentType", contentType.getBytes(StandardCharsets.UTF_8));
        transactions.send(instance, record);
    }
}
