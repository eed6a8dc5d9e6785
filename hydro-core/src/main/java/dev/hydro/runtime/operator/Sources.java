package dev.hydro.runtime.operator;

import dev.hydro.runtime.Operator;
import dev.hydro.runtime.Push;
import dev.hydro.runtime.SourceQueue;
import dev.hydro.state.DurableState;
import dev.hydro.state.StateLog;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Flow;

/**
 * Operators that bring elements into a tick: {@code sourceIter}, queue-fed sources (push handles,
 * publishers, timers, membership) and tick-to-tick carriers ({@code deferTick}, tick cycles, forward refs).
 *
 * <pre>{@code
 * Operator once = new Sources.Iter(List.of(1, 2, 3));
 * }</pre>
 */
public final class Sources {

    private Sources() {
    }

    /** Emits every element of an iterable in the first tick, exactly once. */
    public static final class Iter extends Operator implements DurableState {
        private final Iterable<?> elements;
        private boolean emitted;
        private boolean logged;

        public Iter(Iterable<?> elements) {
            this.elements = elements;
        }

        @Override
        public void runStratum() {
            if (!emitted) {
                emitted = true;
                for (Object element : elements) {
                    out.accept(element);
                }
            }
        }

        @Override
        public boolean hasPendingWork() {
            return !emitted;
        }

        /** Logs that the elements were emitted, so that a restarted instance does not emit them again. */
        @Override
        public void writeChanges(StateLog log) {
            if (emitted && !logged) {
                logged = true;
                log.put(null, Boolean.TRUE);
            }
        }

        @Override
        public void restore(Object key, Object value) {
            emitted = Boolean.TRUE.equals(value);
            logged = emitted;
        }
    }

    /** Emits, each tick, up to the batch limit of the elements that arrived in its queue. */
    public static class Queued extends Operator {
        private static final int WINDOW = 256;
        protected final SourceQueue queue;
        private final int maxBatch;
        private final ArrayDeque<Object> drained = new ArrayDeque<>();
        /** The chunk being emitted, from {@code chunkNext} to its end. */
        private SourceQueue.Chunk chunk;
        /**
         * Where the elements of a chunk are copied, a window at a time, before they are emitted. The copy of a
         * small range into an array that stays in the L1 cache ({@link SourceQueue.Chunk#copyTo}, one
         * {@code System.arraycopy} for most lists) costs far less than it saves: the
         * pipeline then runs in a loop over an array, while {@code List.get} calls through views cost as much
         * as a short chain itself (measured by MapFilterFoldBenchmark).
         */
        private final Object[] window = new Object[WINDOW];
        private int chunkNext;
        private int lastBatchSize;
        private AutoCloseable resource;

        public Queued(SourceQueue queue, int maxBatch) {
            this.queue = queue;
            this.maxBatch = maxBatch;
        }

        /**
         * Emits up to the batch limit of waiting elements. Entries of {@link SourceQueue#putAll}, {@code handOver} and
         * {@code putBatch} are chunks, emitted element by element like {@code sourceIter}; what the limit cuts off is
         * emitted first next tick.
         */
        @Override
        public void runStratum() {
            int emitted = 0;
            int taken = 0;
            while (emitted < maxBatch) {
                if (chunk != null) {
                    int end = Math.min(Math.min(chunk.to(), chunkNext + (maxBatch - emitted)),
                            chunkNext + window.length);
                    int count = end - chunkNext;
                    Object[] elements = chunk.copyTo(chunkNext, count, window);
                    Push downstream = out;
                    for (int i = 0; i < count; i++) {
                        downstream.accept(elements[i]);
                    }
                    emitted += count;
                    chunkNext = end;
                    if (chunkNext == chunk.to()) {
                        chunk = null;
                        Arrays.fill(window, null);
                    }
                    continue;
                }
                Object entry = drained.poll();
                if (entry == null) {
                    int more = queue.drainTo(drained, maxBatch - emitted);
                    if (more == 0) {
                        break;
                    }
                    taken += more;
                    continue;
                }
                Object element = queue.unwrap(entry);
                if (element instanceof SourceQueue.Chunk batch) {
                    chunk = batch;
                    chunkNext = batch.from();
                } else {
                    out.accept(element);
                    emitted += weight(element);
                }
            }
            lastBatchSize = emitted;
            afterDrain(taken);
        }

