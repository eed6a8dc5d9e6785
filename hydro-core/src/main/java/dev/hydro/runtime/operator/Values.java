package dev.hydro.runtime.operator;

import dev.hydro.runtime.KeyedValues;
import dev.hydro.runtime.Operator;
import dev.hydro.runtime.SourceQueue;
import dev.hydro.state.DurableState;
import dev.hydro.state.StateLog;
import dev.hydro.stream.KeyValue;
import dev.hydro.stream.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Operators on singletons and optionals: each computes its value once per tick, at its stratum, from the
 * values of its inputs; {@code null} stands for an absent optional.
 *
 * <pre>{@code
 * Operator doubled = Values.map(x -> (Long) x * 2);
 * }</pre>
 */
public final class Values {

    private Values() {
    }

    /** A value computed from the input values at every tick. */
    public abstract static class Derived extends Operator {
        private Object current;

        protected abstract Object compute();

        @Override
        public void runStratum() {
            current = compute();
        }

        @Override
        public Object value() {
            return current;
        }

        protected Object input(int index) {
            return upstream[index].value();
        }
    }

    /** {@code map} on a singleton or optional. */
    @SuppressWarnings("unchecked")
    public static Operator map(Function<?, ?> f) {
        Function<Object, Object> function = (Function<Object, Object>) f;
        return new Derived() {
            @Override
            protected Object compute() {
                Object in = input(0);
                return in == null ? null : function.apply(in);
            }
        };
    }

    /** {@code filter}: the value if it matches, else absent. */
    @SuppressWarnings("unchecked")
    public static Operator filter(Predicate<?> p) {
        Predicate<Object> predicate = (Predicate<Object>) p;
        return new Derived() {
            @Override
            protected Object compute() {
                Object in = input(0);
                return in != null && predicate.test(in) ? in : null;
            }
        };
    }

    /** {@code zip}: both values as a pair. */
    public static Operator zip() {
        return new Derived() {
            @Override
            protected Object compute() {
                Object a = input(0);
                Object b = input(1);
                return a == null || b == null ? null : new Pair<>(a, b);
            }
        };
    }

    /** {@code unwrapOr}: the value, or a fallback while absent. */
    public static Operator unwrapOr(Object fallback) {
        return new Derived() {
            @Override
            protected Object compute() {
                Object in = input(0);
                return in == null ? fallback : in;
            }
        };
    }

    /** The input's value as is: {@code snapshot}. */
    public static Operator identity() {
        return new Derived() {
            @Override
            protected Object compute() {
                return input(0);
            }
        };
    }

    /** {@code latest}: keeps the most recent present value across ticks. */
    public static Operator latest() {
        return new Latest();
    }

    private static final class Latest extends Derived implements DurableState {
        private Object kept;
        private boolean changed;

        @Override
        protected Object compute() {
            Object in = input(0);
            if (in != null) {
                changed = true; // even if equal: a value mutated in place is the same object
                kept = in;
            }
            return kept;
        }

        @Override
        public void writeChanges(StateLog log) {
            if (changed) {
                changed = false;
                log.put(null, kept);
            }
        }

        @Override
        public void restore(Object key, Object value) {
            kept = value;
        }
    }

    /** A constant value ({@code selfId}, {@code tick.singleton}). */
    public static Operator constant(Object value) {
        return new Operator() {
            @Override
            public Object value() {
                return value;
            }
        };
    }

    /** {@code mapValues} on a keyed singleton: a view, no copy. */
    @SuppressWarnings("unchecked")
    public static Operator mapKeyedValues(Function<?, ?> f) {
        Function<Object, Object> function = (Function<Object, Object>) f;
        return new Operator() {
            private final KeyedValues view = new KeyedValues() {
                @Override
                public void forEach(BiConsumer<Object, Object> visitor) {
                    source().forEach((k, v) -> visitor.accept(k, function.apply(v)));
                }

                @Override
                public Object get(Object key) {
                    Object v = source().get(key);
                    return v == null ? null : function.apply(v);
                }

                @Override
                public int size() {
                    return source().size();
                }
            };

            private KeyedValues source() {
                return (KeyedValues) upstream[0].value();
            }

            @Override
            public Object value() {
                return view;
            }
        };
    }

    /** Emits a value as a stream element, if present ({@code intoStream}). */
    public static final class IntoStream extends Operator {
        @Override
        public void runStratum() {
            Object value = upstream[0].value();
            if (value != null) {
                out.accept(value);
            }
        }
    }

    /** Emits the entries (or only the keys) of a keyed singleton. */
    public static final class Entries extends Operator {
        private final boolean keysOnly;

        public Entries(boolean keysOnly) {
            this.keysOnly = keysOnly;
        }

        @Override
        public void runStratum() {
            ((KeyedValues) upstream[0].value()).forEach((key, value) -> out.accept(keysOnly ? key : new KeyValue<>(key, value)));
        }
    }

    /**
     * Emits a sample whenever its timer fired since the previous tick: the singleton's value, or for a
     * stream the most recent element that arrived since the previous sample.
     */
    public static final class Sample extends Operator implements dev.hydro.runtime.Push {
        private final SourceQueue timer;
        private final AutoCloseable schedule;
        private final boolean ofStream;
        private final List<Object> fired = new ArrayList<>();
        private Object latestElement;

        public Sample(SourceQueue timer, AutoCloseable schedule, boolean ofStream) {
            this.timer = timer;
            this.schedule = schedule;
            this.ofStream = ofStream;
        }

        @Override
        public void close() {
            try {
                schedule.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not cancel a sampling timer", e);
            }
        }

        @Override
        public void accept(Object element) {
            latestElement = element;
        }

        @Override
        public void runStratum() {
            fired.clear();
            if (timer.drainTo(fired, Integer.MAX_VALUE) == 0) {
                return;
            }
            Object sample = ofStream ? latestElement : upstream[0].value();
            latestElement = null;
            if (sample != null) {
                out.accept(sample);
            }
        }

        @Override
        public boolean hasPendingWork() {
            return !timer.isEmpty();
        }
    }

    /** The value of a {@code SingletonCycle}: the initial value, then whatever was completed the tick before. */
    public static final class Carried extends Operator implements DurableState {
        private Object current;
        private Object captured;
        private boolean changed;

        public Carried(Object initial) {
            this.current = initial;
        }

        @Override
        public Object value() {
            return current;
        }

        /**
         * Reads the value completed in this tick. The instance calls it on every carrier before any operator
         * ends the tick, so neither an in-tick fold's reset nor another carrier's update can be seen.
         */
        public void capture() {
            captured = upstream[0].value();
        }

        @Override
        public void endTick() {
            if (captured != null) {
                changed = true; // even if equal: a value mutated in place is the same object
                current = captured;
                captured = null;
            }
        }

        @Override
        public void writeChanges(StateLog log) {
            if (changed) {
                changed = false;
                log.put(null, current);
            }
        }

        @Override
        public void restore(Object key, Object value) {
            current = value;
        }
    }
}
