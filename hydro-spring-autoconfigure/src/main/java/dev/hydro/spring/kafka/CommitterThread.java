package dev.hydro.spring.kafka;

import dev.hydro.runtime.InstanceId;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The thread on which a location instance's units of ticks become durable while its tick thread goes on
 * ({@link TickTransaction} exactly-once, {@link BackgroundAcknowledgments} at-least-once): one daemon thread named
 * {@code hydro-commit-<location>-<member>}, running one loop at a time, which its owner starts when work arrives
 * and nothing runs.
 *
 * <pre>{@code
 * CommitterThread committer = new CommitterThread(instance);
 * committer.start(this::commitLoop);
 * committer.awaitQuietly(); // before closing the producer
 * committer.shutdown();
 * }</pre>
 */
final class CommitterThread {

    private static final Duration AWAIT_TIMEOUT = Duration.ofSeconds(30);

    private final ExecutorService executor;
    private CompletableFuture<Void> running = CompletableFuture.completedFuture(null);

    CommitterThread(InstanceId instance) {
        this.executor = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "hydro-commit-" + instance.location() + "-" + instance.member());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs {@code loop} on the thread; the owner starts one only when the previous one has ended. */
    synchronized void start(Runnable loop) {
        running = CompletableFuture.runAsync(loop, executor);
    }

    /**
     * Waits up to 30 seconds for the running loop to end. Its failure is not rethrown: the owner keeps and reports
     * it; a loop that hangs is ended by closing what it waits on.
     */
    void awaitQuietly() {
        CompletableFuture<Void> last;
        synchronized (this) {
            last = running;
        }
        try {
            last.get(AWAIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // see the Javadoc: the owner reports failures
        }
    }

    /** Stops the thread. */
    void shutdown() {
        executor.shutdownNow();
    }
}
