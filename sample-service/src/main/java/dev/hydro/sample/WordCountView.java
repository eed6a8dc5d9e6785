package dev.hydro.sample;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
    private volatile TopWords trending = TopWords.empty();

    void put(String word, long count) {
        counts.put(word, count);
    }

    void trending(TopWords top) {
        this.trending = top;
    }

    /** How often a word was seen so far (0 if never). */
    public long count(String word) {
        return counts.getOrDefault(word, 0L);
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
