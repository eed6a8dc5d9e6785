package dev.hydro.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hydro.location.MemberId;
import dev.hydro.network.CodecException;
import dev.hydro.stream.Indexed;
import dev.hydro.stream.KeyValue;
import dev.hydro.stream.Pair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StateCodecTest {

    record Reading(String sensor, double value, Instant at) {}

    private static Object roundTrip(Object value) {
        byte[] bytes = StateCodec.encode(value);
        return StateCodec.decode(bytes, 0, bytes.length);
    }

    @Test
    void everyKindOfStateComesBackEqual() {
        Map<Object, Object> ordered = new LinkedHashMap<>();
        ordered.put("z", 1L);
        ordered.put("a", List.of(2, 3));
        List<Object> values = List.of("hydro", 42L, 7, true, false, 2.5, new Reading("s1", 0.5, Instant.EPOCH),
                KeyValue.of("k", 1L), new Pair<>(MemberId.of(3), "x"), new Indexed<>(9L, "nine"),
                Optional.of("present"), Optional.empty(), new ArrayList<>(List.of("a", "b")),
                new HashSet<>(Set.of(1L, 2L)), new LinkedHashSet<>(List.of("b", "a")), new HashMap<>(Map.of("k", 1L)),
                ordered);
        for (Object value : values) {
            assertThat(roundTrip(value)).as("%s", value).isEqualTo(value);
        }
        assertThat(roundTrip(null)).isNull();
        assertThat(List.copyOf(((Map<?, ?>) roundTrip(ordered)).keySet())).as("insertion order kept").isEqualTo(List.of("z", "a"));
    }

    @Test
    void aTypeThatCannotBeKeptIsNamed() {
        assertThatThrownBy(() -> StateCodec.encode(new StringBuilder("x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.StringBuilder")
                .hasMessageContaining("logged state");
    }

    @Test
    void corruptBytesFailWithACodecException() {
        Random random = new Random(7);
        byte[] valid = StateCodec.encode(List.of("a", KeyValue.of("b", 2L), new HashMap<>(Map.of("c", 3))));
        for (int trial = 0; trial < 2_000; trial++) {
            byte[] mutated = valid.clone();
            mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            int length = random.nextInt(mutated.length + 1);
            try {
                StateCodec.decode(mutated, 0, length);
            } catch (CodecException expected) {
                // the only exception a corrupt encoding may raise
            }
        }
    }
}
