package dev.hydro.stream;

/**
 * Marks a top-level collection: it grows over ticks, and operators on it keep their state forever (a fold
 * over it is a running value).
 *
 * <pre>{@code
 * Singleton<Long, Process<Leader>, Unbounded> total = lines.count();
 * }</pre>
 */
public final class Unbounded implements Boundedness {
    private Unbounded() {
    }
}
