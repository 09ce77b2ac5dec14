package io.dynoj.redis.engine.rdb;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Builds payloads in the encodings Redis 7.0 no longer writes but still loads (ziplists, zipmaps,
 * quicklists of ziplists), from their format, to test that they decode. Also raw payloads of any
 * type byte with a correct footer.
 */
final class OldEncodings {

    private OldEncodings() {
    }

    /** {@code [type][body][version 10][crc]}. */
    static byte[] payload(int type, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(type);
        out.writeBytes(body);
        out.write(10);
        out.write(0);
        return withCrc(out.toByteArray());
    }

    /** {@code good} with another RDB version and its CRC recomputed. */
    static byte[] withVersion(byte[] good, int version) {
        byte[] body = java.util.Arrays.copyOf(good, good.length - 8);
        body[body.length - 2] = (byte) version;
        return withCrc(body);
    }

    private static byte[] withCrc(byte[] body) {
        long crc = Crc64.of(body, 0, body.length);
        byte[] p = java.util.Arrays.copyOf(body, body.length + 8);
        for (int i = 0; i < 8; i++) {
            p[body.length + i] = (byte) (crc >>> (8 * i));
        }
        return p;
    }

    /** Quicklist (RDB_TYPE_LIST_QUICKLIST) body: a node count and each node as an RDB string. */
    static byte[] nodes(byte[]... nodes) {
        RdbOutput out = new RdbOutput(64).length(nodes.length);
        for (byte[] n : nodes) {
            out.string(n);
        }
        return out.toByteArray();
    }

    /** {@code raw} as an RDB string. */
    static byte[] string(byte[] raw) {
        return new RdbOutput(raw.length + 8).string(raw).toByteArray();
    }

    /** A ziplist of {@code items}, integers in their integer encodings. */
    static byte[] ziplist(List<byte[]> items) {
        ByteArrayOutputStream entries = new ByteArrayOutputStream();
        int prev = 0;
        for (byte[] item : items) {
            byte[] entry = entry(item);
            if (prev < 254) {
                entries.write(prev);
            } else {
                entries.write(0xFE);
                le(entries, prev, 4);
            }
            entries.writeBytes(entry);
            prev = (prev < 254 ? 1 : 5) + entry.length;
        }
        ByteArrayOutputStream zl = new ByteArrayOutputStream();
        int total = 10 + entries.size() + 1;
        le(zl, total, 4);
        le(zl, 0, 4);
        le(zl, items.size(), 2);
        zl.writeBytes(entries.toByteArray());
        zl.write(0xFF);
        return zl.toByteArray();
    }

    private static byte[] entry(byte[] item) {
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        String s = new String(item, StandardCharsets.US_ASCII);
        if (s.matches("-?[1-9][0-9]{0,17}|0")) {
            long v = Long.parseLong(s);
            if (v >= 0 && v <= 12) {
                e.write(0xF1 + (int) v);
            } else if (v == (byte) v) {
                e.write(0xFE);
                le(e, v, 1);
            } else if (v == (short) v) {
                e.write(0xC0);
                le(e, v, 2);
            } else if (v >= -(1 << 23) && v < (1 << 23)) {
                e.write(0xF0);
                le(e, v, 3);
            } else if (v == (int) v) {
                e.write(0xD0);
                le(e, v, 4);
            } else {
                e.write(0xE0);
                le(e, v, 8);
            }
            return e.toByteArray();
        }
        if (item.length < 64) {
            e.write(item.length);
        } else {
            e.write(0x40 | item.length >>> 8);
            e.write(item.length & 0xff);
        }
        e.writeBytes(item);
        return e.toByteArray();
    }

    /** An RDB string holding a zipmap of {@code hash}, with one free byte after each value. */
    static byte[] zipmap(Map<String, String> hash) {
        ByteArrayOutputStream zm = new ByteArrayOutputStream();
        zm.write(hash.size());
        hash.forEach((f, v) -> {
            zm.write(f.length());
            zm.writeBytes(f.getBytes(StandardCharsets.US_ASCII));
            zm.write(v.length());
            zm.write(1);
            zm.writeBytes(v.getBytes(StandardCharsets.US_ASCII));
            zm.write(0);
        });
        zm.write(0xFF);
        return new RdbOutput(16).string(zm.toByteArray()).toByteArray();
    }

    private static void le(ByteArrayOutputStream out, long v, int bytes) {
        for (int i = 0; i < bytes; i++) {
            out.write((int) (v >>> (8 * i)) & 0xff);
        }
    }
}
