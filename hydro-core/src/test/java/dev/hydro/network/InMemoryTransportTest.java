package dev.hydro.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hydro.runtime.InstanceId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The in-memory transport: synchronous hand-over for stepped runs, a non-blocking mailbox for threaded ones. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class InMemoryTransportTest {

    private static final NetworkEdge EDGE =
            new NetworkEdge("leader-to-worker", "leader", false, "worker", true, EdgeKind.DEMUX, true, true);
    private static final InstanceId LEADER = new InstanceId("leader", 0);
    private static final InstanceId WORKER = new InstanceId("worker", 0);

    @Test
    void theDefaultTransportDeliversOnTheSendersThreadBeforeSendReturns() {
        InMemoryTransport transport = new InMemoryTransport();
        List<String> delivered = new CopyOnWriteArrayList<>();
        transport.receiver(EDGE, WORKER, (sender, payload, consumed) ->
                delivered.add(Thread.currentThread().getName() + ":" + new String(payload)));

        transport.sender(EDGE, LEADER).send(0, "a".getBytes());

        assertThat(delivered).containsExactly(Thread.currentThread().getName() + ":a");
    }

    @Test
    void aDecoupledSenderNeverBlocksOnABlockedReceiverAndOrderIsKept() throws InterruptedException {
        InMemoryTransport transport = InMemoryTransport.decoupled();
        CountDownLatch release = new CountDownLatch(1);
        List<String> delivered = new CopyOnWriteArrayList<>();
        transport.receiver(EDGE, WORKER, (sender, payload, consumed) -> {
            release.await(); // a receiver whose queue is full
            delivered.add(new String(payload));
        });
        try {
            EdgeSender sender = transport.sender(EDGE, LEADER);
            for (int i = 0; i < 100; i++) {
                sender.send(0, ("r" + i).getBytes());
            }
            assertThat(delivered).as("sending returned while the receiver was still blocked").isEmpty();

            release.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> delivered.size() == 100);
            assertThat(delivered).containsExactlyElementsOf(
                    java.util.stream.IntStream.range(0, 100).mapToObj(i -> "r" + i).toList());
        } finally {
            transport.close();
        }
    }

    @Test
    void removingAnInstanceReleasesADeliveryBlockedOnItAndDropsLaterRecords() throws InterruptedException {
        InMemoryTransport transport = InMemoryTransport.decoupled();
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        List<String> delivered = new CopyOnWriteArrayList<>();
        transport.receiver(EDGE, WORKER, (sender, payload, consumed) -> {
            blocked.countDown();
            try {
                new CountDownLatch(1).await(); // blocked for good: the instance behind it has stopped
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
        });
        try {
            EdgeSender sender = transport.sender(EDGE, LEADER);
            sender.send(0, "stuck".getBytes());
            assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();

            transport.remove(WORKER);
            assertThat(interrupted.await(10, TimeUnit.SECONDS)).as("the blocked delivery was released").isTrue();

            sender.send(0, "after removal".getBytes());
            transport.receiver(EDGE, new InstanceId("worker", 1),
                    (s, payload, consumed) -> delivered.add(new String(payload)));
            sender.send(1, "to the other member".getBytes());
            await().atMost(Duration.ofSeconds(10)).until(() -> delivered.size() == 1);
            assertThat(delivered).containsExactly("to the other member");
        } finally {
            transport.close();
        }
    }
}
