package dev.hydro.spring.kafka;

import static dev.hydro.spring.kafka.SquaresDeployment.sumOfSquares;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hydro.location.Cluster;
import dev.hydro.location.ClusterSpec;
import dev.hydro.location.Process;
import dev.hydro.spring.FlowDefinition;
import dev.hydro.stream.Fold;
import dev.hydro.stream.NonDet;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * {@code hydro.processing.commit-interval} on a real (embedded KRaft) broker, with {@link ExactlyOnceApp}'s leader
 * and two workers: under continuous input a long interval groups the leader's ticks into fewer transactions than
 * ticks, and every result still exists exactly once; at-least-once, it groups the ticks whose input is
 * acknowledged after one wait for their sends, and all input is acknowledged once the leader is idle. The broker
 * counts the transactions: the leader publishes one total per tick, and every committed transaction leaves one
 * commit marker in the totals partition, so the partition's end offset minus its records is the number of the
 * leader's transactions.
 */
@EmbeddedKafka(partitions = 1)
class KafkaCommitIntervalTest {

    @AutoClose
    private SquaresDeployment deployment;

    @Test
    void underContinuousInputALongIntervalCommitsFewerTransactionsThanTicksAndEveryResultExactlyOnce(
            EmbeddedKafkaBroker broker) {
        deployment = new SquaresDeployment(broker.getBrokersAsString(), "interval");
        ConfigurableApplicationContext leader = start("20s", "leader", 0);
        start("20s", "worker", 0);
        start("20s", "worker", 1);

        deployment.send(21, 3020); // above ExactlyOnceApp.POISON; batches of 20 keep the leader busy for many ticks
        await().atMost(Duration.ofSeconds(120)).until(() -> deployment.lastTotal() == sumOfSquares(21, 3020));

        Map<Long, Integer> squares = new HashMap<>();
        deployment.readCommitted("squares").values()
                .forEach(v -> squares.merge(Long.parseLong(v), 1, Integer::sum));
        assertThat(squares).as("every square published exactly once").hasSize(3000)
                .allSatisfy((square, times) -> assertThat(times).as("copies of %d", square).isEqualTo(1));

        SquaresDeployment.Topic totals = deployment.readCommitted("totals");
        long ticks = totals.values().size();
        long transactions = totals.endOffset() - ticks;
        assertThat(transactions).as("the leader's %d ticks committed in %d transactions", ticks, transactions)
                .isPositive().isLessThan(ticks / 2);

        MeterRegistry registry = leader.getBean(MeterRegistry.class);
        double ticksRun = registry.get("hydro.ticks").tag("location", "leader").counter().count();
        long commits = registry.get("hydro.commit.ticks").tag("location", "leader").summary().count();
        assertThat(commits).as("hydro.commit.ticks counts the leader's commits").isPositive()
                .isLessThan((long) ticksRun);
    }

    @Test
    void aZeroIntervalHandsEveryTickOfTheLeaderToTheCommitterAsAUnitOfItsOwn(EmbeddedKafkaBroker broker) {
        deployment = new SquaresDeployment(broker.getBrokersAsString(), "interval");
        ConfigurableApplicationContext leader = start("0", "leader", 0);
        start("0", "worker", 0);
        start("0", "worker", 1);

        deployment.send(21, 220);
        await().atMost(Duration.ofSeconds(120)).until(() -> deployment.lastTotal() == sumOfSquares(21, 220));

        MeterRegistry registry = leader.getBean(MeterRegistry.class);
        double ticksRun = registry.get("hydro.ticks").tag("location", "leader").counter().count();
        var units = registry.get("hydro.commit.ticks").tag("location", "leader").summary();
        assertThat(units.max()).as("no unit holds more than one tick").isEqualTo(1.0);
        assertThat((double) units.count()).as("every tick ended a unit").isEqualTo(ticksRun);
        SquaresDeployment.Topic totals = deployment.readCommitted("totals");
        long transactions = totals.endOffset() - totals.values().size();
        assertThat(transactions).as("ticks that ended while a commit was in flight share the next transaction")
                .isPositive().isLessThanOrEqualTo(totals.values().size());
        assertThat(registry.get("hydro.commit.latency").tag("location", "leader").timer().count())
                .as("hydro.commit.latency times each of the leader's transactions").isEqualTo(transactions);
    }

    @Test
    void atLeastOnceALongIntervalAcknowledgesTheInputOfManyTicksAtOnceAndLosesNothing(EmbeddedKafkaBroker broker)
            throws Exception {
        deployment = new SquaresDeployment(broker.getBrokersAsString(), "interval");
        ConfigurableApplicationContext leader = start(AtLeastOnceApp.class, "at-least-once", "20s", "leader", 0);
        start(AtLeastOnceApp.class, "at-least-once", "20s", "worker", 0);
        start(AtLeastOnceApp.class, "at-least-once", "20s", "worker", 1);

        deployment.send(21, 3020);
        await().atMost(Duration.ofSeconds(120)).until(() -> deployment.lastTotal() == sumOfSquares(21, 3020));

        deployment.awaitInputAcknowledged(3000); // all its input, once the leader is idle
        MeterRegistry registry = leader.getBean(MeterRegistry.class);
        double ticksRun = registry.get("hydro.ticks").tag("location", "leader").counter().count();
        long commits = registry.get("hydro.commit.ticks").tag("location", "leader").summary().count();
        assertThat(commits).as("the leader's %s ticks waited for their sends %d times", ticksRun, commits)
                .isPositive().isLessThan((long) ticksRun / 2);
    }

    /** {@link ExactlyOnceApp}'s flow on at-least-once edges, without the poison number. */
    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class AtLeastOnceApp {

        /** Not named {@code totals}: an at-least-once output binding looks that name up as its channel. */
        @Bean
        FlowDefinition squaresAndTotals() {
            return flow -> {
                Process<ExactlyOnceApp.Leader> leader = flow.process(ExactlyOnceApp.Leader.class);
                Cluster<ExactlyOnceApp.Worker> workers = flow.cluster(ClusterSpec.ofMembers(2),
                        ExactlyOnceApp.Worker.class);
                var squares = leader.sourceStream("numbers", Long.class)
                        .roundRobinBincode(workers)
                        .map(n -> n * n)
                        .sendBincode(leader)
                        .values();
                squares.destSink("squares");
                squares.assumeExactlyOnce(NonDet.because("the test checks the totals of a run without failures"))
                        .fold(Fold.commutative(() -> 0L, Long::sum))
                        .snapshot(leader.tick(), NonDet.because("publishes the total as of each tick"))
                        .intoStream().allTicks()
                        .destSink("totals");
            };
        }
    }

    private ConfigurableApplicationContext start(Class<?> application, String guarantee, String commitInterval,
            String location, int member) {
        return deployment.start(application, location, member,
                "hydro.processing.guarantee=" + guarantee,
                "hydro.processing.commit-interval=" + commitInterval,
                "hydro.tick.max-batch-size=20");
    }

    private ConfigurableApplicationContext start(String commitInterval, String location, int member) {
        return start(ExactlyOnceApp.class, "exactly-once", commitInterval, location, member);
    }
}
