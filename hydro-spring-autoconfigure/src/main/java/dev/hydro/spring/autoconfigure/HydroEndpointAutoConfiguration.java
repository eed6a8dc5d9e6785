package dev.hydro.spring.autoconfigure;

import dev.hydro.spring.actuate.HydroEndpoint;
import dev.hydro.spring.actuate.HydroHealthIndicator;
import dev.hydro.spring.runtime.HydroRuntime;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code hydro} Actuator endpoint and health indicator. Like every endpoint, {@code /actuator/hydro} is
 * reachable over HTTP only when exposed ({@code management.endpoints.web.exposure.include=hydro}).
 *
 * <pre>{@code
 * management.endpoints.web.exposure.include: health,metrics,hydro
 * }</pre>
 */
@AutoConfiguration(after = HydroAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(HydroRuntime.class)
public final class HydroEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint
    HydroEndpoint hydroEndpoint(HydroRuntime runtime) {
        return new HydroEndpoint(runtime);
    }

    /** The health indicator, when Spring Boot's health module is present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(AbstractHealthIndicator.class)
    @ConditionalOnEnabledHealthIndicator("hydro")
    static class Health {

        @Bean
        @ConditionalOnMissingBean(name = "hydroHealthIndicator")
        HydroHealthIndicator hydroHealthIndicator(HydroRuntime runtime) {
            return new HydroHealthIndicator(runtime);
        }
    }
}
