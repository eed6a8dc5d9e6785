package dev.hydro.spring.kafka;

import static dev.hydro.spring.kafka.SquaresDeployment.sumOfSquares;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hydro.spring.runtime.HydroRuntime;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * {@code hydro.processing.guarantee=exactly-once} on a real (embedded KRaft) broker, with a leader and two
 * workers as separate application contexts ({@link ExactlyOnceApp}): ticks commit as Kafka transactions, state
 * kept across ticks comes back from the changelog after a restart, and a tick that fails leaves nothing that a
 * read-committed consumer could see.
 */
@EmbeddedKafka(partitions = 1)
class KafkaExactlyOnceTest {

    @AutoClose
    private SquaresDeployment deployment;

    @Test
    void restartedInstancesContinueFromTheirLastCommittedTickSoEveryResultExistsExactlyOnce(
            EmbeddedKafkaBroker broker) {
        deployment = new SquaresDeployment(broker.getBrokersAsString(), "eos");
        ConfigurableApplicationContext leader = start("leader", 0);
        ConfigurableApplicationContext worker1 = start("worker", 1);
        start("worker", 0);

        deployment.send(21, 60); // above ExactlyOnceApp.POISON
        await().atMost(Duration.ofSeconds(120)).until(() -> deployment.lastTotal() == sumOfSquares(21, 60));

        // stop the leader while the workers keep answering; its running total must come back from the changelog
        deployment.stop(leader);
        deployment.send(61, 100);
        leader = start("leader", 0);
        await().atMost(Duration.ofSeconds(120)).until(() -> deployment.lastTotal() == sumOfSquares(21, 100));

        // and a worker, while input for it arrives
        deployment.stop(worker1);
        deployment.send(101, 140);
        start("worker", 1);
        await().atMost(Duration.ofSeconds(120)).until(() -> deployment.lastTotal() == sumOfSquares(21, 140));

        Map<Long, Integer> squares = new HashMap<>();
        deployment.readCommitted("squares").values().forEach(v -> squares.merge(Long.parseLong(v), 1, Integer::sum));
        assertThat(squares).as("every square published exactly once across a leader and a worker restart")
                .hasSize(120)
                .allSatisfy((square, times) -> assertThat(times).as("copies of %d", square).isEqualTo(1));
        assertThat(leader.getBean(HydroRuntime.class).instances().get(0).loop().isRunning()).isTrue();
    }

    @Test
    void aTickThatFailsAfterSendingLeavesNothingVisibleToReadCommittedConsumers(EmbeddedKafkaBroker broker) {
        deployment = new SquaresDeployment(broker.getBrokersAsString(), "eos");
        start("leader", 0);
        ConfigurableApplicationContext worker0 = start("worker", 0);
        ConfigurableApplicationContext worker1 = start("worker", 1);

        deployment.send(1, 20); // round-robin: the poison (13) goes to one worker, whose tick fails after sending
        await().atMost(Duration.ofSeconds(120)).until(() -> failedWorkers(worker0, worker1) == 1);
        await().atMost(Duration.ofSeconds(120)).until(() -> deployment.readCommitted("squares").values().size() >= 10);

        List<String> squares = deployment.readCommitted("squares").values();
        assertThat(squares).as("the failed tick sent 169 on its edge, but its transaction was aborted")
                .doesNotContain("169");
        assertThat(deployment.lastTotal()).as("the leader's total holds exactly the squares it published")
                .isEqualTo(squares.stream().mapToLong(Long::parseLong).sum());
    }

    private static int failedWorkers(ConfigurableApplicationContext... workers) {
        int failed = 0;
        for (ConfigurableApplicationContext worker : workers) {
            if (worker.getBean(HydroRuntime.class).instances().get(0).loop().failure() != null) {
                failed++;
            }
        }
        return failed;
    }

    private ConfigurableApplicationContext start(String location, int member) {
        return deployment.start(ExactlyOnceApp.class, location, member, "hydro.processing.guarantee=exactly-once");
    }
}
