package dev.hydro.spring.autoconfigure;

import dev.hydro.spring.runtime.ExternalIo;
import dev.hydro.spring.kafka.KafkaTickTransactions;
import dev.hydro.spring.stream.StreamBindingIo;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.stream.binding.BindingService;
import org.springframework.cloud.stream.binding.SubscribableChannelBindingTargetFactory;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Binds {@code sourceStream(name, type)} inputs to Spring Cloud Stream consumer bindings and
 * {@code destSink(name)} outputs to {@link StreamBridge}, with whatever binder the application uses.
 *
 * <pre>{@code
 * spring.cloud.stream.bindings.lines.destination: lines
 * spring.cloud.stream.bindings.trending.destination: trending
 * }</pre>
 */
@AutoConfiguration(afterName = {"org.springframework.cloud.stream.config.BindingServiceConfiguration",
        "org.springframework.cloud.stream.function.FunctionConfiguration"})
@ConditionalOnClass({BindingService.class, StreamBridge.class})
public final class HydroStreamAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(ExternalIo.class)
    @ConditionalOnBean({BindingService.class, StreamBridge.class})
    ExternalIo hydroStreamBindings(BindingService bindingService, BindingServiceProperties bindingProperties,
            SubscribableChannelBindingTargetFactory channels, StreamBridge bridge, Environment environment,
            ObjectProvider<KafkaTickTransactions> transactions) {
        return new StreamBindingIo(bindingService, bindingProperties, channels, bridge, environment,
                transactions.getIfAvailable());
    }
}
