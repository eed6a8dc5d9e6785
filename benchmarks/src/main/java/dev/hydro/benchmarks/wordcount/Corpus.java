package dev.hydro.benchmarks.wordcount;

import dev.hydro.benchmarks.BenchmarkData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The input of every system of the end-to-end word count, and the counts it must produce. The text is synthetic
 * and fixed by a seed: {@value #VOCABULARY} distinct lowercase words of 3 to 10 letters, drawn with a Zipf
 * distribution (exponent 1, like word frequencies of natural text: the most frequent word is about 11% of all
 * words), {@value #MIN_WORDS} to {@value #MAX_WORDS} words a line separated by single spaces (about 10 words and
 * 75 characters a line). The reference counts come from {@link Words#split}, single-threaded.
 *
 * <pre>{@code
 * Corpus corpus = Corpus.synthetic(20_000);
 * Map<String, Long> afterThreeBatches = corpus.countsTimes(3);
 * }</pre>
 *
 * @param lines the lines, in the order they are produced
 * @param counts how often each word occurs in {@code lines}
 * @param words how many words {@code lines} has in all
 */
public record Corpus(List<String> lines, Map<String, Long> counts, long words) {

    /** Distinct words. */
    public static final int VOCABULARY = 5_000;
    /** Fewest words on a line. */
    public static final int MIN_WORDS = 5;
    /** Most words on a line. */
    public static final int MAX_WORDS = 15;

    public Corpus {
        lines = List.copyOf(lines);
        counts = Map.copyOf(counts);
    }

    /** {@code size} lines from the fixed seed; the same size always gives the same text. */
    public static Corpus synthetic(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("the corpus needs at least one line");
        }
        Random random = new Random(7);
        String[] dictionary = vocabulary(random);
        double[] cumulative = zipfCumulative(dictionary.length);
        List<String> lines = new ArrayList<>(size);
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < size; i++) {
            line.setLength(0);
            int words = MIN_WORDS + random.nextInt(MAX_WORDS - MIN_WORDS + 1);
            for (int w = 0; w < words; w++) {
                if (w > 0) {
                    line.append(' ');
                }
                line.append(dictionary[rank(cumulative, random.nextDouble())]);
            }
            lines.add(line.toString());
        }
        Map<String, Long> counts = new HashMap<>();
        long total = 0;
        for (String l : lines) {
            for (String word : Words.split(l)) {
                counts.merge(word, 1L, Long::sum);
                total++;
            }
        }
        return new Corpus(Collections.unmodifiableList(lines), counts, total);
    }

    /** The counts after the corpus was counted {@code times} times. */
    public Map<String, Long> countsTimes(long times) {
        Map<String, Long> scaled = new HashMap<>(counts.size() * 2);
        counts.forEach((word, n) -> scaled.put(word, n * times));
        return scaled;
    }

    private static String[] vocabulary(Random random) {
        return BenchmarkData.vocabulary(random, VOCABULARY);
    }

    /** P(rank <= r) for ranks 0..n-1 with weight 1/(r+1). */
    private static double[] zipfCumulative(int n) {
        double[] cumulative = new double[n];
        double sum = 0;
        for (int r = 0; r < n; r++) {
            sum += 1.0 / (r + 1);
            cumulative[r] = sum;
        }
        for (int r = 0; r < n; r++) {
            cumulative[r] /= sum;
        }
        return cumulative;
    }

    private static int rank(double[] cumulative, double u) {
        int index = Arrays.binarySearch(cumulative, u);
        int rank = index >= 0 ? index : -index - 1;
        return Math.min(rank, cumulative.length - 1);
    }
}
