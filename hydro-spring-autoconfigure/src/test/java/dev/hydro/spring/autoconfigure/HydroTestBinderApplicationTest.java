package dev.hydro.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hydro.spring.FlowDefinition;
import dev.hydro.spring.runtime.ExternalIo;
import dev.hydro.spring.runtime.HydroConfigurationException;
import dev.hydro.spring.runtime.HydroRuntime;
import dev.hydro.spring.stream.StreamBindingIo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.stream.binder.test.InputDestination;
import org.springframework.cloud.stream.binder.test.OutputDestination;
import org.springframework.cloud.stream.binder.test.TestChannelBinderConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/** A whole Spring Boot application runs a flow between Spring Cloud Stream test-binder destinations. */
@SpringBootTest(classes = HydroTestBinderApplicationTest.ShoutApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"hydro.transport=local", "hydro.instance.all=true",
                "spring.cloud.stream.bindings.orders.destination=orders"})
@ExtendWith(OutputCaptureExtension.class)
class HydroTestBinderApplicationTest {

    @Autowired
    private InputDestination input;

    @Autowired
    private OutputDestination output;

    @Autowired
    private ExternalIo io;

    @Autowired
    private HydroRuntime runtime;

    @Test
    void aFlowReadsTheInputBindingAndWritesTheOutputBinding() {
        assertThat(io).isInstanceOf(StreamBindingIo.class);
        assertThat(runtime.instances()).hasSize(1);
        List<String> shouted = new ArrayList<>();
        for (String word : List.of("hello", "test", "binder")) {
            input.send(MessageBuilder.withPayload(word.getBytes(StandardCharsets.UTF_8)).build(), "orders");
            Message<byte[]> message = output.receive(10_000, "shouted");
            assertThat(message).as("output for '%s'", word).isNotNull();
            shouted.add(new String(message.getPayload(), StandardCharsets.UTF_8));
        }
        assertThat(shouted).containsExactly("HELLO", "TEST", "BINDER");
    }

    @Test
    void withoutTheInputsDestinationTheApplicationFailsToStartNamingIt(CapturedOutput startupLog) {
        SpringApplicationBuilder application = new SpringApplicationBuilder(ShoutApplication.class)
                .web(WebApplicationType.NONE)
                .properties("spring.main.banner-mode=off", "hydro.transport=local", "hydro.instance.all=true");
        assertThatThrownBy(application::run).rootCause().isInstanceOfSatisfying(HydroConfigurationException.class,
                e -> assertThat(e.property()).isEqualTo("spring.cloud.stream.bindings.orders.destination"));
        assertThat(startupLog).contains(
                "Invalid Hydro configuration in 'spring.cloud.stream.bindings.orders.destination'",
                "Add spring.cloud.stream.bindings.orders.destination=<topic>");
    }

    /** The application: one flow that upper-cases input {@code orders} into output {@code shouted}. */
    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(TestChannelBinderConfiguration.class)
    static class ShoutApplication {

        @Bean
        FlowDefinition shout() {
            return flow -> flow.process(TestFlows.Leader.class)
                    .sourceStream("orders", String.class)
                    .map(String::toUpperCase)
                    .destSink("shouted");
        }
    }
}
