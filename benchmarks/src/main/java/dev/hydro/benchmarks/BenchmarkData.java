package dev.hydro.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** The input every benchmark of this module runs on, so that their scores compare. */
public final class BenchmarkData {

    private BenchmarkData() {
    }

    /**
     * {@code size} boxed integers from a fixed seed: distinct {@code Integer} objects (almost all outside the
     * {@code Integer} cache), about half of them even once tripled so the filter branch cannot be predicted,
     * and small enough that {@code x * 3} never overflows.
     */
    static List<Integer> integers(int size) {
        Random random = new Random(42);
        List<Integer> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add(random.nextInt(1 << 20));
        }
        return Collections.unmodifiableList(values);
    }

    /**
     * {@code size} distinct lowercase words of 3 to 10 letters, in the order {@code random} first produced them;
     * every harness builds its vocabulary this way, so the same seed gives the same words everywhere.
     */
    public static String[] vocabulary(Random random, int size) {
        java.util.Set<String> distinct = new java.util.LinkedHashSet<>();
        while (distinct.size() < size) {
            int length = 3 + random.nextInt(8);
            StringBuilder word = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                word.append((char) ('a' + random.nextInt(26)));
            }
            distinct.add(word.toString());
        }
        return distinct.toArray(new String[0]);
    }

    /**
     * {@code size} words drawn uniformly, from a fixed seed, from {@code vocabulary} distinct lowercase words
     * of 3 to 10 letters. Every element is its own {@code String} object, as if decoded from input.
     */
    static List<String> words(int size, int vocabulary) {
        Random random = new Random(7);
        String[] dictionary = vocabulary(random, vocabulary);
        List<String> words = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            words.add(new String(dictionary[random.nextInt(vocabulary)]));
        }
        return Collections.unmodifiableList(words);
    }

    /** A 64-bit finalizer (MurmurHash3's fmix64): spreads a hash so checksums of different data differ. */
    static long mix(long value) {
        long h = value;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
