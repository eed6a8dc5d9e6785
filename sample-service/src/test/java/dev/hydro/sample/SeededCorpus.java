package dev.hydro.sample;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Reproducible text for the fault tests: lines of made-up words drawn, with a skew like natural text (a few
 * words often, most rarely), from a vocabulary built by a seeded {@link Random}. The same tag, seed and size
 * always give the same lines. Every word starts with the tag, so batches with different tags share no word and
 * each can be checked on its own words of {@code GET /counts}.
 *
 * <pre>{@code
 * List<String> lines = SeededCorpus.lines("wrk", 7, 1200); // e.g. "wrkqa wrkbtoe wrkqa wrkzmx."
 * }</pre>
 */
final class SeededCorpus {

    private static final int VOCABULARY = 150;
    private static final int MIN_WORDS_PER_LINE = 4;
    private static final int MAX_WORDS_PER_LINE = 12;

    private SeededCorpus() {
    }

    /** {@code count} lines whose words all start with {@code tag} (lower-case letters only). */
    static List<String> lines(String tag, long seed, int count) {
        if (!tag.matches("[a-z]+")) {
            throw new IllegalArgumentException("a tag is lower-case letters, so that it stays part of each word: "
                    + tag);
        }
        Random random = new Random(seed * 31 + tag.hashCode());
        List<String> vocabulary = vocabulary(tag, random);
        List<String> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int words = MIN_WORDS_PER_LINE + random.nextInt(MAX_WORDS_PER_LINE - MIN_WORDS_PER_LINE + 1);
            StringBuilder line = new StringBuilder();
            for (int w = 0; w < words; w++) {
                double skewed = Math.pow(random.nextDouble(), 3); // low indexes, the "common words", come up most
                line.append(w == 0 ? "" : " ").append(vocabulary.get((int) (skewed * vocabulary.size())));
            }
            lines.add(line.append('.').toString());
        }
        return lines;
    }

    private static List<String> vocabulary(String tag, Random random) {
        Set<String> words = new LinkedHashSet<>();
        while (words.size() < VOCABULARY) {
            StringBuilder word = new StringBuilder(tag);
            for (int length = 2 + random.nextInt(6); length > 0; length--) {
                word.append((char) ('a' + random.nextInt(26)));
            }
            words.add(word.toString());
        }
        return List.copyOf(words);
    }
}