        /** Ties a resource (a timer, a membership watch) to this source; it is closed with the source. */
        public Queued closing(AutoCloseable feed) {
            this.resource = feed;
            return this;
        }

        @Override
        public void close() {
            if (resource != null) {
                try {
                    resource.close();
                } catch (Exception e) {
                    throw new IllegalStateException("could not close the feed of a source", e);
                }
            }
        }

        /** How many elements one queue entry holds, counted against the batch limit (a network frame: many). */
        protected int weight(Object entry) {
            return 1;
        }

        /** Called after each tick's drain with the number of queue entries taken. */
        protected void afterDrain(int taken) {
        }

        /** How many elements this source contributed to the last tick. */
        public int lastBatchSize() {
            return lastBatchSize;
        }

        /** How many elements are still waiting. */
        public int queueDepth() {
            return queue.size() + drained.size();
        }

        @Override
        public boolean hasPendingWork() {
            return !queue.isEmpty() || !drained.isEmpty() || chunk != null;
        }
    }

    /**
     * A queue-fed source subscribed to a {@link Flow.Publisher}: it requests only as many elements as its
     * queue has room for, so a fast publisher is held back instead of buffered without bound.
     */
    public static final class Subscribed extends Queued implements Flow.Subscriber<Object> {
        private volatile Flow.Subscription subscription;
        private final int capacity;

        public Subscribed(SourceQueue queue, int maxBatch, Flow.Publisher<?> publisher) {
            super(queue, maxBatch);
            this.capacity = queue.remainingCapacity();
            publisher.subscribe(this);
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            this.subscription = s;
            s.request(capacity);
        }

        @Override
        public void onNext(Object item) {
            if (!queue.offer(item)) {
                throw new IllegalStateException("publisher sent more elements than requested");
            }
        }

        @Override
        public void onError(Throwable error) {
            throw new IllegalStateException("source publisher failed", error);
        }

        @Override
        public void onComplete() {
        }

        @Override
        protected void afterDrain(int taken) {
            if (taken > 0 && subscription != null) {
                subscription.request(taken);
            }
        }

        @Override
        public void close() {
            if (subscription != null) {
                subscription.cancel();
            }
            super.close();
        }
    }

    /**
     * Carries elements to the next tick: what arrives on its port in tick {@code t} is emitted at the start
     * of tick {@code t+1}. Backs {@code deferTick()} and tick cycles.
     */
    public static final class NextTick extends Operator implements DurableState {
        private List<Object> next = new ArrayList<>();
        private List<Object> current = new ArrayList<>();
        private boolean loggedEmpty = true;

        @Override
        public dev.hydro.runtime.Push port(int index) {
            // read the field on every element: endTick swaps the lists, and a bound next::add would keep
            // filling the list that is emitted next tick (or iterated right now, in a cycle)
            return element -> next.add(element);
        }

        @Override
        public void runStratum() {
            for (Object element : current) {
                out.accept(element);
            }
            current.clear();
        }

        @Override
        public void endTick() {
            List<Object> carried = next;
            next = current;
            current = carried;
        }

        @Override
        public boolean hasPendingWork() {
            return !current.isEmpty();
        }

        /** Logs what the next tick will emit (once more when it becomes empty). */
        @Override
        public void writeChanges(StateLog log) {
            if (!current.isEmpty() || !loggedEmpty) {
                loggedEmpty = current.isEmpty();
                log.put(null, loggedEmpty ? null : new ArrayList<>(current));
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public void restore(Object key, Object value) {
            current.clear();
            if (value != null) {
                current.addAll((List<Object>) value);
            }
            loggedEmpty = current.isEmpty();
        }
    }

    /**
     * The source of a forward reference: elements fed back through its port are emitted again in the same
     * tick until the cycle stops producing new ones.
     */
    public static final class FixpointRef extends Operator {
        private List<Object> pending = new ArrayList<>();
        private List<Object> draining = new ArrayList<>();

        @Override
        public dev.hydro.runtime.Push port(int index) {
            // read the field on every element: drainCycle swaps the lists while it iterates one of them
            return element -> pending.add(element);
        }

        @Override
        public void runStratum() {
            drainCycle();
        }

        @Override
        public boolean drainCycle() {
            if (pending.isEmpty()) {
                return false;
            }
            List<Object> batch = pending;
            pending = draining;
            draining = batch;
            for (Object element : batch) {
                out.accept(element);
            }
            batch.clear();
            return true;
        }
    }
}
