package io.dynoj.core.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynoj.core.config.HostPort;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.Test;

class GossipCodecTest {

    private final List<GossipEntry> entries = List.of(
            new GossipEntry("dc1/r1/a", 1_700_000_000_000L, 42, MemberState.WRITES_ONLY, "dc1", "r1",
                    new HostPort("10.0.0.1", 8101), List.of(0L, 4294967295L)),
            new GossipEntry("b", 5, 0, MemberState.LEFT, "dc2", "r2", new HostPort("host-b", 65535), List.of()));

    @Test
    void entriesSurviveTheRoundTrip() {
        ByteBuf buf = Unpooled.buffer();
        try {
            GossipCodec.encode(entries, buf);
            assertThat(GossipCodec.decode(buf)).isEqualTo(entries);
        } finally {
            buf.release();
        }
    }

    @Test
    void aTruncatedPayloadIsMalformed() {
        ByteBuf buf = Unpooled.buffer();
        try {
            GossipCodec.encode(entries, buf);
            buf.writerIndex(buf.writerIndex() - 3);
            assertThatThrownBy(() -> GossipCodec.decode(buf)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("malformed gossip");
        } finally {
            buf.release();
        }
    }

    @Test
    void trailingBytesAndUnknownStatesAreMalformed() {
        ByteBuf extra = Unpooled.buffer();
        ByteBuf badState = Unpooled.buffer();
        try {
            GossipCodec.encode(entries, extra);
            extra.writeByte(1);
            assertThatThrownBy(() -> GossipCodec.decode(extra)).hasMessageContaining("too many");
            GossipCodec.encode(entries.subList(0, 1), badState);
            int stateAt = 2 + 2 + "dc1/r1/a".length() + 16;
            badState.setByte(stateAt, 99);
            assertThatThrownBy(() -> GossipCodec.decode(badState)).hasMessageContaining("unknown state 99");
        } finally {
            extra.release();
            badState.release();
        }
    }
}
