package io.dynoj.core.hash;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Objects;
import java.util.Optional;

/**
 * A pool's {@code hash:} plus optional {@code hash_tag:}: turns a key into the token Dynomite looks up
 * on the ring.
 *
 * <h2>How Dynomite places a key (Netflix/dynomite, branch dev)</h2>
 * <ol>
 *   <li><b>Hash.</b> {@code dnode_peer_idx_for_key_on_rack} (src/dyn_dnode_peer.c) calls
 *       {@code pool->key_hash(key, keylen, &token)} on the hash-tag range of the key and passes the
 *       token to {@code vnode_dispatch(&rack->continuums, rack->ncontinuum, &token)}; the result is
 *       an index into {@code pool->peers}. {@link #token(ByteBuf)} is that token's value.</li>
 *   <li><b>One ring per rack.</b> {@code vnode_update} (src/dyn_vnode.c) gives every
 *       (datacenter, rack) its own continuum: one entry per configured token of each node of that
 *       rack, carrying the node's index in {@code pool->peers}, sorted ascending with
 *       {@code qsort}/{@code cmp_dyn_token} ({@code vnode_rack_verify_continuum}). A key is looked up
 *       separately in each rack it is sent to.</li>
 *   <li><b>Lookup.</b> {@code vnode_dispatch} (src/dyn_vnode.c): if the hash is greater than the
 *       largest token, or less than or equal to the smallest token, the owner of the smallest token
 *       is chosen; otherwise a binary search finds the <em>smallest token that is {@code >=} the
 *       hash</em> (an equal token wins at once). So a node owns the hashes in
 *       {@code (previous token, its token]}, and hashes above the largest token wrap around to the
 *       smallest token.</li>
 *   <li><b>Comparison.</b> {@code cmp_dyn_token} (src/hashkit/dyn_token.c) compares
 *       {@code signum}, then {@code len}, then {@code mag[0]} as {@code uint32_t}. Hash tokens have
 *       {@code len} 1 and {@code signum = value > 0}; a config token parsed by
 *       {@code parse_dyn_token} has {@code len} 1, {@code signum} 0 for {@code "0"} and 1 otherwise.
 *       For tokens written as plain non-negative decimals up to 4294967295 this is exactly the
 *       unsigned numeric order of the values, i.e. {@code Long.compare} on what this class returns.
 *       Quirks of the parser, for whoever reads the config: {@code "-N"} stores {@code signum}
 *       {@code (uint32_t)-1}, so a negative token sorts above every non-negative one; ten-digit
 *       values above 4294967295 wrap modulo 2<sup>32</sup> ({@code dn_atoui}); longer strings go
 *       through a faulty multi-word step ({@code add_next_word}).</li>
 *   <li><b>Several tokens per node.</b> The intent is one ring entry per token, all naming the same
 *       node. Dynomite's {@code vnode_update} however pushes one continuum slot per node and then
 *       writes {@code token_cnt} entries, which overruns the array (or trips {@code ASSERT} in debug
 *       builds) as soon as a node has two tokens: in practice every Dynomite node has one token.</li>
 *   <li><b>Equal tokens</b> in one rack: the sort is not stable and the search stops at whichever
 *       equal entry it probes, so which node wins is not defined.</li>
 * </ol>
 *
 * <h2>Which bytes are hashed</h2>
 * <ul>
 *   <li>Single-key requests ({@code req_forward} in src/dyn_client.c,
 *       {@code msg_get_tagged_key}): the first key's hash-tag range, see {@link HashTag}. When that
 *       range is empty ({@code a{}b} with tag {@code {}}, or an empty key), {@code
 *       dnode_peer_for_key_on_rack} does not hash at all: it returns {@code pool->peers[0]}, which
 *       {@code dnode_initialize_peers} makes the local node, whatever the rack.
 *       {@link #hasEmptyHashKey(ByteBuf)} detects that case.</li>
 *   <li>Redis multi-key commands (MGET, MSET, DEL, EXISTS: {@code redis_fragment_argx}) and EVAL's
 *       same-node check ({@code redis_verify_request}) in src/proto/dyn_redis.c call
 *       {@code dnode_peer_idx_for_key_on_rack} on each key's tag range directly, so an empty range is
 *       hashed as an empty key; {@link #token(ByteBuf)} does the same.</li>
 *   <li>Memcached multi-get ({@code memcache_fragment_retrieval} in src/proto/dyn_memcache.c)
 *       hashes each <em>full</em> key, ignoring the hash tag: use
 *       {@code algorithm().hash(key)} there.</li>
 *   <li>{@code ROUTING_LOCAL_NODE_ONLY} requests always go to {@code pool->peers[0]}, unhashed.</li>
 * </ul>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class KeyHasher {

    private final HashAlgorithm algorithm;
    private final HashTag hashTag;

    /**
     * @param algorithm the {@code hash:} function
     * @param hashTag   the {@code hash_tag:}, or {@code null} to hash whole keys
     */
    public KeyHasher(HashAlgorithm algorithm, HashTag hashTag) {
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        this.hashTag = hashTag;
    }

    /**
     * From config values.
     *
     * @param hash    a Dynomite hash name, or {@code null} for Dynomite's default ({@code murmur})
     * @param hashTag two ASCII characters, or {@code null}/empty for none (Dynomite ignores an empty
     *                tag: {@code string_empty(hash_tag)})
     * @throws IllegalArgumentException for an unknown hash name or a malformed tag
     */
    public static KeyHasher of(String hash, String hashTag) {
        HashAlgorithm a = hash == null ? HashAlgorithm.DEFAULT : HashAlgorithm.byName(hash);
        HashTag t = hashTag == null || hashTag.isEmpty() ? null : HashTag.parse(hashTag);
        return new KeyHasher(a, t);
    }

    /** The hash function. */
    public HashAlgorithm algorithm() {
        return algorithm;
    }

    /** The hash tag, if one is configured. */
    public Optional<HashTag> hashTag() {
        return Optional.ofNullable(hashTag);
    }

    /** The bytes of {@code key}'s readable range that are hashed, in absolute buffer indexes. */
    public KeyRange select(ByteBuf key) {
        return hashTag == null ? new KeyRange(key.readerIndex(), key.readableBytes()) : hashTag.select(key);
    }

    /**
     * The ring token of the key in {@code key}'s readable bytes: the hash of its hash-tag range (which
     * may be empty, see the class comment), an unsigned 32-bit value in {@code [0, 2^32)} to compare
     * with node tokens as described above. The buffer's indexes do not move; nothing is copied.
     */
    public long token(ByteBuf key) {
        KeyRange r = select(key);
        return algorithm.hash(key, r.index(), r.length());
    }

    /** {@link #token(ByteBuf)} for {@code length} bytes of an array from {@code offset}. */
    public long token(byte[] key, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, key.length);
        return token(Unpooled.wrappedBuffer(key, offset, length));
    }

    /**
     * Whether the bytes to hash are empty (empty key, or an empty tag like {@code a{}b}). Dynomite
     * routes such a single-key request to {@code pool->peers[0]}, the local node, without consulting
     * the ring ({@code dnode_peer_for_key_on_rack}).
     */
    public boolean hasEmptyHashKey(ByteBuf key) {
        return select(key).isEmpty();
    }

    @Override
    public String toString() {
        return algorithm.dynomiteName() + (hashTag == null ? "" : " " + hashTag);
    }
}
