package io.dynoj.redis.engine;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Encodes collections as stored payloads: a count, then each element as (length, bytes); sorted-set
 * members carry their score as 8 bytes after the member. Insertion order is kept (what Redis's
 * small encodings show clients).
 */
public final class Codec {

    private Codec() {
    }

    public static byte[] encodeList(List<byte[]> list) {
        Writer w = new Writer(list.size());
        list.forEach(w::bytes);
        return w.done();
    }

    public static List<byte[]> decodeList(byte[] payload) {
        Reader r = new Reader(payload);
        int n = r.count();
        List<byte[]> list = new ArrayList<>(Math.max(n, 4));
        for (int i = 0; i < n; i++) {
            list.add(r.bytes());
        }
        return list;
    }

    public static byte[] encodeHash(Map<Bytes, byte[]> hash) {
        Writer w = new Writer(hash.size());
        hash.forEach((field, value) -> {
            w.bytes(field.bytes());
            w.bytes(value);
        });
        return w.done();
    }

    public static LinkedHashMap<Bytes, byte[]> decodeHash(byte[] payload) {
        Reader r = new Reader(payload);
        int n = r.count();
        LinkedHashMap<Bytes, byte[]> hash = new LinkedHashMap<>(Math.max(16, n * 2));
        for (int i = 0; i < n; i++) {
            hash.put(new Bytes(r.bytes()), r.bytes());
        }
        return hash;
    }

    public static byte[] encodeSet(Set<Bytes> set) {
        Writer w = new Writer(set.size());
        set.forEach(m -> w.bytes(m.bytes()));
        return w.done();
    }

    public static LinkedHashSet<Bytes> decodeSet(byte[] payload) {
        Reader r = new Reader(payload);
        int n = r.count();
        LinkedHashSet<Bytes> set = new LinkedHashSet<>(Math.max(16, n * 2));
        for (int i = 0; i < n; i++) {
            set.add(new Bytes(r.bytes()));
        }
        return set;
    }

    public static byte[] encodeZSet(ZSet zset) {
        Writer w = new Writer(zset.size());
        for (ZSet.Entry e : zset.ascending()) {
            w.bytes(e.member().bytes());
            // + 0.0 turns -0 into 0: Redis's small sorted sets (listpack) store -0 as 0 too.
            w.score(e.score() + 0.0);
        }
        return w.done();
    }

    public static ZSet decodeZSet(byte[] payload) {
        Reader r = new Reader(payload);
        int n = r.count();
        ZSet zset = new ZSet(n);
        for (int i = 0; i < n; i++) {
            Bytes member = new Bytes(r.bytes());
            zset.appendInOrder(member, r.score());
        }
        return zset;
    }

    private static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Writer(int count) {
            varint(count);
        }

        void bytes(byte[] b) {
            varint(b.length);
            out.writeBytes(b);
        }

        void score(double d) {
            out.writeBytes(ByteBuffer.allocate(8).putDouble(d).array());
        }

        private void varint(int v) {
            while ((v & ~0x7F) != 0) {
                out.write((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            out.write(v);
        }

        byte[] done() {
            return out.toByteArray();
        }
    }

    private static final class Reader {
        private final ByteBuffer buf;

        Reader(byte[] payload) {
            buf = ByteBuffer.wrap(payload);
        }

        int count() {
            return buf.hasRemaining() ? varint() : 0;
        }

        byte[] bytes() {
            byte[] b = new byte[varint()];
            buf.get(b);
            return b;
        }

        double score() {
            return buf.getDouble();
        }

        private int varint() {
            int v = 0;
            for (int shift = 0; ; shift += 7) {
                byte b = buf.get();
                v |= (b & 0x7F) << shift;
                if (b >= 0) {
                    return v;
                }
            }
        }
    }
}
