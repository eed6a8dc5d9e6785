package dev.hydro.spring.test.echo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hydro.spring.runtime.HydroRuntime;
import dev.hydro.spring.test.HydroFlowDriver;
import dev.hydro.spring.test.HydroFlowTest;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.stream.binding.BindingService;
import org.springframework.context.ApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Steps the echo flow of {@link EchoApplication} tick by tick, with the Kafka binder on the classpath and
 * every Kafka setting pointing at a {@link BrokerSentinel} that must never see a connection. Methods run in
 * name order, so that {@code everyTestStartsFromAFreshDeployment} follows tests that left output behind.
 */
@HydroFlowTest
@TestMethodOrder(MethodOrderer.MethodName.class)
class EchoFlowTest {

    static final String TO_WORKERS = "leader-to-worker-round-robin";
    static final String TO_LEADER = "worker-to-leader";

    @DynamicPropertySource
    static void brokerIsASentinel(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", BrokerSentinel::address);
        registry.add("spring.cloud.stream.kafka.binder.brokers", BrokerSentinel::address);
    }

    @Autowired
    HydroFlowDriver driver;

    @Autowired
    ApplicationContext context;

    @Test
    void workersRunOnlyWhenTheirTicksRun() {
        driver.push("lines", "to be").push("lines", "or not").push("lines", "to be");

        driver.runTick("leader");
        assertThat(driver.output("out")).as("the workers have not ticked yet").isEmpty();
        assertThat(driver.edgeRecords(TO_WORKERS)).as("the leader sent every line").isEqualTo(3);
        assertThat(driver.edgeRecords(TO_LEADER)).isZero();

        driver.runTick("worker", 0);
        assertThat(driver.output("out")).as("worker 0 answered, but the leader has not ticked").isEmpty();
        assertThat(driver.edgeRecords(TO_LEADER)).as("round-robin: lines 1 and 3 went to worker 0").isEqualTo(2);

        driver.runTick("leader");
        assertThat(driver.output("out", String.class)).containsExactly("TO BE", "TO BE");

        driver.runTick("worker", 1).runTick("leader");
        assertThat(driver.output("out", String.class)).containsExactly("TO BE", "TO BE", "OR NOT");
        assertThat(driver.isQuiescent()).isTrue();
        assertThat(driver.runUntilQuiescent()).as("nothing left to do").isZero();
        assertThat(driver.edgeRecords()).containsExactly(
                org.assertj.core.api.Assertions.entry(TO_WORKERS, 3L),
                org.assertj.core.api.Assertions.entry(TO_LEADER, 3L));
    }

    @Test
    void runUntilQuiescentRunsEveryInstanceThatHasWork() {
        driver.pushAll("lines", List.of("a", "b", "c", "d"));

        // leader, worker 0, worker 1, then the leader again for the answers
        assertThat(driver.runUntilQuiescent()).isEqualTo(4);
        assertThat(driver.output("out", String.class)).containsExactly("A", "C", "B", "D");
        assertThat(driver.edgeRecords(TO_WORKERS)).isEqualTo(4);
        assertThat(driver.edgeRecords(TO_LEADER)).isEqualTo(4);
    }

    @Test
    void aTickOfAClusterRunsEveryMember() {
        driver.pushAll("lines", List.of("x", "y")).runTick("leader").runTick("worker").runTick("leader");
        assertThat(driver.output("out", String.class)).containsExactly("X", "Y");
    }

    @Test
    void newOutputReturnsWhatArrivedSinceTheLastCall() {
        driver.push("lines", "one").runUntilQuiescent();
        assertThat(driver.newOutput("out")).containsExactly("ONE");
        assertThat(driver.newOutput("out")).isEmpty();
        driver.push("lines", "two").runUntilQuiescent();
        assertThat(driver.newOutput("out", String.class)).containsExactly("TWO");
        assertThat(driver.output("out")).containsExactly("ONE", "TWO");
    }

    @Test
    void pushToAMemberOfAClusterThatReadsTheInput() {
        // the leader reads "lines": it is a process, so only member 0 exists
        assertThatThrownBy(() -> driver.push("lines", 1, "x"))
                .hasMessageContaining("'leader' is a process: its only member is 0, not 1");
        driver.push("lines", 0, "x").runUntilQuiescent();
        assertThat(driver.output("out")).containsExactly("X");
    }

    @Test
    void everyTestStartsFromAFreshDeployment() {
        // aTickOfAClusterRunsEveryMember ran before and left output; the driver was reset since
        assertThat(driver.output("out")).isEmpty();
        assertThat(driver.edgeRecords(TO_WORKERS)).isZero();
        assertThat(driver.isQuiescent()).as("the first tick of every instance is pending").isFalse();
        assertThat(driver.runUntilQuiescent()).as("leader, worker 0, worker 1: one first tick each").isEqualTo(3);
        assertThat(driver.output("out")).isEmpty();
    }

    @Test
    void unknownNamesAreExplained() {
        assertThatThrownBy(() -> driver.push("line", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no input named 'line' in flow echo")
                .hasMessageContaining("[lines (at leader, String)]");
        assertThatThrownBy(() -> driver.runTick("workers"))
                .hasMessageContaining("no location named 'workers'")
                .hasMessageContaining("[leader, worker]");
        assertThatThrownBy(() -> driver.output("outt"))
                .hasMessageContaining("no output named 'outt'")
                .hasMessageContaining("[out]");
        assertThatThrownBy(() -> driver.edgeRecords("leader-to-worker"))
                .hasMessageContaining("[" + TO_WORKERS + ", " + TO_LEADER + "]");
        assertThatThrownBy(() -> driver.runTick("worker", 2))
                .hasMessageContaining("cluster 'worker' has members 0..1, not 2");
        assertThatThrownBy(() -> driver.push("lines", 42))
                .hasMessageContaining("reads java.lang.String")
                .hasMessageContaining("java.lang.Integer");
        assertThatThrownBy(() -> driver.flow("nope"))
                .hasMessageContaining("no flow named 'nope'")
                .hasMessageContaining("[echo]");
        driver.push("lines", "ok").runUntilQuiescent();
        assertThatThrownBy(() -> driver.output("out", Integer.class))
                .hasMessageContaining("element 0 of output 'out' is a java.lang.String (OK), not a java.lang.Integer");
    }

    @Test
    void theApplicationIsWiredButNothingRuns() {
        assertThat(driver.flows()).containsExactly("echo");
        assertThat(driver.members("worker")).isEqualTo(2);
        assertThat(context.getBeanProvider(HydroRuntime.class).getIfAvailable()).as("no tick loops").isNull();
        BindingService bindings = context.getBean(BindingService.class);
        assertThat(bindings.getConsumerBindingNames()).as("no consumer binding").isEmpty();
        assertThat(bindings.getProducerBindingNames()).as("no producer binding").isEmpty();
        assertThat(context.getBean(KafkaListenerEndpointRegistry.class).getListenerContainers())
                .as("the @KafkaListener container exists but is stopped").hasSize(1)
                .allSatisfy(container -> assertThat(container.isRunning()).isFalse());
        assertThat(context.getBean(KafkaTemplate.class)).as("Kafka beans still exist").isNotNull();
    }

    @AfterAll
    static void noClientEverReachedTheBroker() {
        assertThat(BrokerSentinel.accepted()).as("connections to the broker address").isEmpty();
    }
}
