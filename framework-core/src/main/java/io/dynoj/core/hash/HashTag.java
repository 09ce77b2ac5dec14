package io.dynoj.core.hash;

import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * A Dynomite {@code hash_tag}: two delimiter bytes; when a key contains them, only the bytes between
 * them are hashed, so related keys ({@code user{42}.name}, {@code user{42}.mail}) land on one node.
 *
 * <p>Selection, as the key parsers do it in Dynomite (src/proto/dyn_redis.c {@code redis_parse_req}
 * and src/proto/dyn_memcache.c {@code memcache_parse_req}, both with {@code dn_strchr} from
 * src/dyn_string.h):
 * <ol>
 *   <li>find the first {@code open} byte in the key; if there is none, the whole key is hashed;</li>
 *   <li>find the first {@code close} byte after it; if there is none, the whole key is hashed;</li>
 *   <li>otherwise the bytes strictly between them are hashed, <em>even when there are none</em>:
 *       unlike twemproxy, Dynomite has no "tag must be non-empty" check, so {@code a{}b} selects an
 *       empty range (see {@link KeyHasher} for what Dynomite then does with it).</li>
 * </ol>
 * Consequences: <code>&#123;a&#123;b&#125;c</code> selects <code>a&#123;b</code>; with equal delimiters ({@code "$$"}) the second
 * occurrence closes the tag. Bytes are compared exactly (no case folding, no UTF-8 decoding).
 */
public final class HashTag {

    private final byte open;
    private final byte close;

    private HashTag(byte open, byte close) {
        this.open = open;
        this.close = close;
    }

    /**
     * The tag of a {@code hash_tag:} setting. Dynomite requires exactly two bytes
     * ({@code conf_set_hashtag} in src/dyn_conf.c), so the string must be two ASCII characters.
     *
     * @throws IllegalArgumentException otherwise
     */
    public static HashTag parse(String config) {
        Objects.requireNonNull(config, "config");
        if (config.length() != 2 || config.charAt(0) > 0x7f || config.charAt(1) > 0x7f) {
            throw new IllegalArgumentException(
                    "hash_tag must be two ASCII characters, like \"{}\", not \"" + config + "\"");
        }
        return new HashTag((byte) config.charAt(0), (byte) config.charAt(1));
    }

    /** A tag from two raw delimiter bytes. */
    public static HashTag of(byte open, byte close) {
        return new HashTag(open, close);
    }

    /** The opening delimiter byte. */
    public byte open() {
        return open;
    }

    /** The closing delimiter byte. */
    public byte close() {
        return close;
    }

    /**
     * The part of {@code key}'s readable bytes to hash, in absolute buffer indexes. The buffer's
     * indexes do not move.
     */
    public KeyRange select(ByteBuf key) {
        return select(key, key.readerIndex(), key.readableBytes());
    }

    /** The part of {@code length} bytes of {@code buf} from absolute {@code index} to hash. */
    public KeyRange select(ByteBuf buf, int index, int length) {
        Objects.checkFromIndexSize(index, length, buf.capacity());
        int end = index + length;
        int openAt = buf.indexOf(index, end, open);
        if (openAt < 0) {
            return new KeyRange(index, length);
        }
        int closeAt = buf.indexOf(openAt + 1, end, close);
        if (closeAt < 0) {
            return new KeyRange(index, length);
        }
        return new KeyRange(openAt + 1, closeAt - openAt - 1);
    }

    /** The part of {@code length} bytes of {@code key} from {@code offset} to hash, as array offsets. */
    public KeyRange select(byte[] key, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, key.length);
        int end = offset + length;
        int openAt = indexOf(key, offset, end, open);
        if (openAt < 0) {
            return new KeyRange(offset, length);
        }
        int closeAt = indexOf(key, openAt + 1, end, close);
        if (closeAt < 0) {
            return new KeyRange(offset, length);
        }
        return new KeyRange(openAt + 1, closeAt - openAt - 1);
    }

    /**
     * A slice of {@code key} holding just the bytes to hash. It shares content and reference count
     * with {@code key} (nothing is copied or retained); {@code key} itself when no tag applies.
     */
    public ByteBuf slice(ByteBuf key) {
        KeyRange r = select(key);
        return r.index() == key.readerIndex() && r.length() == key.readableBytes()
                ? key : key.slice(r.index(), r.length());
    }

    private static int indexOf(byte[] a, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** The two delimiters as a string, e.g. {@code "{}"}. */
    @Override
    public String toString() {
        return new String(new char[] {(char) (open & 0xff), (char) (close & 0xff)});
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HashTag t && t.open == open && t.close == close;
    }

    @Override
    public int hashCode() {
        return open * 31 + close;
    }
}
