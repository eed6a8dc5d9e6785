package dev.hydro.sample;

import java.util.Map;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.springframework.stereotype.Component;

/**
 * The leader's counts as of its latest tick, for the HTTP API. The flow writes it on the leader's tick
 * thread; requests read it concurrently.
 *
 * <pre>{@code
 * long n = view.count("hydro");
 * }</pre>
 */
@Component
public class WordCountView {

    private final Map<String, Long> counts = new ConcurrentHashMap<>();
    private final AtomicLong words = new AtomicLong();
    private volatile TopWords trending = TopWords.empty();

    void put(String word, long count) {
        Long previous = counts.put(word, count);
        words.addAndGet(count - (previous == null ? 0 : previous));
    }

    void trending(TopWords top) {
        this.trending = top;
    }

    /** How often a word was seen so far (0 if never). */
    public long count(String word) {
        return counts.getOrDefault(word, 0L);
    }

    /** How many words were counted so far, all words together: the sum of every count. */
    public long words() {
        return words.get();
    }

    /**
     * Waits until at least {@code atLeast} words were counted, or until {@code timeout} passes; returns how many
     * were counted by then. It checks every millisecond, on the caller's thread: the tick loop is not involved.
     */
    public long awaitWords(long atLeast, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long counted;
        while ((counted = words.get()) < atLeast && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000);
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
        }
        return counted;
    }

    /** How many distinct words were counted so far. */
    public int distinctWords() {
        return counts.size();
    }

    /** Every word with its count. */
    public Map<String, Long> all() {
        return Map.copyOf(counts);
    }

    /** The current top words. */
    public TopWords trending() {
        return trending;
    }
}
