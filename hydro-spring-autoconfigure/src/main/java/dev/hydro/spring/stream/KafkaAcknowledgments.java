package dev.hydro.spring.stream;

import org.springframework.kafka.support.Acknowledgment;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

/**
 * Reads the manual acknowledgment the Kafka binder attaches in {@code ackMode: MANUAL}. Kept apart so that
 * spring-kafka stays optional.
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
}
