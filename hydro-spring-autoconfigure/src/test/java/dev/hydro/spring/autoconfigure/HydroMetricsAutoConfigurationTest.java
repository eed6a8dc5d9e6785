package dev.hydro.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hydro.network.NetworkEdge;
import dev.hydro.spring.FlowDefinition;
import dev.hydro.spring.autoconfigure.TestFlows.RecordingIo;
import dev.hydro.spring.runtime.FlowListenerFactory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@link HydroMetricsAutoConfiguration}: tick and edge meters tagged with flow, location and member. */
class HydroMetricsAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(HydroMetricsAutoConfiguration.class, HydroAutoConfiguration.class));

    @Test
    void aMeterRegistryBeanAddsTheMicrometerListenerFactory() {
        runner.withBean(SimpleMeterRegistry.class).run(context -> assertThat(context)
                .hasSingleBean(FlowListenerFactory.class).hasBean("hydroMicrometerListener"));
    }

    @Test
    void withoutAMeterRegistryBeanThereIsNoListenerFactory() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(FlowListenerFactory.class));
    }

    @Test
    void withoutMicrometerOnTheClasspathThereIsNoListenerFactory() {
        runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(FlowListenerFactory.class));
    }

    @Test
    void theRegistryOfSpringBootsMetricsAutoConfigurationIsUsed() {
        runner.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
                .run(context -> assertThat(context).hasSingleBean(MeterRegistry.class)
                        .hasSingleBean(FlowListenerFactory.class));
    }

    @Test
    void aRunningFlowCountsTicksTimesThemAndCountsEdgeRecords() {
        runner.withBean(SimpleMeterRegistry.class)
                .withBean("wordCount", FlowDefinition.class, TestFlows::leaderAndWorkers)
                .withBean(RecordingIo.class)
                .withPropertyValues("hydro.transport=local", "hydro.instance.all=true")
                .run(context -> {
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    RecordingIo io = context.getBean(RecordingIo.class);
                    await().atMost(Duration.ofSeconds(10)).until(() -> io.outputs.size() == 6);
                    NetworkEdge toWorkers = context.getBean(HydroFlows.class).flows().get(0).graph().edges().stream()
                            .filter(e -> e.to().equals("worker")).findFirst().orElseThrow();
                    // the listener reports a tick after it finished: the last reports may trail the outputs
                    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertMeters(registry, toWorkers));
                });
    }

    private static void assertMeters(MeterRegistry registry, NetworkEdge toWorkers) {
        for (String[] instance : new String[][] {{"leader", "0"}, {"worker", "0"}, {"worker", "2"}}) {
            Counter ticks = registry.find("hydro.ticks").tag("flow", "word-count")
                    .tag("location", instance[0]).tag("member", instance[1]).counter();
            assertThat(ticks).as("hydro.ticks of %s/%s", instance[0], instance[1]).isNotNull();
            assertThat(ticks.count()).isPositive();
            Timer duration = registry.find("hydro.tick.duration").tag("flow", "word-count")
                    .tag("location", instance[0]).tag("member", instance[1]).timer();
            assertThat(duration).isNotNull();
            assertThat(duration.count()).isPositive();
        }
        Counter sent = registry.find("hydro.edge.records").tag("flow", "word-count")
                .tag("location", "leader").tag("member", "0").tag("edge", toWorkers.name())
                .tag("direction", "sent").counter();
        assertThat(sent).isNotNull();
        assertThat(sent.count()).isEqualTo(6.0);
        double received = registry.find("hydro.edge.records").tag("edge", toWorkers.name())
                .tag("direction", "received").counters().stream().mapToDouble(Counter::count).sum();
        assertThat(received).isEqualTo(6.0);
        assertThat(registry.find("hydro.edge.bytes").tag("edge", toWorkers.name())
                .tag("direction", "sent").counter().count()).isPositive();
    }
}
