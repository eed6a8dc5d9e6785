package dev.hydro.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hydro.network.InMemoryTransport;
import dev.hydro.spring.FlowDefinition;
import dev.hydro.spring.autoconfigure.TestFlows.RecordingIo;
import dev.hydro.spring.runtime.EdgeTransportFactory;
import dev.hydro.spring.runtime.ExternalIo;
import dev.hydro.spring.runtime.HydroConfigurationException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.SpringFactoriesLoader;

/** Each Hydro misconfiguration fails the start naming its property, and the failure analyzer says what to set. */
@ExtendWith(OutputCaptureExtension.class)
class HydroConfigurationFailureAnalyzerTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(HydroAutoConfiguration.class));

    /** The leader/worker flow with in-memory edges and recorded outputs: only hydro.* decides the outcome. */
    private ApplicationContextRunner pipeline() {
        return runner.withBean("pipeline", FlowDefinition.class, TestFlows::leaderAndWorkers)
                .withBean(ExternalIo.class, RecordingIo::new)
                .withBean(EdgeTransportFactory.class, () -> (flow, plan) -> new InMemoryTransport());
    }

    @Test
    void anUnknownLocationFailsOnHydroInstanceLocationListingTheFlowsLocations() {
        pipeline().withPropertyValues("hydro.instance.location=wrkers").run(context -> {
            FailureAnalysis analysis = assertHydroFailure(context, "hydro.instance.location");
            assertThat(analysis.getDescription()).contains("no flow has a location named 'wrkers'");
            assertThat(analysis.getAction()).isEqualTo("Set hydro.instance.location to one of [leader, worker].");
        });
    }

    @Test
    void aMemberIdBeyondTheClusterSizeFailsOnHydroInstanceMemberId() {
        pipeline().withPropertyValues("hydro.instance.location=worker", "hydro.instance.member-id=3",
                "hydro.clusters.worker.members=3").run(context -> {
                    FailureAnalysis analysis = assertHydroFailure(context, "hydro.instance.member-id");
                    assertThat(analysis.getDescription()).contains("member id 3 is out of range for cluster worker");
                    assertThat(analysis.getAction()).isEqualTo("Set hydro.instance.member-id to a value from 0 to 2,"
                            + " or raise hydro.clusters.worker.members.");
                });
    }

    @Test
    void aNegativeMemberIdFailsOnHydroInstanceMemberId() {
        pipeline().withPropertyValues("hydro.instance.location=worker", "hydro.instance.member-id=-1")
                .run(context -> assertThat(assertHydroFailure(context, "hydro.instance.member-id").getAction())
                        .contains("from 0 to 2"));
    }

    @Test
    void aMemberIdOtherThanZeroForAProcessFailsOnHydroInstanceMemberId() {
        pipeline().withPropertyValues("hydro.instance.location=leader", "hydro.instance.member-id=1")
                .run(context -> {
                    FailureAnalysis analysis = assertHydroFailure(context, "hydro.instance.member-id");
                    assertThat(analysis.getDescription()).contains("process leader with 1 member");
                    assertThat(analysis.getAction())
                            .isEqualTo("A process has the single member 0: remove hydro.instance.member-id.");
                });
    }

    @Test
    void aClusterOfZeroMembersFailsOnItsMembersProperty() {
        pipeline().withPropertyValues("hydro.instance.all=true", "hydro.clusters.worker.members=0")
                .run(context -> assertThat(assertHydroFailure(context, "hydro.clusters.worker.members").getAction())
                        .isEqualTo("Set hydro.clusters.worker.members to 1 or more."));
    }

    @Test
    void membersOfAClusterNoFlowDefinesFailOnThatProperty() {
        pipeline().withPropertyValues("hydro.instance.all=true", "hydro.clusters.wrker.members=3").run(context -> {
            FailureAnalysis analysis = assertHydroFailure(context, "hydro.clusters.wrker.members");
            assertThat(analysis.getDescription()).contains("no flow has a cluster named 'wrker'");
            assertThat(analysis.getAction()).isEqualTo("Remove it, or use one of the cluster names [worker].");
        });
    }

    @Test
    void theLocalTransportWithoutInstanceAllFailsOnHydroTransport() {
        pipeline().withPropertyValues("hydro.transport=local", "hydro.instance.location=leader").run(context -> {
            FailureAnalysis analysis = assertHydroFailure(context, "hydro.transport");
            assertThat(analysis.getDescription()).contains("runs only 'leader'");
            assertThat(analysis.getAction()).startsWith("Set hydro.instance.all=true");
        });
    }

    @Test
    void theLocalTransportWithNoInstanceSettingsAtAllFailsOnHydroTransport() {
        runner.withPropertyValues("hydro.transport=local").run(context -> {
            FailureAnalysis analysis = assertHydroFailure(context, "hydro.transport");
            assertThat(analysis.getDescription()).doesNotContain("null").contains("does not run every location");
            assertThat(analysis.getAction()).startsWith("Set hydro.instance.all=true");
        });
    }

    @Test
    void flowsWithoutAnyInstanceSettingFailOnHydroInstanceLocation() {
        pipeline().run(context -> {
            FailureAnalysis analysis = assertHydroFailure(context, "hydro.instance.location");
            assertThat(analysis.getDescription()).contains("the flows define [leader, worker]");
            assertThat(analysis.getAction()).contains("Set hydro.instance.location", "hydro.instance.all=true");
        });
    }

    @Test
    void aClusterMemberThatDoesNotSayWhichMemberItIsFailsOnMemberId() {
        pipeline().withPropertyValues("hydro.instance.location=worker")
                .run(context -> assertThat(assertHydroFailure(context, "hydro.instance.member-id").getAction())
                        .startsWith("Set hydro.instance.member-id to a value from 0 to 2"));
    }

    @Test
    void aMaxBatchSizeOfZeroFailsOnHydroTickMaxBatchSize() {
        pipeline().withPropertyValues("hydro.instance.all=true", "hydro.tick.max-batch-size=0")
                .run(context -> assertThat(assertHydroFailure(context, "hydro.tick.max-batch-size").getAction())
                        .isEqualTo("Set hydro.tick.max-batch-size to a positive number."));
    }

    @Test
    void aMaxBatchSizeOfZeroForOneLocationFailsOnThatLocationsProperty() {
        pipeline().withPropertyValues("hydro.instance.location=worker", "hydro.instance.member-id=1",
                        "hydro.locations.worker.max-batch-size=0")
                .run(context -> assertThat(
                        assertHydroFailure(context, "hydro.locations.worker.max-batch-size").getAction())
                        .isEqualTo("Set hydro.locations.worker.max-batch-size to a positive number."));
    }

    @Test
    void aQueueCapacityOfZeroFailsOnHydroTickQueueCapacity() {
        pipeline().withPropertyValues("hydro.instance.all=true", "hydro.tick.queue-capacity=0")
                .run(context -> assertHydroFailure(context, "hydro.tick.queue-capacity"));
    }

    @Test
    void aZeroIdleWaitFailsOnThePropertyThatSetsIt() {
        pipeline().withPropertyValues("hydro.instance.all=true", "hydro.tick.idle-wait=0ms")
                .run(context -> assertThat(assertHydroFailure(context, "hydro.tick.idle-wait").getAction())
                        .contains("Set hydro.tick.idle-wait to a positive duration"));
        pipeline().withPropertyValues("hydro.instance.all=true", "hydro.locations.worker.idle-wait=-1s")
                .run(context -> assertThat(
                        assertHydroFailure(context, "hydro.locations.worker.idle-wait").getAction())
                        .contains("Set hydro.locations.worker.idle-wait to a positive duration"));
    }

    @Test
    void aNegativeCommitIntervalFailsOnHydroProcessingCommitInterval() {
        pipeline().withPropertyValues("hydro.instance.all=true", "hydro.processing.commit-interval=-1ms")
                .run(context -> {
                    FailureAnalysis analysis = assertHydroFailure(context, "hydro.processing.commit-interval");
                    assertThat(analysis.getDescription()).contains("must not be negative, was PT-0.001S");
                    assertThat(analysis.getAction()).contains("Set hydro.processing.commit-interval to");
                });
    }

    @Test
    void anExactlyOnceEdgeOnAnAtLeastOnceTransportFailsAtStartOnHydroTransport() {
        runner.withBean("pipeline", FlowDefinition.class, TestFlows::exactlyOnceEdge)
                .withBean(ExternalIo.class, RecordingIo::new)
                .withBean(EdgeTransportFactory.class, TestFlows::atLeastOnceInMemory)
                .withPropertyValues("hydro.instance.all=true")
                .run(context -> {
                    FailureAnalysis analysis = assertHydroFailure(context, "hydro.transport");
                    assertThat(analysis.getDescription()).contains("edge 'leader-to-worker")
                            .contains("of flow 'pipeline' is declared exactly-once");
                    assertThat(analysis.getAction()).contains("without exactlyOnce()");
                });
    }

    @Test
    void anExactlyOnceEdgeRunsOnTheExactlyOnceLocalTransport() {
        runner.withBean("pipeline", FlowDefinition.class, TestFlows::exactlyOnceEdge)
                .withBean(ExternalIo.class, RecordingIo::new)
                .withPropertyValues("hydro.instance.all=true", "hydro.transport=local")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void aNamedInputWithoutSpringCloudStreamFailsOnItsBinding() {
        runner.withBean("pipeline", FlowDefinition.class, TestFlows::ordersInput)
                .withPropertyValues("hydro.instance.all=true", "hydro.transport=local")
                .run(context -> {
                    FailureAnalysis analysis = assertHydroFailure(context, "spring.cloud.stream.bindings.orders");
                    assertThat(analysis.getDescription())
                            .contains("sourceStream(\"orders\") needs Spring Cloud Stream");
                    assertThat(analysis.getAction()).startsWith("Add spring-cloud-stream and a binder");
                });
    }

    @Test
    void aNamedOutputWithoutSpringCloudStreamFailsAtStartOnItsBinding() {
        runner.withBean("pipeline", FlowDefinition.class, TestFlows::leaderAndWorkers)
                .withPropertyValues("hydro.instance.all=true", "hydro.transport=local")
                .run(context -> assertThat(assertHydroFailure(context, "spring.cloud.stream.bindings.out")
                        .getDescription()).contains("destSink(\"out\") needs Spring Cloud Stream"));
    }

    @Test
    void theDefaultKafkaTransportWithoutKafkaFailsAtStartOnHydroTransport() {
        runner.withBean("pipeline", FlowDefinition.class, TestFlows::leaderAndWorkers)
                .withBean(ExternalIo.class, RecordingIo::new)
                .withPropertyValues("hydro.instance.location=leader")
                .run(context -> {
                    FailureAnalysis analysis = assertHydroFailure(context, "hydro.transport");
                    assertThat(analysis.getDescription()).contains("the kafka transport is not available");
                    assertThat(analysis.getAction()).contains("hydro.transport=local");
                });
    }

    @Test
    void otherFailuresAreLeftToOtherAnalyzers() {
        assertThat(new HydroConfigurationFailureAnalyzer().analyze(new IllegalStateException("not Hydro's")))
                .isNull();
    }

    @Test
    void theAnalyzerIsRegisteredInSpringFactories() {
        List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
                .load(FailureAnalyzer.class, null, SpringFactoriesLoader.FailureHandler.handleMessage((m, e) -> {
                }));
        assertThat(analyzers).hasAtLeastOneElementOfType(HydroConfigurationFailureAnalyzer.class);
    }

    @Test
    void aFailingApplicationPrintsTheAnalysisInsteadOfAStackTrace(CapturedOutput output) {
        SpringApplication application = new SpringApplication(PipelineApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        assertThatThrownBy(() -> application.run("--spring.main.banner-mode=off", "--hydro.instance.location=wrkers"))
                .hasRootCauseInstanceOf(HydroConfigurationException.class);
        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("Invalid Hydro configuration in 'hydro.instance.location': no flow has a location named"
                        + " 'wrkers'")
                .contains("Set hydro.instance.location to one of [leader, worker].");
    }

    /**
     * Asserts that the context failed with a {@link HydroConfigurationException} on {@code property} as the root
     * cause, and that the analyzer describes it naming the property and with the exception's action.
     */
    private static FailureAnalysis assertHydroFailure(AssertableApplicationContext context, String property) {
        assertThat(context).hasFailed();
        assertThat(context).getFailure().rootCause().isInstanceOfSatisfying(HydroConfigurationException.class,
                e -> assertThat(e.property()).isEqualTo(property));
        HydroConfigurationException cause = (HydroConfigurationException) rootCause(context.getStartupFailure());
        FailureAnalysis analysis = new HydroConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).startsWith("Invalid Hydro configuration in '" + property + "': ")
                .doesNotContain(property + ": ");
        assertThat(analysis.getAction()).isNotBlank().isEqualTo(cause.action());
        assertThat(analysis.getCause()).isSameAs(cause);
        return analysis;
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** An application with the leader/worker flow and nothing but Hydro's auto-configuration. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(HydroAutoConfiguration.class)
    static class PipelineApplication {

        @Bean
        FlowDefinition pipeline() {
            return TestFlows.leaderAndWorkers();
        }

        @Bean
        ExternalIo recordingIo() {
            return new RecordingIo();
        }
    }
}
