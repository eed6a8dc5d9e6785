package dev.hydro.spring.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/** Exactly-once input bindings drop the copies a rebalance hands over again. */
class KafkaAcknowledgmentsTest {

    private static Message<String> record(int partition, long offset) {
        return MessageBuilder.withPayload("line").setHeader(KafkaHeaders.RECEIVED_TOPIC, "lines")
                .setHeader(KafkaHeaders.RECEIVED_PARTITION, partition).setHeader(KafkaHeaders.OFFSET, offset).build();
    }

    @Test
    void aRecordAtOrBelowTheHighestDeliveredOffsetOfItsPartitionIsARedelivery() {
        Map<TopicPartition, Long> highest = new HashMap<>();
        assertThat(KafkaAcknowledgments.redelivered(record(0, 5), highest)).isFalse();
        assertThat(KafkaAcknowledgments.redelivered(record(0, 6), highest)).isFalse();
        assertThat(KafkaAcknowledgments.redelivered(record(1, 2), highest)).as("another partition").isFalse();
        assertThat(KafkaAcknowledgments.redelivered(record(0, 5), highest)).as("rewound after a rebalance").isTrue();
        assertThat(KafkaAcknowledgments.redelivered(record(0, 6), highest)).isTrue();
        assertThat(KafkaAcknowledgments.redelivered(record(0, 7), highest)).isFalse();
        assertThat(KafkaAcknowledgments.redelivered(MessageBuilder.withPayload("no headers").build(), highest))
                .as("not a Kafka record").isFalse();
    }

    @Test
    void aBatchsPositionsComeFromTheBindersListHeadersInPayloadOrder() {
        Message<java.util.List<String>> batch = MessageBuilder.withPayload(java.util.List.of("a", "b", "c"))
                .setHeader(KafkaHeaders.RECEIVED_TOPIC, java.util.List.of("lines", "lines", "lines"))
                .setHeader(KafkaHeaders.RECEIVED_PARTITION, java.util.List.of(0, 1, 0))
                .setHeader(KafkaHeaders.OFFSET, java.util.List.of(7L, 3L, 8L)).build();

        assertThat(KafkaAcknowledgments.positionsOfBatch(batch, 3)).extracting(Object::toString)
                .containsExactly("lines-0@7", "lines-1@3", "lines-0@8");
        assertThat(KafkaAcknowledgments.positionsOfBatch(batch, 2)).as("headers that do not match the batch").isNull();
        assertThat(KafkaAcknowledgments.positionsOfBatch(MessageBuilder.withPayload(java.util.List.of("a")).build(), 1))
                .as("not the Kafka binder").isNull();
    }
}
