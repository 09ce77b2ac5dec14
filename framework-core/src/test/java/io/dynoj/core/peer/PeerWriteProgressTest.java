package io.dynoj.core.peer;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

/**
 * When bytes going to a peer count as its sign of life: only a flushed message that waited at the head of the
 * outbound buffer and then moved. The head is given ({@link PeerWriteProgress#moved}), as an embedded channel
 * never keeps one waiting.
 */
class PeerWriteProgressTest {

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final PeerWriteProgress progress = new PeerWriteProgress(channel);
    private final Object frame = new Object();
    private final Object next = new Object();

    @Test
    void aWaitingFrameCountsEachTimeItsBytesLeftShrink() {
        assertThat(progress.moved(frame, 1000)).as("it just began to wait").isFalse();
        assertThat(progress.moved(frame, 600)).isTrue();
        assertThat(progress.moved(frame, 600)).as("nothing moved: a frozen peer").isFalse();
        assertThat(progress.moved(frame, 100)).isTrue();
    }

    @Test
    void aWaitingFrameWrittenOutCountsWhetherAnotherWaitsOrNone() {
        progress.moved(frame, 1000);
        assertThat(progress.moved(next, 5000)).as("another is at the head now").isTrue();
        assertThat(progress.moved(null, 0)).as("all written").isTrue();
        assertThat(progress.moved(null, 0)).isFalse();
    }

    @Test
    void bytesTheSocketTakesAtOnceAreNotProgressAsAFrozenPeersKernelTakesThemToo() {
        for (int i = 0; i < 5; i++) {
            assertThat(progress.moved(null, 0)).isFalse();
        }
        assertThat(progress.moved(frame, 300)).as("nothing had waited before").isFalse();
    }

    @Test
    void aFrozenPeerStaysFrozenWhateverIsQueuedBehindItsHead() {
        progress.moved(frame, 1000);
        assertThat(progress.moved(frame, 1000)).isFalse();
        assertThat(progress.moved(frame, 1000)).isFalse();
    }

    @Test
    void aChannelThatWritesEverythingAtOnceNeverDrains() {
        channel.writeAndFlush(Unpooled.wrappedBuffer(new byte[100]));
        assertThat(progress.drained()).isFalse();
        channel.writeAndFlush(Unpooled.wrappedBuffer(new byte[100]));
        assertThat(progress.drained()).isFalse();
        assertThat(channel.finishAndReleaseAll()).isTrue();
    }
}
