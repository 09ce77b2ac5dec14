package io.dynoj.memcached.engine;

import io.dynoj.memcached.protocol.MemcachedRequest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * One command being run: the request, its words, the store key of its (first) key, the items and
 * where replies are allocated. The engine holds the key's lock while a single-key command runs.
 */
record Call(MemcachedRequest request, CommandLine line, byte[] key, Items items, ByteBufAllocator alloc) {

    ByteBuf line(String text) {
        return Replies.line(alloc, text);
    }

    long now() {
        return items.now();
    }
}
