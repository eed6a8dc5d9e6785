package dev.hydro.network;

import dev.hydro.runtime.InstanceId;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Delivers records between instances of one JVM. Exactly-once: a record is delivered once, and nothing
 * survives a restart because nothing restarts. Two modes:
 * <ul>
 *   <li>{@link #InMemoryTransport()} hands each record straight to the receiver on the sender's thread, so a
 *       stepped deployment stays deterministic;</li>
 *   <li>{@link #decoupled()} never blocks the sender: records wait in a per-receiver mailbox (like a Kafka
 *       topic) that a delivery thread moves into the receiver, which may block to push back. Threaded
 *       deployments need this: a tick blocked on a full receiver queue cannot drain its own queues, so a
 *       cycle such as leader, workers, leader would deadlock once every queue on it is full.</li>
 * </ul>
 *
 * <pre>{@code
 * LocalDeployment deployment = LocalDeployment.stepped(flow); // uses an InMemoryTransport
 * }</pre>
 */
public final class InMemoryTransport implements Transport {

    private final Map<Address, EdgeReceiver> receivers = new ConcurrentHashMap<>();
    private final Map<Address, Mailbox> mailboxes = new ConcurrentHashMap<>();
    private final ExecutorService delivery;

    /** A transport that delivers on the sender's thread. */
    public InMemoryTransport() {
        this.delivery = null;
    }

    private InMemoryTransport(ExecutorService delivery) {
        this.delivery = delivery;
    }

    /** A transport whose senders never block: each receiver gets a mailbox and a delivery thread. */
    public static InMemoryTransport decoupled() {
        return new InMemoryTransport(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "hydro-in-memory-delivery");
            t.setDaemon(true);
            return t;
        }));
    }

    @Override
    public EdgeSender sender(NetworkEdge edge, InstanceId sender) {
        return (destinationMember, payload) -> {
            Address address = new Address(edge.name(), edge.to(), destinationMember);
            if (delivery != null) {
                Mailbox mailbox = mailboxes.get(address);
                if (mailbox != null) {
                    mailbox.offer(sender.member(), payload);
                }
                return; // no mailbox: the destination member has left the cluster, like a network, drop it
            }
            EdgeReceiver receiver = receivers.get(address);
            if (receiver == null) {
                return; // the destination member has left the cluster: like a network, drop it
            }
            try {
                receiver.receive(sender.member(), payload, null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while delivering on edge " + edge.name(), e);
            }
        };
    }

    @Override
    public void receiver(NetworkEdge edge, InstanceId receiverInstance, EdgeReceiver receiver) {
        Address address = new Address(edge.name(), receiverInstance.location(), receiverInstance.member());
        receivers.put(address, receiver);
        if (delivery != null) {
            Mailbox previous = mailboxes.put(address, new Mailbox(receiver));
            if (previous != null) {
                previous.close();
            }
        }
    }

    /** Unregisters every receiver of an instance that stopped; later records to it are dropped. */
    public void remove(InstanceId instance) {
        receivers.keySet().removeIf(a -> a.location().equals(instance.location()) && a.member() == instance.member());
        mailboxes.entrySet().removeIf(e -> {
            Address a = e.getKey();
            boolean stopped = a.location().equals(instance.location()) && a.member() == instance.member();
            if (stopped) {
                e.getValue().close();
            }
            return stopped;
        });
    }

    @Override
    public boolean exactlyOnce() {
        return true;
    }

    /** Stops the delivery threads of a decoupled transport; undelivered records are dropped. */
    @Override
    public void close() {
        if (delivery != null) {
            mailboxes.values().forEach(Mailbox::close);
            delivery.shutdownNow();
        }
    }

    private record Address(String edge, String location, int member) {
    }

    private record Pending(int sender, byte[] payload) {
    }

    /** The records waiting for one receiver, delivered in order by at most one thread at a time. */
    private final class Mailbox implements Runnable {
        private final EdgeReceiver receiver;
        private final Queue<Pending> pending = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean scheduled = new AtomicBoolean();
        private volatile boolean closed;
        private Thread deliveringThread; // guarded by this

        Mailbox(EdgeReceiver receiver) {
            this.receiver = receiver;
        }

        void offer(int sender, byte[] payload) {
            if (closed) {
                return;
            }
            pending.add(new Pending(sender, payload));
            schedule();
        }

        private void schedule() {
            if (!closed && scheduled.compareAndSet(false, true)) {
                delivery.execute(this);
            }
        }

        @Override
        public void run() {
            synchronized (this) {
                deliveringThread = Thread.currentThread();
            }
            try {
                Pending next;
                while (!closed && (next = pending.poll()) != null) {
                    receiver.receive(next.sender(), next.payload(), null);
                }
            } catch (InterruptedException e) {
                closed = true; // only close() or shutdownNow() interrupt delivery
            } finally {
                synchronized (this) {
                    // close() interrupts only while deliveringThread is set, under this lock, so clearing the
                    // flag here guarantees the pooled thread never carries our interrupt into another task
                    deliveringThread = null;
                    Thread.interrupted();
                }
                scheduled.set(false);
            }
            if (!pending.isEmpty()) {
                schedule(); // a record arrived after the loop's last poll
            }
        }

        void close() {
            synchronized (this) {
                closed = true;
                pending.clear();
                if (deliveringThread != null) {
                    deliveringThread.interrupt(); // it may be blocked on the full queue of a stopped instance
                }
            }
        }
    }
}
