package dev.hydro.spring.autoconfigure;

import dev.hydro.spring.actuate.MicrometerTickListener;
import dev.hydro.spring.runtime.FlowListenerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Publishes tick and edge metrics ({@code hydro.*}) to Micrometer, tagged with flow, location and member.
 *
 * <pre>{@code
 * GET /actuator/metrics/hydro.tick.duration?tag=location:leader
 * }</pre>
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
public final class HydroMetricsAutoConfiguration {

    @Bean
    FlowListenerFactory hydroMicrometerListener(MeterRegistry registry) {
        return flow -> new MicrometerTickListener(registry, flow);
    }
}
