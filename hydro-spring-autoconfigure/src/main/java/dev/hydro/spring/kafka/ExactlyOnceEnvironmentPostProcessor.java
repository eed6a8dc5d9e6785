package dev.hydro.spring.kafka;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * With {@code hydro.processing.guarantee=exactly-once}, makes the Kafka binder's consumers read committed records
 * only, so that an input binding never sees what an aborted tick (or any aborted transaction) wrote. Added as the
 * property source of lowest precedence: an explicit setting wins.
 *
 * <pre>{@code
 * hydro.processing.guarantee: exactly-once
 * # implies spring.cloud.stream.kafka.binder.consumer-properties.isolation.level: read_committed
 * }</pre>
 */
public class ExactlyOnceEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String guarantee = environment.getProperty("hydro.processing.guarantee", "");
        if (guarantee.replace('_', '-').equalsIgnoreCase("exactly-once")) {
            environment.getPropertySources().addLast(new MapPropertySource("hydroExactlyOnceDefaults", Map.of(
                    "spring.cloud.stream.kafka.binder.consumer-properties.isolation.level", "read_committed")));
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
