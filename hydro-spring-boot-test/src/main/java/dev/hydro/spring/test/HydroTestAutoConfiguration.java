package dev.hydro.spring.test;

import dev.hydro.spring.autoconfigure.HydroAutoConfiguration;
import dev.hydro.spring.autoconfigure.HydroFlows;
import dev.hydro.spring.runtime.FlowListenerFactory;
import dev.hydro.spring.runtime.InstancePlan;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Registers the {@link HydroFlowDriver} that steps the application's flows: built from the starter's
 * {@link HydroFlows} and the cluster sizes of its {@link InstancePlan}. Imported by
 * {@link HydroFlowTest @HydroFlowTest}; it is not listed for plain auto-configuration, so other tests of the
 * application are not affected by this jar on the test classpath. Import it yourself to step flows in a test
 * with another setup.
 *
 * <pre>{@code
 * @SpringBootTest(properties = {"hydro.runtime.enabled=false", "hydro.instance.all=true", "hydro.transport=local"})
 * @ImportAutoConfiguration(HydroTestAutoConfiguration.class)
 * class CustomFlowTest {
 *     @Autowired HydroFlowDriver driver;
 * }
 * }</pre>
 */
@AutoConfiguration(after = HydroAutoConfiguration.class)
public final class HydroTestAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    HydroFlowDriver hydroFlowDriver(HydroFlows flows, InstancePlan plan,
            ObjectProvider<FlowListenerFactory> listeners) {
        return HydroFlowDriver.create(flows, plan, listeners.orderedStream().toList());
    }
}
