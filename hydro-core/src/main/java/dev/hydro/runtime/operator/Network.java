package dev.hydro.runtime.operator;

import dev.hydro.location.MemberId;
import dev.hydro.network.BincodeCodec;
import dev.hydro.network.CodecException;
import dev.hydro.network.EdgeKind;
import dev.hydro.network.EdgeReceiver;
import dev.hydro.network.EdgeSender;
import dev.hydro.network.NetworkEdge;
import dev.hydro.network.TickFrame;
import dev.hydro.observe.TickListener;
import dev.hydro.runtime.InstanceContext;
import dev.hydro.runtime.InstanceId;
import dev.hydro.runtime.Operator;
import dev.hydro.runtime.Push;
import dev.hydro.runtime.SourceQueue;
import dev.hydro.stream.KeyValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The two ends of a network edge inside the tick loop. The sending end encodes each element once, collects
 * what a tick sends to each destination member into a {@link TickFrame}, and hands the transport one frame per
 * member at the end of the tick (more only past {@link TickFrame#MAX_BYTES}); the receiving end drains the frames
 * the transport delivered since the last tick, decodes their elements, and tags each with the sender's member
 * id when the sender is a cluster. A corrupt frame, or an element that does not decode, goes to the
 * transport's dead letters; the rest of the tick goes on.
 *
 * <pre>{@code
 * Operator sender = new Network.Send(edge, context);
 * }</pre>
 */
public final class Network {

    private Network() {
    }

    /**
     * One record as delivered by the transport, with what to run once a finished tick consumed it, and how many
     * elements it holds (a tick frame holds many).
     */
    public record Received(int sender, byte[] payload, Runnable consumed, int elements) {
    }

    /** The sending end of an edge. */
    public static final class Send extends Operator implements Push {
        private final NetworkEdge edge;
        private final InstanceContext context;
        private final EdgeSender sender;
        private final BincodeCodec codec = BincodeCodec.shared();
        private final List<TickFrame.Builder> frames = new ArrayList<>();
        /** At most a receiver's queue capacity per frame, so that a whole frame fits an empty queue. */
        private final int frameElements;
        private int nextMember;
        private long records;
        private long bytes;

        public Send(NetworkEdge edge, InstanceContext context) {
            this.edge = edge;
            this.context = context;
            this.sender = context.sender(edge);
            this.frameElements = context.queueCapacity() > 0 ? context.queueCapacity() : Integer.MAX_VALUE;
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
            while (frames.size() <= member) {
                frames.add(null);
            }
            TickFrame.Builder frame = frames.get(member);
            if (frame == null) {
                frame = new TickFrame.Builder();
                frames.set(member, frame);
            }
            frame.add(payload);
            if (frame.isFull() || frame.elements() == frameElements) {
                sender.send(member, frame.take());
            }
            records++;
            bytes += payload.length;
        }

        @Override
        public void endTick() {
            if (records > 0) {
                for (int member = 0; member < frames.size(); member++) {
                    TickFrame.Builder frame = frames.get(member);
                    if (frame != null && frame.elements() > 0) {
                        sender.send(member, frame.take());
                    }
                }
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
        private int elements;

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
                    int elements = TickFrame.count(payload);
                    queue.putWeighted(new Received(sender, payload, consumed, elements), elements);
                }

                @Override
                public int remainingCapacity() {
                    return queue.remainingCapacity();
                }

                @Override
                public int weight(byte[] payload) {
                    return TickFrame.count(payload);
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
            byte[] payload = record.payload();
            bytes += payload == null ? 0 : payload.length; // a tombstone on the topic: dead-lettered below
            if (record.consumed() != null) {
                context.afterTick(record.consumed());
            }
            int sender = record.sender();
            if (edge.bincode() && payload != null && payload.length > 0 && !TickFrame.isFrame(payload)) {
                // a single bincode frame, as senders before tick frames sent
                decodeElement(sender, payload, 0, payload.length);
                return;
            }
            try {
                TickFrame.forEachSlice(payload, (frame, offset, length) -> decodeElement(sender, frame, offset, length));
            } catch (CodecException e) {
                context.deadLetter(edge, sender, payload, e);
            }
        }

        /** Decodes one element in place (bincode) or copies its bytes out ({@code sendBytes}). */
        private void decodeElement(int sender, byte[] frame, int offset, int length) {
            Object value;
            try {
                value = edge.bincode() ? codec.decode(frame, offset, length)
                        : Arrays.copyOfRange(frame, offset, offset + length);
            } catch (CodecException e) {
                context.deadLetter(edge, sender, Arrays.copyOfRange(frame, offset, offset + length), e);
                return;
            }
            elements++;
            decoded.add(edge.fromCluster() ? new KeyValue<>(MemberId.of(sender), value) : value);
        }

        @Override
        protected int weight(Object entry) {
            return ((Received) entry).elements();
        }

        @Override
        protected void afterDrain(int taken) {
            if (taken > 0) {
                listener.edgeReceived(self, edge.name(), elements, bytes);
                bytes = 0;
            }
            elements = 0;
        }
    }
}
