package dev.hydro.runtime;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The thread that drives one {@link LocationInstance}: it sleeps until work arrives, then runs ticks until
 * there is none. Ticks are lazy: an idle location does not tick. Before it sleeps, and when it stops, it commits
 * the instance's open unit of durability ({@link LocationInstance#commitPending()}), so ticks grouped under a
 * commit interval wait for their commit only while more work keeps the loop busy. {@link #stop()} lets the
 * running tick finish and commits it.
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
     * failed tick or commit to {@code onFailure} (after which the loop stops).
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
        try {
            while (running) {
                if (instance.hasWork()) {
                    instance.runTick();
                } else {
                    // nothing more to do: make what the last ticks did durable before sleeping, not after
                    instance.commitPending();
                    LockSupport.parkNanos(this, idleParkNanos);
                }
            }
            instance.commitPending();
        } catch (Throwable e) {
            failure = e;
            running = false;
            onFailure.accept(e);
        }
    }

    /**
     * Stops the loop after the running tick, waits for the thread (which commits what its ticks did), and closes
     * the instance.
     */
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
