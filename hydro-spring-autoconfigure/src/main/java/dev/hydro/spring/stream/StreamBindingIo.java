package dev.hydro.spring.stream;

import dev.hydro.graph.ExternalPort;
import dev.hydro.observe.TickListener;
import dev.hydro.runtime.InstanceId;
import dev.hydro.runtime.SourceQueue;
import dev.hydro.spring.kafka.KafkaTickTransactions;
import dev.hydro.spring.runtime.ExternalIo;
import dev.hydro.spring.runtime.HydroConfigurationException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.binding.BindingService;
import org.springframework.cloud.stream.binding.SubscribableChannelBindingTargetFactory;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.SubscribableChannel;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.ClassUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Binds a flow's named inputs and outputs to Spring Cloud Stream, whatever the binder: every
 * {@code sourceStream("orders", Order.class)} becomes the consumer binding {@code orders}, every
 * {@code destSink("alerts")} sends through {@link StreamBridge} to the binding {@code alerts}. Payloads are
 * converted to the input type (as is, UTF-8 text, or JSON). With the Kafka binder in manual ack mode, a
 * record is acknowledged only after the tick that consumed it. A record that cannot be converted goes, unchanged,
 * to the destination {@code <destination>.dlt} with headers naming the error, and counts in
 * {@code hydro.dead.letters} (tag {@code edge=binding:<name>}); the loop keeps going. A binding in batch mode
 * ({@code consumer.batch-mode=true}) hands each poll to the instance as one batch, acknowledged after the tick
 * that emits its last record.
 *
 * <p>Exactly-once ({@code hydro.processing.guarantee=exactly-once}, Kafka binder): an input record's offset is
 * committed by the transaction of the tick that consumed it (so its binding must use {@code ack-mode: manual},
 * which keeps the binder from committing on its own), and an output value is sent by the instance's
 * transactional producer to the binding's destination, as JSON (text and bytes as they are), inside the tick's
 * transaction.
 *
 * <pre>{@code
 * spring.cloud.stream.bindings.orders.destination: orders
 * spring.cloud.stream.bindings.orders.group: order-processors
 * }</pre>
 */
public class StreamBindingIo implements ExternalIo {

    private static final boolean KAFKA_ACKS = ClassUtils.isPresent(
            "org.springframework.kafka.support.Acknowledgment", StreamBindingIo.class.getClassLoader());

    private final BindingService bindingService;
    private final BindingServiceProperties bindingProperties;
    private final SubscribableChannelBindingTargetFactory channels;
    private final StreamBridge bridge;
    private final org.springframework.core.env.Environment environment;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, Input> inputs = new LinkedHashMap<>();
    private final KafkaTickTransactions transactions;
    private static final Logger log = LoggerFactory.getLogger(StreamBindingIo.class);

    /** Suffix of the topic (destination) that keeps an input binding's unconvertible records. */
    public static final String DEAD_LETTER_SUFFIX = ".dlt";

    public StreamBindingIo(BindingService bindingService, BindingServiceProperties bindingProperties,
            SubscribableChannelBindingTargetFactory channels, StreamBridge bridge,
            org.springframework.core.env.Environment environment) {
        this(bindingService, bindingProperties, channels, bridge, environment, null);
    }

    /** With {@code transactions}, exactly-once ticks take input and output bindings into their transactions. */
    public StreamBindingIo(BindingService bindingService, BindingServiceProperties bindingProperties,
            SubscribableChannelBindingTargetFactory channels, StreamBridge bridge,
            org.springframework.core.env.Environment environment, KafkaTickTransactions transactions) {
        this.transactions = transactions != null && transactions.exactlyOnce() ? transactions : null;
        this.bindingService = bindingService;
        this.bindingProperties = bindingProperties;
        this.channels = channels;
        this.bridge = bridge;
        this.environment = environment;
    }

