package io.dynoj.core.warmup;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import io.dynoj.core.spi.Request;
import io.dynoj.core.spi.RequestKind;
import io.netty.buffer.ByteBuf;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The keys this node's datastore was written since a point (the start of a warm-up, of a resuming pass):
 * a streamed entry of one of them is not imported, since it may be older than the write (the source read it
 * before the write reached the source). Fed by the state gate with every write the datastore is given,
 * before it runs, from any event loop; read by the warm-up thread. Bounded: past {@code limit} keys it stops
 * recording and says so ({@link #overflowed()}), and the warm-up then leaves it to its resuming passes.
 */
final class WrittenKeys implements Consumer<Request> {

    private final int limit;
    private final AtomicInteger size = new AtomicInteger();
    private volatile Set<String> keys = ConcurrentHashMap.newKeySet();
    private volatile boolean overflowed;

    WrittenKeys(int limit) {
        this.limit = limit;
    }

    @Override
    public void accept(Request request) {
        if (request.kind() != RequestKind.WRITE || overflowed) {
            return;
        }
        Set<String> set = keys;
        for (int i = 0; i < request.keyCount(); i++) {
            ByteBuf key = request.key(i);
            if (set.add(key.toString(key.readerIndex(), key.readableBytes(), ISO_8859_1))
                    && size.incrementAndGet() > limit) {
                overflowed = true;
                return;
            }
        }
    }

    /** Whether {@code key} was written since the last {@link #reset()}; true for every key once overflowed. */
    boolean written(byte[] key) {
        return overflowed || keys.contains(new String(key, ISO_8859_1));
    }

    boolean overflowed() {
        return overflowed;
    }

    int size() {
        return size.get();
    }

    /** Forgets every key: from now on only later writes count. */
    void reset() {
        keys = ConcurrentHashMap.newKeySet();
        size.set(0);
        overflowed = false;
    }
}
