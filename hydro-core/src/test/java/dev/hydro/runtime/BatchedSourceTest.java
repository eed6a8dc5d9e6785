package dev.hydro.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hydro.runtime.operator.Sources;
import java.util.ArrayList;
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
}
