package dev.hydro.sample;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free loopback ports for the processes the integration tests start. */
final class FreePorts {

    private FreePorts() {
    }

    /** A port nothing listens on right now. */
    static int one() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** A free port p with p+1 free too (the broker's controller listener). */
    static int pair() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = one();
            if (port < 65535) {
                try (ServerSocket next = new ServerSocket(port + 1, 1, InetAddress.getLoopbackAddress())) {
                    return port;
                } catch (IOException taken) {
                    // try another
                }
            }
        }
        throw new IllegalStateException("no two consecutive free ports");
    }
}
