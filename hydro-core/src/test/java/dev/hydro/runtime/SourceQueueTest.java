package dev.hydro.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A bounded source queue counts a weighted entry (a network frame) as the elements it holds. */
class SourceQueueTest {

    @Test
    void weightedEntriesCountTheirElementsAgainstTheCapacity() throws InterruptedException {
        SourceQueue queue = new SourceQueue(10, () -> { }, ack -> { });
        queue.putWeighted("frame of 4", 4);
        queue.put("one element");

        assertThat(queue.size()).isEqualTo(5);
        assertThat(queue.remainingCapacity()).isEqualTo(5);

        List<Object> taken = new ArrayList<>();
        queue.drainTo(taken, 10);
        assertThat(taken.stream().map(queue::unwrap)).containsExactly("frame of 4", "one element");
        assertThat(queue.size()).isZero();
        assertThat(queue.remainingCapacity()).isEqualTo(10);
    }

    @Test
    void aWeightedPutWaitsForRoomAndAnOversizedEntryStillEntersAnEmptyQueue() throws Exception {
        SourceQueue queue = new SourceQueue(10, () -> { }, ack -> { });
        queue.putWeighted("first", 8);
        AtomicBoolean entered = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(1);
        Thread putter = new Thread(() -> {
            try {
                started.countDown();
                queue.putWeighted("too heavy for the room left", 5);
                entered.set(true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        putter.start();
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).untilFalse(entered);

        List<Object> taken = new ArrayList<>();
        queue.drainTo(taken, 1);
        queue.unwrap(taken.get(0));
        await().atMost(Duration.ofSeconds(5)).untilTrue(entered);
        putter.join(5_000);

        queue.drainTo(taken, 1);
        queue.unwrap(taken.get(1));
        queue.putWeighted("heavier than the whole capacity", 25);
        assertThat(queue.size()).isEqualTo(25);
        assertThat(queue.remainingCapacity()).isZero();
    }

    @Test
    void aBatchWeighsItsElementsAndItsAcknowledgementComesAfterItsLastElement() throws InterruptedException {
        List<Runnable> registered = new ArrayList<>();
        SourceQueue queue = new SourceQueue(10, () -> { }, registered::add);
        Runnable acknowledge = () -> { };
        queue.putBatch(List.of("a", "b", "c"), acknowledge);

        assertThat(queue.size()).as("three elements and an acknowledgement").isEqualTo(4);
        List<Object> taken = new ArrayList<>();
        queue.drainTo(taken, 1);
        Object batch = queue.unwrap(taken.get(0));
        assertThat(batch).isInstanceOf(SourceQueue.Chunk.class);
        SourceQueue.Chunk chunk = (SourceQueue.Chunk) batch;
        assertThat(elementsOf(chunk)).containsExactly("a", "b", "c");
        assertThat(registered).as("nothing acknowledged while the batch's elements are emitted").isEmpty();

        queue.drainTo(taken, 1);
        queue.unwrap(taken.get(1));
        assertThat(registered).containsExactly(acknowledge);
        assertThat(queue.size()).isZero();
    }

    @Test
    void anEmptyBatchQueuesOnlyItsAcknowledgement() throws InterruptedException {
        List<Runnable> registered = new ArrayList<>();
        SourceQueue queue = new SourceQueue(0, () -> { }, registered::add);
        Runnable acknowledge = () -> { };
        queue.putBatch(List.of(), acknowledge);
        queue.putBatch(List.of(), null);

        List<Object> taken = new ArrayList<>();
        assertThat(queue.drainTo(taken, 10)).isEqualTo(1);
        queue.unwrap(taken.get(0));
        assertThat(registered).containsExactly(acknowledge);
    }

    @Test
    void putAllCopiesItsElementsWhileHandOverTakesTheListItself() throws InterruptedException {
        SourceQueue queue = new SourceQueue(0, () -> { }, ack -> { });
        List<String> reused = new ArrayList<>(List.of("a", "b", "c"));
        queue.putAll(reused, 2);
        reused.set(0, "changed after putAll");
        List<String> owned = List.of("d", "e", "f");
        queue.handOver(owned, 2);

        List<SourceQueue.Chunk> chunks = new ArrayList<>();
        List<Object> taken = new ArrayList<>();
        queue.drainTo(taken, 10);
        taken.forEach(entry -> chunks.add((SourceQueue.Chunk) queue.unwrap(entry)));

        assertThat(chunks).extracting(SourceQueueTest::elementsOf).containsExactly(List.of("a", "b"), List.of("c"), List.of("d", "e"), List.of("f"));
        assertThat(chunks.get(2).elements()).as("handed over, not copied").isSameAs(owned);
        assertThat(chunks.get(0).elements()).isNotSameAs(reused);
    }

    private static List<Object> elementsOf(SourceQueue.Chunk chunk) {
        return List.copyOf(chunk.elements().subList(chunk.from(), chunk.to()));
    }
}
