package dev.hydro.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Tick frames: every element comes back in order, and a corrupt frame yields nothing but a clear error. */
class TickFrameTest {

    @Test
    void elementsOfEveryLengthComeBackInOrder() {
        // lengths around each varint boundary: 1, 2 and 3 length bytes
        int[] lengths = {0, 1, 127, 128, 300, 16_383, 16_384, 70_000};
        TickFrame.Builder builder = new TickFrame.Builder();
        List<byte[]> sent = new ArrayList<>();
        Random random = new Random(3);
        for (int length : lengths) {
            byte[] element = new byte[length];
            random.nextBytes(element);
            sent.add(element);
            builder.add(element);
        }
        assertThat(builder.elements()).isEqualTo(lengths.length);
        byte[] frame = builder.take();

        assertThat(frame[0]).isEqualTo(TickFrame.MAGIC);
        assertThat(TickFrame.elements(frame)).zipSatisfy(sent, (got, expected) -> assertThat(got).isEqualTo(expected));
        List<byte[]> slices = new ArrayList<>();
        TickFrame.forEachSlice(frame, (bytes, offset, length) -> {
            assertThat(bytes).as("a slice is a range of the frame itself").isSameAs(frame);
            slices.add(Arrays.copyOfRange(bytes, offset, offset + length));
        });
        assertThat(slices).zipSatisfy(sent, (got, expected) -> assertThat(got).isEqualTo(expected));
        assertThat(builder.elements()).as("take() empties the builder").isZero();
    }

    @Test
    void aBuilderIsReusableAfterTake() {
        TickFrame.Builder builder = new TickFrame.Builder();
        builder.add(new byte[] {1, 2});
        builder.take();
        builder.add(new byte[] {3});
        assertThat(TickFrame.elements(builder.take())).singleElement().isEqualTo(new byte[] {3});
    }

    @Test
    void aBuilderSaysFullOnceItReachesTheLimit() {
        TickFrame.Builder builder = new TickFrame.Builder();
        byte[] element = new byte[1000];
        int added = 0;
        while (!builder.isFull()) {
            builder.add(element);
            added++;
        }
        assertThat(added).isEqualTo(TickFrame.MAX_BYTES / 1002 + 1);
        assertThat(TickFrame.elements(builder.take())).hasSize(added);
    }

    @Test
    void corruptFramesAreRejectedWithoutYieldingAnyElement() {
        TickFrame.Builder builder = new TickFrame.Builder();
        builder.add("good".getBytes());
        builder.add("also good".getBytes());
        byte[] frame = builder.take();

        byte[] truncated = Arrays.copyOf(frame, frame.length - 2);
        byte[] endlessLength = {TickFrame.MAGIC, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80};
        byte[] lengthWithoutEnd = {TickFrame.MAGIC, (byte) 0x85};
        byte[] singleBincodeFrame = BincodeCodec.shared().encode("x");
        for (byte[] corrupt : List.of(truncated, endlessLength, lengthWithoutEnd, singleBincodeFrame, new byte[0])) {
            List<byte[]> yielded = new ArrayList<>();
            assertThatThrownBy(() -> TickFrame.forEachElement(corrupt, yielded::add))
                    .isInstanceOf(CodecException.class)
                    .hasMessageContaining("tick frame");
            assertThatThrownBy(() -> TickFrame.forEachSlice(corrupt, (bytes, offset, length) -> yielded.add(bytes)))
                    .isInstanceOf(CodecException.class);
            assertThat(yielded).as("nothing of a corrupt frame is delivered").isEmpty();
        }
        assertThatThrownBy(() -> TickFrame.elements(null)).isInstanceOf(CodecException.class);
    }

    @Test
    void anEmptyFrameHoldsNoElements() {
        assertThat(TickFrame.elements(new byte[] {TickFrame.MAGIC})).isEmpty();
    }
}
