package dev.hydro.runtime.operator;

import dev.hydro.runtime.Operator;
import dev.hydro.runtime.Push;
import dev.hydro.state.DurableState;
import dev.hydro.state.StateLog;
import dev.hydro.stream.KeyValue;
import dev.hydro.stream.Pair;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Operators with two inputs, and those that must wait for an input to be complete ({@code sort},
 * {@code chain}, anti-join, pairing with a singleton). A waiting operator buffers until its stratum runs,
 * then passes later arrivals straight through.
 *
 * <pre>{@code
 * Operator merged = new Combinators.Interleave();
 * }</pre>
 */
public final class Combinators {

    private Combinators() {
    }

    /** {@code interleave}: both inputs pass through as they arrive. */
    public static final class Interleave extends Operator implements Push {
        @Override
        public void accept(Object element) {
            out.accept(element);
        }

        @Override
        public void acceptLong(long value) {
            out.acceptLong(value);
        }

        @Override
        public boolean passesThrough() {
            return true;
        }
    }

    /** {@code crossProduct}: a symmetric nested-loop join, keeping both sides. */
    public static final class CrossProduct extends Operator implements DurableState {
        private final List<Object> left = new ArrayList<>();
        private final List<Object> right = new ArrayList<>();
        private int leftLogged;
        private int rightLogged;

        @Override
        public Push port(int index) {
            if (index == 0) {
                return element -> {
                    left.add(element);
                    for (Object r : right) {
                        out.accept(new Pair<>(element, r));
                    }
                };
            }
            return element -> {
                right.add(element);
                for (Object l : left) {
                    out.accept(new Pair<>(l, element));
                }
            };
        }

        @Override
        public void endTick() {
            if (inTick) {
                left.clear();
                right.clear();
            }
        }

        @Override
        public boolean keepsStateAcrossTicks() {
            return !inTick;
        }

        /** Both sides only grow: each element is logged once, keyed by its side and position. */
        @Override
        public void writeChanges(StateLog log) {
            for (; leftLogged < left.size(); leftLogged++) {
                log.put(new Pair<>(true, leftLogged), left.get(leftLogged));
            }
            for (; rightLogged < right.size(); rightLogged++) {
                log.put(new Pair<>(false, rightLogged), right.get(rightLogged));
            }
        }

        @Override
        public void restore(Object key, Object value) {
            Pair<?, ?> position = (Pair<?, ?>) key;
            List<Object> side = (Boolean) position.first() ? left : right;
            int index = (Integer) position.second();
            while (side.size() <= index) {
                side.add(null);
            }
            side.set(index, value);
        }

        @Override
        public void restored() {
            leftLogged = left.size();
            rightLogged = right.size();
        }
    }

    /**
     * Keyed {@code join}. At top level it is a symmetric hash join that keeps both sides, emitting each match
     * as soon as its second element arrives. Inside a tick both inputs are bounded batches, so it waits for
     * its stratum: by then every upstream operator of the stratum has pushed, so it builds a hash table of
     * the smaller batch and probes it with the larger one, indexing nothing else. Elements that still arrive
     * afterwards (from a cycle converging inside the stratum) fall back to the symmetric join.
     *
     * <p>An input fed only by {@code intoKeyed} takes that operator's key and value functions and receives the
     * original elements, and a join whose only consumer is {@code values()} emits the bare pairs: neither the
     * input entries nor the output entries are allocated.
     */
    public static final class Join extends Operator implements DurableState {
        private static final Function<Object, Object> ENTRY_KEY = element -> ((KeyValue<?, ?>) element).key();
        private static final Function<Object, Object> ENTRY_VALUE = element -> ((KeyValue<?, ?>) element).value();

        private final HashMap<Object, List<Object>> left = new HashMap<>();
        private final HashMap<Object, List<Object>> right = new HashMap<>();
        private ArrayList<Object> leftBatch = new ArrayList<>();
        private ArrayList<Object> rightBatch = new ArrayList<>();
        private Function<Object, Object> leftKey = ENTRY_KEY;
        private Function<Object, Object> leftValue = ENTRY_VALUE;
        private Function<Object, Object> rightKey = ENTRY_KEY;
        private Function<Object, Object> rightValue = ENTRY_VALUE;
        private boolean emitsValues;
        private boolean released;
        private HashSet<Object> changedLeft;
        private HashSet<Object> changedRight;

