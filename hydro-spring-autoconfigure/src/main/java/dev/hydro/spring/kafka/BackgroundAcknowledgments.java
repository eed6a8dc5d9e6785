package dev.hydro.spring.kafka;

import dev.hydro.runtime.InstanceId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * At-least-once commits of one location instance, off its tick thread: when a unit of ticks ends, its input
 * acknowledgements go to this instance's committer thread, which waits until everything sent so far (the unit's
 * edge sends and changelog) is on the broker and then runs them, in order. The tick thread goes on meanwhile.
 * Units that end while a wait is in progress are acknowledged together after the next one. A failed wait keeps
 * every later acknowledgement from running and fails the next {@link #commit}, so input is never acknowledged
 * before what it produced is durable.
 *
 * <pre>{@code
 * BackgroundAcknowledgments acks = new BackgroundAcknowledgments(instance, producer::flush, nanos -> { });
 * acks.commit(List.of(() -> consumer.acknowledge(offset)));
 * }</pre>
 */
final class BackgroundAcknowledgments {

    private final InstanceId instance;
    private final Runnable awaitSends;
    private final LongConsumer committedIn;
    private final CommitterThread committer;
    private List<Runnable> pending = new ArrayList<>();
    private boolean inFlight;
    private Throwable failed;

    /**
     * Acknowledgements of {@code instance} that run after {@code awaitSends} (which throws if a send failed);
     * {@code committedIn} gets the nanoseconds from a hand-over until its acknowledgements ran.
     */
    BackgroundAcknowledgments(InstanceId instance, Runnable awaitSends, LongConsumer committedIn) {
        this.instance = instance;
        this.awaitSends = awaitSends;
        this.committedIn = committedIn;
        this.committer = new CommitterThread(instance);
    }

    /**
     * Hands over the acknowledgements of a unit that just ended; they run once everything sent before this call
     * is on the broker. Never waits.
     *
     * @throws IllegalStateException if an earlier unit's sends failed
     */
    synchronized void commit(List<Runnable> acknowledgements) {
        if (failed != null) {
            throw new IllegalStateException("the sends of " + instance + "'s earlier ticks failed, so their input"
                    + " was not acknowledged", failed);
        }
        if (acknowledgements.isEmpty()) {
            return;
        }
        pending.addAll(acknowledgements);
        if (!inFlight) {
            inFlight = true;
            committer.start(this::acknowledgeLoop);
        }
    }

    private void acknowledgeLoop() {
        while (true) {
            List<Runnable> batch;
            synchronized (this) {
                batch = pending;
                pending = new ArrayList<>();
                if (batch.isEmpty()) {
                    inFlight = false;
                    return;
                }
            }
            long start = System.nanoTime();
            try {
                awaitSends.run();
            } catch (RuntimeException | Error e) {
                synchronized (this) {
                    failed = e;
                    pending.clear();
                    inFlight = false;
                }
                throw e;
            }
            batch.forEach(Runnable::run);
            committedIn.accept(System.nanoTime() - start);
        }
    }

    /** Why waiting for the sends failed, or {@code null} while it has not. */
    synchronized String failure() {
        return failed == null ? null : failed.toString();
    }

    /** Waits until every handed-over acknowledgement ran (or its wait failed), then stops the thread. */
    void close() {
        committer.awaitQuietly(); // a failed wait leaves its input unacknowledged: delivered again after a restart
        committer.shutdown();
    }
}
