package dev.hydro.runtime.operator;

import dev.hydro.location.MemberId;
import dev.hydro.network.BincodeCodec;
import dev.hydro.network.CodecException;
import dev.hydro.network.EdgeKind;
import dev.hydro.network.EdgeReceiver;
import dev.hydro.network.EdgeSender;
import dev.hydro.network.NetworkEdge;
import dev.hydro.observe.TickListener;
import dev.hydro.runtime.InstanceContext;
import dev.hydro.runtime.InstanceId;
import dev.hydro.runtime.Operator;
import dev.hydro.runtime.Push;
import dev.hydro.runtime.SourceQueue;
import dev.hydro.stream.KeyValue;
import java.util.ArrayList;
import java.util.List;

/**
 * The two ends of a network edge inside the tick loop. The sending end encodes each element once and hands
 * it to the transport for every destination member; the receiving end drains what the transport delivered
 * since the last tick, decodes it, and tags it with the sender's member id when the sender is a cluster.
 *
 * <pre>{@code
 * Operator sender = new Network.Send(edge, context);
 * }</pre>
 */
public final class Network {

    private Network() {
    }

    /** One record as delivered by the transport, with what to run once a finished tick consumed it. */
    public record Received(int sender, byte[] payload, Runnable consumed) {
    }

    /** The sending end of an edge. */
    public static final class Send extends Operator implements Push {
        private final NetworkEdge edge;
        private final InstanceContext context;
        private final EdgeSender sender;
        private final BincodeCodec codec = BincodeCodec.shared();
        private int nextMember;
        private long records;
        private long bytes;

        public Send(NetworkEdge edge, InstanceContext context) {
            this.edge = edge;
            this.context = context;
            this.sender = context.sender(edge);
        }

        @Override
        public void accept(Object element) {
            if (edge.kind() == EdgeKind.DEMUX) {
                KeyValue<?, ?> addressed = (KeyValue<?, ?>) element;
                deliver(((MemberId<?>) addressed.key()).raw(), encode(addressed.value()));
                return;
            }
            byte[] payload = encode(element);
            switch (edge.kind()) {
                case SEND -> deliver(0, payload);
                case BROADCAST -> {
                    for (int member : context.members(edge.to())) {
                        deliver(member, payload);
                    }
                }
                case ROUND_ROBIN -> {
                    List<Integer> members = context.members(edge.to());
                    if (!members.isEmpty()) {
                        deliver(members.get(Math.floorMod(nextMember++, members.size())), payload);
                    }
                }
                default -> throw new IllegalStateException("unexpected edge kind " + edge.kind());
            }
        }

        private byte[] encode(Object value) {
            if (!edge.bincode()) {
                return (byte[]) value;
            }
            try {
                return codec.encode(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("edge '" + edge.name() + "': " + e.getMessage(), e);
            }
        }

        private void deliver(int member, byte[] payload) {
            sender.send(member, payload);
            records++;
            bytes += payload.length;
        }

        @Override
        public void endTick() {
            if (records > 0) {
                sender.flush();
                context.listener().edgeSent(context.self(), edge.name(), records, bytes);
                records = 0;
                bytes = 0;
            }
        }
    }

    /** The receiving end of an edge: a source fed by the transport. */
    public static final class Receive extends Sources.Queued {
        private final NetworkEdge edge;
        private final InstanceId self;
        private final TickListener listener;
        private final InstanceContext context;
        private final BincodeCodec codec = BincodeCodec.shared();
        private final List<Object> decoded = new ArrayList<>();
        private long bytes;

        public Receive(NetworkEdge edge, InstanceContext context) {
            super(context.newSourceQueue(), context.maxBatchSize());
            this.edge = edge;
            this.self = context.self();
            this.listener = context.listener();
            this.context = context;
            SourceQueue queue = this.queue;
            context.receive(edge, new EdgeReceiver() {
                @Override
                public void receive(int sender, byte[] payload, Runnable consumed) throws InterruptedException {
                    queue.put(new Received(sender, payload, consumed));
                }

                @Override
                public int remainingCapacity() {
                    return queue.remainingCapacity();
                }
            });
        }

        @Override
        public void runStratum() {
            Push downstream = out;
            out = this::decode;
            try {
                super.runStratum();
            } finally {
                out = downstream;
            }
            for (Object value : decoded) {
                out.accept(value);
            }
            decoded.clear();
        }

        private void decode(Object element) {
            Received record = (Received) element;
            bytes += record.payload().length;
            if (record.consumed() != null) {
                context.afterTick(record.consumed());
            }
            Object value;
            try {
                value = edge.bincode() ? codec.decode(record.payload()) : record.payload();
            } catch (CodecException e) {
                context.deadLetter(edge, record.sender(), record.payload(), e);
                return;
            }
            decoded.add(edge.fromCluster() ? new KeyValue<>(MemberId.of(record.sender()), value) : value);
        }

        @Override
        protected void afterDrain(int taken) {
            if (taken > 0) {
                listener.edgeReceived(self, edge.name(), taken, bytes);
                bytes = 0;
            }
        }
    }
}
