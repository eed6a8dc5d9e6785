package dev.hydro.spring.dev;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.util.ClassUtils;

/**
 * Development mode's broker: with {@code hydro.dev.embedded-kafka.enabled=true} (and spring-kafka-test on the
 * classpath) it starts a single-node KRaft broker inside the JVM before the context is created, and points
 * {@code spring.kafka.bootstrap-servers} and the Kafka binder at it, so a freshly cloned service runs the
 * same Kafka and Spring Cloud Stream path as production with nothing installed. Off by default. The broker
 * lives as long as the JVM.
 *
 * <pre>{@code
 * hydro.dev.embedded-kafka.enabled: true   # in the sample's default profile only
 * }</pre>
 */
public class EmbeddedKafkaEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    private static final String BROKER_CLASS = "org.springframework.kafka.test.EmbeddedKafkaKraftBroker";
    private static volatile String bootstrapServers;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty("hydro.dev.embedded-kafka.enabled", Boolean.class, false)) {
            return;
        }
        if (!ClassUtils.isPresent(BROKER_CLASS, getClass().getClassLoader())) {
            throw new IllegalStateException("hydro.dev.embedded-kafka.enabled=true needs"
                    + " org.springframework.kafka:spring-kafka-test on the classpath");
        }
        int port = environment.getProperty("hydro.dev.embedded-kafka.port", Integer.class, 0);
        String servers = Broker.start(port);
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.kafka.bootstrap-servers", servers);
        properties.put("spring.cloud.stream.kafka.binder.brokers", servers);
        environment.getPropertySources().addFirst(new MapPropertySource("hydroEmbeddedKafka", properties));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** Holds the JVM's single development broker; kept apart so the broker classes load only when enabled. */
    static final class Broker {
        private Broker() {
        }

        static synchronized String start(int port) {
            if (bootstrapServers == null) {
                EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
                if (port > 0) {
                    broker.kafkaPorts(port);
                }
                broker.brokerProperty("auto.create.topics.enable", "true");
                broker.afterPropertiesSet();
                Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "hydro-dev-kafka-stop"));
                bootstrapServers = broker.getBrokersAsString();
                System.out.println("Hydro dev mode: in-process Kafka broker at " + bootstrapServers);
            }
            return bootstrapServers;
        }
    }
}
