package dev.hydro.spring.kafka;

import static dev.hydro.spring.kafka.SquaresDeployment.sumOfSquares;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * A batch-mode input binding ({@code spring.cloud.stream.bindings.<name>.consumer.batch-mode=true}) on a real
 * (embedded KRaft) broker: each poll enters the leader's queue as one batch, which a small
 * {@code hydro.tick.max-batch-size} splits over many ticks, and is acknowledged (exactly-once: its offsets
 * committed by a transaction) only after the tick that emitted its last record. Exactly-once, every result exists
 * once across a leader restart; at-least-once, nothing is lost and all input is acknowledged.
 */
@EmbeddedKafka(partitions = 1)
class KafkaBatchInputTest {

    private static final String BATCH_MODE = "spring.cloud.stream.bindings.numbers.consumer.batch-mode=true";

    @AutoClose
    private SquaresDeployment deployment;

    @Test
    void exactlyOnceEveryBatchedNumberIsSquaredOnceAcrossALeaderRestart(EmbeddedKafkaBroker broker) {
        deployment = new SquaresDeployment(broker.getBrokersAsString(), "batch");
        ConfigurableApplicationContext leader = start(ExactlyOnceApp.class, "exactly-once", "leader", 0);
        start(ExactlyOnceApp.class, "exactly-once", "worker", 0);
        start(ExactlyOnceApp.class, "exactly-once", "worker", 1);

        deployment.send(21, 1020); // above ExactlyOnceApp.POISON; polls of many records, ticks of 20
        await().atMost(Duration.ofSeconds(120)).until(() -> deployment.lastTotal() == sumOfSquares(21, 1020));

        deployment.stop(leader);
        deployment.send(1021, 2020);
        start(ExactlyOnceApp.class, "exactly-once", "leader", 0);
        await().atMost(Duration.ofSeconds(120)).until(() -> deployment.lastTotal() == sumOfSquares(21, 2020));

        Map<Long, Integer> squares = new HashMap<>();
        deployment.readCommitted("squares").values().forEach(v -> squares.merge(Long.parseLong(v), 1, Integer::sum));
        assertThat(squares).as("every square published exactly once").hasSize(2000)
                .allSatisfy((square, times) -> assertThat(times).as("copies of %d", square).isEqualTo(1));
    }

    @Test
    void atLeastOnceNothingIsLostAndEveryBatchIsAcknowledged(EmbeddedKafkaBroker broker) throws Exception {
        deployment = new SquaresDeployment(broker.getBrokersAsString(), "batch");
        Class<?> app = KafkaCommitIntervalTest.AtLeastOnceApp.class;
        start(app, "at-least-once", "leader", 0);
        start(app, "at-least-once", "worker", 0);
        start(app, "at-least-once", "worker", 1);

        deployment.send(1, 1000);
        await().atMost(Duration.ofSeconds(120)).until(() -> deployment.lastTotal() == sumOfSquares(1, 1000));

        deployment.awaitInputAcknowledged(1000);
    }

    private ConfigurableApplicationContext start(Class<?> application, String guarantee, String location,
            int member) {
        return deployment.start(application, location, member, BATCH_MODE,
                "hydro.processing.guarantee=" + guarantee, "hydro.tick.max-batch-size=20");
    }
}