        @Override
        public Push port(int index) {
            boolean isLeft = index == 0;
            return element -> {
                if (inTick && !released) {
                    (isLeft ? leftBatch : rightBatch).add(element);
                } else {
                    if (inTick) {
                        indexBatches();
                    }
                    insertAndProbe(isLeft, element);
                }
            };
        }

        /** Takes the key and value functions of an {@code intoKeyed} that feeds only input {@code index}. */
        @Override
        public Push fusedPort(int index, Operator producer) {
            if (!(producer instanceof Transforms.KeyBy keyBy)) {
                return null;
            }
            if (index == 0) {
                leftKey = keyBy.key();
                leftValue = keyBy.value();
            } else {
                rightKey = keyBy.key();
                rightValue = keyBy.value();
            }
            return port(index);
        }

        /** Emits the joined pairs without their keys when {@code values()} is the only consumer. */
        @Override
        public boolean absorbsConsumer(Operator consumer) {
            emitsValues = consumer instanceof Transforms.EntryValue;
            return emitsValues;
        }

        private void insertAndProbe(boolean isLeft, Object element) {
            Object key = (isLeft ? leftKey : rightKey).apply(element);
            Object value = (isLeft ? leftValue : rightValue).apply(element);
            (isLeft ? left : right).computeIfAbsent(key, k -> new ArrayList<>()).add(value);
            if (changedLeft != null) {
                (isLeft ? changedLeft : changedRight).add(key);
            }
            List<Object> matches = (isLeft ? right : left).get(key);
            if (matches != null) {
                for (Object other : matches) {
                    emit(key, isLeft ? value : other, isLeft ? other : value);
                }
            }
        }

        @Override
        public void runStratum() {
            if (!inTick) {
                return;
            }
            released = true;
            if (leftBatch.isEmpty() || rightBatch.isEmpty()) {
                return;
            }
            if (leftBatch.size() <= rightBatch.size()) {
                HashMap<Object, Object> table = buildTable(leftBatch, leftKey, leftValue);
                probe(table, rightBatch, rightKey, rightValue, true);
            } else {
                HashMap<Object, Object> table = buildTable(rightBatch, rightKey, rightValue);
                probe(table, leftBatch, leftKey, leftValue, false);
            }
        }

        private void probe(HashMap<Object, Object> table, ArrayList<Object> batch, Function<Object, Object> keyOf,
                Function<Object, Object> valueOf, boolean builtLeft) {
            for (int i = 0, n = batch.size(); i < n; i++) {
                Object element = batch.get(i);
                Object key = keyOf.apply(element);
                Object found = table.get(key);
                if (found == null) {
                    continue;
                }
                Object probed = valueOf.apply(element);
                if (found instanceof Matches matches) {
                    for (Object built : matches) {
                        emit(key, builtLeft ? built : probed, builtLeft ? probed : built);
                    }
                } else {
                    Object built = found == NULL_VALUE ? null : found;
                    emit(key, builtLeft ? built : probed, builtLeft ? probed : built);
                }
            }
        }

        private void emit(Object key, Object leftMatch, Object rightMatch) {
            Pair<Object, Object> pair = new Pair<>(leftMatch, rightMatch);
            out.accept(emitsValues ? pair : new KeyValue<>(key, pair));
        }

        /** Key to its one value (null as {@link #NULL_VALUE}), or to a {@link Matches} list when it has several. */
        private static HashMap<Object, Object> buildTable(ArrayList<Object> batch, Function<Object, Object> keyOf,
                Function<Object, Object> valueOf) {
            HashMap<Object, Object> table = new HashMap<>((int) (batch.size() / 0.75f) + 1);
            for (int i = 0, n = batch.size(); i < n; i++) {
                Object element = batch.get(i);
                Object key = keyOf.apply(element);
                Object value = valueOf.apply(element);
                Object previous = table.putIfAbsent(key, value == null ? NULL_VALUE : value);
                if (previous instanceof Matches matches) {
                    matches.add(value);
                } else if (previous != null) {
                    Matches matches = new Matches();
                    matches.add(previous == NULL_VALUE ? null : previous);
                    matches.add(value);
                    table.put(key, matches);
                }
            }
            return table;
        }

        /** Stands for a null value in a build table, where null means "no such key". */
        private static final Object NULL_VALUE = new Object();

        /** The values of one key of a build table that has more than one (a type no user value can have). */
        private static final class Matches extends ArrayList<Object> {
        }

