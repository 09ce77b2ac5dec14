package io.dynoj.redis.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RespTypeTest {

    @Test
    void everyMarkerMapsBackToItsType() {
        for (RespType type : RespType.values()) {
            assertThat(RespType.of(type.marker())).isSameAs(type);
        }
        assertThat(RespType.of((byte) '$')).isSameAs(RespType.BULK_STRING);
        assertThat(RespType.of((byte) '*')).isSameAs(RespType.ARRAY);
    }

    @Test
    void bytesThatStartNoValueHaveNoType() {
        Set<Byte> markers = new HashSet<>();
        for (RespType type : RespType.values()) {
            markers.add(type.marker());
        }
        for (int b = -128; b < 128; b++) {
            if (!markers.contains((byte) b)) {
                assertThat(RespType.of((byte) b)).as("byte %d", b).isNull();
            }
        }
        assertThat(markers).hasSize(RespType.values().length);
    }

    @Test
    void owedValuesFollowTheFraming() {
        for (RespType type : EnumSet.of(RespType.SIMPLE_STRING, RespType.ERROR, RespType.INTEGER, RespType.NULL,
                RespType.BOOLEAN, RespType.DOUBLE, RespType.BIG_NUMBER)) {
            assertThat(type.framing()).isEqualTo(RespType.Framing.LINE);
            assertThat(type.hasLength()).isFalse();
            assertThat(type.owedAfter(0)).isZero();
        }
        assertThat(RespType.BULK_STRING.owedAfter(5)).isZero();
        assertThat(RespType.VERBATIM_STRING.owedAfter(5)).isZero();
        assertThat(RespType.ARRAY.owedAfter(3)).isEqualTo(3);
        assertThat(RespType.ARRAY.owedAfter(-1)).isZero();
        assertThat(RespType.SET.owedAfter(3)).isEqualTo(3);
        assertThat(RespType.PUSH.owedAfter(3)).isEqualTo(3);
        assertThat(RespType.MAP.owedAfter(3)).isEqualTo(6);
        assertThat(RespType.MAP.owedAfter(-1)).isZero();
        assertThat(RespType.ATTRIBUTE.owedAfter(1)).as("its pair and the value it annotates").isEqualTo(3);
    }

    @Test
    void errorsAreTheTwoErrorTypes() {
        for (RespType type : RespType.values()) {
            assertThat(type.isError()).as(type.name())
                    .isEqualTo(type == RespType.ERROR || type == RespType.BULK_ERROR);
        }
    }
}
