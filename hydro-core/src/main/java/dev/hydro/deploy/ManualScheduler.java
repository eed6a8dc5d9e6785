package dev.hydro.deploy;

import dev.hydro.runtime.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A scheduler whose clock only moves when a test calls {@link #advance}, so timer-driven flows run
 * deterministically in a stepped deployment.
 *
 * <pre>{@code
 * deployment.advanceTime(Duration.ofSeconds(3)); // fires a 1-second interval three times
 * }</pre>
 */
final class ManualScheduler implements Scheduler {

    private final List<Timer> timers = new ArrayList<>();
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public synchronized AutoCloseable every(Duration period, Consumer<Instant> task) {
        Timer timer = new Timer(period, task, now.plus(period));
        timers.add(timer);
        return () -> {
            synchronized (ManualScheduler.this) {
                timers.remove(timer);
            }
        };
    }

    synchronized void advance(Duration duration) {
        Instant target = now.plus(duration);
        while (true) {
            Timer due = null;
            for (Timer timer : timers) {
                if (!timer.next.isAfter(target) && (due == null || timer.next.isBefore(due.next))) {
                    due = timer;
                }
            }
            if (due == null) {
                break;
            }
            now = due.next;
            due.next = due.next.plus(due.period);
            due.task.accept(now);
        }
        now = target;
    }

    private static final class Timer {
        final Duration period;
        final Consumer<Instant> task;
        Instant next;

        Timer(Duration period, Consumer<Instant> task, Instant next) {
            this.period = period;
            this.task = task;
            this.next = next;
        }
    }
}
