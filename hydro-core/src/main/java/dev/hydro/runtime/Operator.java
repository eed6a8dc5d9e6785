package dev.hydro.runtime;

/**
 * The runtime form of one graph node inside one location instance. The tick loop calls
 * {@link #runStratum()} once per tick, in stratum order, after everything feeding the operator through a
 * blocking input is complete; stream elements arrive through {@link #port(int)} at any time before that;
 * {@link #endTick()} runs after the last stratum. Operators inside a tick reset their state there.
 *
 * <pre>{@code
 * final class Doubler extends Operator implements Push {
 *     public void accept(Object element) { out.accept((Integer) element * 2); }
 * }
 * }</pre>
 */
public abstract class Operator {

    /** Where this operator's output goes; set by the compiler. */
    protected Push out = Push.NONE;

    /** The operators feeding this one, by input index; value inputs are read through them. */
    protected Operator[] upstream = new Operator[0];

    /** True for operators inside a tick, whose state resets at the end of every tick. */
    protected boolean inTick;

    final void wire(Push output, Operator[] inputs, boolean resetsEveryTick) {
        this.out = output;
        this.upstream = inputs;
        this.inTick = resetsEveryTick;
    }

    /** The input port for input {@code index}. Single-input push operators are their own port. */
    public Push port(int index) {
        if (this instanceof Push push) {
            return push;
        }
        throw new IllegalStateException(getClass().getSimpleName() + " has no stream input " + index);
    }

    /**
     * Whether this operator only forwards every element of every input unchanged; the compiler then wires its
     * inputs straight to its consumers, and it never sees an element.
     */
    public boolean passesThrough() {
        return false;
    }

    /**
     * A port for input {@code index} that takes the elements {@code producer} receives and does
     * {@code producer}'s work itself, or {@code null} (the default) when it cannot. The compiler asks when
     * {@code producer} feeds only this input; when the answer is a port, {@code producer} leaves the push path.
     * A join or keyed fold fed by {@code intoKeyed} takes its key and value functions and never allocates the
     * entries.
     */
    public Push fusedPort(int index, Operator producer) {
        return null;
    }

    /**
     * Whether this operator takes over the work of {@code consumer}, its only consumer; the compiler then wires
     * this operator's output to {@code consumer}'s consumers. A join followed by {@code values()} emits its
     * joined pairs without wrapping them in entries.
     */
    public boolean absorbsConsumer(Operator consumer) {
        return false;
    }

    /** Called once per tick at this operator's stratum. */
    public void runStratum() {
    }

    /**
     * Called repeatedly while a cycle inside this stratum converges; returns true if it pushed anything.
     * Only cycle sources override it.
     */
    public boolean drainCycle() {
        return false;
    }

    /** Called at the end of every tick. */
    public void endTick() {
    }

    /** Whether this operator has work that should make the location run another tick. */
    public boolean hasPendingWork() {
        return false;
    }

    /** The current value of a singleton or optional operator; {@code null} when absent. */
    public Object value() {
        throw new IllegalStateException(getClass().getSimpleName() + " is not a value");
    }

    /** Releases resources (subscriptions, timers) when the instance stops. */
    public void close() {
    }
}
