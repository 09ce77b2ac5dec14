package io.dynoj.core.hash;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The key hash functions a Dynomite {@code hash:} setting can name, bit-exact with Netflix Dynomite
 * (branch dev, src/hashkit/, as built with gcc on x86-64).
 *
 * <p>Every function returns the C {@code uint32_t} token value as a non-negative {@code long} in
 * {@code [0, 2^32)}; ring placement compares those values as unsigned numbers (see
 * {@link KeyHasher}). Hashing never changes a buffer's reader or writer index and never copies the
 * key (MD5 of a composite buffer goes through a small bounded scratch array).
 *
 * <p>Points where Dynomite's behaviour is not the textbook algorithm:
 * <ul>
 *   <li>{@link #ONE_AT_A_TIME} sign-extends bytes {@code >= 0x80} (Dynomite reads through a signed
 *       {@code char *}); every other function reads bytes unsigned.</li>
 *   <li>{@link #CRC16} keeps a 32-bit running value, so only its low 16 bits are CRC-16/XMODEM.</li>
 *   <li>{@link #CRC32} is 15 bits ({@code (crc32 >> 16) & 0x7fff}); {@link #CRC32A} is the real
 *       CRC-32.</li>
 *   <li>{@link #MURMUR} is MurmurHash2 with seed {@code 0xdeadbeef * length}. It is Dynomite's
 *       default when {@code hash:} is not set.</li>
 *   <li>{@link #MURMUR3} is a stub in Dynomite and maps every key to token 0.</li>
 *   <li>{@link #HSIEH} and {@link #JENKINS} leave the token undefined for an empty key in Dynomite;
 *       we return twemproxy's values (0 and 0xdeadbefc).</li>
 * </ul>
 */
public enum HashAlgorithm {

    /** {@code one_at_a_time}: Jenkins' one-at-a-time hash over sign-extended bytes. */
    ONE_AT_A_TIME("one_at_a_time", OneAtATime::hash),
    /** {@code md5}: the first four MD5 digest bytes, little-endian. */
    MD5("md5", Md5Hash::hash),
    /** {@code crc16}: XMODEM CRC whose running value is not masked to 16 bits. */
    CRC16("crc16", Crc::crc16),
    /** {@code crc32}: bits 16..30 of the standard CRC-32 (libmemcached compatible), below 32768. */
    CRC32("crc32", Crc::crc32),
    /** {@code crc32a}: the standard CRC-32 (as {@link java.util.zip.CRC32}). */
    CRC32A("crc32a", Crc::crc32a),
    /** {@code fnv1_64}: 64-bit FNV-1 truncated to its low 32 bits. */
    FNV1_64("fnv1_64", Fnv::fnv1_64),
    /** {@code fnv1a_64}: 64-bit FNV-1a truncated to its low 32 bits. */
    FNV1A_64("fnv1a_64", Fnv::fnv1a_64),
    /** {@code fnv1_32}: 32-bit FNV-1. */
    FNV1_32("fnv1_32", Fnv::fnv1_32),
    /** {@code fnv1a_32}: 32-bit FNV-1a. */
    FNV1A_32("fnv1a_32", Fnv::fnv1a_32),
    /** {@code hsieh}: SuperFastHash; an empty key gives 0. */
    HSIEH("hsieh", Hsieh::hash),
    /** {@code murmur}: twemproxy's MurmurHash2, seed {@code 0xdeadbeef * length}; Dynomite's default. */
    MURMUR("murmur", Murmur2::hash),
    /** {@code jenkins}: lookup3 {@code hashlittle}, initval 13; an empty key gives 0xdeadbefc. */
    JENKINS("jenkins", Jenkins::hash),
    /**
     * {@code murmur3}: always 0. Dynomite's {@code hash_murmur3} (src/hashkit/dyn_murmur3.c, every
     * branch and release) only calls {@code size_dyn_token(token, 4)}, which sets {@code signum = 0};
     * the {@code MurmurHash3_x86_128} call is commented out and {@code mag[]} is left unset.
     * {@code cmp_dyn_token} returns "equal" for two signum-0 tokens and "greater" for any positive
     * token against it without looking at {@code mag}, so {@code vnode_dispatch} sends every key to the
     * smallest token of the rack: exactly what a token of 0 does.
     */
    MURMUR3("murmur3", (buf, index, length) -> 0);

    /** What Dynomite uses when {@code hash:} is not set ({@code CONF_DEFAULT_HASH} in src/dyn_conf.c). */
    public static final HashAlgorithm DEFAULT = MURMUR;

    private final String dynomiteName;
    private final RangeHash function;

    HashAlgorithm(String dynomiteName, RangeHash function) {
        this.dynomiteName = dynomiteName;
        this.function = function;
    }

    /** The name used in a Dynomite {@code hash:} setting, e.g. {@code "fnv1a_64"}. */
    public String dynomiteName() {
        return dynomiteName;
    }

    /**
     * The algorithm a Dynomite {@code hash:} setting names, ignoring case (Dynomite itself matches case
     * sensitively, and all its names are lower case).
     *
     * @throws IllegalArgumentException if the name is not one of Dynomite's; the message lists them
     */
    public static HashAlgorithm byName(String name) {
        Objects.requireNonNull(name, "name");
        String wanted = name.toLowerCase(Locale.ROOT);
        for (HashAlgorithm a : values()) {
            if (a.dynomiteName.equals(wanted)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown hash '" + name + "'; valid: "
                + Arrays.stream(values()).map(HashAlgorithm::dynomiteName).collect(Collectors.joining(", ")));
    }

    /**
     * Hashes {@code length} bytes of {@code key} from {@code offset}.
     *
     * @return the unsigned 32-bit hash, in {@code [0, 2^32)}
     * @throws IndexOutOfBoundsException if the range is not inside the array
     */
    public long hash(byte[] key, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, key.length);
        // Wrapping an array shares it; nothing is copied.
        return hash(Unpooled.wrappedBuffer(key), offset, length);
    }

    /** Hashes the whole array; see {@link #hash(byte[], int, int)}. */
    public long hash(byte[] key) {
        return hash(key, 0, key.length);
    }

    /**
     * Hashes the readable bytes of {@code key} (reader index to writer index); the indexes do not move.
     *
     * @return the unsigned 32-bit hash, in {@code [0, 2^32)}
     */
    public long hash(ByteBuf key) {
        return hash(key, key.readerIndex(), key.readableBytes());
    }

    /**
     * Hashes {@code length} bytes of {@code buf} from the absolute {@code index}, like
     * {@link ByteBuf#getByte(int)}; the buffer's indexes do not move.
     *
     * @return the unsigned 32-bit hash, in {@code [0, 2^32)}
     * @throws IndexOutOfBoundsException if the range is not inside the buffer's capacity
     */
    public long hash(ByteBuf buf, int index, int length) {
        Objects.checkFromIndexSize(index, length, buf.capacity());
        return function.hash(buf, index, length) & 0xffff_ffffL;
    }
}
