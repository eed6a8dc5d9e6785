package dev.hydro.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a line splits into words: lower-cased runs of letters (an apostrophe inside a word is kept).
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
