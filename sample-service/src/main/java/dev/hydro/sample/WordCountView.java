package dev.hydro.sample;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
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
