package dev.hydro.stream;

import java.util.Objects;

/**
 * An explicit, named acknowledgement of nondeterminism. Every operator whose result depends on timing
 * (batching, snapshots, timers, membership) or that narrows a guarantee (assuming an order or exactly-once
 * delivery) takes one, so the reason stays next to the code that relies on it.
 *
 * <pre>{@code
 * var batch = lines.batch(tick, NonDet.because("word counts per tick may group lines differently"));
 * }</pre>
 *
 * @param reason why the nondeterminism is acceptable here; never blank
 */
public record NonDet(String reason) implements Assumption.OnExactlyOnce<ExactlyOnce> {

    public NonDet {
        Objects.requireNonNull(reason, "reason");
        if (reason.isBlank()) {
            throw new IllegalArgumentException("NonDet needs a reason: say why the nondeterminism is acceptable");
        }
    }

    /** Acknowledges nondeterminism for the given reason. */
    public static NonDet because(String reason) {
        return new NonDet(reason);
    }
}
