package dev.hydro.runtime.operator;

import dev.hydro.runtime.Operator;
import dev.hydro.runtime.Push;
import dev.hydro.state.DurableState;
import dev.hydro.state.StateLog;
import dev.hydro.stream.Indexed;
import dev.hydro.stream.KeyValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.LongPredicate;
import java.util.function.LongUnaryOperator;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * Element-at-a-time operators. Each is its own input port and pushes straight to the next operator, so a
 * chain of them runs as nested method calls with no buffering.
 *
 * <pre>{@code
 * Operator doubled = new Transforms.Map(x -> (Integer) x * 2);
 * }</pre>
 */
public final class Transforms {

    private Transforms() {
    }

    /** {@code map}. */
    public static final class Map extends Operator implements Push {
        private final Function<Object, Object> f;

        @SuppressWarnings("unchecked")
        public Map(Function<?, ?> f) {
            this.f = (Function<Object, Object>) f;
        }

        @Override
        public void accept(Object element) {
            out.accept(f.apply(element));
        }
    }

    /** {@code mapToLong}: the start of a primitive chain, which it feeds through {@link Push#acceptLong}. */
    public static final class MapToLong extends Operator implements Push {
        private final ToLongFunction<Object> f;

        @SuppressWarnings("unchecked")
        public MapToLong(ToLongFunction<?> f) {
            this.f = (ToLongFunction<Object>) f;
        }

        @Override
        public void accept(Object element) {
            out.acceptLong(f.applyAsLong(element));
        }
    }

    /**
     * The base of the operators of a {@code LongStream}: they work on {@link #acceptLong}, and unbox what
     * reaches them as an object (through a push that does not forward primitives).
     */
    abstract static class OnLongs extends Operator implements Push {
        @Override
        public final void accept(Object element) {
            acceptLong((Long) element);
        }

        @Override
        public abstract void acceptLong(long value);
    }

    /** {@code map} of a {@code LongStream}. */
    public static final class LongMap extends OnLongs {
        private final LongUnaryOperator f;

        public LongMap(LongUnaryOperator f) {
            this.f = f;
        }

        @Override
        public void acceptLong(long value) {
            out.acceptLong(f.applyAsLong(value));
        }
    }

    /** {@code filter} of a {@code LongStream}. */
    public static final class LongFilter extends OnLongs {
        private final LongPredicate predicate;

        public LongFilter(LongPredicate predicate) {
            this.predicate = predicate;
        }

        @Override
        public void acceptLong(long value) {
            if (predicate.test(value)) {
                out.acceptLong(value);
            }
        }
    }

    /** {@code mapToObj} and {@code boxed} of a {@code LongStream}: the end of a primitive chain. */
    public static final class LongToObject extends OnLongs {
        private final LongFunction<?> f;

        public LongToObject(LongFunction<?> f) {
            this.f = f;
        }

        @Override
        public void acceptLong(long value) {
            out.accept(f.apply(value));
        }
    }

    /**
     * {@code intoKeyed}: pairs each element with its key. A join or keyed fold that is its only consumer takes
     * its {@link #key} and {@link #value} functions instead ({@link Operator#fusedPort}), so the entry is never
     * allocated.
     */
    public static final class KeyBy extends Operator implements Push {
        private final Function<Object, Object> key;
        private final Function<Object, Object> value;

        @SuppressWarnings("unchecked")
        public KeyBy(Function<?, ?> key, Function<?, ?> value) {
            this.key = (Function<Object, Object>) key;
            this.value = (Function<Object, Object>) value;
        }

        @Override
        public void accept(Object element) {
            out.accept(new KeyValue<>(key.apply(element), value.apply(element)));
        }

        /** The key of an element. */
        public Function<Object, Object> key() {
            return key;
        }

        /** The value an element's entry carries. */
        public Function<Object, Object> value() {
            return value;
        }
    }

    /**
     * {@code values()} of a keyed stream: each entry's value. An operator that is its only producer may emit the
     * values itself ({@link Operator#absorbsConsumer}) and skip building the entries.
     */
    public static final class EntryValue extends Operator implements Push {
        @Override
        public void accept(Object element) {
            out.accept(((KeyValue<?, ?>) element).value());
        }
    }

