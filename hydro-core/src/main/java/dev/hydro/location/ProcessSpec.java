package dev.hydro.location;

/**
 * A reusable template for processes. Without a name, a process is named after its tag type
 * ({@code WordCounter} becomes {@code word-counter}); that name identifies it in configuration and topics.
 *
 * <pre>{@code
 * Process<Leader> leader = flow.process(ProcessSpec.named("leader"), Leader.class);
 * }</pre>
 *
 * @param name the location name, or {@code null} to derive it from the tag
 */
public record ProcessSpec(String name) {

    /** A spec that names processes after their tag type. */
    public static ProcessSpec fromTag() {
        return new ProcessSpec(null);
    }

    /** A spec with an explicit location name. */
    public static ProcessSpec named(String name) {
        return new ProcessSpec(LocationNames.requireValid(name));
    }
}
