package io.dynoj.core.peer;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;

/**
 * Tells whether a peer is taking what this node writes to it: when bytes were flushed and waited in the
 * channel's outbound buffer (the socket would take no more: its buffers and the peer's were full) and some
 * have since gone to the socket, the peer read some. So a peer busy reading a large frame, which cannot
 * answer a ping queued behind it, is seen alive as long as the frame moves (issue 14: a 16 MB value took
 * seconds to cross a loaded link and its peer was judged DOWN).
 *
 * <p>Only a waiting buffer that moves counts: bytes the socket takes at once prove nothing, as the kernel
 * takes them for a frozen peer (SIGSTOP) too, until its buffers are full; from then on nothing moves and the
 * peer is judged on silence as before. What the kernel holds is not seen: the last few MB of a large frame
 * cross unseen (at most the socket's send buffer, and the peer's receive buffer on a link slower than the
 * peer).
 *
 * <p>It looks at the head of the outbound buffer ({@link ChannelOutboundBuffer#current()}, the flushed
 * message being written): it moved when it is another message or has fewer bytes left (Netty counts a
 * message's pending bytes whole until it is written out, so the buffer's total would not move for one large
 * frame). Behind TLS the buffer holds what TLS made of it, which moves the same way.
 *
 * <p>Threading: the channel's event loop.
 */
final class PeerWriteProgress {

    private final Channel channel;
    /** The flushed message that was waiting at the last look, or {@code null}; compared by identity only. */
    private Object waiting;
    private int waitingBytes;

    PeerWriteProgress(Channel channel) {
        this.channel = channel;
    }

    /**
     * Whether, since the last call, bytes that were waiting for the peer went to the socket: the peer read some
     * of what was sent to it. Called periodically, on the channel's event loop.
     */
    boolean drained() {
        ChannelOutboundBuffer out = channel.unsafe().outboundBuffer();
        Object head = out == null ? null : out.current();
        return moved(head, head instanceof ByteBuf bytes ? bytes.readableBytes() : 0);
    }

    /** {@link #drained()} given the head of the outbound buffer ({@code null}: empty) and its bytes left. */
    boolean moved(Object head, int headBytes) {
        boolean moved = waiting != null && (head != waiting || headBytes < waitingBytes);
        waiting = head;
        waitingBytes = headBytes;
        return moved;
    }
}
