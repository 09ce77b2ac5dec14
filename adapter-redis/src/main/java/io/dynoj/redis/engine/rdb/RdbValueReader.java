package io.dynoj.redis.engine.rdb;

import io.dynoj.redis.engine.Bytes;
import io.dynoj.redis.engine.Codec;
import io.dynoj.redis.engine.StoredValue;
import io.dynoj.redis.engine.ValueType;
import io.dynoj.redis.engine.ZSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Turns one RDB value (its type byte already read) into a {@link StoredValue} without expiry, from
 * every encoding Redis 7.0 loads: plain strings, lists, sets, hashes, sorted sets (text and binary
 * scores), and the compact ones (zipmap, ziplist, intset, listpack, quicklists of ziplists and of
 * listpacks). As in Redis, an empty collection, a duplicate member or field, and a NaN score are
 * corrupt. Stateless.
 */
final class RdbValueReader {

    static final int STRING = 0;
    static final int LIST = 1;
    static final int SET = 2;
    static final int ZSET = 3;
    static final int HASH = 4;
    static final int ZSET_2 = 5;
    static final int HASH_ZIPMAP = 9;
    static final int LIST_ZIPLIST = 10;
    static final int SET_INTSET = 11;
    static final int ZSET_ZIPLIST = 12;
    static final int HASH_ZIPLIST = 13;
    static final int LIST_QUICKLIST = 14;
    static final int STREAM_LISTPACKS = 15;
    static final int HASH_LISTPACK = 16;
    static final int ZSET_LISTPACK = 17;
    static final int LIST_QUICKLIST_2 = 18;
    static final int STREAM_LISTPACKS_2 = 19;

    private static final int QUICKLIST_PLAIN = 1;
    private static final int QUICKLIST_PACKED = 2;

    private RdbValueReader() {
    }

    static StoredValue read(int type, RdbInput in) {
        return switch (type) {
            case STRING -> new StoredValue(ValueType.STRING, 0, in.string());
            case LIST -> list(strings(in, 1));
            case LIST_ZIPLIST -> list(Ziplist.entries(in.string()));
            case LIST_QUICKLIST, LIST_QUICKLIST_2 -> list(quicklist(in, type == LIST_QUICKLIST_2));
            case SET -> set(strings(in, 1));
            case SET_INTSET -> set(Intset.members(in.string()));
            case HASH -> hash(strings(in, 2));
            case HASH_ZIPMAP -> hash(Zipmap.entries(in.string()));
            case HASH_ZIPLIST -> hash(Ziplist.entries(in.string()));
            case HASH_LISTPACK -> hash(Listpack.entries(in.string()));
            case ZSET, ZSET_2 -> zset(scoredMembers(in, type == ZSET_2));
            case ZSET_ZIPLIST -> zset(textScores(Ziplist.entries(in.string())));
            case ZSET_LISTPACK -> zset(textScores(Listpack.entries(in.string())));
            case STREAM_LISTPACKS, STREAM_LISTPACKS_2 ->
                    throw new RdbFormatException(RdbFormatException.Kind.UNSUPPORTED_TYPE, "stream");
            case 6, 7 -> throw new RdbFormatException(RdbFormatException.Kind.UNSUPPORTED_TYPE, "module value");
            default -> throw RdbFormatException.bad("unknown RDB type " + type);
        };
    }

    /** {@code count * perItem} strings (RDB_TYPE_LIST, SET, HASH). */
    private static List<byte[]> strings(RdbInput in, int perItem) {
        int n = in.count(perItem);
        List<byte[]> out = new ArrayList<>(n * perItem);
        for (int i = 0; i < n * perItem; i++) {
            out.add(in.string());
        }
        return out;
    }

    private static List<byte[]> quicklist(RdbInput in, boolean withContainers) {
        int nodes = in.count(withContainers ? 2 : 1);
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            long container = withContainers ? in.length() : QUICKLIST_PACKED;
            byte[] node = in.string();
            if (node.length == 0 || (container != QUICKLIST_PLAIN && container != QUICKLIST_PACKED)) {
                throw RdbFormatException.bad("quicklist node is empty or of unknown kind");
            }
            if (container == QUICKLIST_PLAIN) {
                out.add(node);
            } else {
                out.addAll(withContainers ? Listpack.entries(node) : Ziplist.entries(node));
            }
        }
        return out;
    }

    private static List<ZSet.Entry> scoredMembers(RdbInput in, boolean binary) {
        int n = in.count(2);
        List<ZSet.Entry> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] member = in.string();
            double score = binary ? in.binaryDouble() : in.textDouble();
            out.add(entry(member, score));
        }
        return out;
    }

    private static List<ZSet.Entry> textScores(List<byte[]> pairs) {
        if (pairs.size() % 2 != 0) {
            throw RdbFormatException.bad("sorted set with a member but no score");
        }
        List<ZSet.Entry> out = new ArrayList<>(pairs.size() / 2);
        for (int i = 0; i < pairs.size(); i += 2) {
            out.add(entry(pairs.get(i), RdbScores.parse(pairs.get(i + 1))));
        }
        return out;
    }

    private static ZSet.Entry entry(byte[] member, double score) {
        if (Double.isNaN(score)) {
            throw RdbFormatException.bad("NaN score");
        }
        return new ZSet.Entry(new Bytes(member), score);
    }

    private static StoredValue list(List<byte[]> items) {
        nonEmpty(items.size());
        return new StoredValue(ValueType.LIST, 0, Codec.encodeList(items));
    }

    private static StoredValue set(List<byte[]> members) {
        nonEmpty(members.size());
        LinkedHashSet<Bytes> set = new LinkedHashSet<>(members.size() * 2);
        for (byte[] m : members) {
            if (!set.add(new Bytes(m))) {
                throw RdbFormatException.bad("duplicate set member");
            }
        }
        return new StoredValue(ValueType.SET, 0, Codec.encodeSet(set));
    }

    private static StoredValue hash(List<byte[]> pairs) {
        nonEmpty(pairs.size());
        if (pairs.size() % 2 != 0) {
            throw RdbFormatException.bad("hash field without a value");
        }
        LinkedHashMap<Bytes, byte[]> hash = new LinkedHashMap<>(pairs.size());
        for (int i = 0; i < pairs.size(); i += 2) {
            if (hash.put(new Bytes(pairs.get(i)), pairs.get(i + 1)) != null) {
                throw RdbFormatException.bad("duplicate hash field");
            }
        }
        return new StoredValue(ValueType.HASH, 0, Codec.encodeHash(hash));
    }

    private static StoredValue zset(List<ZSet.Entry> entries) {
        nonEmpty(entries.size());
        // Sorted first so that every put appends: Redis writes big sorted sets highest score first,
        // and inserting each at the front would be quadratic.
        entries.sort(null);
        ZSet zset = new ZSet(entries.size());
        for (ZSet.Entry e : entries) {
            if (Double.isNaN(e.score()) || !zset.put(e.member(), e.score())) {
                throw RdbFormatException.bad("NaN score or duplicate sorted-set member");
            }
        }
        return new StoredValue(ValueType.ZSET, 0, Codec.encodeZSet(zset));
    }

    private static void nonEmpty(int size) {
        if (size == 0) {
            throw RdbFormatException.bad("empty collection");
        }
    }
}
