package dev.hydro.runtime.operator;

import dev.hydro.runtime.KeyedValues;
import dev.hydro.runtime.Operator;
import dev.hydro.runtime.Push;
import dev.hydro.state.DurableState;
import dev.hydro.state.StateLog;
import dev.hydro.stream.Fold;
import dev.hydro.stream.KeyValue;
import java.util.HashMap;
import java.util.HashSet;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.LongBinaryOperator;
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
    public static final class Folding extends Operator implements Push, DurableState {
        private final Supplier<? extends Fold.Accumulator<Object, ?>> accumulators;
        private Fold.Accumulator<Object, ?> accumulator;
        private boolean changed;

        public Folding(Supplier<? extends Fold.Accumulator<Object, ?>> accumulators) {
            this.accumulators = accumulators;
            this.accumulator = accumulators.get();
        }

        @Override
        public void accept(Object element) {
            accumulator.add(element);
            changed = true;
        }

        @Override
        public boolean keepsStateAcrossTicks() {
            return !inTick;
        }

        @Override
        public void writeChanges(StateLog log) {
            if (changed) {
                changed = false;
                Object result = accumulator.result();
                if (result != null) {
                    log.put(null, result);
                }
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public void restore(Object key, Object value) {
            if (value != null) {
                ((Fold.Accumulator<Object, Object>) accumulator).restore(value);
            }
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

    /** A fold of a {@code LongStream} into one {@code long}: the values arrive unboxed. */
    public static final class LongFolding extends Transforms.OnLongs implements DurableState {
        private final long initial;
        private final LongBinaryOperator step;
        private long value;
        /** The value the changelog holds; comparing with it spares the per-element "changed" flag. */
        private long logged;

        public LongFolding(long initial, LongBinaryOperator step) {
            this.initial = initial;
            this.step = step;
            this.value = initial;
            this.logged = initial;
        }

        @Override
        public void acceptLong(long element) {
            value = step.applyAsLong(value, element);
        }

        @Override
        public boolean keepsStateAcrossTicks() {
            return !inTick;
        }

        @Override
        public void writeChanges(StateLog log) {
            if (value != logged) {
                logged = value;
                log.put(null, value);
            }
        }

        @Override
        public void restore(Object key, Object loggedValue) {
            if (loggedValue != null) {
                value = (Long) loggedValue;
                logged = value;
            }
        }

        @Override
        public Object value() {
            return value;
        }

        @Override
        public void endTick() {
            if (inTick) {
                value = initial;
            }
        }
    }

    /** A fold or reduction per key, over a stream of {@link KeyValue} entries. */
    public static final class KeyedFolding extends Operator implements Push, KeyedValues, DurableState {
        private final Supplier<? extends Fold.Accumulator<Object, ?>> accumulators;
        private final HashMap<Object, Fold.Accumulator<Object, ?>> perKey = new HashMap<>();
        private HashSet<Object> changedKeys;

        public KeyedFolding(Supplier<? extends Fold.Accumulator<Object, ?>> accumulators) {
            this.accumulators = accumulators;
        }

        @Override
        public void accept(Object element) {
            KeyValue<?, ?> entry = (KeyValue<?, ?>) element;
            add(entry.key(), entry.value());
        }

        /** Folds straight from the elements of an {@code intoKeyed} that feeds only this fold: no entries. */
        @Override
        public Push fusedPort(int index, Operator producer) {
            if (!(producer instanceof Transforms.KeyBy keyBy)) {
                return null;
            }
            Function<Object, Object> key = keyBy.key();
            Function<Object, Object> value = keyBy.value();
            return element -> add(key.apply(element), value.apply(element));
        }

        private void add(Object key, Object value) {
            Fold.Accumulator<Object, ?> accumulator = perKey.get(key);
            if (accumulator == null) {
                accumulator = accumulators.get();
                perKey.put(key, accumulator);
            }
            accumulator.add(value);
            if (changedKeys != null) {
                changedKeys.add(key);
            }
        }

        @Override
        public boolean keepsStateAcrossTicks() {
            return !inTick;
        }

        @Override
        public void startLogging() {
            changedKeys = new HashSet<>();
        }

        @Override
        public void writeChanges(StateLog log) {
            for (Object key : changedKeys) {
                Object result = perKey.get(key).result();
                if (result != null) {
                    log.put(key, result);
                }
            }
            changedKeys.clear();
        }

        @Override
        @SuppressWarnings("unchecked")
        public void restore(Object key, Object value) {
            if (value == null) {
                perKey.remove(key);
                return;
            }
            Fold.Accumulator<Object, Object> accumulator = (Fold.Accumulator<Object, Object>) accumulators.get();
            accumulator.restore(value);
            perKey.put(key, accumulator);
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
