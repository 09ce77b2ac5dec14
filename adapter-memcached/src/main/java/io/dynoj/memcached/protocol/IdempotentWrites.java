package io.dynoj.memcached.protocol;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * The memcached writes (as replicated effects) that leave the same state when applied twice in a row:
 * {@code set}, {@code add}, {@code replace}, {@code delete}, {@code touch} and their meta forms; not
 * {@code append}, {@code prepend}, {@code incr}, {@code decr}, {@code ma}, nor {@code ms} in append or prepend
 * mode. Stateless.
 */
public final class IdempotentWrites {

    private IdempotentWrites() {
    }

    /** Whether applying {@code effect} twice in a row leaves what applying it once did. */
    public static boolean isIdempotent(MemcachedRequest effect) {
        return switch (effect.commandType()) {
            case SET, ADD, REPLACE, DELETE, TOUCH, MD -> true;
            case MS -> !appends(effect);
            default -> false;
        };
    }

    /** {@code ms} with mode {@code MA} (append) or {@code MP} (prepend). */
    private static boolean appends(MemcachedRequest ms) {
        ByteBuf frame = ms.frame();
        int start = frame.readerIndex();
        int end = frame.indexOf(start, frame.writerIndex(), (byte) '\r');
        String line = frame.toString(start, (end < 0 ? frame.writerIndex() : end) - start, StandardCharsets.US_ASCII);
        for (String word : line.split(" ")) {
            if (word.equalsIgnoreCase("MA") || word.equalsIgnoreCase("MP")) {
                return true;
            }
        }
        return false;
    }
}
