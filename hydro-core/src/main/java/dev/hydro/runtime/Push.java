package dev.hydro.runtime;

/**
 * Where an operator pushes the elements it emits: the next operator's input port, or a fan-out to several.
 * Pipelines of stateless operators are chains of plain method calls through this interface, so they
 * allocate nothing per element beyond the user's own values.
 *
 * <pre>{@code
 * Push printer = element -> System.out.println(element);
 * printer.accept("hello");
 * }</pre>
 */
@FunctionalInterface
public interface Push {

    /** Discards everything; the output of an operator nobody consumes. */
    Push NONE = element -> {
    };

    /** Accepts one element. */
    void accept(Object element);

    /** A push that forwards every element to all {@code targets}, in order. */
    static Push fanOut(Push... targets) {
        if (targets.length == 0) {
            return NONE;
        }
        if (targets.length == 1) {
            return targets[0];
        }
        if (targets.length == 2) {
            Push a = targets[0];
            Push b = targets[1];
            return element -> {
                a.accept(element);
                b.accept(element);
            };
        }
        return element -> {
            for (Push target : targets) {
                target.accept(element);
            }
        };
    }
}
