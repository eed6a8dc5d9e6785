package dev.hydro.deploy;

import dev.hydro.runtime.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A scheduler on the wall clock, with one daemon thread. Timer tasks only enqueue; the tick loops do the work.
 *
 * <pre>{@code
 * Scheduler scheduler = new ClockScheduler();
 * scheduler.every(Duration.ofSeconds(1), now -> queue.offer(now));
 * }</pre>
 */
public final class ClockScheduler implements Scheduler, AutoCloseable {

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hydro-timers");
        t.setDaemon(true);
        return t;
    });

    @Override
    public AutoCloseable every(Duration period, Consumer<Instant> task) {
        long nanos = period.toNanos();
        ScheduledFuture<?> future = executor.scheduleAtFixedRate(() -> task.accept(Instant.now()), nanos, nanos,
                TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
