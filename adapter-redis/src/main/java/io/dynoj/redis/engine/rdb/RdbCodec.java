package io.dynoj.redis.engine.rdb;

import io.dynoj.redis.engine.Bytes;
import io.dynoj.redis.engine.Codec;
import io.dynoj.redis.engine.StoredValue;
import io.dynoj.redis.engine.ZSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A value in Redis's DUMP format and back: {@code [RDB type][value][RDB version, 2 bytes LE]
 * [CRC64 of everything before, 8 bytes LE]}, RDB version 10 as Redis 7.0 writes it. What DUMP
 * answers and RESTORE takes, and how values move between Dynoj nodes and redis-servers.
 *
 * <p>{@link #encode} writes the plain encodings (RDB_TYPE_STRING, LIST, SET, HASH, ZSET_2), which
 * Redis 7.0 accepts. {@link #decode} reads everything Redis 7.0 writes or still loads: integer and
 * LZF strings, listpacks, intsets, quicklists of listpacks, and the ziplists and zipmaps of older
 * versions. Expiry is not part of the payload (RESTORE carries it as its TTL argument).
 * Stateless and thread-safe.
 */
public final class RdbCodec {

    /** The RDB version Redis 7.0 writes; payloads of a newer version are refused, as Redis refuses them. */
    public static final int RDB_VERSION = 10;

    private static final int FOOTER = 10;

    private RdbCodec() {
    }

    /** The DUMP payload of {@code value} (its expiry is left out). */
    public static byte[] encode(StoredValue value) {
        RdbOutput out = new RdbOutput(value.payload().length + 16);
        switch (value.type()) {
            case STRING -> out.u8(RdbValueReader.STRING).string(value.payload());
            case LIST -> {
                List<byte[]> items = Codec.decodeList(value.payload());
                out.u8(RdbValueReader.LIST).length(items.size());
                items.forEach(out::string);
            }
            case SET -> {
                Set<Bytes> members = Codec.decodeSet(value.payload());
                out.u8(RdbValueReader.SET).length(members.size());
                members.forEach(m -> out.string(m.bytes()));
            }
            case HASH -> {
                Map<Bytes, byte[]> hash = Codec.decodeHash(value.payload());
                out.u8(RdbValueReader.HASH).length(hash.size());
                hash.forEach((field, v) -> out.string(field.bytes()).string(v));
            }
            case ZSET -> {
                ZSet zset = Codec.decodeZSet(value.payload());
                out.u8(RdbValueReader.ZSET_2).length(zset.size());
                zset.ascending().forEach(e -> out.string(e.member().bytes()).binaryDouble(e.score()));
            }
        }
        out.littleEndian(RDB_VERSION, 2);
        byte[] body = out.toByteArray();
        long crc = Crc64.of(body, 0, body.length);
        byte[] payload = java.util.Arrays.copyOf(body, body.length + 8);
        for (int i = 0; i < 8; i++) {
            payload[body.length + i] = (byte) (crc >>> (8 * i));
        }
        return payload;
    }

    /**
     * The value a DUMP payload holds, without expiry. Throws {@link RdbFormatException}: of kind
     * {@code VERSION_OR_CHECKSUM} when the footer is wrong (checked first, as Redis does),
     * {@code BAD_FORMAT} when the value does not decode, {@code UNSUPPORTED_TYPE} for streams and
     * module values.
     */
    public static StoredValue decode(byte[] payload) {
        checkFooter(payload);
        RdbInput in = new RdbInput(payload, 0, payload.length - FOOTER);
        int type = in.u8();
        try {
            return RdbValueReader.read(type, in);
        } catch (IndexOutOfBoundsException | NegativeArraySizeException e) {
            // Every read is bounds-checked; this is a last guard so corrupt input never escapes as a crash.
            throw RdbFormatException.bad("corrupt payload: " + e);
        }
    }

    /** Checks the version (at most 10) and the CRC64 of a payload. */
    public static void checkFooter(byte[] payload) {
        if (payload.length < FOOTER) {
            throw new RdbFormatException(RdbFormatException.Kind.VERSION_OR_CHECKSUM, "shorter than the footer");
        }
        int at = payload.length - FOOTER;
        int version = (payload[at] & 0xff) | (payload[at + 1] & 0xff) << 8;
        if (version > RDB_VERSION) {
            throw new RdbFormatException(RdbFormatException.Kind.VERSION_OR_CHECKSUM, "RDB version " + version);
        }
        long expected = 0;
        for (int i = 7; i >= 0; i--) {
            expected = (expected << 8) | (payload[at + 2 + i] & 0xff);
        }
        if (Crc64.of(payload, 0, payload.length - 8) != expected) {
            throw new RdbFormatException(RdbFormatException.Kind.VERSION_OR_CHECKSUM, "CRC64 mismatch");
        }
    }
}
