package dev.hydro.sample;

/**
 * A word and how often it was seen: what a worker sends the leader for one tick, and what the API returns.
 *
 * <pre>{@code
 * new WordCount("hydro", 3)
 * }</pre>
 *
 * @param word the word
 * @param count how often
 */
public record WordCount(String word, long count) {
}