    /** {@code flatMap}. */
    public static final class FlatMap extends Operator implements Push {
        private final Function<Object, ? extends Iterable<?>> f;

        @SuppressWarnings("unchecked")
        public FlatMap(Function<?, ? extends Iterable<?>> f) {
            this.f = (Function<Object, ? extends Iterable<?>>) f;
        }

        @Override
        public void accept(Object element) {
            for (Object produced : f.apply(element)) {
                out.accept(produced);
            }
        }
    }

    /** {@code filter}. */
    public static final class Filter extends Operator implements Push {
        private final Predicate<Object> predicate;

        @SuppressWarnings("unchecked")
        public Filter(Predicate<?> predicate) {
            this.predicate = (Predicate<Object>) predicate;
        }

        @Override
        public void accept(Object element) {
            if (predicate.test(element)) {
                out.accept(element);
            }
        }
    }

    /** {@code filterMap}. */
    public static final class FilterMap extends Operator implements Push {
        private final Function<Object, ? extends java.util.Optional<?>> f;

        @SuppressWarnings("unchecked")
        public FilterMap(Function<?, ? extends java.util.Optional<?>> f) {
            this.f = (Function<Object, ? extends java.util.Optional<?>>) f;
        }

        @Override
        public void accept(Object element) {
            java.util.Optional<?> result = f.apply(element);
            if (result.isPresent()) {
                out.accept(result.get());
            }
        }
    }

    /** {@code inspect}: calls an action and passes the element on. */
    public static final class Inspect extends Operator implements Push {
        private final Consumer<Object> action;

        @SuppressWarnings("unchecked")
        public Inspect(Consumer<?> action) {
            this.action = (Consumer<Object>) action;
        }

        @Override
        public void accept(Object element) {
            action.accept(element);
            out.accept(element);
        }
    }

    /** A sink: {@code forEach} and named external outputs. */
    public static final class Sink extends Operator implements Push {
        private final Consumer<Object> action;

        @SuppressWarnings("unchecked")
        public Sink(Consumer<?> action) {
            this.action = (Consumer<Object>) action;
        }

        @Override
        public void accept(Object element) {
            action.accept(element);
        }
    }

    /** {@code unique}: drops elements seen before (this tick, or ever at top level). */
    public static final class Unique extends Operator implements Push, DurableState {
        private final Set<Object> seen = new HashSet<>();
        private List<Object> newlySeen;

        @Override
        public void accept(Object element) {
            if (seen.add(element)) {
                if (newlySeen != null) {
                    newlySeen.add(element);
                }
                out.accept(element);
            }
        }

        @Override
        public boolean keepsStateAcrossTicks() {
            return !inTick;
        }

        @Override
        public void startLogging() {
            newlySeen = new ArrayList<>();
        }

        @Override
        public void writeChanges(StateLog log) {
            for (Object element : newlySeen) {
                log.put(element, Boolean.TRUE);
            }
            newlySeen.clear();
        }

        @Override
        public void restore(Object key, Object value) {
            if (value == null) {
                seen.remove(key);
            } else {
                seen.add(key);
            }
        }

        @Override
        public void endTick() {
            if (inTick) {
                seen.clear();
            }
        }
    }

    /** {@code enumerate}: numbers elements from 0 (per tick inside a tick). */
    public static final class Enumerate extends Operator implements Push, DurableState {
        private long next;
        private long logged;

        @Override
        public void accept(Object element) {
            out.accept(new Indexed<>(next++, element));
        }

        @Override
        public boolean keepsStateAcrossTicks() {
            return !inTick;
        }

        @Override
        public void writeChanges(StateLog log) {
            if (next != logged) {
                logged = next;
                log.put(null, next);
            }
        }

        @Override
        public void restore(Object key, Object value) {
            next = (Long) value;
            logged = next;
        }

        @Override
        public void endTick() {
            if (inTick) {
                next = 0;
            }
        }
    }
}
