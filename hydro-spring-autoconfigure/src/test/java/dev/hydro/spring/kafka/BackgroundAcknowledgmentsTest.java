package dev.hydro.spring.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.hydro.runtime.InstanceId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * At-least-once acknowledgements run on the committer thread, in order, only after the wait for the sends
 * returned; handing them over never waits, and a failed wait keeps every later acknowledgement from running.
 */
class BackgroundAcknowledgmentsTest {

    private static final InstanceId INSTANCE = new InstanceId("leader", 0);

    @Test
    void acknowledgementsRunInOrderOnlyAfterTheSendsAreDurableAndHandingThemOverNeverWaits() throws Exception {
        CountDownLatch sendsDurable = new CountDownLatch(1);
        AtomicInteger waits = new AtomicInteger();
        List<String> acknowledged = new CopyOnWriteArrayList<>();
        BackgroundAcknowledgments acks = new BackgroundAcknowledgments(INSTANCE, () -> {
            waits.incrementAndGet();
            try {
                assertThat(sendsDurable.await(30, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, nanos -> { });

        acks.commit(List.of(() -> acknowledged.add("unit 1, a"), () -> acknowledged.add("unit 1, b")));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(waits).hasValue(1));
        acks.commit(List.of(() -> acknowledged.add("unit 2"))); // returns although the first wait is blocked
        acks.commit(List.of(() -> acknowledged.add("unit 3")));
        assertThat(acknowledged).as("nothing acknowledged before the sends are durable").isEmpty();

        sendsDurable.countDown();
        acks.close();
        assertThat(acknowledged).containsExactly("unit 1, a", "unit 1, b", "unit 2", "unit 3");
        assertThat(waits).as("units handed over during a wait share the next one").hasValue(2);
    }

    @Test
    void aFailedWaitAcknowledgesNothingMoreAndFailsTheNextUnit() {
        List<String> acknowledged = new CopyOnWriteArrayList<>();
        BackgroundAcknowledgments acks = new BackgroundAcknowledgments(INSTANCE, () -> {
            throw new IllegalStateException("the broker refused a send");
        }, nanos -> { });

        acks.commit(List.of(() -> acknowledged.add("unit 1")));
        await().atMost(Duration.ofSeconds(10)).until(() -> acks.failure() != null);

        assertThat(acks.failure()).contains("the broker refused a send");
        assertThatThrownBy(() -> acks.commit(List.of(() -> acknowledged.add("unit 2"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not acknowledged");
        acks.close();
        assertThat(acknowledged).isEmpty();
    }
}