    @Override
    public void validate(List<ExternalPort> inputsRunHere) {
        for (ExternalPort input : inputsRunHere) {
            String prefix = "spring.cloud.stream.bindings." + input.name();
            if (!bindingProperties.getBindings().containsKey(input.name())
                    && environment.getProperty(prefix + ".destination") == null) {
                throw new HydroConfigurationException(prefix + ".destination",
                        "sourceStream(\"" + input.name() + "\") at location '" + input.location().name()
                                + "' has no Spring Cloud Stream binding",
                        "Add " + prefix + ".destination=<topic> (and " + prefix
                                + ".group=<group> so that the members of a cluster share the input).");
            }
            String ackMode = "spring.cloud.stream.kafka.bindings." + input.name() + ".consumer.ack-mode";
            String mode = environment.getProperty(ackMode,
                    environment.getProperty("spring.cloud.stream.kafka.default.consumer.ack-mode", ""));
            if (transactions != null && !mode.equalsIgnoreCase("manual")) {
                throw new HydroConfigurationException(ackMode, "exactly-once: input binding '" + input.name()
                        + "' must leave committing its offsets to the tick's transaction",
                        "Set " + ackMode + "=manual.");
            }
        }
    }

    @Override
    public void bindInput(InstanceId instance, String name, Class<?> type, SourceQueue queue) {
        bindInput(instance, name, type, queue, TickListener.NONE);
    }

    @Override
    public synchronized void bindInput(InstanceId instance, String name, Class<?> type, SourceQueue queue,
            TickListener listener) {
        inputs.computeIfAbsent(name, n -> new Input(n, type)).readers.add(new Reader(instance, queue, listener));
    }

    @Override
    public Consumer<Object> output(InstanceId instance, String name) {
        if (transactions != null) {
            String destination = bindingProperties.getBindingDestination(name);
            return value -> KafkaAcknowledgments.sendInTransaction(transactions, instance, destination,
                    serialize(value), value instanceof String || value instanceof byte[] ? "text/plain"
                            : "application/json");
        }
        return value -> {
            if (!bridge.send(name, value)) {
                throw new IllegalStateException("could not send to output binding '" + name + "'");
            }
        };
    }

    @Override
    public synchronized void start() {
        for (Input input : inputs.values()) {
            SubscribableChannel channel = channels.createInput(input.name);
            boolean batchMode = bindingProperties.getConsumerProperties(input.name).isBatchMode();
            MessageHandler handler = batchMode ? input::deliverBatch : input::deliver;
            // The binding's channel is a bean that outlives a stop; it takes a single subscriber and refuses others
            // silently, which would leave a restarted flow without input.
            if (!channel.subscribe(handler)) {
                throw new IllegalStateException("the input channel of binding '" + input.name
                        + "' already has a subscriber: sourceStream(\"" + input.name + "\") must be its only reader");
            }
            input.subscription = () -> channel.unsubscribe(handler);
            bindingService.bindConsumer(channel, input.name);
        }
    }

    @Override
    public synchronized void stop() {
        for (Input input : inputs.values()) {
            bindingService.unbindConsumers(input.name);
            if (input.subscription != null) {
                input.subscription.run();
            }
        }
        inputs.clear();
    }

