package dev.hydro.spring.test.echo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * A listening socket that stands in for the Kafka broker: the tests point every Kafka setting at it, and any
 * client that tries to reach the broker completes a TCP connection here. The kernel accepts connections into
 * the backlog by itself, so a non-blocking {@link #accepted()} after the fact finds every attempt.
 */
final class BrokerSentinel {

    private static final ServerSocketChannel SOCKET = open();
    private static final List<String> SEEN = new ArrayList<>();

    private BrokerSentinel() {
    }

    private static ServerSocketChannel open() {
        try {
            ServerSocketChannel channel = ServerSocketChannel.open();
            channel.bind(new InetSocketAddress("127.0.0.1", 0));
            channel.configureBlocking(false);
            return channel;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code 127.0.0.1:<port>}. */
    static String address() {
        try {
            InetSocketAddress address = (InetSocketAddress) SOCKET.getLocalAddress();
            return "127.0.0.1:" + address.getPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The remote addresses of every connection made so far (closing them). */
    static synchronized List<String> accepted() {
        try {
            SocketChannel client;
            while ((client = SOCKET.accept()) != null) {
                SEEN.add(String.valueOf(client.getRemoteAddress()));
                client.close();
            }
            return List.copyOf(SEEN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
