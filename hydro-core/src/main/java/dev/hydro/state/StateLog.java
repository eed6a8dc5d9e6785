package dev.hydro.state;

/**
 * Where an operator writes the changes of its {@link DurableState} at the end of a tick.
 *
 * <pre>{@code
 * log.put("hydro", 3L);   // the key "hydro" now holds 3
 * log.put("flow", null);  // the key "flow" is gone
 * }</pre>
 */
@FunctionalInterface
public interface StateLog {

    /** Records that {@code key} holds {@code value} ({@code null}: the key was removed). */
    void put(Object key, Object value);
}