    private byte[] serialize(Object value) {
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        if (value instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        return json.writeValueAsBytes(value);
    }

    private Object convert(Object payload, Class<?> type) {
        if (type.isInstance(payload)) {
            return payload;
        }
        if (payload instanceof byte[] bytes) {
            return type == String.class ? new String(bytes, StandardCharsets.UTF_8) : json.readValue(bytes, type);
        }
        if (payload instanceof String text) {
            return json.readValue(text, type);
        }
        return json.convertValue(payload, type);
    }

    /**
     * Sends a record that cannot be converted to the input type, unchanged, to {@code <destination>.dlt} with
     * headers naming the error, the binding and the reading instance, and counts it; the tick loop keeps going
     * and the record is acknowledged in its turn, so nothing before or after it is lost.
     */
    private void deadLetter(String binding, Object record, String origin, Reader reader, RuntimeException error) {
        String destination = bindingProperties.getBindingDestination(binding) + DEAD_LETTER_SUFFIX;
        byte[] payload = record instanceof byte[] bytes ? bytes
                : String.valueOf(record).getBytes(StandardCharsets.UTF_8);
        Message<byte[]> letter = MessageBuilder.withPayload(payload)
                .setHeader("hydro.error", String.valueOf(error.getMessage()))
                .setHeader("hydro.error.class", error.getClass().getName())
                .setHeader("hydro.binding", binding)
                .setHeader("hydro.receiver", reader.instance().toString())
                .setHeader("hydro.origin", origin)
                .build();
        log.warn("Input binding {} at {}: a record could not be converted and was sent to {}: {}", binding,
                reader.instance(), destination, error.getMessage());
        if (!bridge.send(destination, letter)) {
            throw new IllegalStateException("could not send a dead letter of input binding '" + binding + "' to "
                    + destination, error);
        }
        reader.listener().deadLetter(reader.instance(), "binding:" + binding, -1, payload, error);
    }

    /** Where a record came from: the binder's topic, partition and offset headers, when it has them. */
    private static String origin(Message<?> message) {
        Object topic = message.getHeaders().get("kafka_receivedTopic");
        Object partition = message.getHeaders().get("kafka_receivedPartitionId");
        Object offset = message.getHeaders().get("kafka_offset");
        return topic == null ? "unknown" : topic + "-" + partition + "@" + offset;
    }

    /** A local instance reading a binding. */
    private record Reader(InstanceId instance, SourceQueue queue, TickListener listener) {
    }

    /** One consumer binding, shared round-robin by the local instances that read it. */
    private final class Input {
        private final String name;
        private final Class<?> type;
        private final List<Reader> readers = new ArrayList<>();
        /** Exactly-once: the highest offset handed to a tick, per partition. */
        private final Map<TopicPartition, Long> highestDelivered = new ConcurrentHashMap<>();
        private int next;
        private Runnable subscription;

        Input(String name, Class<?> type) {
            this.name = name;
            this.type = type;
        }

        private synchronized Reader nextReader() {
            return readers.get(Math.floorMod(next++, readers.size()));
        }

        void deliver(Message<?> message) {
            Reader reader = nextReader();
            SourceQueue queue = reader.queue();
            if (transactions != null && KafkaAcknowledgments.redelivered(message, highestDelivered)) {
                log.debug("Input binding {}: dropped a redelivered record ({}) that a tick already holds", name,
                        origin(message));
                return;
            }
            Runnable acknowledge = transactions != null
                    ? KafkaAcknowledgments.inTransaction(message, reader.instance(), transactions)
                    : KAFKA_ACKS ? KafkaAcknowledgments.of(message) : null;
            Object value;
            try {
                value = convert(message.getPayload(), type);
            } catch (RuntimeException e) {
                deadLetter(name, message.getPayload(), origin(message), reader, e);
                if (acknowledge != null) {
                    try {
                        queue.acknowledgeInOrder(acknowledge);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                    }
                }
                return;
            }
            try {
                if (acknowledge != null) {
                    queue.putAcknowledged(value, acknowledge);
                } else {
                    queue.put(value);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while delivering to input '" + name + "'", e);
            }
        }

        /**
         * A batch-mode binding's poll: its records enter the reader's queue as one batch, acknowledged (or,
         * exactly-once, their offsets handed to the transaction) after the tick that emits the last of them. A
         * record that cannot be converted is dead-lettered alone; exactly-once, redelivered records are dropped
         * one by one, as in record mode.
         */
        void deliverBatch(Message<?> message) {
            if (!(message.getPayload() instanceof List<?> records)) {
                deliver(message);
                return;
            }
            Reader reader = nextReader();
            List<KafkaAcknowledgments.Position> positions = KAFKA_ACKS
                    ? KafkaAcknowledgments.positionsOfBatch(message, records.size()) : null;
            List<KafkaAcknowledgments.Position> handedOver = transactions != null ? new ArrayList<>(records.size())
                    : null; // exactly-once only: the offsets this batch hands to the transaction
            List<Object> values = new ArrayList<>(records.size());
            for (int i = 0; i < records.size(); i++) {
                KafkaAcknowledgments.Position position = positions == null ? null : positions.get(i);
                if (transactions != null && KafkaAcknowledgments.redelivered(position, highestDelivered)) {
                    log.debug("Input binding {}: dropped a redelivered record ({}) that a tick already holds", name,
                            position);
                    continue;
                }
                if (handedOver != null && position != null) {
                    handedOver.add(position);
                }
                try {
                    values.add(convert(records.get(i), type));
                } catch (RuntimeException e) {
                    deadLetter(name, records.get(i), position == null ? "unknown" : position.toString(), reader, e);
                }
            }
            Runnable acknowledge = transactions != null
                    ? KafkaAcknowledgments.inTransaction(handedOver, message, reader.instance(), transactions)
                    : KAFKA_ACKS ? KafkaAcknowledgments.of(message) : null;
            try {
                reader.queue().putBatch(values, acknowledge);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while delivering to input '" + name + "'", e);
            }
        }
    }
}
