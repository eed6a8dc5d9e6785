package dev.hydro.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hydro.location.Cluster;
import dev.hydro.location.ClusterSpec;
import dev.hydro.location.FlowBuilder;
import dev.hydro.location.MemberId;
import dev.hydro.location.Process;
import dev.hydro.observe.TickListener;
import dev.hydro.stream.KeyValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A threaded deployment moves 10,000 values through leader → 3 workers → leader with bounded queues. */
class ThreadedDeploymentTest {

    interface Leader {}

    interface Worker {}

    private static final int COUNT = 10_000;

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a deadlock fails, never hangs the build
    void tenThousandValuesMakeTheRoundTripThroughThreeWorkersExactlyOnceAndInOrderPerWorker() {
        FlowBuilder flow = new FlowBuilder("threaded");
        Process<Leader> leader = flow.process(Leader.class);
        Cluster<Worker> workers = flow.cluster(ClusterSpec.ofMembers(3), Worker.class);
        leader.sourceStream("numbers", Long.class)
                .roundRobinBincode(workers.exactlyOnce())
                .map(n -> n * 2)
                .sendBincode(leader.exactlyOnce())
                .entries()
                .destSink("doubled");

        // Small queues and batches, so pushing blocks and every edge pushes back many times on the way.
        try (LocalDeployment deployment = LocalDeployment.threaded(flow.build(), Map.of(), TickListener.NONE, 64, 16)) {
            deployment.start();
            // Push from another thread: push blocks while the leader's queue is full, and a stuck pipeline
            // must fail at the deadline below rather than block the test thread.
            Thread pusher = new Thread(() -> {
                for (long n = 0; n < COUNT; n++) {
                    deployment.push(leader, "numbers", n);
                }
            }, "test-pusher");
            pusher.setDaemon(true);
            pusher.start();

            try {
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10))
                        .until(() -> !deployment.failures().isEmpty()
                                || deployment.output("doubled").size() >= COUNT);
            } finally {
                pusher.interrupt();
            }

            assertThat(deployment.failures()).isEmpty();
            List<Object> doubled = deployment.output("doubled");
            assertThat(doubled).hasSize(COUNT);

            Map<Integer, List<Long>> bySender = new TreeMap<>();
            for (Object o : doubled) {
                KeyValue<?, ?> kv = (KeyValue<?, ?>) o;
                bySender.computeIfAbsent(((MemberId<?>) kv.key()).raw(), m -> new ArrayList<>()).add((Long) kv.value());
            }
            assertThat(bySender).containsOnlyKeys(0, 1, 2);
            for (int member = 0; member < 3; member++) {
                int worker = member;
                List<Long> expected = LongStream.range(0, COUNT).filter(n -> n % 3 == worker).map(n -> n * 2)
                        .boxed().toList();
                assertThat(bySender.get(member))
                        .as("worker %d got every third value, in turn, and returned them in order", member)
                        .containsExactlyElementsOf(expected);
            }
            assertThat(bySender.get(0)).hasSize(3334);
            assertThat(bySender.get(1)).hasSize(3333);
            assertThat(bySender.get(2)).hasSize(3333);
            assertThat(deployment.failures()).isEmpty();
        }
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void listsHandedOverFromAnotherThreadArriveWholeAndInOrderAcrossBatchLimitedTicks() {
        FlowBuilder flow = new FlowBuilder("hand-over");
        Process<Leader> leader = flow.process(Leader.class);
        leader.sourceStream("numbers", Long.class).map(n -> n + 1).destSink("incremented");

        try (LocalDeployment deployment = LocalDeployment.threaded(flow.build(), Map.of(), TickListener.NONE, 64, 16)) {
            deployment.start();
            LocalDeployment.Input numbers = deployment.input(leader, 0, "numbers");
            for (long from = 0; from < COUNT; from += 1_000) {
                // Each list is handed over, never copied: the tick loop reads it later, in batches of 16.
                numbers.handOver(LongStream.range(from, from + 1_000).boxed().toList());
            }

            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10))
                    .until(() -> !deployment.failures().isEmpty()
                            || deployment.output("incremented").size() >= COUNT);
            assertThat(deployment.failures()).isEmpty();
            assertThat(deployment.output("incremented"))
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, COUNT).boxed().toList());
        }
    }
}
