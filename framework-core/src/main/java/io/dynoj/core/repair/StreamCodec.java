package io.dynoj.core.repair;

import io.dynoj.core.spi.RangeStore.Entry;
import io.dynoj.core.spi.RangeStore.KeyDigest;
import io.dynoj.core.spi.TokenRange;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayList;
import java.util.List;

/**
 * The payloads of STREAM frames: a request is an operation code and its arguments, the answer the
 * operation's result; integers big-endian, byte strings as a 4-byte length and the bytes.
 *
 * <pre>
 *  TREE   range depth              -> keys, then per leaf: hash (8) count (4)
 *  KEYS   range depth n leaf*n     -> n (token key digest write-time deleted)*n
 *  EXPORT n key*n                  -> n (key value expire-at write-time deleted)*n, the keys that exist
 *  IMPORT n (key value expire-at write-time deleted)*n -> stored count
 *  DELETE n key*n                  -> deleted count
 *  range = start (8) end (8); depth = 1 byte; write-time = 8 bytes (0: none); deleted = 1 byte (1: a tombstone)
 * </pre>
 *
 * Malformed input throws {@link IllegalArgumentException}. Stateless.
 */
final class StreamCodec {

    static final byte TREE = 1;
    static final byte KEYS = 2;
    static final byte EXPORT = 3;
    static final byte IMPORT = 4;
    static final byte DELETE = 5;

    private StreamCodec() {
    }

    static ByteBuf tree(ByteBufAllocator alloc, TokenRange range, int depth) {
        return range(alloc.buffer(18).writeByte(TREE), range).writeByte(depth);
    }

    static ByteBuf keys(ByteBufAllocator alloc, TokenRange range, int depth, List<Integer> leaves) {
        ByteBuf out = range(alloc.buffer(22 + 4 * leaves.size()).writeByte(KEYS), range).writeByte(depth);
        out.writeInt(leaves.size());
        leaves.forEach(out::writeInt);
        return out;
    }

    static ByteBuf keyList(ByteBufAllocator alloc, byte op, List<byte[]> keys) {
        ByteBuf out = alloc.buffer().writeByte(op).writeInt(keys.size());
        keys.forEach(k -> bytes(out, k));
        return out;
    }

    static ByteBuf importing(ByteBufAllocator alloc, List<Entry> entries) {
        return entries(alloc.buffer().writeByte(IMPORT), entries);
    }

    /** Runs the request on {@code ops} and encodes its answer. */
    static ByteBuf answer(RangeOps ops, ByteBuf in, ByteBufAllocator alloc) {
        try {
            byte op = in.readByte();
            return switch (op) {
                case TREE -> {
                    TokenRange range = range(in);
                    yield encodeTree(alloc, ops.tree(range, depth(in)));
                }
                case KEYS -> {
                    TokenRange range = range(in);
                    int depth = depth(in);
                    int[] leaves = new int[count(in, 4)];
                    for (int i = 0; i < leaves.length; i++) {
                        leaves[i] = in.readInt();
                        if (leaves[i] < 0 || leaves[i] >= 1 << depth) {
                            throw new IllegalArgumentException("leaf " + leaves[i] + " outside a tree of depth " + depth);
                        }
                    }
                    yield encodeDigests(alloc, ops.keys(range, depth, leaves));
                }
                // The result first, then the buffer: a request that fails allocates nothing to leak.
                case EXPORT -> {
                    List<Entry> entries = ops.export(keyList(in));
                    yield entries(alloc.buffer(), entries);
                }
                case IMPORT -> {
                    int stored = ops.importEntries(entries(in));
                    yield alloc.buffer(4).writeInt(stored);
                }
                case DELETE -> {
                    int deleted = ops.delete(keyList(in));
                    yield alloc.buffer(4).writeInt(deleted);
                }
                default -> throw new IllegalArgumentException("unknown stream operation " + op);
            };
        } catch (IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("truncated stream request");
        }
    }

    static ByteBuf encodeTree(ByteBufAllocator alloc, MerkleTree tree) {
        long[] hashes = tree.leafHashes();
        int[] counts = tree.leafCounts();
        ByteBuf out = alloc.buffer(1 + 12 * hashes.length).writeByte(tree.depth());
        for (int i = 0; i < hashes.length; i++) {
            out.writeLong(hashes[i]).writeInt(counts[i]);
        }
        return out;
    }

    static MerkleTree decodeTree(ByteBuf in) {
        int depth = depth(in);
        long[] hashes = new long[1 << depth];
        int[] counts = new int[hashes.length];
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = in.readLong();
            counts[i] = in.readInt();
        }
        return MerkleTree.ofLeaves(depth, hashes, counts);
    }

    static ByteBuf encodeDigests(ByteBufAllocator alloc, List<KeyDigest> digests) {
        ByteBuf out = alloc.buffer().writeInt(digests.size());
        for (KeyDigest k : digests) {
            bytes(out.writeLong(k.token()), k.key()).writeLong(k.digest()).writeLong(k.writeTime())
                    .writeBoolean(k.deleted());
        }
        return out;
    }

    static List<KeyDigest> decodeDigests(ByteBuf in) {
        int n = count(in, 29);
        List<KeyDigest> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new KeyDigest(in.readLong(), bytes(in), in.readLong(), in.readLong(), in.readBoolean()));
        }
        return out;
    }

    static List<Entry> entries(ByteBuf in) {
        int n = count(in, 25);
        List<Entry> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new Entry(bytes(in), bytes(in), in.readLong(), in.readLong(), in.readBoolean()));
        }
        return out;
    }

    static int count(ByteBuf in) {
        return in.readInt();
    }

    private static ByteBuf entries(ByteBuf out, List<Entry> entries) {
        out.writeInt(entries.size());
        for (Entry e : entries) {
            bytes(bytes(out, e.key()), e.value()).writeLong(e.expireAt()).writeLong(e.writeTime())
                    .writeBoolean(e.deleted());
        }
        return out;
    }

    private static List<byte[]> keyList(ByteBuf in) {
        int n = count(in, 4);
        List<byte[]> keys = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            keys.add(bytes(in));
        }
        return keys;
    }

    private static ByteBuf range(ByteBuf out, TokenRange range) {
        return out.writeLong(range.start()).writeLong(range.end());
    }

    private static TokenRange range(ByteBuf in) {
        return new TokenRange(in.readLong(), in.readLong());
    }

    private static int depth(ByteBuf in) {
        int depth = in.readUnsignedByte();
        if (depth > MerkleTree.MAX_DEPTH) {
            throw new IllegalArgumentException("tree depth " + depth + " over " + MerkleTree.MAX_DEPTH);
        }
        return depth;
    }

    /** A count of items of at least {@code minBytes} each that the buffer can hold. */
    private static int count(ByteBuf in, int minBytes) {
        int n = in.readInt();
        if (n < 0 || (long) n * minBytes > in.readableBytes()) {
            throw new IllegalArgumentException("count " + n + " does not fit the payload");
        }
        return n;
    }

    private static ByteBuf bytes(ByteBuf out, byte[] b) {
        return out.writeInt(b.length).writeBytes(b);
    }

    private static byte[] bytes(ByteBuf in) {
        int n = in.readInt();
        if (n < 0 || n > in.readableBytes()) {
            throw new IllegalArgumentException("length " + n + " does not fit the payload");
        }
        byte[] b = new byte[n];
        in.readBytes(b);
        return b;
    }
}
