package dev.hydro.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hydro.spring.FlowDefinition;
import dev.hydro.spring.actuate.HydroEndpoint;
import dev.hydro.spring.actuate.HydroHealthIndicator;
import dev.hydro.spring.autoconfigure.TestFlows.RecordingIo;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.convert.support.ConfigurableConversionService;

/** {@link HydroEndpointAutoConfiguration}: the {@code hydro} Actuator endpoint and health indicator. */
class HydroEndpointAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(HydroEndpointAutoConfiguration.class, HydroAutoConfiguration.class))
            .withBean("wordCount", FlowDefinition.class, TestFlows::leaderAndWorkers)
            .withBean(RecordingIo.class)
            .withPropertyValues("hydro.transport=local", "hydro.instance.all=true",
                    "management.endpoints.web.exposure.include=hydro");

    @Test
    void anExposedEndpointAndTheHealthIndicatorAreContributed() {
        runner.run(context -> assertThat(context).hasSingleBean(HydroEndpoint.class)
                .hasSingleBean(HydroHealthIndicator.class).hasBean("hydroHealthIndicator"));
    }

    @Test
    void theEndpointIsNotContributedUnlessExposed() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=health")
                .run(context -> assertThat(context).doesNotHaveBean(HydroEndpoint.class)
                        .hasSingleBean(HydroHealthIndicator.class));
    }

    @Test
    void accessNoneRemovesTheEndpoint() {
        // an application's environment converts "none" to Access.NONE as SpringApplication sets it up
        runner.withInitializer(context -> context.getEnvironment().setConversionService(
                (ConfigurableConversionService) ApplicationConversionService.getSharedInstance()))
                .withPropertyValues("management.endpoint.hydro.access=none")
                .run(context -> assertThat(context).doesNotHaveBean(HydroEndpoint.class)
                        .hasSingleBean(HydroHealthIndicator.class));
    }

    @Test
    void disablingTheHydroHealthIndicatorRemovesIt() {
        runner.withPropertyValues("management.health.hydro.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(HydroHealthIndicator.class)
                        .hasSingleBean(HydroEndpoint.class));
    }

    @Test
    void withoutARuntimeThereIsNeitherEndpointNorHealthIndicator() {
        runner.withPropertyValues("hydro.runtime.enabled=false").run(context -> assertThat(context)
                .hasNotFailed().doesNotHaveBean(HydroEndpoint.class).doesNotHaveBean(HydroHealthIndicator.class));
    }

    @Test
    void withoutActuatorOnTheClasspathThereIsNoEndpoint() {
        runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate.endpoint"))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(HydroEndpoint.class));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theReportListsTheFlowItsRunningInstancesWithTicksAndItsMermaidGraph() {
        runner.run(context -> {
            HydroEndpoint endpoint = context.getBean(HydroEndpoint.class);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                Map<String, Object> report = endpoint.report();
                assertThat(report).containsEntry("running", true);
                List<Map<String, Object>> flows = (List<Map<String, Object>>) report.get("flows");
                assertThat(flows).singleElement().satisfies(flow -> {
                    assertThat(flow).containsEntry("name", "word-count").containsEntry("bean", "wordCount");
                    assertThat((List<Map<String, Object>>) flow.get("locations")).containsExactly(
                            Map.of("name", "leader", "kind", "process", "members", 1),
                            Map.of("name", "worker", "kind", "cluster", "members", 3));
                    assertThat((List<Map<String, Object>>) flow.get("edges")).hasSize(2);
                    List<Map<String, Object>> instances = (List<Map<String, Object>>) flow.get("instances");
                    assertThat(instances).hasSize(4).allSatisfy(instance -> {
                        assertThat(instance).containsEntry("state", "RUNNING").doesNotContainKey("failure");
                        assertThat((Long) instance.get("ticks")).isPositive();
                    });
                    assertThat(instances).extracting(i -> i.get("location") + "/" + i.get("member"))
                            .containsExactly("leader/0", "worker/0", "worker/1", "worker/2");
                    assertThat((String) flow.get("mermaid")).startsWith("flowchart LR")
                            .contains("leader (process)", "worker (cluster)");
                });
            });
        });
    }

    @Test
    void healthIsUpWithEveryInstanceRunning() {
        runner.run(context -> {
            Health health = context.getBean(HydroHealthIndicator.class).health(true);
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsOnlyKeys("word-count/leader/0", "word-count/worker/0",
                    "word-count/worker/1", "word-count/worker/2", "word-count/transport");
            assertThat(health.getDetails()).containsEntry("word-count/transport", "UP");
            assertThat(health.getDetails()).allSatisfy((instance, state) -> assertThat(state).isIn("RUNNING", "UP"));
        });
    }

    @Test
    void healthIsDownOnceATickFailsAndTheReportShowsTheFailure() {
        runner.withBean("divideByZero", FlowDefinition.class, () -> flow -> flow.process(TestFlows.Leader.class)
                .sourceIter(List.of(1)).map(x -> 10 / (x - 1)).destSink("out")).run(context -> {
                    HydroHealthIndicator indicator = context.getBean(HydroHealthIndicator.class);
                    await().atMost(Duration.ofSeconds(10))
                            .until(() -> indicator.health(true).getStatus().equals(Status.DOWN));
                    assertThat(indicator.health(true).getDetails()).containsEntry("divide-by-zero/leader/0", "FAILED")
                            .containsEntry("word-count/leader/0", "RUNNING");
                    assertThat(context.getBean(HydroEndpoint.class).report().toString())
                            .contains("state=FAILED", "failure=java.lang.ArithmeticException: / by zero");
                });
    }

    @Test
    void healthIsDownWhenATransportCannotDeliver() {
        java.util.concurrent.atomic.AtomicReference<String> failure = new java.util.concurrent.atomic.AtomicReference<>();
        runner.withBean(dev.hydro.spring.runtime.EdgeTransportFactory.class, () -> (flow, plan) -> {
                    dev.hydro.network.InMemoryTransport memory = new dev.hydro.network.InMemoryTransport();
                    return new dev.hydro.network.Transport() {
                        @Override
                        public dev.hydro.network.EdgeSender sender(dev.hydro.network.NetworkEdge edge,
                                dev.hydro.runtime.InstanceId sender) {
                            return memory.sender(edge, sender);
                        }

                        @Override
                        public void receiver(dev.hydro.network.NetworkEdge edge, dev.hydro.runtime.InstanceId at,
                                dev.hydro.network.EdgeReceiver receiver) {
                            memory.receiver(edge, at, receiver);
                        }

                        @Override
                        public boolean exactlyOnce() {
                            return true;
                        }

                        @Override
                        public String failure() {
                            return failure.get();
                        }
                    };
                })
                .run(context -> {
                    HydroHealthIndicator indicator = context.getBean(HydroHealthIndicator.class);
                    assertThat(indicator.health(true).getStatus()).isEqualTo(Status.UP);
                    assertThat(indicator.health(true).getDetails()).containsEntry("word-count/transport", "UP");
                    failure.set("the edge consumer of worker/1 stopped: broker unreachable");
                    assertThat(indicator.health(true).getStatus()).isEqualTo(Status.DOWN);
                    assertThat(indicator.health(true).getDetails()).containsEntry("word-count/transport",
                            "the edge consumer of worker/1 stopped: broker unreachable");
                });
    }

    @Test
    void theIndicatorContributesHydroToSpringBootsHealthEndpoint() {
        runner.withConfiguration(AutoConfigurations.of(EndpointAutoConfiguration.class,
                HealthContributorAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class,
                HealthEndpointAutoConfiguration.class))
                .withPropertyValues("management.endpoints.web.exposure.include=health,hydro")
                .run(context -> {
                    HealthEndpoint health = context.getBean(HealthEndpoint.class);
                    assertThat(health.healthForPath("hydro").getStatus()).isEqualTo(Status.UP);
                });
    }
}
