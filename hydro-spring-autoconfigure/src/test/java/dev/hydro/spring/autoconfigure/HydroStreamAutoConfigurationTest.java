package dev.hydro.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hydro.network.InMemoryTransport;
import dev.hydro.spring.FlowDefinition;
import dev.hydro.spring.runtime.EdgeTransportFactory;
import dev.hydro.spring.runtime.ExternalIo;
import dev.hydro.spring.runtime.HydroConfigurationException;
import dev.hydro.spring.stream.StreamBindingIo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.function.cloudevent.CloudEventsFunctionExtensionConfiguration;
import org.springframework.cloud.function.context.config.ContextFunctionCatalogAutoConfiguration;
import org.springframework.cloud.stream.binder.test.InputDestination;
import org.springframework.cloud.stream.binder.test.OutputDestination;
import org.springframework.cloud.stream.binder.test.TestChannelBinderConfiguration;
import org.springframework.cloud.stream.config.BindingServiceConfiguration;
import org.springframework.cloud.stream.function.FunctionConfiguration;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/** {@link HydroStreamAutoConfiguration} with Spring Cloud Stream's auto-configuration and the test binder. */
class HydroStreamAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class,
                    IntegrationAutoConfiguration.class, ContextFunctionCatalogAutoConfiguration.class,
                    CloudEventsFunctionExtensionConfiguration.class, BindingServiceConfiguration.class,
                    FunctionConfiguration.class,
                    HydroStreamAutoConfiguration.class, HydroAutoConfiguration.class))
            .withUserConfiguration(TestChannelBinderConfiguration.class)
            .withPropertyValues("hydro.transport=local", "hydro.instance.all=true");

    @Test
    void withSpringCloudStreamNamedInputsAndOutputsUseStreamBindings() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(ExternalIo.class).hasBean("hydroStreamBindings")
                    .doesNotHaveBean("hydroExternalIo");
            assertThat(context.getBean(ExternalIo.class)).isInstanceOf(StreamBindingIo.class);
        });
    }

    @Test
    void aUserDefinedExternalIoBacksOffTheStreamBindings() {
        TestFlows.RecordingIo mine = new TestFlows.RecordingIo();
        runner.withBean("myIo", ExternalIo.class, () -> mine).run(context -> {
            assertThat(context).hasSingleBean(ExternalIo.class).doesNotHaveBean("hydroStreamBindings");
            assertThat(context.getBean(ExternalIo.class)).isSameAs(mine);
        });
    }

    @Test
    void aNamedInputWithoutABindingDestinationFailsOnThatProperty() {
        runner.withBean("orderFlow", FlowDefinition.class, TestFlows::ordersInput).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context).getFailure().rootCause().isInstanceOfSatisfying(HydroConfigurationException.class,
                    e -> assertThat(e.property()).isEqualTo("spring.cloud.stream.bindings.orders.destination"));
            FailureAnalysis analysis = new HydroConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).startsWith(
                    "Invalid Hydro configuration in 'spring.cloud.stream.bindings.orders.destination': ")
                    .contains("sourceStream(\"orders\") at location 'leader' has no Spring Cloud Stream binding");
            assertThat(analysis.getAction()).startsWith("Add spring.cloud.stream.bindings.orders.destination=<topic>")
                    .contains("spring.cloud.stream.bindings.orders.group=<group>");
        });
    }

    @Test
    void aNamedInputWithABindingDestinationStarts() {
        runner.withBean("orderFlow", FlowDefinition.class, TestFlows::ordersInput)
                .withPropertyValues("spring.cloud.stream.bindings.orders.destination=orders-topic")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void anInputReadAtALocationThisApplicationDoesNotRunNeedsNoBinding() {
        runner.withBean("orderFlow", FlowDefinition.class, () -> flow -> {
            flow.process(TestFlows.Leader.class).sourceStream("orders", String.class).destSink("out");
            flow.process(TestFlows.Worker.class).sourceIter(List.of(1)).destSink("out");
        }).withPropertyValues("hydro.transport=kafka", "hydro.instance.all=false", "hydro.instance.location=worker")
                .withBean(EdgeTransportFactory.class, () -> (flow, plan) -> new InMemoryTransport())
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void valuesSentToTheInputDestinationLeaveThroughTheOutputBinding() {
        runner.withBean("shout", FlowDefinition.class, HydroStreamAutoConfigurationTest::shout)
                .withPropertyValues("spring.cloud.stream.bindings.orders.destination=orders-topic")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    InputDestination input = context.getBean(InputDestination.class);
                    OutputDestination output = context.getBean(OutputDestination.class);
                    input.send(MessageBuilder.withPayload("hello".getBytes(StandardCharsets.UTF_8)).build(),
                            "orders-topic");
                    Message<byte[]> shouted = output.receive(10_000, "shouted");
                    assertThat(shouted).isNotNull();
                    assertThat(new String(shouted.getPayload(), StandardCharsets.UTF_8)).isEqualTo("HELLO");
                });
    }

    @Test
    void afterAStopAndRestartEveryInputValueReachesTheRestartedInstances() {
        runner.withBean("shout", FlowDefinition.class, HydroStreamAutoConfigurationTest::shout)
                .withPropertyValues("spring.cloud.stream.bindings.orders.destination=orders-topic")
                .run(context -> {
                    context.stop();
                    context.start();
                    InputDestination input = context.getBean(InputDestination.class);
                    OutputDestination output = context.getBean(OutputDestination.class);
                    List<String> received = new ArrayList<>();
                    for (String word : List.of("one", "two", "three", "four")) {
                        input.send(MessageBuilder.withPayload(word.getBytes(StandardCharsets.UTF_8)).build(),
                                "orders-topic");
                        Message<byte[]> shouted = output.receive(5_000, "shouted");
                        received.add(shouted == null ? null : new String(shouted.getPayload(), StandardCharsets.UTF_8));
                    }
                    assertThat(received).containsExactly("ONE", "TWO", "THREE", "FOUR");
                });
    }

    /** Reads input {@code orders}, upper-cases it and writes output {@code shouted}. */
    private static FlowDefinition shout() {
        return flow -> flow.process(TestFlows.Leader.class).sourceStream("orders", String.class)
                .map(String::toUpperCase).destSink("shouted");
    }
}
