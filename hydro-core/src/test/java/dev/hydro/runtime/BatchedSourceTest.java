package dev.hydro.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hydro.runtime.operator.Sources;
import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Values pushed as a batch enter ticks element by element, within the per-tick batch limit, in order. */
class BatchedSourceTest {

    @Test
    void aPushedBatchIsSplitAcrossTicksByTheBatchLimitAndKeepsItsOrder() throws InterruptedException {
        SourceQueue queue = new SourceQueue(0, () -> { }, acknowledgement -> { });
        Sources.Queued source = new Sources.Queued(queue, 3);
        List<Object> seen = new ArrayList<>();
        ((Operator) source).wire(seen::add, new Operator[0], false);

        queue.putAll(List.of(1, 2, 3, 4, 5), 2);
        queue.put(6);
        queue.putAll(List.of(7), 4);

        List<List<Object>> ticks = new ArrayList<>();
        while (source.hasPendingWork()) {
            source.runStratum();
            ticks.add(List.copyOf(seen));
            seen.clear();
        }
        assertThat(ticks).containsExactly(List.of(1, 2, 3), List.of(4, 5, 6), List.of(7));
        assertThat(source.lastBatchSize()).isEqualTo(1);
    }

    @Test
    void aHandedOverListAndABindingBatchAreSplitByTheBatchLimitAndNeverAcknowledgedBeforeTheirLastElement()
            throws InterruptedException {
        List<String> acknowledged = new ArrayList<>();
        List<Runnable> afterThisTick = new ArrayList<>();
        SourceQueue queue = new SourceQueue(0, () -> { }, afterThisTick::add);
        Sources.Queued source = new Sources.Queued(queue, 3);
        List<Object> seen = new ArrayList<>();
        ((Operator) source).wire(seen::add, new Operator[0], false);

        queue.handOver(List.of(1, 2), 5);
        queue.putBatch(new ArrayList<>(List.of(3, 4, 5, 6)), () -> acknowledged.add("batch"));
        queue.handOver(new LinkedList<>(List.of(7)), 5); // no fast random access: copied

        List<String> ticks = new ArrayList<>();
        while (source.hasPendingWork()) {
            source.runStratum();
            afterThisTick.forEach(Runnable::run);
            afterThisTick.clear();
            ticks.add(seen + " acknowledged " + acknowledged);
            seen.clear();
        }
        assertThat(ticks).containsExactly(
                "[1, 2, 3] acknowledged []",
                "[4, 5, 6] acknowledged []", // the acknowledgement waits behind the batch: the limit reached it first
                "[7] acknowledged [batch]");
    }
}
