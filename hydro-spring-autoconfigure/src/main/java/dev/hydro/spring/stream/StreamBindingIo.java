package dev.hydro.spring.stream;

import dev.hydro.graph.ExternalPort;
import dev.hydro.runtime.InstanceId;
import dev.hydro.runtime.SourceQueue;
import dev.hydro.spring.runtime.ExternalIo;
import dev.hydro.spring.runtime.HydroConfigurationException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.cloud.stream.binding.BindingService;
import org.springframework.cloud.stream.binding.SubscribableChannelBindingTargetFactory;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.SubscribableChannel;
import org.springframework.util.ClassUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Binds a flow's named inputs and outputs to Spring Cloud Stream, whatever the binder: every
 * {@code sourceStream("orders", Order.class)} becomes the consumer binding {@code orders}, every
 * {@code destSink("alerts")} sends through {@link StreamBridge} to the binding {@code alerts}. Payloads are
 * converted to the input type (as is, UTF-8 text, or JSON). With the Kafka binder in manual ack mode, a
 * record is acknowledged only after the tick that consumed it.
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

    public StreamBindingIo(BindingService bindingService, BindingServiceProperties bindingProperties,
            SubscribableChannelBindingTargetFactory channels, StreamBridge bridge,
            org.springframework.core.env.Environment environment) {
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
        }
    }

    @Override
    public synchronized void bindInput(InstanceId instance, String name, Class<?> type, SourceQueue queue) {
        inputs.computeIfAbsent(name, n -> new Input(n, type)).queues.add(queue);
    }

    @Override
    public Consumer<Object> output(InstanceId instance, String name) {
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
            MessageHandler handler = input::deliver;
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

    /** One consumer binding, shared round-robin by the local instances that read it. */
    private final class Input {
        private final String name;
        private final Class<?> type;
        private final List<SourceQueue> queues = new ArrayList<>();
        private int next;
        private Runnable subscription;

        Input(String name, Class<?> type) {
            this.name = name;
            this.type = type;
        }

        void deliver(Message<?> message) {
            Object value = convert(message.getPayload(), type);
            SourceQueue queue;
            synchronized (this) {
                queue = queues.get(Math.floorMod(next++, queues.size()));
            }
            Runnable acknowledge = KAFKA_ACKS ? KafkaAcknowledgments.of(message) : null;
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
    }
}
