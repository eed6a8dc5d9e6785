package dev.hydro.spring.autoconfigure;

import dev.hydro.spring.kafka.KafkaEdgeTransport;
import dev.hydro.spring.runtime.EdgeTransportFactory;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.util.ClassUtils;

/**
 * Carries network edges over Kafka ({@code hydro.transport=kafka}, the default): one topic per edge,
 * connection and security settings from Spring Boot's {@code spring.kafka.*}.
 *
 * <pre>{@code
 * spring.kafka.bootstrap-servers: broker:9092
 * hydro.kafka.topic-prefix: hydro
 * }</pre>
 */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnClass({KafkaProducer.class, KafkaProperties.class})
@ConditionalOnProperty(name = "hydro.transport", havingValue = "kafka", matchIfMissing = true)
@EnableConfigurationProperties({HydroProperties.class, KafkaProperties.class})
public final class HydroKafkaAutoConfiguration {

    private static final boolean MICROMETER = ClassUtils.isPresent("io.micrometer.core.instrument.MeterRegistry",
            HydroKafkaAutoConfiguration.class.getClassLoader());

    @Bean
    @ConditionalOnMissingBean
    EdgeTransportFactory hydroKafkaTransport(KafkaProperties kafka, HydroProperties properties, BeanFactory beans) {
        HydroProperties.Kafka settings = properties.getKafka();
        return (flow, plan) -> new KafkaEdgeTransport(flow, plan, kafka.buildProducerProperties(),
                kafka.buildConsumerProperties(), kafka.buildAdminProperties(), settings,
                MICROMETER ? beans.getBeanProvider(MeterRegistry.class).getIfAvailable() : null);
    }
}
