package dev.hydro.benchmarks.wordcount;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a line splits into words, for every system of the end-to-end word count and for the reference: a copy of
 * the sample service's {@code dev.hydro.sample.Words.split} (lower-cased runs of letters, an apostrophe inside a
 * word kept), so that Kafka Streams and Spring Cloud Stream do the same per-line work as the hydro workers. The
 * sample's class is not on this module's class path (its jar is a Spring Boot fat jar).
 *
 * <pre>{@code
 * Words.split("It's the Question!") // [it's, the, question]
 * }</pre>
 */
public final class Words {

    private Words() {
    }

    /** The words of a line, in order. */
    public static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        String lower = line.toLowerCase(Locale.ROOT);
        for (int i = 0; i <= lower.length(); i++) {
            char c = i < lower.length() ? lower.charAt(i) : ' ';
            boolean inWord = Character.isLetter(c) || (c == '\'' && word.length() > 0 && i + 1 < lower.length()
                    && Character.isLetter(lower.charAt(i + 1)));
            if (inWord) {
                word.append(c);
            } else if (word.length() > 0) {
                words.add(word.toString());
                word.setLength(0);
            }
        }
        return words;
    }
}
