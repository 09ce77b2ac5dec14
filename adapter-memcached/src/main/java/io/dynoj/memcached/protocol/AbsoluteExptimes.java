package io.dynoj.memcached.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;

/**
 * A write's relative expiry made absolute by the key's primary before it runs, so that every replica
 * stores the same expiry: each memcached server counts a relative exptime from its own clock when the
 * write arrives there, and a replayed hint arrives minutes later. Memcached reads an exptime over 30 days
 * as a Unix time, which is what the primary writes: {@code now + ttl} in whole seconds. Rewritten: the
 * exptime of {@code set}, {@code add}, {@code replace}, {@code cas}, {@code touch}, {@code gat},
 * {@code gats}, and the {@code T} and {@code N} flags of {@code ms} and {@code ma}. Zero (never), negative
 * (expired at once) and absolute exptimes stay as they are, so rewriting twice changes nothing. Stateless.
 */
final class AbsoluteExptimes {

    /** Memcached's limit: an exptime above it is a Unix time. */
    static final long RELATIVE_MAX = 60L * 60 * 24 * 30;

    private AbsoluteExptimes() {
    }

    /** {@code request} itself when nothing is relative, else its absolute form (and {@code request} released). */
    static MemcachedRequest atPrimary(MemcachedRequest request, long nowMillis, ByteBufAllocator alloc) {
        MemcachedCommand command = request.commandType();
        if (!carriesExptime(command)) {
            return request; // most writes (delete, incr, append...): no line parsed
        }
        String[] words = MemcachedEffects.firstLine(request).split(" ");
        boolean changed = switch (command) {
            case SET, ADD, REPLACE, CAS -> absolute(words, 3, nowMillis);
            case TOUCH -> absolute(words, 2, nowMillis);
            case GAT, GATS -> absolute(words, 1, nowMillis);
            case MS, MA -> absoluteFlags(words, nowMillis);
            default -> false;
        };
        if (!changed) {
            return request;
        }
        byte[] line = (String.join(" ", words) + "\r\n").getBytes(StandardCharsets.UTF_8);
        boolean withData = request.commandType() != MemcachedCommand.TOUCH && request.commandType() != MemcachedCommand.GAT
                && request.commandType() != MemcachedCommand.GATS && request.commandType() != MemcachedCommand.MA;
        ByteBuf data = request.data();
        ByteBuf frame = alloc.buffer(line.length + (withData ? data.readableBytes() + 2 : 0)).writeBytes(line);
        if (withData) {
            frame.writeBytes(data, data.readerIndex(), data.readableBytes()).writeByte('\r').writeByte('\n');
        }
        request.release();
        return MemcachedRequestDecoder.decodeComplete(frame);
    }

    private static boolean carriesExptime(MemcachedCommand command) {
        return switch (command) {
            case SET, ADD, REPLACE, CAS, TOUCH, GAT, GATS, MS, MA -> true;
            default -> false;
        };
    }

    private static boolean absolute(String[] words, int index, long nowMillis) {
        if (words.length <= index) {
            return false;
        }
        String made = absolute(words[index], nowMillis);
        if (made == null) {
            return false;
        }
        words[index] = made;
        return true;
    }

    /** The meta flags {@code T<ttl>} (new TTL) and {@code N<ttl>} (TTL of an item made on a miss). */
    private static boolean absoluteFlags(String[] words, long nowMillis) {
        boolean changed = false;
        for (int i = 2; i < words.length; i++) {
            char flag = words[i].isEmpty() ? ' ' : words[i].charAt(0);
            if (flag == 'T' || flag == 'N') {
                String made = absolute(words[i].substring(1), nowMillis);
                if (made != null) {
                    words[i] = flag + made;
                    changed = true;
                }
            }
        }
        return changed;
    }

    /** The absolute form of {@code exptime}, or null when it is not a relative one. */
    private static String absolute(String exptime, long nowMillis) {
        long seconds;
        try {
            seconds = Long.parseLong(exptime);
        } catch (NumberFormatException e) {
            return null; // the decoder let it through; the datastore answers what it thinks of it
        }
        if (seconds <= 0 || seconds > RELATIVE_MAX) {
            return null;
        }
        return Long.toString(nowMillis / 1000 + seconds);
    }
}
