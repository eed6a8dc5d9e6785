package dev.hydro.runtime;

import java.util.AbstractList;
import java.util.Collection;
import java.util.List;
import java.util.RandomAccess;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The queue between an asynchronous source (a publisher, a push handle, a network edge, a timer) and the
 * tick loop of one location instance. A bounded queue pushes back: {@link #put} blocks while it is full.
 * Every arrival wakes the tick loop.
 *
 * <pre>{@code
 * SourceQueue queue = context.newSourceQueue();
 * queue.put("a line"); // enters the instance's next tick
 * }</pre>
 */
public final class SourceQueue {

    private final BlockingQueue<Object> queue;
    private final Runnable wakeup;
    private final Consumer<Runnable> afterTick;
    private final int capacity;
    /** Elements inside the {@link Weighted} entries waiting, and how many such entries there are. */
    private final AtomicInteger weightWaiting = new AtomicInteger();
    private final AtomicInteger weightedEntries = new AtomicInteger();
    private final Object room = new Object();

    /**
     * A queue holding at most {@code capacity} elements, or unbounded if {@code capacity} is 0, that calls
     * {@code wakeup} on every arrival and hands acknowledgements to {@code afterTick}.
     */
    public SourceQueue(int capacity, Runnable wakeup, Consumer<Runnable> afterTick) {
        this.queue = capacity > 0 ? new ArrayBlockingQueue<>(capacity) : new LinkedBlockingQueue<>();
        this.capacity = capacity;
        this.wakeup = wakeup;
        this.afterTick = afterTick;
    }

    /** Adds an element, waiting while the queue is full. */
    public void put(Object element) throws InterruptedException {
        queue.put(element);
        wakeup.run();
    }

    /**
     * Adds many elements at once, as chunks of at most {@code chunkSize}: one queue entry, one lock and one
     * wake-up per chunk instead of per element. The elements are copied first, so the caller may reuse the
     * collection. A bounded queue counts a chunk as one entry, so at most capacity x chunkSize elements wait.
     */
    public void putAll(Collection<?> elements, int chunkSize) throws InterruptedException {
        putChunks(new Copy(elements.toArray()), chunkSize);
    }

    /**
     * Like {@link #putAll}, but takes ownership of {@code elements} instead of copying them: the tick loop reads
     * the list itself, later, on its own thread, so the caller must never modify it again (an immutable list, or
     * one built for this call). This saves a copy per element, which is most of what ingestion costs a short
     * chain. A list without fast random access ({@link RandomAccess}) is copied all the same.
     */
    public void handOver(List<?> elements, int chunkSize) throws InterruptedException {
        putChunks(randomAccess(elements), chunkSize);
    }

    private void putChunks(List<?> elements, int chunkSize) throws InterruptedException {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size must be positive");
        }
        int size = elements.size();
        for (int from = 0; from < size; from += chunkSize) {
            put(new Chunk(elements, from, Math.min(size, from + chunkSize)));
        }
    }

    private static List<?> randomAccess(List<?> elements) {
        return elements instanceof RandomAccess ? elements : new Copy(elements.toArray());
    }

    /**
     * Adds an element whose source wants to know when it has been processed: {@code acknowledge} runs after
     * the tick that consumed it has finished, when its unit of durability commits (at-least-once inputs commit
     * there; see {@link InstanceContext#afterTick}).
     */
    public void putAcknowledged(Object element, Runnable acknowledge) throws InterruptedException {
        put(new Acknowledged(element, acknowledge));
    }

    /**
     * Adds a batch a source received as one (a poll of a batch-mode binding) as one entry weighing its size, and
     * then, if {@code acknowledge} is not null, its acknowledgement: that runs after the tick that emitted the
     * batch's last element, even when the batch limit splits the batch across ticks. Like {@link #handOver}, the
     * queue takes ownership of {@code elements}: the caller must never modify the list again.
     */
    public void putBatch(List<?> elements, Runnable acknowledge) throws InterruptedException {
        if (!elements.isEmpty()) {
            putWeighted(new Chunk(randomAccess(elements), 0, elements.size()), elements.size());
        }
        if (acknowledge != null) {
            acknowledgeInOrder(acknowledge);
        }
    }

    /**
     * Queues an acknowledgement without an element: {@code acknowledge} runs after the tick that reaches this
     * point of the queue, so it is never acknowledged ahead of elements that arrived before it (a dead-lettered
     * input record, say).
     */
    public void acknowledgeInOrder(Runnable acknowledge) throws InterruptedException {
        putAcknowledged(new Chunk(List.of(), 0, 0), acknowledge);
    }

    /**
     * Adds one entry that stands for {@code weight} elements (a network frame holding a sender's tick), waiting
     * while a bounded queue's elements would exceed its capacity; an entry heavier than the whole capacity
     * still enters an empty queue, so at most capacity plus one entry's elements wait.
     */
    public void putWeighted(Object entry, int weight) throws InterruptedException {
        if (weight < 1) {
            throw new IllegalArgumentException("weight must be positive");
        }
        if (capacity > 0) {
            synchronized (room) {
                while (weightWaiting.get() > 0 && weightWaiting.get() + weight > capacity) {
                    room.wait();
                }
            }
        }
        weightWaiting.addAndGet(weight);
        weightedEntries.incrementAndGet();
        put(new Weighted(entry, weight));
    }

    /** Unwraps an element taken from the queue, registering its acknowledgement with the current tick. */
    public Object unwrap(Object taken) {
        if (taken instanceof Weighted weighted) {
            weightedEntries.decrementAndGet();
            weightWaiting.addAndGet(-weighted.weight());
            if (capacity > 0) {
                synchronized (room) {
                    room.notifyAll();
                }
            }
            return weighted.entry();
        }
        if (taken instanceof Acknowledged acknowledged) {
            afterTick.accept(acknowledged.acknowledge());
            return acknowledged.element();
        }
        return taken;
    }

    private record Acknowledged(Object element, Runnable acknowledge) {
    }

    private record Weighted(Object entry, int weight) {
    }

    /**
     * Elements enqueued together by {@link #putAll}, {@link #handOver} or {@link #putBatch}; sources emit them one
     * by one.
     *
     * @param elements a random-access list holding the elements (shared by the chunks of one call, never modified)
     * @param from the index of the first element
     * @param to the index after the last element
     */
    public record Chunk(List<?> elements, int from, int to) {

        /**
         * Copies the {@code count} elements from index {@code start} into {@code window} (at least {@code count}
         * long) and returns it: one {@code System.arraycopy} for a {@link #putAll} copy, and for an
         * {@code ArrayList} or a view of one.
         */
        public Object[] copyTo(int start, int count, Object[] window) {
            if (elements instanceof Copy copy) {
                System.arraycopy(copy.array, start, window, 0, count);
                return window;
            }
            return elements.subList(start, start + count).toArray(window);
        }
    }

    /** The array {@link #putAll} (or {@link #handOver} of a list without random access) copied the elements into. */
    private static final class Copy extends AbstractList<Object> implements RandomAccess {
        private final Object[] array;

        Copy(Object[] array) {
            this.array = array;
        }

        @Override
        public Object get(int index) {
            return array[index];
        }

        @Override
        public int size() {
            return array.length;
        }
    }

    /** Adds an element if there is room; returns false if the queue is full. */
    public boolean offer(Object element) {
        boolean added = queue.offer(element);
        if (added) {
            wakeup.run();
        }
        return added;
    }

    /** Moves up to {@code max} elements into {@code target}; returns how many. */
    public int drainTo(Collection<Object> target, int max) {
        return queue.drainTo(target, max);
    }

    /** Whether nothing is waiting. */
    public boolean isEmpty() {
        return queue.isEmpty();
    }

    /** How many elements are waiting (a weighted entry counts its weight). */
    public int size() {
        return queue.size() - weightedEntries.get() + weightWaiting.get();
    }

    /** How many more elements fit before {@link #put} blocks (or {@link #putWeighted} waits). */
    public int remainingCapacity() {
        int entries = queue.remainingCapacity();
        return capacity > 0 ? Math.max(0, Math.min(entries, capacity - size())) : entries;
    }
}
