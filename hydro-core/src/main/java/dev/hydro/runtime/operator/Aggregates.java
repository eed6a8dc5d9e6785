package dev.hydro.runtime.operator;

import dev.hydro.runtime.KeyedValues;
import dev.hydro.runtime.Operator;
import dev.hydro.runtime.Push;
import dev.hydro.stream.Fold;
import dev.hydro.stream.KeyValue;
import java.util.HashMap;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Folds and keyed folds. Inside a tick their state starts fresh every tick; at top level it is kept, so the
 * value is a running aggregate.
 *
 * <pre>{@code
 * Operator total = new Aggregates.Folding(() -> Fold.count().newAccumulator());
 * }</pre>
 */
public final class Aggregates {

    private Aggregates() {
    }

    /** A fold or reduction into one value. */
    public static final class Folding extends Operator implements Push {
        private final Supplier<? extends Fold.Accumulator<Object, ?>> accumulators;
        private Fold.Accumulator<Object, ?> accumulator;

        public Folding(Supplier<? extends Fold.Accumulator<Object, ?>> accumulators) {
            this.accumulators = accumulators;
            this.accumulator = accumulators.get();
        }

        @Override
        public void accept(Object element) {
            accumulator.add(element);
        }

        @Override
        public Object value() {
            return accumulator.result();
        }

        @Override
        public void endTick() {
            if (inTick) {
                accumulator = accumulators.get();
            }
        }
    }

    /** A fold or reduction per key, over a stream of {@link KeyValue} entries. */
    public static final class KeyedFolding extends Operator implements Push, KeyedValues {
        private final Supplier<? extends Fold.Accumulator<Object, ?>> accumulators;
        private final HashMap<Object, Fold.Accumulator<Object, ?>> perKey = new HashMap<>();

        public KeyedFolding(Supplier<? extends Fold.Accumulator<Object, ?>> accumulators) {
            this.accumulators = accumulators;
        }

        @Override
        public void accept(Object element) {
            KeyValue<?, ?> entry = (KeyValue<?, ?>) element;
            Fold.Accumulator<Object, ?> accumulator = perKey.get(entry.key());
            if (accumulator == null) {
                accumulator = accumulators.get();
                perKey.put(entry.key(), accumulator);
            }
            accumulator.add(entry.value());
        }

        @Override
        public Object value() {
            return this;
        }

        @Override
        public void forEach(BiConsumer<Object, Object> visitor) {
            perKey.forEach((key, accumulator) -> {
                Object result = accumulator.result();
                if (result != null) {
                    visitor.accept(key, result);
                }
            });
        }

        @Override
        public Object get(Object key) {
            Fold.Accumulator<Object, ?> accumulator = perKey.get(key);
            return accumulator == null ? null : accumulator.result();
        }

        @Override
        public int size() {
            return perKey.size();
        }

        @Override
        public void endTick() {
            if (inTick) {
                perKey.clear();
            }
        }
    }
}
