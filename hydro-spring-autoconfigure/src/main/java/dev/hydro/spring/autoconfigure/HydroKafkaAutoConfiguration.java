package dev.hydro.spring.autoconfigure;

import dev.hydro.spring.kafka.KafkaEdgeTransport;
import dev.hydro.spring.kafka.KafkaTickTransactions;
import dev.hydro.spring.runtime.EdgeTransportFactory;
import dev.hydro.spring.runtime.HydroConfigurationException;
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
    KafkaTickTransactions hydroKafkaTickTransactions(HydroProperties properties) {
        boolean exactlyOnce = properties.getProcessing().getGuarantee() == HydroProperties.Guarantee.EXACTLY_ONCE;
        if (exactlyOnce && !properties.getKafka().isChangelog()) {
            throw new HydroConfigurationException("hydro.kafka.changelog", "hydro.processing.guarantee=exactly-once"
                    + " needs the changelog: without it, state kept across ticks would not match the committed"
                    + " offsets after a restart", "Remove hydro.kafka.changelog=false, or run at-least-once.");
        }
        return new KafkaTickTransactions(exactlyOnce);
    }

    @Bean
    @ConditionalOnMissingBean
    EdgeTransportFactory hydroKafkaTransport(KafkaProperties kafka, HydroProperties properties,
            KafkaTickTransactions transactions, BeanFactory beans) {
        HydroProperties.Kafka settings = properties.getKafka();
        return (flow, plan) -> new KafkaEdgeTransport(flow, plan, kafka.buildProducerProperties(),
                kafka.buildConsumerProperties(), kafka.buildAdminProperties(), settings, transactions,
                MICROMETER ? beans.getBeanProvider(MeterRegistry.class).getIfAvailable() : null);
    }
}
