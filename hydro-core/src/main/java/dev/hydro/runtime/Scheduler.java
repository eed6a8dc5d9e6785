package dev.hydro.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Runs periodic tasks for timer sources ({@code sourceInterval}, {@code sampleEvery}). The threaded
 * deployment uses a real clock; the stepped one a manual clock that tests advance.
 *
 * <pre>{@code
 * AutoCloseable timer = scheduler.every(Duration.ofSeconds(1), now -> queue.offer(now));
 * }</pre>
 */
public interface Scheduler {

    /** Calls {@code task} with the current time every {@code period}, first after one period. */
    AutoCloseable every(Duration period, Consumer<Instant> task);
}
