package io.dynoj.memcached.protocol;

import io.dynoj.core.spi.ProtocolLimits;

/**
 * Whether the node serves {@code flush_all} from its clients: only with {@code allow_flush_all: true},
 * which it reads today from {@link ProtocolLimits#allowFlushAll()} (issue 11 moves that setting into
 * the adapter's own configuration). The one place the protocol code decides it; the engine checks
 * its own copy of the setting again for a flush_all a peer forwards.
 */
public final class FlushAllGate {

    /** The answer to flush_all on a node that does not allow it. */
    public static final String REFUSAL =
            "CLIENT_ERROR flush_all is disabled on this Dynoj node (allow_flush_all: true enables it)";

    private FlushAllGate() {
    }

    /** {@code null} when the node allows flush_all, else the line that refuses it. */
    static String refusal(ProtocolLimits limits) {
        return limits.allowFlushAll() ? null : REFUSAL;
    }
}
