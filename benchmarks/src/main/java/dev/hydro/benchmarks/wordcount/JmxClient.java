package dev.hydro.benchmarks.wordcount;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Reads the Kafka client metrics of a child JVM (Kafka Streams, the Spring Cloud Stream binder's consumers) over
 * JMX: Kafka registers every client metric as an MBean attribute. The child is started with {@link #jvmOptions}.
 *
 * <pre>{@code
 * double ms = jmx.mean("kafka.streams:type=stream-thread-metrics,*", "commit-latency-avg");
 * }</pre>
 */
final class JmxClient implements AutoCloseable {

    private final int port;
    private JMXConnector connector;

    JmxClient(int port) {
        this.port = port;
    }

    /** A remote JMX connector on 127.0.0.1:{@code port}, no authentication (loopback only). */
    static List<String> jvmOptions(int port) {
        return List.of("-Dcom.sun.management.jmxremote.port=" + port,
                "-Dcom.sun.management.jmxremote.rmi.port=" + port,
                "-Dcom.sun.management.jmxremote.host=127.0.0.1",
                "-Djava.rmi.server.hostname=127.0.0.1",
                "-Dcom.sun.management.jmxremote.authenticate=false",
                "-Dcom.sun.management.jmxremote.ssl=false");
    }

    /**
     * The mean over the MBeans matching {@code pattern} of {@code attribute}, skipping MBeans without a finite
     * value (a Kafka average is NaN until it has a sample); NaN when none has one or JMX cannot be reached.
     */
    double mean(String pattern, String attribute) {
        try {
            MBeanServerConnection server = connection();
            double sum = 0;
            int n = 0;
            for (ObjectName name : server.queryNames(new ObjectName(pattern), null)) {
                Object value;
                try {
                    value = server.getAttribute(name, attribute);
                } catch (Exception missing) {
                    continue;
                }
                if (value instanceof Number number && Double.isFinite(number.doubleValue())) {
                    sum += number.doubleValue();
                    n++;
                }
            }
            return n == 0 ? Double.NaN : sum / n;
        } catch (Exception e) {
            closeQuietly();
            return Double.NaN;
        }
    }

    /** The sum over the MBeans matching {@code pattern} of {@code attribute} (0 when none). */
    double sum(String pattern, String attribute) {
        try {
            MBeanServerConnection server = connection();
            double sum = 0;
            for (ObjectName name : server.queryNames(new ObjectName(pattern), null)) {
                try {
                    if (server.getAttribute(name, attribute) instanceof Number number
                            && Double.isFinite(number.doubleValue())) {
                        sum += number.doubleValue();
                    }
                } catch (Exception missing) {
                    // not every MBean of the pattern has the attribute
                }
            }
            return sum;
        } catch (Exception e) {
            closeQuietly();
            return Double.NaN;
        }
    }

    /** Waits until the child's JMX connector accepts a connection. */
    void awaitConnected(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                connection();
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no JMX connection on port " + port + " within " + timeout, e);
                }
                Thread.sleep(200); // polling a port that is not open yet; nothing to wait on instead
            }
        }
    }

    private MBeanServerConnection connection() throws IOException {
        if (connector == null) {
            connector = JMXConnectorFactory.connect(
                    new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi"));
        }
        return connector.getMBeanServerConnection();
    }

    private void closeQuietly() {
        if (connector != null) {
            try {
                connector.close();
            } catch (IOException ignored) {
                // reconnects on the next read
            }
            connector = null;
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }
}
