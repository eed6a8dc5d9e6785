package dev.hydro.spring.autoconfigure;

import dev.hydro.network.InMemoryTransport;
import dev.hydro.spring.FlowDefinition;
import dev.hydro.spring.runtime.EdgeTransportFactory;
import dev.hydro.spring.runtime.ExternalIo;
import dev.hydro.spring.runtime.FlowListenerFactory;
import dev.hydro.spring.runtime.HydroConfigurationException;
import dev.hydro.spring.runtime.HydroRuntime;
import dev.hydro.spring.runtime.InstancePlan;
import java.util.LinkedHashMap;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Runs every {@link FlowDefinition} bean: builds the flows, resolves which location instances this
 * application runs ({@code hydro.instance.*}), and starts them as a {@link HydroRuntime} lifecycle.
 * Each piece is a replaceable bean.
 *
 * <pre>{@code
 * hydro.instance.all: true   # dev mode: every location in this JVM
 * hydro.transport: local     # in-JVM edges
 * }</pre>
 */
@AutoConfiguration(after = {HydroKafkaAutoConfiguration.class, HydroStreamAutoConfiguration.class,
        HydroMetricsAutoConfiguration.class})
@EnableConfigurationProperties(HydroProperties.class)
public final class HydroAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    HydroFlows hydroFlows(ListableBeanFactory beans) {
        return HydroFlows.build(new LinkedHashMap<>(beans.getBeansOfType(FlowDefinition.class)));
    }

    @Bean
    @ConditionalOnMissingBean
    InstancePlan hydroInstancePlan(HydroFlows flows, HydroProperties properties) {
        return InstancePlan.resolve(flows.flows(), properties);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(name = "hydro.transport", havingValue = "local")
    EdgeTransportFactory hydroLocalTransport(HydroProperties properties) {
        if (properties.getProcessing().getGuarantee() == HydroProperties.Guarantee.EXACTLY_ONCE) {
            throw new HydroConfigurationException("hydro.processing.guarantee", "exactly-once processing needs the"
                    + " Kafka transport: in-JVM edges and state do not survive a restart",
                    "Set hydro.transport=kafka, or remove hydro.processing.guarantee=exactly-once.");
        }
        return (flow, plan) -> new InMemoryTransport();
    }

    @Bean
    @ConditionalOnMissingBean
    ExternalIo hydroExternalIo() {
        return ExternalIo.unavailable();
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(name = "hydro.runtime.enabled", matchIfMissing = true)
    HydroRuntime hydroRuntime(HydroFlows flows, InstancePlan plan, ObjectProvider<EdgeTransportFactory> transports,
            ExternalIo io, ObjectProvider<FlowListenerFactory> listeners, HydroProperties properties) {
        EdgeTransportFactory transport = transports.getIfAvailable(() -> (flow, p) -> {
            throw new HydroConfigurationException("hydro.transport",
                    "the " + properties.getTransport().name().toLowerCase() + " transport is not available",
                    "Add spring-kafka to the classpath (hydro-spring-boot-starter brings it), or set"
                            + " hydro.transport=local together with hydro.instance.all=true.");
        });
        return new HydroRuntime(flows.flows(), plan, transport, io, listeners.orderedStream().toList());
    }
}