        /** Moves this tick's joined batches into the symmetric indexes, once late arrivals start. */
        private void indexBatches() {
            for (Object element : leftBatch) {
                left.computeIfAbsent(leftKey.apply(element), k -> new ArrayList<>()).add(leftValue.apply(element));
            }
            for (Object element : rightBatch) {
                right.computeIfAbsent(rightKey.apply(element), k -> new ArrayList<>()).add(rightValue.apply(element));
            }
            leftBatch.clear();
            rightBatch.clear();
        }

        @Override
        public void endTick() {
            if (inTick) {
                left.clear();
                right.clear();
                // New buffers each tick, sized like the last: a buffer kept across ticks ends up in the old
                // generation, where storing each young element costs the garbage collector's card marking
                // (JFR: a third of the join's time at 100,000 elements a tick).
                leftBatch = new ArrayList<>(leftBatch.size());
                rightBatch = new ArrayList<>(rightBatch.size());
                released = false;
            }
        }

        @Override
        public boolean keepsStateAcrossTicks() {
            return !inTick;
        }

        @Override
        public void startLogging() {
            changedLeft = new HashSet<>();
            changedRight = new HashSet<>();
        }

        /** Logs, per side, the whole list of values of every key the tick added to. */
        @Override
        public void writeChanges(StateLog log) {
            for (Object key : changedLeft) {
                log.put(new Pair<>(true, key), left.get(key));
            }
            for (Object key : changedRight) {
                log.put(new Pair<>(false, key), right.get(key));
            }
            changedLeft.clear();
            changedRight.clear();
        }

        @Override
        @SuppressWarnings("unchecked")
        public void restore(Object key, Object value) {
            Pair<?, ?> sideAndKey = (Pair<?, ?>) key;
            HashMap<Object, List<Object>> side = (Boolean) sideAndKey.first() ? left : right;
            if (value == null) {
                side.remove(sideAndKey.second());
            } else {
                side.put(sideAndKey.second(), (List<Object>) value);
            }
        }
    }

    /** Buffers its input until its stratum runs, then emits; later arrivals pass through. */
    abstract static class Barrier extends Operator {
        protected final List<Object> buffered = new ArrayList<>();
        protected boolean released;

        protected void arrive(Object element) {
            if (released) {
                emit(element);
            } else {
                buffered.add(element);
            }
        }

        protected abstract void emit(Object element);

        @Override
        public void runStratum() {
            released = true;
            for (Object element : buffered) {
                emit(element);
            }
            buffered.clear();
        }

        @Override
        public void endTick() {
            released = false;
        }
    }

    /** {@code sort}: emits this tick's batch in order once it is complete. */
    public static final class Sort extends Barrier implements Push {
        private final Comparator<Object> comparator;

        @SuppressWarnings("unchecked")
        public Sort(Comparator<?> comparator) {
            this.comparator = (Comparator<Object>) comparator;
        }

        @Override
        public void accept(Object element) {
            arrive(element);
        }

        @Override
        public void runStratum() {
            buffered.sort(comparator);
            super.runStratum();
        }

        @Override
        protected void emit(Object element) {
            out.accept(element);
        }
    }

    /** {@code chain}: all of the first input, then all of the second. */
    public static final class Chain extends Barrier {
        private final List<Object> second = new ArrayList<>();

        @Override
        public Push port(int index) {
            if (index == 0) {
                return this::arrive;
            }
            return element -> {
                if (released) {
                    out.accept(element);
                } else {
                    second.add(element);
                }
            };
        }

        @Override
        public void runStratum() {
            super.runStratum();
            for (Object element : second) {
                out.accept(element);
            }
            second.clear();
        }

        @Override
        protected void emit(Object element) {
            out.accept(element);
        }
    }

    /** Keyed {@code antiJoin}: drops entries whose key is in the complete negative set of this tick. */
    public static final class AntiJoin extends Barrier {
        private final Set<Object> negative = new HashSet<>();

        @Override
        public Push port(int index) {
            if (index == 0) {
                return this::arrive;
            }
            return negative::add;
        }

        @Override
        protected void emit(Object element) {
            if (!negative.contains(((KeyValue<?, ?>) element).key())) {
                out.accept(element);
            }
        }

        @Override
        public void endTick() {
            super.endTick();
            negative.clear();
        }
    }

    /** {@code crossSingleton}: pairs each element with the singleton's value in this tick. */
    public static final class CrossSingleton extends Barrier implements Push {
        @Override
        public void accept(Object element) {
            arrive(element);
        }

        @Override
        protected void emit(Object element) {
            Object value = upstream[1].value();
            if (value != null) {
                out.accept(new Pair<>(element, value));
            }
        }
    }
}
