package dev.hydro.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hydro.spring.FlowDefinition;
import dev.hydro.spring.runtime.InstancePlan;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Binding of {@code hydro.*} into {@link HydroProperties} and the settings the {@link InstancePlan} derives. */
class HydroPropertiesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(HydroAutoConfiguration.class));

    /** The runner with the leader/worker flow, planned in dev mode but not run, so plans can be inspected. */
    private ApplicationContextRunner pipeline() {
        return runner.withBean("pipeline", FlowDefinition.class, TestFlows::leaderAndWorkers)
                .withPropertyValues("hydro.runtime.enabled=false", "hydro.instance.all=true");
    }

    @Test
    void unsetPropertiesHaveTheDocumentedDefaults() {
        runner.run(context -> {
            HydroProperties properties = context.getBean(HydroProperties.class);
            assertThat(properties.getTransport()).isEqualTo(HydroProperties.TransportKind.KAFKA);
            assertThat(properties.getRuntime().isEnabled()).isTrue();
            assertThat(properties.getInstance().isAll()).isFalse();
            assertThat(properties.getInstance().getLocation()).isNull();
            assertThat(properties.getInstance().getMemberId()).isNull();
            assertThat(properties.getTick().getMaxBatchSize()).isNull();
            assertThat(properties.getClusters()).isEmpty();
            assertThat(properties.getLocations()).isEmpty();
            HydroProperties.Kafka kafka = properties.getKafka();
            assertThat(kafka.getTopicPrefix()).isEqualTo("hydro");
            assertThat(kafka.getReplicationFactor()).isEqualTo((short) 1);
            assertThat(kafka.isCreateTopics()).isTrue();
            assertThat(kafka.getPollTimeout()).isEqualTo(Duration.ofMillis(100));
            assertThat(properties.getProcessing().getGuarantee()).isEqualTo(HydroProperties.Guarantee.AT_LEAST_ONCE);
            assertThat(properties.getProcessing().getCommitInterval()).isEqualTo(Duration.ofMillis(100));
        });
    }

    @Test
    void theCommitIntervalBindsAnyDurationFormatAndZero() {
        pipeline().withPropertyValues("hydro.processing.commit-interval=2s")
                .run(context -> assertThat(context.getBean(InstancePlan.class).commitInterval())
                        .isEqualTo(Duration.ofSeconds(2)));
        pipeline().withPropertyValues("hydro.processing.commit-interval=0")
                .run(context -> assertThat(context.getBean(InstancePlan.class).commitInterval()).isZero());
        pipeline().run(context -> assertThat(context.getBean(InstancePlan.class).commitInterval())
                .isEqualTo(Duration.ofMillis(100)));
    }

    @Test
    void unsetTickSettingsResolveToBatch10000Queue10000AndIdleWait100ms() {
        pipeline().run(context -> {
            InstancePlan plan = context.getBean(InstancePlan.class);
            for (String location : new String[] {"leader", "worker"}) {
                assertThat(plan.maxBatchSize(location)).isEqualTo(10_000);
                assertThat(plan.queueCapacity(location)).isEqualTo(10_000);
                assertThat(plan.idleWait(location)).isEqualTo(Duration.ofMillis(100));
            }
        });
    }

    @Test
    void tickSettingsBindAndApplyToEveryLocation() {
        pipeline().withPropertyValues("hydro.tick.max-batch-size=500", "hydro.tick.queue-capacity=2000",
                "hydro.tick.idle-wait=250ms").run(context -> {
                    HydroProperties.Tick tick = context.getBean(HydroProperties.class).getTick();
                    assertThat(tick.getMaxBatchSize()).isEqualTo(500);
                    assertThat(tick.getQueueCapacity()).isEqualTo(2000);
                    assertThat(tick.getIdleWait()).isEqualTo(Duration.ofMillis(250));
                    InstancePlan plan = context.getBean(InstancePlan.class);
                    assertThat(plan.maxBatchSize("worker")).isEqualTo(500);
                    assertThat(plan.queueCapacity("leader")).isEqualTo(2000);
                    assertThat(plan.idleWait("leader")).isEqualTo(Duration.ofMillis(250));
                });
    }

    @Test
    void idleWaitAcceptsEveryDurationFormat() {
        pipeline().withPropertyValues("hydro.tick.idle-wait=2s", "hydro.locations.worker.idle-wait=PT0.05S",
                "hydro.locations.leader.idle-wait=300").run(context -> {
                    InstancePlan plan = context.getBean(InstancePlan.class);
                    assertThat(context.getBean(HydroProperties.class).getTick().getIdleWait())
                            .isEqualTo(Duration.ofSeconds(2));
                    assertThat(plan.idleWait("worker")).isEqualTo(Duration.ofMillis(50));
                    assertThat(plan.idleWait("leader")).as("a bare number is milliseconds")
                            .isEqualTo(Duration.ofMillis(300));
                });
    }

    @Test
    void aLocationsSettingOverridesHydroTickForThatLocationOnly() {
        pipeline().withPropertyValues("hydro.tick.max-batch-size=500", "hydro.tick.queue-capacity=2000",
                "hydro.locations.worker.max-batch-size=50", "hydro.locations.worker.idle-wait=1s")
                .run(context -> {
                    HydroProperties.Tick worker = context.getBean(HydroProperties.class).getLocations().get("worker");
                    assertThat(worker.getMaxBatchSize()).isEqualTo(50);
                    assertThat(worker.getQueueCapacity()).isNull();
                    InstancePlan plan = context.getBean(InstancePlan.class);
                    assertThat(plan.maxBatchSize("worker")).isEqualTo(50);
                    assertThat(plan.maxBatchSize("leader")).isEqualTo(500);
                    assertThat(plan.queueCapacity("worker")).as("falls back to hydro.tick").isEqualTo(2000);
                    assertThat(plan.idleWait("worker")).isEqualTo(Duration.ofSeconds(1));
                    assertThat(plan.idleWait("leader")).as("falls back to the default")
                            .isEqualTo(Duration.ofMillis(100));
                });
    }

    @Test
    void clusterMembersOverrideTheFlowsDefaultSize() {
        pipeline().withPropertyValues("hydro.clusters.worker.members=5").run(context -> {
            assertThat(context.getBean(HydroProperties.class).getClusters().get("worker").getMembers()).isEqualTo(5);
            InstancePlan plan = context.getBean(InstancePlan.class);
            assertThat(plan.members("worker")).isEqualTo(5);
            assertThat(plan.instances()).filteredOn(i -> i.location().name().equals("worker")).hasSize(5);
        });
    }

    @Test
    void withoutClusterMembersTheClusterKeepsItsDefaultSizeFromTheFlow() {
        pipeline().run(context -> assertThat(context.getBean(InstancePlan.class).members("worker")).isEqualTo(3));
    }

    @Test
    void kafkaEdgeSettingsBind() {
        pipeline().withPropertyValues("hydro.kafka.topic-prefix=orders-svc", "hydro.kafka.replication-factor=3",
                "hydro.kafka.create-topics=false", "hydro.kafka.poll-timeout=2s").run(context -> {
                    HydroProperties.Kafka kafka = context.getBean(HydroProperties.class).getKafka();
                    assertThat(kafka.getTopicPrefix()).isEqualTo("orders-svc");
                    assertThat(kafka.getReplicationFactor()).isEqualTo((short) 3);
                    assertThat(kafka.isCreateTopics()).isFalse();
                    assertThat(kafka.getPollTimeout()).isEqualTo(Duration.ofSeconds(2));
                });
    }

    @Test
    void transportBindsCaseInsensitively() {
        pipeline().withPropertyValues("hydro.transport=LOCAL").run(context -> assertThat(
                context.getBean(HydroProperties.class).getTransport()).isEqualTo(HydroProperties.TransportKind.LOCAL));
    }

    @Test
    void anUnknownTransportFailsBindingNamingTheProperty() {
        pipeline().withPropertyValues("hydro.transport=rabbit").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context).getFailure().hasRootCauseInstanceOf(IllegalArgumentException.class)
                    .hasStackTraceContaining(BindException.class.getName())
                    .hasStackTraceContaining("Failed to bind properties under 'hydro.transport'");
        });
    }

    @Test
    void instanceSettingsBindFromEnvironmentVariables() {
        pipeline().withPropertyValues("hydro.instance.all=false")
                .withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                        new SystemEnvironmentPropertySource(
                                "test-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                Map.of("HYDRO_INSTANCE_LOCATION", "worker", "HYDRO_INSTANCE_MEMBER_ID", "2",
                                        "HYDRO_CLUSTERS_WORKER_MEMBERS", "3"))))
                .run(context -> {
                    HydroProperties properties = context.getBean(HydroProperties.class);
                    assertThat(properties.getInstance().getLocation()).isEqualTo("worker");
                    assertThat(properties.getInstance().getMemberId()).isEqualTo(2);
                    assertThat(properties.getClusters().get("worker").getMembers()).isEqualTo(3);
                    assertThat(context.getBean(InstancePlan.class).instances())
                            .singleElement().satisfies(i -> assertThat(i.member()).isEqualTo(2));
                });
    }

    @Test
    void memberIdBindsFromCamelCaseUnderscoreAndSystemPropertyForms() {
        ApplicationContextRunner worker = pipeline().withPropertyValues("hydro.instance.all=false",
                "hydro.instance.location=worker");
        worker.withPropertyValues("hydro.instance.memberId=1").run(context -> assertThat(
                context.getBean(HydroProperties.class).getInstance().getMemberId()).isEqualTo(1));
        worker.withPropertyValues("hydro.instance.member_id=2").run(context -> assertThat(
                context.getBean(HydroProperties.class).getInstance().getMemberId()).isEqualTo(2));
        worker.withSystemProperties("hydro.instance.member-id=2").run(context -> assertThat(
                context.getBean(HydroProperties.class).getInstance().getMemberId()).isEqualTo(2));
    }
}
