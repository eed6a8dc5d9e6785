package dev.hydro.sample;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The most frequent words, most frequent first (ties by word). Adding a word is commutative and
 * associative, so it can fold an unordered stream of counts.
 *
 * <pre>{@code
 * TopWords top = TopWords.empty().with(new WordCount("to", 4)).with(new WordCount("be", 2));
 * }</pre>
 *
 * @param words at most {@link #SIZE} entries, in rank order
 */
public record TopWords(List<WordCount> words) {

    /** How many words trend. */
    public static final int SIZE = 10;

    private static final Comparator<WordCount> RANK = Comparator.comparingLong(WordCount::count).reversed()
            .thenComparing(WordCount::word);

    public TopWords {
        words = List.copyOf(words);
    }

    /** No words yet. */
    public static TopWords empty() {
        return new TopWords(List.of());
    }

    /** These top words with one more candidate. */
    public TopWords with(WordCount candidate) {
        List<WordCount> ranked = new ArrayList<>(words);
        ranked.add(candidate);
        ranked.sort(RANK);
        return new TopWords(ranked.size() > SIZE ? ranked.subList(0, SIZE) : ranked);
    }
}
