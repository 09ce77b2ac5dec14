package io.dynoj.redis.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.storage.MemoryStore;
import io.dynoj.redis.protocol.RedisProtocolAdapter;
import io.dynoj.redis.protocol.RedisRequest;
import io.dynoj.redis.protocol.RespWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The list commands of the engine, reply by reply (expected texts are redis-server 7.0's). */
class ListCommandsTest {

    private static final String WRONGTYPE = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";
    private static final String NOT_INTEGER = "-ERR value is not an integer or out of range\r\n";
    private static final String SYNTAX = "-ERR syntax error\r\n";
    private static final String EMPTY = "*0\r\n";
    private static final String NULL = "$-1\r\n";
    private static final String NULL_ARRAY = "*-1\r\n";

    private final MemoryStore store = new MemoryStore();
    private final EngineHarness h = new EngineHarness(store);

    @AfterEach
    void close() {
        h.close();
    }

    /** The RESP array of bulk strings {@code items}. */
    private static String bulks(String... items) {
        StringBuilder sb = new StringBuilder("*").append(items.length).append("\r\n");
        for (String s : items) {
            sb.append('$').append(s.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(s).append("\r\n");
        }
        return sb.toString();
    }

    private static String bulk(String s) {
        return "$" + s.length() + "\r\n" + s + "\r\n";
    }

    /** The key's entry in the store, bypassing the engine: null once a command deleted it. */
    private StoredValue stored(String key) {
        byte[] raw = store.get(Keyspace.storeKey(key.getBytes(StandardCharsets.UTF_8)));
        // A deleted key leaves a tombstone (its write time), which is no value.
        return raw == null || StoredValue.isTombstone(raw) ? null : StoredValue.decode(raw);
    }

    private String range(String key) {
        return h.run("LRANGE", key, "0", "-1");
    }

    @Test
    void pushesAtBothEndsAndCountsTheLength() {
        assertThat(h.run("RPUSH", "l", "a", "b")).isEqualTo(":2\r\n");
        assertThat(h.run("LPUSH", "l", "x", "y")).isEqualTo(":4\r\n");
        assertThat(range("l")).isEqualTo(bulks("y", "x", "a", "b"));
        assertThat(h.run("LLEN", "l")).isEqualTo(":4\r\n");
        assertThat(h.run("LLEN", "none")).isEqualTo(":0\r\n");
    }

    @Test
    void pushxOnlyPushesToExistingLists() {
        assertThat(h.run("LPUSHX", "l", "a")).isEqualTo(":0\r\n");
        assertThat(h.run("RPUSHX", "l", "a")).isEqualTo(":0\r\n");
        assertThat(stored("l")).isNull();
        h.run("RPUSH", "l", "m");
        assertThat(h.run("LPUSHX", "l", "a", "b")).isEqualTo(":3\r\n");
        assertThat(h.run("RPUSHX", "l", "z")).isEqualTo(":4\r\n");
        assertThat(range("l")).isEqualTo(bulks("b", "a", "m", "z"));
    }

    @Test
    void listCommandsRefuseOtherTypes() {
        h.run("SET", "s", "v");
        for (String[] cmd : new String[][] {
                {"LPUSH", "s", "a"}, {"RPUSHX", "s", "a"}, {"LPOP", "s"}, {"RPOP", "s", "0"}, {"LLEN", "s"},
                {"LINDEX", "s", "0"}, {"LSET", "s", "0", "a"}, {"LRANGE", "s", "0", "1"}, {"LTRIM", "s", "0", "1"},
                {"LREM", "s", "0", "a"}, {"LINSERT", "s", "BEFORE", "a", "b"}, {"LPOS", "s", "a"},
                {"RPOPLPUSH", "s", "d"}, {"LMOVE", "s", "d", "LEFT", "RIGHT"}, {"LMPOP", "1", "s", "LEFT"}}) {
            assertThat(h.run(cmd)).as(String.join(" ", cmd)).isEqualTo(WRONGTYPE);
        }
        assertThat(h.run("GET", "s")).isEqualTo(bulk("v"));
    }

    @Test
    void popsOneOrCountElements() {
        h.run("RPUSH", "l", "a", "b", "c", "d", "e");
        assertThat(h.run("LPOP", "l")).isEqualTo(bulk("a"));
        assertThat(h.run("RPOP", "l")).isEqualTo(bulk("e"));
        assertThat(h.run("RPOP", "l", "2")).isEqualTo(bulks("d", "c"));
        assertThat(h.run("LPOP", "l", "0")).isEqualTo(EMPTY);
        assertThat(h.run("LPOP", "l", "10")).isEqualTo(bulks("b"));
        assertThat(stored("l")).isNull();
    }

    @Test
    void popRepliesForMissingKeysAndBadCounts() {
        assertThat(h.run("LPOP", "none")).isEqualTo(NULL);
        assertThat(h.run("RPOP", "none", "1")).isEqualTo(NULL_ARRAY);
        assertThat(h.run("RPOP", "none", "0")).isEqualTo(NULL_ARRAY);
        assertThat(h.run("LPOP", "none", "-1")).isEqualTo("-ERR value is out of range, must be positive\r\n");
        assertThat(h.run("LPOP", "none", "x")).isEqualTo("-ERR value is out of range, must be positive\r\n");
        assertThat(h.run("LPOP", "none", "1", "2")).isEqualTo("-ERR wrong number of arguments for 'lpop' command\r\n");
    }

    @Test
    void indexesFromBothEnds() {
        h.run("RPUSH", "l", "a", "b", "c");
        assertThat(h.run("LINDEX", "l", "0")).isEqualTo(bulk("a"));
        assertThat(h.run("LINDEX", "l", "-1")).isEqualTo(bulk("c"));
        assertThat(h.run("LINDEX", "l", "3")).isEqualTo(NULL);
        assertThat(h.run("LINDEX", "l", "-4")).isEqualTo(NULL);
        assertThat(h.run("LINDEX", "l", "x")).isEqualTo(NOT_INTEGER);
        assertThat(h.run("LINDEX", "none", "x")).isEqualTo(NULL);
    }

    @Test
    void setsByIndex() {
        assertThat(h.run("LSET", "none", "0", "x")).isEqualTo("-ERR no such key\r\n");
        h.run("RPUSH", "l", "a", "b", "c");
        assertThat(h.run("LSET", "l", "-1", "z")).isEqualTo("+OK\r\n");
        assertThat(h.run("LSET", "l", "3", "z")).isEqualTo("-ERR index out of range\r\n");
        assertThat(h.run("LSET", "l", "x", "z")).isEqualTo(NOT_INTEGER);
        assertThat(range("l")).isEqualTo(bulks("a", "b", "z"));
    }

    @Test
    void rangesClampLikeRedis() {
        h.run("RPUSH", "l", "a", "b", "c", "d");
        assertThat(h.run("LRANGE", "l", "1", "2")).isEqualTo(bulks("b", "c"));
        assertThat(h.run("LRANGE", "l", "-100", "100")).isEqualTo(bulks("a", "b", "c", "d"));
        assertThat(h.run("LRANGE", "l", "-2", "-1")).isEqualTo(bulks("c", "d"));
        assertThat(h.run("LRANGE", "l", "3", "1")).isEqualTo(EMPTY);
        assertThat(h.run("LRANGE", "l", "4", "10")).isEqualTo(EMPTY);
        assertThat(h.run("LRANGE", "none", "0", "-1")).isEqualTo(EMPTY);
        assertThat(h.run("LRANGE", "none", "x", "1")).isEqualTo(NOT_INTEGER);
    }

    @Test
    void trimsAndDeletesWhenNothingIsLeft() {
        h.run("RPUSH", "l", "a", "b", "c", "d");
        assertThat(h.run("LTRIM", "l", "1", "-2")).isEqualTo("+OK\r\n");
        assertThat(range("l")).isEqualTo(bulks("b", "c"));
        assertThat(h.run("LTRIM", "l", "5", "10")).isEqualTo("+OK\r\n");
        assertThat(stored("l")).isNull();
        assertThat(h.run("LTRIM", "none", "x", "1")).isEqualTo(NOT_INTEGER);
        assertThat(h.run("LTRIM", "none", "0", "1")).isEqualTo("+OK\r\n");
    }

    @Test
    void removesFromTheHeadTheTailOrEverywhere() {
        h.run("RPUSH", "l", "a", "b", "a", "c", "a");
        assertThat(h.run("LREM", "l", "-1", "a")).isEqualTo(":1\r\n");
        assertThat(range("l")).isEqualTo(bulks("a", "b", "a", "c"));
        assertThat(h.run("LREM", "l", "1", "a")).isEqualTo(":1\r\n");
        assertThat(range("l")).isEqualTo(bulks("b", "a", "c"));
        assertThat(h.run("LREM", "l", "0", "zz")).isEqualTo(":0\r\n");
        h.run("RPUSH", "m", "x", "x");
        assertThat(h.run("LREM", "m", "0", "x")).isEqualTo(":2\r\n");
        assertThat(stored("m")).isNull();
        assertThat(h.run("LREM", "none", "0", "x")).isEqualTo(":0\r\n");
        assertThat(h.run("LREM", "none", "x", "x")).isEqualTo(NOT_INTEGER);
    }

    @Test
    void insertsAroundThePivot() {
        assertThat(h.run("LINSERT", "none", "BEFORE", "a", "x")).isEqualTo(":0\r\n");
        h.run("RPUSH", "l", "a", "b");
        assertThat(h.run("LINSERT", "l", "before", "b", "x")).isEqualTo(":3\r\n");
        assertThat(h.run("LINSERT", "l", "AFTER", "b", "y")).isEqualTo(":4\r\n");
        assertThat(h.run("LINSERT", "l", "AFTER", "zz", "y")).isEqualTo(":-1\r\n");
        assertThat(h.run("LINSERT", "l", "middle", "b", "y")).isEqualTo(SYNTAX);
        assertThat(h.run("LINSERT", "none", "middle", "b", "y")).isEqualTo(SYNTAX);
        assertThat(range("l")).isEqualTo(bulks("a", "x", "b", "y"));
    }

    @Test
    void findsPositionsWithRankCountAndMaxlen() {
        h.run("RPUSH", "l", "a", "b", "c", "1", "2", "3", "c", "c");
        assertThat(h.run("LPOS", "l", "c")).isEqualTo(":2\r\n");
        assertThat(h.run("LPOS", "l", "c", "RANK", "2")).isEqualTo(":6\r\n");
        assertThat(h.run("LPOS", "l", "c", "RANK", "-1")).isEqualTo(":7\r\n");
        assertThat(h.run("LPOS", "l", "c", "COUNT", "0")).isEqualTo("*3\r\n:2\r\n:6\r\n:7\r\n");
        assertThat(h.run("LPOS", "l", "c", "COUNT", "2", "RANK", "-1")).isEqualTo("*2\r\n:7\r\n:6\r\n");
        assertThat(h.run("LPOS", "l", "c", "COUNT", "0", "MAXLEN", "3")).isEqualTo("*1\r\n:2\r\n");
        assertThat(h.run("LPOS", "l", "c", "MAXLEN", "2")).isEqualTo(NULL);
        assertThat(h.run("LPOS", "l", "zz", "COUNT", "1")).isEqualTo(EMPTY);
        assertThat(h.run("LPOS", "none", "c")).isEqualTo(NULL);
        assertThat(h.run("LPOS", "none", "c", "COUNT", "1")).isEqualTo(EMPTY);
        assertThat(h.run("LPOS", "l", "c", "RANK", "-9223372036854775808")).isEqualTo(":7\r\n");
    }

    @Test
    void lposOptionErrors() {
        h.run("RPUSH", "l", "a");
        assertThat(h.run("LPOS", "l", "a", "RANK", "0")).isEqualTo("-ERR RANK can't be zero: use 1 to start from "
                + "the first match, 2 from the second ... or use negative to start from the end of the list\r\n");
        assertThat(h.run("LPOS", "l", "a", "RANK", "x")).isEqualTo(NOT_INTEGER);
        assertThat(h.run("LPOS", "l", "a", "COUNT", "-1")).isEqualTo("-ERR COUNT can't be negative\r\n");
        assertThat(h.run("LPOS", "l", "a", "MAXLEN", "x")).isEqualTo("-ERR MAXLEN can't be negative\r\n");
        assertThat(h.run("LPOS", "l", "a", "RANK")).isEqualTo(SYNTAX);
        assertThat(h.run("LPOS", "none", "a", "FOO", "1")).isEqualTo(SYNTAX);
    }

    @Test
    void movesBetweenListsAndRotatesOne() {
        h.run("RPUSH", "src", "a", "b", "c");
        assertThat(h.run("RPOPLPUSH", "src", "dst")).isEqualTo(bulk("c"));
        assertThat(h.run("LMOVE", "src", "dst", "LEFT", "RIGHT")).isEqualTo(bulk("a"));
        assertThat(range("dst")).isEqualTo(bulks("c", "a"));
        assertThat(h.run("LMOVE", "dst", "dst", "left", "right")).isEqualTo(bulk("c"));
        assertThat(range("dst")).isEqualTo(bulks("a", "c"));
        assertThat(h.run("RPOPLPUSH", "src", "src")).isEqualTo(bulk("b"));
        assertThat(range("src")).isEqualTo(bulks("b"));
        assertThat(h.run("LMOVE", "src", "dst", "RIGHT", "LEFT")).isEqualTo(bulk("b"));
        assertThat(stored("src")).isNull();
        assertThat(range("dst")).isEqualTo(bulks("b", "a", "c"));
        assertThat(h.run("RPOPLPUSH", "src", "dst")).isEqualTo(NULL);
        assertThat(h.run("LMOVE", "src", "dst", "UP", "LEFT")).isEqualTo(SYNTAX);
    }

    @Test
    void moveChecksTheDestinationTypeOnlyWhenSomethingMoves() {
        h.run("SET", "s", "v");
        assertThat(h.run("RPOPLPUSH", "none", "s")).isEqualTo(NULL);
        h.run("RPUSH", "l", "a");
        assertThat(h.run("LMOVE", "l", "s", "LEFT", "LEFT")).isEqualTo(WRONGTYPE);
        assertThat(range("l")).isEqualTo(bulks("a"));
    }

    @Test
    void modificationsKeepTheTtl() {
        long expireAt = h.now() + 10_000;
        byte[] key = "l".getBytes(StandardCharsets.UTF_8);
        List<byte[]> abc = List.of("a".getBytes(StandardCharsets.UTF_8), "b".getBytes(StandardCharsets.UTF_8), "c".getBytes(StandardCharsets.UTF_8));
        store.put(Keyspace.storeKey(key), new StoredValue(ValueType.LIST, expireAt, Codec.encodeList(abc)).encode());
        h.run("LPUSH", "l", "x");
        h.run("LSET", "l", "0", "y");
        h.run("LPOP", "l");
        h.run("LMOVE", "l", "l", "LEFT", "RIGHT");
        assertThat(range("l")).isEqualTo(bulks("b", "c", "a"));
        assertThat(stored("l").expireAt()).isEqualTo(expireAt);
        h.advance(10_000);
        assertThat(h.run("LLEN", "l")).isEqualTo(":0\r\n");
    }

    @Test
    void mpopsFromTheFirstNonEmptyList() {
        h.run("RPUSH", "b", "1", "2", "3");
        assertThat(h.run("LMPOP", "2", "a", "b", "LEFT")).isEqualTo("*2\r\n$1\r\nb\r\n" + bulks("1"));
        assertThat(h.run("LMPOP", "2", "a", "b", "RIGHT", "COUNT", "5")).isEqualTo("*2\r\n$1\r\nb\r\n" + bulks("3", "2"));
        assertThat(stored("b")).isNull();
        assertThat(h.run("LMPOP", "2", "a", "b", "LEFT")).isEqualTo(NULL_ARRAY);
    }

    @Test
    void mpopArgumentErrors() {
        assertThat(h.run("LMPOP", "0", "a", "LEFT")).isEqualTo("-ERR numkeys should be greater than 0\r\n");
        assertThat(h.run("LMPOP", "x", "a", "LEFT")).isEqualTo("-ERR numkeys should be greater than 0\r\n");
        assertThat(h.run("LMPOP", "5", "a", "LEFT")).isEqualTo(SYNTAX);
        assertThat(h.run("LMPOP", "1", "a", "UP")).isEqualTo(SYNTAX);
        assertThat(h.run("LMPOP", "1", "a", "LEFT", "COUNT", "0")).isEqualTo("-ERR count should be greater than 0\r\n");
        assertThat(h.run("LMPOP", "1", "a", "LEFT", "COUNT", "1", "COUNT", "1")).isEqualTo(SYNTAX);
        assertThat(h.run("LMPOP", "1", "a", "LEFT", "COUNT")).isEqualTo(SYNTAX);
        assertThat(h.run("LMPOP", "1", "a")).isEqualTo("-ERR wrong number of arguments for 'lmpop' command\r\n");
    }

    @Test
    void mpopKeysComeFromNumkeysSoTheEngineLocksThemAll() {
        RedisRequest request = decode("LMPOP", "3", "k1", "k2", "k3", "LEFT", "COUNT", "2");
        try {
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < request.keyCount(); i++) {
                keys.add(request.key(i).toString(StandardCharsets.UTF_8));
            }
            assertThat(keys).containsExactly("k1", "k2", "k3");
        } finally {
            request.release();
        }
    }

    @Test
    void elementsAreBinarySafe() {
        List<byte[]> push = List.of("RPUSH".getBytes(StandardCharsets.UTF_8), "b".getBytes(StandardCharsets.UTF_8), new byte[] {0, (byte) 0xff, '\r', '\n'});
        assertThat(h.run(push)).isEqualTo(":1\r\n");
        assertThat(h.run(List.of("LPOS".getBytes(StandardCharsets.UTF_8), "b".getBytes(StandardCharsets.UTF_8), new byte[] {0, (byte) 0xff, '\r', '\n'})))
                .isEqualTo(":0\r\n");
    }

    private static RedisRequest decode(String... args) {
        List<byte[]> parts = new ArrayList<>();
        for (String a : args) {
            parts.add(a.getBytes(StandardCharsets.UTF_8));
        }
        ByteBuf frame = RespWriter.command(UnpooledByteBufAllocator.DEFAULT, parts);
        return (RedisRequest) new RedisProtocolAdapter().decodeFrame(frame);
    }
}
