package dev.hydro.spring.kafka;

import dev.hydro.runtime.InstanceId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The Kafka transactions of one exactly-once location instance, committed off its tick thread. When a unit of
 * ticks ends, {@link #commit} hands its consumed offsets and the commit to this instance's committer thread and
 * returns at once: the tick thread goes on with the next ticks while the broker commits. What those ticks send
 * waits in memory while a commit is in flight. A unit that ends while the previous one is still committing does
 * not wait either: it joins the next transaction, which the committer thread begins as soon as the one in flight
 * is done, with every unit that ended meanwhile (group commit). When no commit is in flight, the first send
 * begins the next transaction on the tick thread and records go to the broker as they are sent.
 *
 * <p>The guarantee is the synchronous one's: every unit's records, state and offsets become visible together or
 * not at all, transactions commit in the order of their units, and a transaction never holds part of a unit. A
 * commit that fails fails the next {@link #send} or {@link #commit} (and {@link #failure()} reports it), and no
 * later unit is committed after it, so nothing of a later unit can become visible after an earlier one was lost.
 *
 * <pre>{@code
 * TickTransaction tx = new TickTransaction(instance, producer, nanos -> timer.record(nanos, NANOSECONDS));
 * tx.send(new ProducerRecord<>("squares", bytes), null);
 * tx.commit(Map.of("group", Map.of(partition, new OffsetAndMetadata(42))));
 * }</pre>
 */
final class TickTransaction {

    private final InstanceId instance;
    private final Producer<byte[], byte[]> producer;
    private final LongConsumer committedIn;
    private final CommitterThread committer;
    /** Records sent while a commit is in flight, not yet part of an ended unit. */
    private List<Send> waiting = new ArrayList<>();
    /** Units that ended while a commit was in flight: the committer thread's next transaction. */
    private Batch next;
    private boolean inFlight;
    /** A transaction begun on the tick thread (no commit was in flight) holds the current unit's records. */
    private boolean open;
    private Throwable failed;
    private long heldBack;

    /** A record and its callback. */
    private record Send(ProducerRecord<byte[], byte[]> record, Callback callback) {
    }

    /** What one transaction of the committer thread commits: the records and offsets of one or more units. */
    private static final class Batch {
        private final boolean begun;
        private final List<Send> records;
        private final Map<String, Map<TopicPartition, OffsetAndMetadata>> offsets = new HashMap<>();

        Batch(boolean begun, List<Send> records) {
            this.begun = begun;
            this.records = records;
        }

        /** Adds a later unit's offsets: units end in order, so a later offset of a partition is never lower. */
        void addOffsets(Map<String, Map<TopicPartition, OffsetAndMetadata>> more) {
            more.forEach((group, partitions) ->
                    offsets.computeIfAbsent(group, g -> new HashMap<>()).putAll(partitions));
        }
    }

    /**
     * A transaction pipeline around an initialised transactional {@code producer}; {@code committedIn} gets the
     * nanoseconds each transaction took, from handing it to the committer thread until the broker confirmed it.
     */
    TickTransaction(InstanceId instance, Producer<byte[], byte[]> producer, LongConsumer committedIn) {
        this.instance = instance;
        this.producer = producer;
        this.committedIn = committedIn;
        this.committer = new CommitterThread(instance);
    }

    /** Sends a record in the current unit's transaction, or keeps it while a commit is in flight. */
    synchronized void send(ProducerRecord<byte[], byte[]> record, Callback callback) {
        throwIfFailed();
        if (inFlight) {
            waiting.add(new Send(record, callback));
            heldBack++;
            return;
        }
        beginOnTickThread();
        producer.send(record, callback);
    }

    /**
     * No commit is in flight: begins the current unit's transaction, if it has not begun, with the records that
     * waited while the last commit was in flight.
     */
    private void beginOnTickThread() {
        if (!open) {
            producer.beginTransaction();
            open = true;
        }
        for (Send send : waiting) {
            producer.send(send.record(), send.callback());
        }
        waiting.clear();
    }

    /**
     * Ends the unit: a transaction commits the records it sent and {@code offsets} (by consumer group) on the
     * committer thread, this one if no commit is in flight, else the next one, together with any other unit
     * that ends before it begins. Never waits.
     *
     * @throws IllegalStateException if an earlier commit failed
     */
    synchronized void commit(Map<String, Map<TopicPartition, OffsetAndMetadata>> offsets) {
        throwIfFailed();
        if (inFlight) {
            if (waiting.isEmpty() && offsets.isEmpty()) {
                return; // the unit sent nothing and consumed nothing
            }
            if (next == null) {
                next = new Batch(false, new ArrayList<>());
            }
            next.records.addAll(waiting);
            next.addOffsets(offsets);
            waiting = new ArrayList<>();
            return;
        }
        if (!open && waiting.isEmpty() && offsets.isEmpty()) {
            return; // the unit sent nothing and consumed nothing: no transaction to commit
        }
        beginOnTickThread();
        Batch batch = new Batch(true, List.of());
        batch.addOffsets(offsets);
        open = false;
        inFlight = true;
        committer.start(() -> commitLoop(batch));
    }

    /** The committer thread: commits {@code batch}, then every batch of units that ended meanwhile. */
    private void commitLoop(Batch batch) {
        Batch current = batch;
        while (current != null) {
            long start = System.nanoTime();
            try {
                if (!current.begun) {
                    producer.beginTransaction();
                    for (Send send : current.records) {
                        producer.send(send.record(), send.callback());
                    }
                }
                current.offsets.forEach((group, partitions) ->
                        producer.sendOffsetsToTransaction(partitions, new ConsumerGroupMetadata(group)));
                producer.commitTransaction();
            } catch (RuntimeException | Error e) {
                synchronized (this) {
                    failed = e;
                    next = null;
                    waiting.clear();
                    inFlight = false;
                }
                throw e;
            }
            committedIn.accept(System.nanoTime() - start);
            synchronized (this) {
                current = next;
                next = null;
                if (current == null) {
                    inFlight = false; // the tick thread sends directly again, beginning the next transaction
                }
            }
        }
    }

    /** How many records were sent while a commit was in flight, so waited for it. */
    synchronized long heldBack() {
        return heldBack;
    }

    /** Why a commit failed, or {@code null} while none has. */
    synchronized String failure() {
        return failed == null ? null : failed.toString();
    }

    /**
     * A tick or commit failed: lets the units that already ended finish committing (they are independent of the
     * failure), aborts the current unit's transaction and drops what it sent, then closes the producer. Nothing
     * of the failed unit is visible.
     */
    void abort() {
        committer.awaitQuietly();
        synchronized (this) {
            waiting.clear();
            try {
                if (open && failed == null) {
                    producer.abortTransaction();
                }
            } finally {
                open = false;
                shutdown();
            }
        }
    }

    /** Waits until every ended unit is committed, then closes the producer. */
    void close() {
        committer.awaitQuietly();
        synchronized (this) {
            shutdown();
        }
    }

    private void shutdown() {
        committer.shutdown();
        producer.close(Duration.ofSeconds(5));
    }

    private void throwIfFailed() {
        if (failed != null) {
            throw new IllegalStateException("the transaction of " + instance + "'s last units of ticks failed to"
                    + " commit", failed);
        }
    }
}
