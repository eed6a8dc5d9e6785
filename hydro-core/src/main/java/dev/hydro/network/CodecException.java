package dev.hydro.network;

/**
 * A received record could not be decoded. The receiving operator sets such records aside (a dead letter)
 * and keeps running.
 *
 * <pre>{@code
 * try { codec.decode(bytes); } catch (CodecException e) { deadLetters.add(bytes); }
 * }</pre>
 */
public class CodecException extends RuntimeException {

    /** A decoding failure with a message naming the cause. */
    public CodecException(String message) {
        super(message);
    }

    /** A decoding failure caused by {@code cause}. */
    public CodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
