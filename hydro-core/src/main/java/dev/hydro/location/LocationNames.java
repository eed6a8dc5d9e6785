package dev.hydro.location;

import java.util.regex.Pattern;

/** Location names: lower-case words joined by dashes, usable in property keys and Kafka topic names. */
final class LocationNames {

    private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    private LocationNames() {
    }

    static String requireValid(String name) {
        if (name == null || !VALID.matcher(name).matches()) {
            throw new IllegalArgumentException("location name '" + name
                    + "' must be lower-case words joined by dashes, e.g. 'word-counter'");
        }
        return name;
    }

    /** {@code WordCounter} becomes {@code word-counter}. */
    static String fromTag(Class<?> tag) {
        String simple = tag.getSimpleName();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < simple.length(); i++) {
            char c = simple.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                out.append('-');
            }
            out.append(Character.toLowerCase(c));
        }
        return requireValid(out.toString());
    }
}
