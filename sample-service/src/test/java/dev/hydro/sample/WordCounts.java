package dev.hydro.sample;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Word counts as {@code GET /counts} reports them: the single-threaded reference the end-to-end tests compute
 * with the service's own tokenizer, and the comparisons they make, each failing with the words that differ.
 *
 * <pre>{@code
 * Map<String, Long> reference = WordCounts.of(lines);
 * WordCounts.assertAtLeast(reference, deployment.counts()); // nothing missing
 * }</pre>
 */
final class WordCounts {

    private static final int SHOWN = 10;

    private WordCounts() {
    }

    /** What the service must report for these lines, counted single-threaded with {@link Words#split}. */
    static Map<String, Long> of(List<String> lines) {
        Map<String, Long> counts = new HashMap<>();
        for (String line : lines) {
            for (String word : Words.split(line)) {
                counts.merge(word, 1L, Long::sum);
            }
        }
        return counts;
    }

    /** The number of words counted. */
    static long total(Map<String, Long> counts) {
        return total(counts, word -> true);
    }

    /** The number of words counted, of the words in scope. */
    static long total(Map<String, Long> counts, Predicate<String> scope) {
        return counts.entrySet().stream().filter(e -> scope.test(e.getKey())).mapToLong(Map.Entry::getValue).sum();
    }

    /** Fails unless, over the words in scope, {@code actual} equals {@code expected}. */
    static void assertEqual(Map<String, Long> expected, Map<String, Long> actual, Predicate<String> scope) {
        Map<String, String> diff = compare(expected, actual, scope, (want, got) -> got != want);
        if (!diff.isEmpty()) {
            throw new AssertionError("GET /counts differs from the reference (" + total(actual, scope) + " of "
                    + total(expected, scope) + " words): " + describe(diff));
        }
    }

    /** Fails if a word of {@code expected} is counted fewer times than there: something is missing. */
    static void assertAtLeast(Map<String, Long> expected, Map<String, Long> actual) {
        Map<String, String> missing = compare(expected, actual, expected::containsKey, (want, got) -> got < want);
        if (!missing.isEmpty()) {
            throw new AssertionError("GET /counts misses words (" + total(actual, expected::containsKey) + " of "
                    + total(expected) + " words counted): " + describe(missing));
        }
    }

    /** Fails if a word in scope is counted more times than in {@code expected}: something counted twice. */
    static void assertAtMost(Map<String, Long> expected, Map<String, Long> actual, Predicate<String> scope) {
        Map<String, String> surplus = compare(expected, actual, scope, (want, got) -> got > want);
        if (!surplus.isEmpty()) {
            throw new AssertionError("GET /counts counts words more often than the reference ("
                    + total(actual, scope) + " words, reference " + total(expected, scope) + "): "
                    + describe(surplus));
        }
    }

    /** The words in scope whose counts the predicate flags, as word=actual/expected, sorted. */
    private static Map<String, String> compare(Map<String, Long> expected, Map<String, Long> actual,
            Predicate<String> scope, CountPredicate flagged) {
        Map<String, String> result = new TreeMap<>();
        Stream.concat(expected.keySet().stream(), actual.keySet().stream()).filter(scope).distinct()
                .forEach(word -> {
                    long want = expected.getOrDefault(word, 0L);
                    long got = actual.getOrDefault(word, 0L);
                    if (flagged.test(want, got)) {
                        result.put(word, got + "/" + want);
                    }
                });
        return result;
    }

    private static String describe(Map<String, String> words) {
        Map<String, String> shown = words.entrySet().stream().limit(SHOWN)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
        return words.size() + " words (actual/expected), e.g. " + shown;
    }

    @FunctionalInterface
    private interface CountPredicate {
        boolean test(long expected, long actual);
    }
}
