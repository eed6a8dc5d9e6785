package dev.hydro.runtime;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The thread that drives one {@link LocationInstance}: it sleeps until work arrives, then runs ticks until
 * there is none. Ticks are lazy: an idle location does not tick. {@link #stop()} lets the running tick finish.
 *
 * <pre>{@code
 * TickLoop loop = new TickLoop(instance, Duration.ofMillis(100), error -> log.error("tick failed", error));
 * loop.start();
 * ...
 * loop.stop();
 * }</pre>
 */
public final class TickLoop implements Runnable {

    private final LocationInstance instance;
    private final long idleParkNanos;
    private final Consumer<Throwable> onFailure;
    private volatile boolean running;
    private volatile Thread thread;
    private volatile Throwable failure;

    /**
     * A loop for {@code instance} that re-checks for work at least every {@code idleWait} and reports a
     * failed tick to {@code onFailure} (after which the loop stops).
     */
    public TickLoop(LocationInstance instance, Duration idleWait, Consumer<Throwable> onFailure) {
        this.instance = instance;
        this.idleParkNanos = idleWait.toNanos();
        this.onFailure = onFailure;
    }

    /** Starts the loop on a new thread named after the instance. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        Thread t = new Thread(this, "hydro-" + instance.id().location() + "-" + instance.id().member());
        t.setDaemon(true);
        thread = t;
        instance.onWork(() -> LockSupport.unpark(t));
        t.start();
    }

    @Override
    public void run() {
        while (running) {
            if (!instance.hasWork()) {
                LockSupport.parkNanos(this, idleParkNanos);
                continue;
            }
            try {
                instance.runTick();
            } catch (Throwable e) {
                failure = e;
                running = false;
                onFailure.accept(e);
            }
        }
    }

    /** Stops the loop after the running tick, waits for the thread, and closes the instance. */
    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        instance.close();
    }

    /** Whether the loop is running. */
    public boolean isRunning() {
        return running;
    }

    /** The error that stopped the loop, if any. */
    public Throwable failure() {
        return failure;
    }

    /** The instance this loop drives. */
    public LocationInstance instance() {
        return instance;
    }
}
