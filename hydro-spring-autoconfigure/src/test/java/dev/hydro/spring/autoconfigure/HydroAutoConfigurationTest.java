package dev.hydro.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hydro.network.InMemoryTransport;
import dev.hydro.network.NetworkEdge;
import dev.hydro.network.Transport;
import dev.hydro.observe.TickListener;
import dev.hydro.runtime.InstanceId;
import dev.hydro.spring.FlowDefinition;
import dev.hydro.spring.autoconfigure.TestFlows.RecordingIo;
import dev.hydro.spring.kafka.KafkaEdgeTransport;
import dev.hydro.spring.runtime.EdgeTransportFactory;
import dev.hydro.spring.runtime.ExternalIo;
import dev.hydro.spring.runtime.Flow;
import dev.hydro.spring.runtime.FlowListenerFactory;
import dev.hydro.spring.runtime.HydroRuntime;
import dev.hydro.spring.runtime.InstancePlan;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@link HydroAutoConfiguration}: the beans it contributes, when each backs off, and which instances run. */
class HydroAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(HydroAutoConfiguration.class));

    @Test
    void withoutFlowDefinitionsProvidesNoFlowsAnEmptyPlanAndARuntimeWithoutInstances() {
        runner.run(context -> {
            assertThat(context).hasNotFailed()
                    .hasSingleBean(HydroFlows.class)
                    .hasSingleBean(InstancePlan.class)
                    .hasSingleBean(HydroRuntime.class)
                    .hasSingleBean(ExternalIo.class)
                    .hasSingleBean(HydroProperties.class);
            assertThat(context.getBean(HydroFlows.class).flows()).isEmpty();
            assertThat(context.getBean(InstancePlan.class).instances()).isEmpty();
            HydroRuntime runtime = context.getBean(HydroRuntime.class);
            assertThat(runtime.isRunning()).isTrue();
            assertThat(runtime.instances()).isEmpty();
        });
    }

    @Test
    void withoutKafkaAutoConfigurationThereIsNoEdgeTransportFactoryUntilOneIsConfigured() {
        runner.run(context -> assertThat(context).doesNotHaveBean(EdgeTransportFactory.class));
    }

    @Test
    void aUserDefinedHydroRuntimeBacksOffTheDefault() {
        HydroRuntime mine = new HydroRuntime(List.of(), InstancePlan.resolve(List.of(), new HydroProperties()),
                (flow, plan) -> new InMemoryTransport(), new RecordingIo(), List.of());
        runner.withBean("myRuntime", HydroRuntime.class, () -> mine).run(context -> {
            assertThat(context).hasSingleBean(HydroRuntime.class);
            assertThat(context.getBean(HydroRuntime.class)).isSameAs(mine);
        });
    }

    @Test
    void aUserDefinedExternalIoBacksOffTheDefault() {
        RecordingIo mine = new RecordingIo();
        runner.withBean("myIo", ExternalIo.class, () -> mine).run(context -> {
            assertThat(context).hasSingleBean(ExternalIo.class).doesNotHaveBean("hydroExternalIo");
            assertThat(context.getBean(ExternalIo.class)).isSameAs(mine);
        });
    }

    @Test
    void aUserDefinedEdgeTransportFactoryBacksOffTheLocalOne() {
        EdgeTransportFactory mine = (flow, plan) -> new InMemoryTransport();
        runner.withBean("myTransport", EdgeTransportFactory.class, () -> mine)
                .withPropertyValues("hydro.transport=local", "hydro.instance.all=true")
                .run(context -> {
                    assertThat(context).hasSingleBean(EdgeTransportFactory.class)
                            .doesNotHaveBean("hydroLocalTransport");
                    assertThat(context.getBean(EdgeTransportFactory.class)).isSameAs(mine);
                });
    }

    @Test
    void aUserDefinedEdgeTransportFactoryBacksOffTheKafkaOne() {
        EdgeTransportFactory mine = (flow, plan) -> new InMemoryTransport();
        runner.withConfiguration(AutoConfigurations.of(HydroKafkaAutoConfiguration.class))
                .withBean("myTransport", EdgeTransportFactory.class, () -> mine)
                .run(context -> {
                    assertThat(context).hasSingleBean(EdgeTransportFactory.class)
                            .doesNotHaveBean("hydroKafkaTransport");
                    assertThat(context.getBean(EdgeTransportFactory.class)).isSameAs(mine);
                });
    }

    @Test
    void aUserDefinedInstancePlanBacksOffTheOneResolvedFromProperties() {
        // without hydro.instance.* the resolved plan would fail: the user's plan is used instead
        runner.withBean("pipeline", FlowDefinition.class, TestFlows::leaderAndWorkers)
                .withUserConfiguration(LeaderOnlyPlan.class)
                .withBean(ExternalIo.class, RecordingIo::new)
                .withBean(EdgeTransportFactory.class, () -> (flow, plan) -> new InMemoryTransport())
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(InstancePlan.class)
                            .doesNotHaveBean("hydroInstancePlan");
                    assertThat(ids(context.getBean(HydroRuntime.class))).containsExactly(new InstanceId("leader", 0));
                });
    }

    @Test
    void aUserDefinedHydroFlowsBacksOffTheFlowDefinitionBeans() {
        HydroFlows mine = HydroFlows.build(Map.of("mine", TestFlows.ordersInput()));
        runner.withBean("ignored", FlowDefinition.class, TestFlows::leaderAndWorkers)
                .withBean("myFlows", HydroFlows.class, () -> mine)
                .withPropertyValues("hydro.runtime.enabled=false", "hydro.instance.all=true")
                .run(context -> {
                    assertThat(context).hasSingleBean(HydroFlows.class);
                    assertThat(context.getBean(HydroFlows.class).flows()).extracting(Flow::name)
                            .containsExactly("mine");
                });
    }

    @Test
    void runtimeEnabledFalseLeavesOutTheRuntimeButStillBuildsFlowsAndPlan() {
        runner.withBean("pipeline", FlowDefinition.class, TestFlows::leaderAndWorkers)
                .withPropertyValues("hydro.runtime.enabled=false", "hydro.instance.all=true")
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(HydroRuntime.class)
                            .hasSingleBean(HydroFlows.class).hasSingleBean(InstancePlan.class);
                    assertThat(context.getBean(InstancePlan.class).instances()).hasSize(4);
                });
    }

    @Test
    void transportLocalProvidesTheInMemoryTransportAndNotTheKafkaOne() {
        runner.withConfiguration(AutoConfigurations.of(HydroKafkaAutoConfiguration.class))
                .withPropertyValues("hydro.transport=local", "hydro.instance.all=true")
                .run(context -> {
                    assertThat(context).hasSingleBean(EdgeTransportFactory.class).hasBean("hydroLocalTransport")
                            .doesNotHaveBean("hydroKafkaTransport");
                    Transport transport = context.getBean(EdgeTransportFactory.class)
                            .create(null, context.getBean(InstancePlan.class));
                    assertThat(transport).isInstanceOf(InMemoryTransport.class);
                    assertThat(transport.exactlyOnce()).isTrue();
                });
    }

    @Test
    void kafkaIsTheDefaultTransportWhenHydroKafkaAutoConfigurationIsPresent() {
        runner.withConfiguration(AutoConfigurations.of(HydroKafkaAutoConfiguration.class))
                .run(context -> assertThat(context).hasSingleBean(EdgeTransportFactory.class)
                        .hasBean("hydroKafkaTransport").doesNotHaveBean("hydroLocalTransport"));
    }

    @Test
    void theKafkaTransportNamesEdgeTopicsWithTheConfiguredPrefixAndFlowName() {
        runner.withConfiguration(AutoConfigurations.of(HydroKafkaAutoConfiguration.class))
                .withBean("wordCount", FlowDefinition.class, TestFlows::leaderAndWorkers)
                .withPropertyValues("hydro.runtime.enabled=false", "hydro.instance.all=true",
                        "hydro.kafka.topic-prefix=orders-svc")
                .run(context -> {
                    Flow flow = context.getBean(HydroFlows.class).flows().get(0);
                    Transport transport = context.getBean(EdgeTransportFactory.class)
                            .create(flow, context.getBean(InstancePlan.class));
                    try (transport) {
                        assertThat(transport).isInstanceOf(KafkaEdgeTransport.class);
                        assertThat(transport.exactlyOnce()).isFalse();
                        NetworkEdge edge = flow.graph().edges().get(0);
                        assertThat(((KafkaEdgeTransport) transport).topic(edge))
                                .isEqualTo("orders-svc.word-count." + edge.name());
                    }
                });
    }

    @Test
    void anEdgeTopicCanBeNamedExplicitly() {
        runner.withConfiguration(AutoConfigurations.of(HydroKafkaAutoConfiguration.class))
                .withBean("wordCount", FlowDefinition.class, TestFlows::leaderAndWorkers)
                .withPropertyValues("hydro.runtime.enabled=false", "hydro.instance.all=true")
                .run(context -> {
                    Flow flow = context.getBean(HydroFlows.class).flows().get(0);
                    NetworkEdge first = flow.graph().edges().get(0);
                    NetworkEdge second = flow.graph().edges().get(1);
                    context.getBean(HydroProperties.class).getKafka().getTopics().put(first.name(), "legacy-jobs");
                    try (Transport transport = context.getBean(EdgeTransportFactory.class)
                            .create(flow, context.getBean(InstancePlan.class))) {
                        assertThat(((KafkaEdgeTransport) transport).topic(first)).isEqualTo("legacy-jobs");
                        assertThat(((KafkaEdgeTransport) transport).topic(second))
                                .isEqualTo("hydro.word-count." + second.name());
                    }
                });
    }

    @Test
    void theKafkaTransportNeedsTheKafkaClientsOnTheClasspath() {
        runner.withConfiguration(AutoConfigurations.of(HydroKafkaAutoConfiguration.class))
                .withClassLoader(new FilteredClassLoader(KafkaProducer.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(EdgeTransportFactory.class));
    }

    @Test
    void aFlowIsNamedAfterItsBeanInKebabCase() {
        runner.withBean("wordCount", FlowDefinition.class, TestFlows::leaderAndWorkers)
                .withPropertyValues("hydro.runtime.enabled=false", "hydro.instance.all=true")
                .run(context -> {
                    Flow flow = context.getBean(HydroFlows.class).flows().get(0);
                    assertThat(flow.name()).isEqualTo("word-count");
                    assertThat(flow.beanName()).isEqualTo("wordCount");
                    assertThat(flow.graph().locations()).extracting(l -> l.name()).containsExactly("leader", "worker");
                });
    }

    @Test
    void aFlowDefinitionThatThrowsFailsTheContextNamingTheBean() {
        runner.withBean("brokenFlow", FlowDefinition.class, () -> flow -> {
            throw new IllegalArgumentException("no locations today");
        }).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context).getFailure().hasRootCauseInstanceOf(IllegalArgumentException.class)
                    .hasStackTraceContaining("FlowDefinition bean 'brokenFlow' does not build: no locations today");
        });
    }

    @Test
    void aBeanNameThatMakesNoValidFlowNameFailsTheContextNamingTheBean() {
        runner.withBean("word__count", FlowDefinition.class, TestFlows::leaderAndWorkers).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context).getFailure()
                    .hasStackTraceContaining(
                            "FlowDefinition bean 'word__count' does not build: flow name 'word--count'");
        });
    }

    @Test
    void aClusterLocationAndMemberIdRunExactlyThatMember() {
        runner.withBean("pipeline", FlowDefinition.class, TestFlows::leaderAndWorkers)
                .withBean(ExternalIo.class, RecordingIo::new)
                .withBean(EdgeTransportFactory.class, () -> (flow, plan) -> new InMemoryTransport())
                .withPropertyValues("hydro.instance.location=worker", "hydro.instance.member-id=2",
                        "hydro.clusters.worker.members=3")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    HydroRuntime runtime = context.getBean(HydroRuntime.class);
                    assertThat(ids(runtime)).containsExactly(new InstanceId("worker", 2));
                    assertThat(runtime.plan().members("worker")).isEqualTo(3);
                    assertThat(runtime.plan().members("leader")).isEqualTo(1);
                    await().atMost(Duration.ofSeconds(10))
                            .until(() -> runtime.instances().get(0).instance().ticks() > 0);
                });
    }

    @Test
    void aProcessLocationRunsMemberZero() {
        runner.withBean("pipeline", FlowDefinition.class, TestFlows::leaderAndWorkers)
                .withBean(ExternalIo.class, RecordingIo::new)
                .withBean(EdgeTransportFactory.class, () -> (flow, plan) -> new InMemoryTransport())
                .withPropertyValues("hydro.instance.location=leader")
                .run(context -> assertThat(ids(context.getBean(HydroRuntime.class)))
                        .containsExactly(new InstanceId("leader", 0)));
    }

    @Test
    void instanceAllRunsEveryMemberOfEveryLocation() {
        runner.withBean("pipeline", FlowDefinition.class, TestFlows::leaderAndWorkers)
                .withBean(ExternalIo.class, RecordingIo::new)
                .withPropertyValues("hydro.instance.all=true", "hydro.transport=local",
                        "hydro.clusters.worker.members=2")
                .run(context -> assertThat(ids(context.getBean(HydroRuntime.class))).containsExactly(
                        new InstanceId("leader", 0), new InstanceId("worker", 0), new InstanceId("worker", 1)));
    }

    @Test
    void everyFlowListenerFactoryBeanReceivesTheTickReportsOfItsFlow() {
        List<String> flowNames = new CopyOnWriteArrayList<>();
        List<InstanceId> ticked = new CopyOnWriteArrayList<>();
        FlowListenerFactory recording = flowName -> {
            flowNames.add(flowName);
            return new TickListener() {
                @Override
                public void tickFinished(TickReport report) {
                    ticked.add(report.instance());
                }
            };
        };
        runner.withBean("wordCount", FlowDefinition.class, TestFlows::leaderAndWorkers)
                .withBean(ExternalIo.class, RecordingIo::new)
                .withBean(FlowListenerFactory.class, () -> recording)
                .withPropertyValues("hydro.instance.all=true", "hydro.transport=local")
                .run(context -> {
                    assertThat(flowNames).containsExactly("word-count");
                    await().atMost(Duration.ofSeconds(10)).until(() -> ticked.containsAll(List.of(
                            new InstanceId("leader", 0), new InstanceId("worker", 0), new InstanceId("worker", 1),
                            new InstanceId("worker", 2))));
                });
    }

    @Test
    void closingTheContextStopsTheTickLoops() {
        AtomicReference<HydroRuntime> runtime = new AtomicReference<>();
        runner.withBean("pipeline", FlowDefinition.class, TestFlows::leaderAndWorkers)
                .withBean(ExternalIo.class, RecordingIo::new)
                .withPropertyValues("hydro.instance.all=true", "hydro.transport=local")
                .run(context -> {
                    runtime.set(context.getBean(HydroRuntime.class));
                    assertThat(runtime.get().isRunning()).isTrue();
                    assertThat(runtime.get().instances()).allSatisfy(i -> assertThat(i.loop().isRunning()).isTrue());
                });
        assertThat(runtime.get().isRunning()).isFalse();
        assertThat(runtime.get().instances()).isEmpty();
    }

    private static List<InstanceId> ids(HydroRuntime runtime) {
        return runtime.instances().stream().map(HydroRuntime.RunningInstance::id).toList();
    }

    /** A hand-made plan: run the leader only. */
    @Configuration(proxyBeanMethods = false)
    static class LeaderOnlyPlan {

        @Bean
        InstancePlan leaderOnly(HydroFlows flows) {
            HydroProperties properties = new HydroProperties();
            properties.getInstance().setLocation("leader");
            return InstancePlan.resolve(flows.flows(), properties);
        }
    }
}
