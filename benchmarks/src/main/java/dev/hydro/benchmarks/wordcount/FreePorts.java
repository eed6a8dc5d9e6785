package dev.hydro.benchmarks.wordcount;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Free TCP ports on 127.0.0.1, as the operating system hands them out ({@code new ServerSocket(0)}).
 *
 * <pre>{@code
 * int port = FreePorts.one();
 * }</pre>
 */
final class FreePorts {

    private FreePorts() {
    }

    /** A port that was free a moment ago. */
    static int one() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether {@code port} can be bound right now. */
    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
