package dev.hydro.spring.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hydro.graph.ExternalPort;
import dev.hydro.location.FlowBuilder;
import dev.hydro.location.Process;
import dev.hydro.spring.FlowDefinition;
import dev.hydro.spring.autoconfigure.HydroAutoConfiguration;
import dev.hydro.spring.autoconfigure.HydroFlows;
import dev.hydro.spring.autoconfigure.HydroKafkaAutoConfiguration;
import dev.hydro.spring.runtime.EdgeTransportFactory;
import dev.hydro.spring.runtime.Flow;
import dev.hydro.spring.runtime.HydroConfigurationException;
import dev.hydro.spring.runtime.InstancePlan;
import dev.hydro.spring.stream.StreamBindingIo;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.mock.env.MockEnvironment;

/** How {@code hydro.processing.guarantee=exactly-once} is configured, and the mistakes that fail at start-up. */
class ExactlyOnceConfigurationTest {

    interface Leader {}

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(HydroKafkaAutoConfiguration.class, HydroAutoConfiguration.class));

    @Test
    void atLeastOnceIsTheDefault() {
        runner.run(context -> assertThat(context.getBean(KafkaTickTransactions.class).exactlyOnce()).isFalse());
    }

    @Test
    void exactlyOnceTurnsTicksIntoTransactions() {
        runner.withPropertyValues("hydro.processing.guarantee=exactly-once")
                .run(context -> assertThat(context.getBean(KafkaTickTransactions.class).exactlyOnce()).isTrue());
    }

    @Test
    void exactlyOnceWithoutTheChangelogFailsNamingTheProperty() {
        runner.withPropertyValues("hydro.processing.guarantee=exactly-once", "hydro.kafka.changelog=false")
                .run(context -> assertThat(context).getFailure()
                        .rootCause().isInstanceOf(HydroConfigurationException.class)
                        .hasMessageContaining("hydro.kafka.changelog"));
    }

    @Test
    void exactlyOnceOnTheInJvmTransportFailsNamingTheProperty() {
        runner.withPropertyValues("hydro.processing.guarantee=exactly-once", "hydro.transport=local",
                        "hydro.instance.all=true")
                .run(context -> assertThat(context).getFailure()
                        .rootCause().isInstanceOf(HydroConfigurationException.class)
                        .hasMessageContaining("hydro.processing.guarantee"));
    }

    @Test
    void bothGuaranteesKeepAUnitOfTicksOpenForTheCommitInterval() {
        flowRunner().withPropertyValues("hydro.processing.guarantee=exactly-once",
                        "hydro.processing.commit-interval=250ms")
                .run(context -> {
                    try (KafkaEdgeTransport transport = transport(context)) {
                        assertThat(transport.commitInterval()).isEqualTo(Duration.ofMillis(250));
                    }
                });
        flowRunner().withPropertyValues("hydro.processing.commit-interval=250ms")
                .run(context -> {
                    try (KafkaEdgeTransport transport = transport(context)) {
                        assertThat(transport.commitInterval()).as("at-least-once groups ticks too")
                                .isEqualTo(Duration.ofMillis(250));
                    }
                });
    }

    @Test
    void aCommitIntervalNotShorterThanTheTransactionTimeoutFailsNamingTheProperty() {
        flowRunner().withPropertyValues("hydro.processing.guarantee=exactly-once",
                        "hydro.processing.commit-interval=30s",
                        "spring.kafka.producer.properties[transaction.timeout.ms]=30000")
                .run(context -> assertThatThrownBy(() -> transport(context))
                        .isInstanceOfSatisfying(HydroConfigurationException.class,
                                e -> assertThat(e.property()).isEqualTo("hydro.processing.commit-interval"))
                        .hasMessageContaining("transaction.timeout.ms (30000 ms)"));
    }

    /** The runner with a one-location flow, planned but not run. */
    private ApplicationContextRunner flowRunner() {
        return runner.withBean("orders", FlowDefinition.class, () -> flow -> {
                    flow.process(Leader.class).sourceIter(List.of("a")).destSink("out");
                })
                .withPropertyValues("hydro.runtime.enabled=false", "hydro.instance.all=true");
    }

    private static KafkaEdgeTransport transport(AssertableApplicationContext context) {
        Flow flow = context.getBean(HydroFlows.class).flows().get(0);
        return (KafkaEdgeTransport) context.getBean(EdgeTransportFactory.class)
                .create(flow, context.getBean(InstancePlan.class));
    }

    @Test
    void exactlyOnceMakesTheBindersConsumersReadCommittedUnlessSetExplicitly() {
        String isolation = "spring.cloud.stream.kafka.binder.consumer-properties.isolation.level";
        MockEnvironment environment = new MockEnvironment().withProperty("hydro.processing.guarantee", "exactly-once");
        new ExactlyOnceEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty(isolation)).isEqualTo("read_committed");

        MockEnvironment explicit = new MockEnvironment().withProperty("hydro.processing.guarantee", "exactly-once")
                .withProperty(isolation, "read_uncommitted");
        new ExactlyOnceEnvironmentPostProcessor().postProcessEnvironment(explicit, new SpringApplication());
        assertThat(explicit.getProperty(isolation)).isEqualTo("read_uncommitted");

        MockEnvironment atLeastOnce = new MockEnvironment();
        new ExactlyOnceEnvironmentPostProcessor().postProcessEnvironment(atLeastOnce, new SpringApplication());
        assertThat(atLeastOnce.getProperty(isolation)).isNull();
    }

    @Test
    void anExactlyOnceInputBindingThatCommitsOnItsOwnFailsNamingTheAckModeProperty() {
        FlowBuilder flow = new FlowBuilder("orders");
        Process<Leader> leader = flow.process(Leader.class);
        leader.sourceStream("orders", String.class).destSink("out");
        flow.build();
        List<ExternalPort> inputs = List.of(new ExternalPort("orders", leader, String.class));
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.cloud.stream.bindings.orders.destination", "orders");
        StreamBindingIo io = new StreamBindingIo(null, new BindingServiceProperties(), null, null, environment,
                new KafkaTickTransactions(true));

        assertThatThrownBy(() -> io.validate(inputs))
                .isInstanceOf(HydroConfigurationException.class)
                .hasMessageContaining("spring.cloud.stream.kafka.bindings.orders.consumer.ack-mode");

        environment.setProperty("spring.cloud.stream.kafka.bindings.orders.consumer.ack-mode", "manual");
        io.validate(inputs);
    }
}
