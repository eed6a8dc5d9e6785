package dev.hydro.benchmarks.wordcount;

import java.util.Arrays;

/**
 * The processing guarantee a system of the end-to-end word count is started with.
 *
 * <pre>{@code
 * Guarantee.parse("eos") // EXACTLY_ONCE
 * }</pre>
 */
public enum Guarantee {

    /** At least once: offsets are committed after the results were sent; a crash may count a line twice. */
    AT_LEAST_ONCE("alo", "at-least-once"),
    /** Exactly once: outputs and consumed offsets commit together in a Kafka transaction. */
    EXACTLY_ONCE("eos", "exactly-once");

    private final String option;
    private final String label;

    Guarantee(String option, String label) {
        this.option = option;
        this.label = label;
    }

    /** The name on the command line and in the CSV: {@code alo} or {@code eos}. */
    public String option() {
        return option;
    }

    /** The name in the report: {@code at-least-once} or {@code exactly-once}. */
    public String label() {
        return label;
    }

    /** The guarantee named {@code alo} or {@code eos}. */
    public static Guarantee parse(String option) {
        return Arrays.stream(values()).filter(g -> g.option.equals(option)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown guarantee " + option + "; alo or eos"));
    }
}
