package dev.hydro.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** The input every benchmark of this module runs on, so that their scores compare. */
final class BenchmarkData {

    private BenchmarkData() {
    }

    /**
     * {@code size} boxed integers from a fixed seed: distinct {@code Integer} objects (almost all outside the
     * {@code Integer} cache), about half of them even once tripled so the filter branch cannot be predicted,
     * and small enough that {@code x * 3} never overflows.
     */
    static List<Integer> integers(int size) {
        Random random = new Random(42);
        List<Integer> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add(random.nextInt(1 << 20));
        }
        return Collections.unmodifiableList(values);
    }
}
