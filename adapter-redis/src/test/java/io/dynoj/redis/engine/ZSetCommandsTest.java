package io.dynoj.redis.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.storage.MemoryStore;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Sorted-set commands of the engine. The expected replies are redis-server 7.0.15's, byte for
 * byte (taken from a real server; EngineDifferentialIT keeps checking them against one). EXISTS and
 * TYPE are read from the keyspace directly, SADD's sets written there, so the test needs no other
 * command family.
 */
class ZSetCommandsTest {

    private final MemoryStore store = new MemoryStore();
    private final EngineHarness h = new EngineHarness(store);
    private final Keyspace keyspace = h.engine().keyspace();

    @AfterEach
    void close() {
        h.close();
    }

    private void putSet(String key, String... members) {
        Set<Bytes> set = Arrays.stream(members).map(Bytes::of).collect(Collectors.toCollection(LinkedHashSet::new));
        keyspace.put(key.getBytes(), new StoredValue(ValueType.SET, 0, Codec.encodeSet(set)));
    }

    private boolean exists(String key) {
        return keyspace.exists(key.getBytes());
    }

    private String type(String key) {
        StoredValue v = keyspace.get(key.getBytes());
        return v == null ? "none" : v.type().typeName();
    }

    @Test
    void modificationsKeepTheTtlAndStoresDropIt() {
        h.run("ZADD", "z", "1", "a", "2", "b");
        long expireAt = h.now() + 10_000;
        keyspace.put("z".getBytes(), keyspace.get("z".getBytes()).withExpireAt(expireAt));
        h.run("ZADD", "z", "3", "c");
        h.run("ZINCRBY", "z", "1", "a");
        h.run("ZREM", "z", "b");
        h.run("ZPOPMIN", "z");
        assertThat(keyspace.get("z".getBytes()).expireAt()).isEqualTo(expireAt);

        keyspace.put("d".getBytes(), new StoredValue(ValueType.STRING, expireAt, "v".getBytes()));
        assertThat(h.run("ZUNIONSTORE", "d", "1", "z")).isEqualTo(":1\r\n");
        assertThat(keyspace.get("d".getBytes()).expireAt()).isZero();

        h.advance(10_000);
        assertThat(h.run("ZCARD", "z")).isEqualTo(":0\r\n");
        assertThat(h.run("ZADD", "z", "XX", "1", "c")).isEqualTo(":0\r\n");
    }

    @Test
    void zaddOptionsAndReplies() {
        assertThat(h.run("ZADD", "z", "1", "a", "2", "b", "3", "c")).isEqualTo(":3\r\n");
        assertThat(h.run("ZADD", "z", "1", "a", "5", "d")).isEqualTo(":1\r\n");
        assertThat(h.run("ZADD", "z", "CH", "1", "a", "9", "b", "4", "e")).isEqualTo(":2\r\n");
        assertThat(h.run("ZADD", "z", "NX", "100", "a", "7", "f")).isEqualTo(":1\r\n");
        assertThat(h.run("ZADD", "z", "XX", "CH", "50", "a", "51", "nope")).isEqualTo(":1\r\n");
        assertThat(h.run("ZADD", "z", "GT", "CH", "10", "a", "100", "b")).isEqualTo(":1\r\n");
        assertThat(h.run("ZADD", "z", "LT", "CH", "20", "a", "1", "b")).isEqualTo(":2\r\n");
        assertThat(h.run("ZADD", "z", "XX", "GT", "CH", "30", "a")).isEqualTo(":1\r\n");
        assertThat(h.run("ZRANGE", "z", "0", "-1", "WITHSCORES")).isEqualTo("*12\r\n$1\r\nb\r\n$1\r\n1\r\n$1\r\nc\r\n$1\r\n3\r\n$1\r\ne\r\n$1\r\n4\r\n$1\r\nd\r\n$1\r\n5\r\n$1\r\nf\r\n$1\r\n7\r\n$1\r\na\r\n$2\r\n30\r\n");
        assertThat(h.run("ZADD", "missing", "XX", "1", "a")).isEqualTo(":0\r\n");
        assertThat(h.run("ZADD", "missing", "XX", "INCR", "1", "a")).isEqualTo("$-1\r\n");
        assertThat(exists("missing")).isEqualTo(false);
        assertThat(h.run("ZADD", "z", "nx", "xx", "1", "a")).isEqualTo("-ERR XX and NX options at the same time are not compatible\r\n");
        assertThat(h.run("ZADD", "z", "gt", "nx", "1", "a")).isEqualTo("-ERR GT, LT, and/or NX options at the same time are not compatible\r\n");
        assertThat(h.run("ZADD", "z", "lt", "nx", "1", "a")).isEqualTo("-ERR GT, LT, and/or NX options at the same time are not compatible\r\n");
        assertThat(h.run("ZADD", "z", "gt", "lt", "1", "a")).isEqualTo("-ERR GT, LT, and/or NX options at the same time are not compatible\r\n");
        assertThat(h.run("ZADD", "z", "incr", "1", "a", "2", "b")).isEqualTo("-ERR INCR option supports a single increment-element pair\r\n");
        assertThat(h.run("ZADD", "z", "1", "a", "b")).isEqualTo("-ERR syntax error\r\n");
        assertThat(h.run("ZADD", "z", "nx")).isEqualTo("-ERR wrong number of arguments for 'zadd' command\r\n");
        assertThat(h.run("ZADD", "z", "abc", "a")).isEqualTo("-ERR value is not a valid float\r\n");
        assertThat(h.run("ZADD", "z", "nan", "a")).isEqualTo("-ERR value is not a valid float\r\n");
        assertThat(h.run("ZADD", "z", "1e400", "a")).isEqualTo("-ERR value is not a valid float\r\n");
        assertThat(h.run("ZADD", "z", "1e-400", "a")).isEqualTo("-ERR value is not a valid float\r\n");
        assertThat(h.run("ZADD", "z", " 1", "a")).isEqualTo("-ERR value is not a valid float\r\n");
        assertThat(h.run("ZADD", "z", "1", "a", "abc", "b")).isEqualTo("-ERR value is not a valid float\r\n");
        assertThat(h.run("ZADD", "z", "0x10", "hex", "5e-320", "tiny", "+inf", "pinf", "-inf", "ninf")).isEqualTo(":4\r\n");
        assertThat(h.run("ZRANGE", "z", "0", "-1", "WITHSCORES")).isEqualTo("*20\r\n$4\r\nninf\r\n$4\r\n-inf\r\n$4\r\ntiny\r\n$22\r\n4.999944335913415e-320\r\n$1\r\nb\r\n$1\r\n1\r\n$1\r\nc\r\n$1\r\n3\r\n$1\r\ne\r\n$1\r\n4\r\n$1\r\nd\r\n$1\r\n5\r\n$1\r\nf\r\n$1\r\n7\r\n$3\r\nhex\r\n$2\r\n16\r\n$1\r\na\r\n$2\r\n30\r\n$4\r\npinf\r\n$3\r\ninf\r\n");
        h.run("SET", "str", "v");
        assertThat(h.run("ZADD", "str", "1", "a")).isEqualTo("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
        assertThat(h.run("ZADD", "str", "x", "a")).isEqualTo("-ERR value is not a valid float\r\n");
    }

    @Test
    void zaddIncrAndZincrby() {
        assertThat(h.run("ZADD", "z", "INCR", "1.5", "a")).isEqualTo("$3\r\n1.5\r\n");
        assertThat(h.run("ZADD", "z", "INCR", "1.5", "a")).isEqualTo("$1\r\n3\r\n");
        assertThat(h.run("ZADD", "z", "NX", "INCR", "1", "a")).isEqualTo("$-1\r\n");
        assertThat(h.run("ZADD", "z", "XX", "INCR", "1", "nope")).isEqualTo("$-1\r\n");
        assertThat(h.run("ZADD", "z", "GT", "INCR", "-1", "a")).isEqualTo("$-1\r\n");
        assertThat(h.run("ZADD", "z", "LT", "INCR", "-1", "a")).isEqualTo("$1\r\n2\r\n");
        assertThat(h.run("ZINCRBY", "z", "0.1", "x")).isEqualTo("$19\r\n0.10000000000000001\r\n");
        assertThat(h.run("ZINCRBY", "z", "0.2", "x")).isEqualTo("$19\r\n0.30000000000000004\r\n");
        assertThat(h.run("ZINCRBY", "z", "inf", "y")).isEqualTo("$3\r\ninf\r\n");
        assertThat(h.run("ZINCRBY", "z", "-inf", "y")).isEqualTo("-ERR resulting score is not a number (NaN)\r\n");
        assertThat(h.run("ZSCORE", "z", "y")).isEqualTo("$3\r\ninf\r\n");
        assertThat(h.run("ZINCRBY", "z", "nx", "m")).isEqualTo("-ERR syntax error\r\n");
        assertThat(h.run("ZINCRBY", "z", "abc", "m")).isEqualTo("-ERR value is not a valid float\r\n");
        assertThat(h.run("ZINCRBY", "z", "1e20", "big")).isEqualTo("$5\r\n1e+20\r\n");
        assertThat(h.run("ZINCRBY", "z", "-0", "negzero")).isEqualTo("$2\r\n-0\r\n");
        assertThat(h.run("ZSCORE", "z", "negzero")).isEqualTo("$1\r\n0\r\n");
        assertThat(h.run("ZADD", "z", "-0", "nz2")).isEqualTo(":1\r\n");
        assertThat(h.run("ZSCORE", "z", "nz2")).isEqualTo("$1\r\n0\r\n");
        assertThat(h.run("ZINCRBY", "z", "0", "a")).isEqualTo("$1\r\n2\r\n");
        h.run("SET", "str", "v");
        assertThat(h.run("ZINCRBY", "str", "1", "a")).isEqualTo("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
    }

    @Test
    void scoreFormatting() {
        assertThat(h.run("ZADD", "f", "1.1", "a", "1e20", "b", "-0", "c", "1e17", "d", "0.1", "e", "123456789012345678", "g", "-2.5e-7", "h", "3", "i", "1e-5", "j")).isEqualTo(":9\r\n");
        assertThat(h.run("ZSCORE", "f", "a")).isEqualTo("$18\r\n1.1000000000000001\r\n");
        assertThat(h.run("ZSCORE", "f", "b")).isEqualTo("$5\r\n1e+20\r\n");
        assertThat(h.run("ZSCORE", "f", "c")).isEqualTo("$1\r\n0\r\n");
        assertThat(h.run("ZSCORE", "f", "d")).isEqualTo("$5\r\n1e+17\r\n");
        assertThat(h.run("ZSCORE", "f", "e")).isEqualTo("$19\r\n0.10000000000000001\r\n");
        assertThat(h.run("ZSCORE", "f", "g")).isEqualTo("$22\r\n1.2345678901234568e+17\r\n");
        assertThat(h.run("ZSCORE", "f", "h")).isEqualTo("$23\r\n-2.4999999999999999e-07\r\n");
        assertThat(h.run("ZSCORE", "f", "i")).isEqualTo("$1\r\n3\r\n");
        assertThat(h.run("ZSCORE", "f", "j")).isEqualTo("$22\r\n1.0000000000000001e-05\r\n");
        assertThat(h.run("ZRANGE", "f", "0", "-1", "WITHSCORES")).isEqualTo("*18\r\n$1\r\nh\r\n$23\r\n-2.4999999999999999e-07\r\n$1\r\nc\r\n$1\r\n0\r\n$1\r\nj\r\n$22\r\n1.0000000000000001e-05\r\n$1\r\ne\r\n$19\r\n0.10000000000000001\r\n$1\r\na\r\n$18\r\n1.1000000000000001\r\n$1\r\ni\r\n$1\r\n3\r\n$1\r\nd\r\n$5\r\n1e+17\r\n$1\r\ng\r\n$22\r\n1.2345678901234568e+17\r\n$1\r\nb\r\n$5\r\n1e+20\r\n");
        assertThat(h.run("ZSCAN", "f", "0")).isEqualTo("*2\r\n$1\r\n0\r\n*18\r\n$1\r\nh\r\n$23\r\n-2.4999999999999999e-07\r\n$1\r\nc\r\n$1\r\n0\r\n$1\r\nj\r\n$22\r\n1.0000000000000001e-05\r\n$1\r\ne\r\n$19\r\n0.10000000000000001\r\n$1\r\na\r\n$18\r\n1.1000000000000001\r\n$1\r\ni\r\n$1\r\n3\r\n$1\r\nd\r\n$18\r\n100000000000000000\r\n$1\r\ng\r\n$18\r\n123456789012345680\r\n$1\r\nb\r\n$5\r\n1e+20\r\n");
    }

    @Test
    void reads() {
        assertThat(h.run("ZADD", "z", "1", "a", "2", "b", "3", "c")).isEqualTo(":3\r\n");
        assertThat(h.run("ZSCORE", "z", "a")).isEqualTo("$1\r\n1\r\n");
        assertThat(h.run("ZSCORE", "z", "nope")).isEqualTo("$-1\r\n");
        assertThat(h.run("ZSCORE", "missing", "a")).isEqualTo("$-1\r\n");
        assertThat(h.run("ZMSCORE", "z", "a", "nope", "c")).isEqualTo("*3\r\n$1\r\n1\r\n$-1\r\n$1\r\n3\r\n");
        assertThat(h.run("ZMSCORE", "missing", "a", "b")).isEqualTo("*2\r\n$-1\r\n$-1\r\n");
        assertThat(h.run("ZCARD", "z")).isEqualTo(":3\r\n");
        assertThat(h.run("ZCARD", "missing")).isEqualTo(":0\r\n");
        assertThat(h.run("ZRANK", "z", "a")).isEqualTo(":0\r\n");
        assertThat(h.run("ZRANK", "z", "c")).isEqualTo(":2\r\n");
        assertThat(h.run("ZREVRANK", "z", "a")).isEqualTo(":2\r\n");
        assertThat(h.run("ZRANK", "z", "nope")).isEqualTo("$-1\r\n");
        assertThat(h.run("ZRANK", "missing", "a")).isEqualTo("$-1\r\n");
        assertThat(h.run("ZREVRANK", "missing", "a")).isEqualTo("$-1\r\n");
        h.run("SET", "str", "v");
        assertThat(h.run("ZSCORE", "str", "a")).isEqualTo("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
        assertThat(h.run("ZMSCORE", "str", "a")).isEqualTo("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
        assertThat(h.run("ZCARD", "str")).isEqualTo("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
        assertThat(h.run("ZRANK", "str", "a")).isEqualTo("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
    }

    @Test
    void zrem() {
        assertThat(h.run("ZADD", "z", "1", "a", "2", "b", "3", "c")).isEqualTo(":3\r\n");
        assertThat(h.run("ZREM", "z", "a", "a", "nope")).isEqualTo(":1\r\n");
        assertThat(h.run("ZREM", "z", "b", "c", "d")).isEqualTo(":2\r\n");
        assertThat(exists("z")).isEqualTo(false);
        assertThat(h.run("ZREM", "missing", "a")).isEqualTo(":0\r\n");
        h.run("SET", "str", "v");
        assertThat(h.run("ZREM", "str", "a")).isEqualTo("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
    }

    @Test
    void zcountAndLexcount() {
        assertThat(h.run("ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d")).isEqualTo(":4\r\n");
        assertThat(h.run("ZCOUNT", "z", "-inf", "+inf")).isEqualTo(":4\r\n");
        assertThat(h.run("ZCOUNT", "z", "(1", "3")).isEqualTo(":2\r\n");
        assertThat(h.run("ZCOUNT", "z", "1", "(3")).isEqualTo(":2\r\n");
        assertThat(h.run("ZCOUNT", "z", "(2", "(2")).isEqualTo(":0\r\n");
        assertThat(h.run("ZCOUNT", "z", "3", "1")).isEqualTo(":0\r\n");
        assertThat(h.run("ZCOUNT", "z", "", "2")).isEqualTo(":2\r\n");
        assertThat(h.run("ZCOUNT", "z", "a", "2")).isEqualTo("-ERR min or max is not a float\r\n");
        assertThat(h.run("ZCOUNT", "missing", "a", "2")).isEqualTo("-ERR min or max is not a float\r\n");
        assertThat(h.run("ZCOUNT", "missing", "0", "1")).isEqualTo(":0\r\n");
        assertThat(h.run("ZADD", "l", "0", "a", "0", "b", "0", "c", "0", "d")).isEqualTo(":4\r\n");
        assertThat(h.run("ZLEXCOUNT", "l", "-", "+")).isEqualTo(":4\r\n");
        assertThat(h.run("ZLEXCOUNT", "l", "[b", "(d")).isEqualTo(":2\r\n");
        assertThat(h.run("ZLEXCOUNT", "l", "(a", "[c")).isEqualTo(":2\r\n");
        assertThat(h.run("ZLEXCOUNT", "l", "+", "-")).isEqualTo(":0\r\n");
        assertThat(h.run("ZLEXCOUNT", "l", "[b", "[b")).isEqualTo(":1\r\n");
        assertThat(h.run("ZLEXCOUNT", "l", "(b", "[b")).isEqualTo(":0\r\n");
        assertThat(h.run("ZLEXCOUNT", "l", "b", "c")).isEqualTo("-ERR min or max not valid string range item\r\n");
        assertThat(h.run("ZLEXCOUNT", "l", "-a", "+")).isEqualTo("-ERR min or max not valid string range item\r\n");
        assertThat(h.run("ZLEXCOUNT", "missing", "b", "c")).isEqualTo("-ERR min or max not valid string range item\r\n");
        h.run("SET", "str", "v");
        assertThat(h.run("ZCOUNT", "str", "0", "1")).isEqualTo("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
        assertThat(h.run("ZLEXCOUNT", "str", "-", "+")).isEqualTo("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
    }

    @Test
    void zrangeByRank() {
        assertThat(h.run("ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d")).isEqualTo(":4\r\n");
        assertThat(h.run("ZRANGE", "z", "0", "-1")).isEqualTo("*4\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n");
        assertThat(h.run("ZRANGE", "z", "1", "2", "WITHSCORES")).isEqualTo("*4\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\nc\r\n$1\r\n3\r\n");
        assertThat(h.run("ZRANGE", "z", "-2", "-1")).isEqualTo("*2\r\n$1\r\nc\r\n$1\r\nd\r\n");
        assertThat(h.run("ZRANGE", "z", "-100", "100")).isEqualTo("*4\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n");
        assertThat(h.run("ZRANGE", "z", "3", "1")).isEqualTo("*0\r\n");
        assertThat(h.run("ZRANGE", "z", "5", "10")).isEqualTo("*0\r\n");
        assertThat(h.run("ZRANGE", "z", "0", "-1", "REV")).isEqualTo("*4\r\n$1\r\nd\r\n$1\r\nc\r\n$1\r\nb\r\n$1\r\na\r\n");
        assertThat(h.run("ZRANGE", "z", "0", "1", "REV", "WITHSCORES")).isEqualTo("*4\r\n$1\r\nd\r\n$1\r\n4\r\n$1\r\nc\r\n$1\r\n3\r\n");
        assertThat(h.run("ZREVRANGE", "z", "0", "0")).isEqualTo("*1\r\n$1\r\nd\r\n");
        assertThat(h.run("ZREVRANGE", "z", "0", "-1", "WITHSCORES")).isEqualTo("*8\r\n$1\r\nd\r\n$1\r\n4\r\n$1\r\nc\r\n$1\r\n3\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\na\r\n$1\r\n1\r\n");
        assertThat(h.run("ZRANGE", "z", "a", "1")).isEqualTo("-ERR value is not an integer or out of range\r\n");
        assertThat(h.run("ZRANGE", "z", "0", "1", "LIMIT", "0", "1")).isEqualTo("-ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX\r\n");
        assertThat(h.run("ZRANGE", "z", "0", "1", "LIMIT", "0", "-1")).isEqualTo("*2\r\n$1\r\na\r\n$1\r\nb\r\n");
        assertThat(h.run("ZRANGE", "z", "0", "1", "BYLEX", "WITHSCORES")).isEqualTo("-ERR syntax error, WITHSCORES not supported in combination with BYLEX\r\n");
        assertThat(h.run("ZRANGE", "z", "0", "1", "foo")).isEqualTo("-ERR syntax error\r\n");
        assertThat(h.run("ZRANGE", "z", "0", "1", "LIMIT", "0")).isEqualTo("-ERR syntax error\r\n");
        assertThat(h.run("ZREVRANGE", "z", "0", "1", "REV")).isEqualTo("-ERR syntax error\r\n");
        assertThat(h.run("ZREVRANGE", "z", "0", "1", "BYSCORE")).isEqualTo("-ERR syntax error\r\n");
        assertThat(h.run("ZRANGE", "missing", "0", "-1")).isEqualTo("*0\r\n");
        h.run("SET", "str", "v");
        assertThat(h.run("ZRANGE", "str", "0", "-1")).isEqualTo("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
    }

    @Test
    void zrangeByScore() {
        assertThat(h.run("ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e")).isEqualTo(":5\r\n");
        assertThat(h.run("ZRANGE", "z", "2", "4", "BYSCORE")).isEqualTo("*3\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n");
        assertThat(h.run("ZRANGE", "z", "(2", "4", "BYSCORE", "WITHSCORES")).isEqualTo("*4\r\n$1\r\nc\r\n$1\r\n3\r\n$1\r\nd\r\n$1\r\n4\r\n");
        assertThat(h.run("ZRANGE", "z", "4", "2", "BYSCORE", "REV")).isEqualTo("*3\r\n$1\r\nd\r\n$1\r\nc\r\n$1\r\nb\r\n");
        assertThat(h.run("ZRANGE", "z", "+inf", "-inf", "BYSCORE", "REV", "LIMIT", "1", "2")).isEqualTo("*2\r\n$1\r\nd\r\n$1\r\nc\r\n");
        assertThat(h.run("ZRANGE", "z", "-inf", "+inf", "BYSCORE", "LIMIT", "1", "2")).isEqualTo("*2\r\n$1\r\nb\r\n$1\r\nc\r\n");
        assertThat(h.run("ZRANGE", "z", "-inf", "+inf", "BYSCORE", "LIMIT", "-1", "2")).isEqualTo("*0\r\n");
        assertThat(h.run("ZRANGE", "z", "-inf", "+inf", "BYSCORE", "LIMIT", "2", "-1")).isEqualTo("*3\r\n$1\r\nc\r\n$1\r\nd\r\n$1\r\ne\r\n");
        assertThat(h.run("ZRANGE", "z", "-inf", "+inf", "BYSCORE", "LIMIT", "10", "1")).isEqualTo("*0\r\n");
        assertThat(h.run("ZRANGE", "z", "-inf", "+inf", "BYSCORE", "LIMIT", "0", "0")).isEqualTo("*0\r\n");
        assertThat(h.run("ZRANGEBYSCORE", "z", "2", "3")).isEqualTo("*2\r\n$1\r\nb\r\n$1\r\nc\r\n");
        assertThat(h.run("ZRANGEBYSCORE", "z", "(1", "(5", "WITHSCORES", "LIMIT", "1", "10")).isEqualTo("*4\r\n$1\r\nc\r\n$1\r\n3\r\n$1\r\nd\r\n$1\r\n4\r\n");
        assertThat(h.run("ZREVRANGEBYSCORE", "z", "5", "(3")).isEqualTo("*2\r\n$1\r\ne\r\n$1\r\nd\r\n");
        assertThat(h.run("ZREVRANGEBYSCORE", "z", "(5", "-inf", "WITHSCORES")).isEqualTo("*8\r\n$1\r\nd\r\n$1\r\n4\r\n$1\r\nc\r\n$1\r\n3\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\na\r\n$1\r\n1\r\n");
        assertThat(h.run("ZREVRANGEBYSCORE", "z", "1", "5")).isEqualTo("*0\r\n");
        assertThat(h.run("ZRANGEBYSCORE", "z", "1", "x")).isEqualTo("-ERR min or max is not a float\r\n");
        assertThat(h.run("ZRANGEBYSCORE", "z", "1", "2", "REV")).isEqualTo("-ERR syntax error\r\n");
        assertThat(h.run("ZRANGEBYSCORE", "z", "1", "2", "LIMIT", "a", "1")).isEqualTo("-ERR value is not an integer or out of range\r\n");
        assertThat(h.run("ZRANGEBYSCORE", "missing", "1", "2")).isEqualTo("*0\r\n");
    }

    @Test
    void zrangeByLex() {
        assertThat(h.run("ZADD", "l", "0", "a", "0", "b", "0", "c", "0", "d", "0", "e")).isEqualTo(":5\r\n");
        assertThat(h.run("ZRANGE", "l", "[b", "(d", "BYLEX")).isEqualTo("*2\r\n$1\r\nb\r\n$1\r\nc\r\n");
        assertThat(h.run("ZRANGE", "l", "(d", "[b", "BYLEX", "REV")).isEqualTo("*2\r\n$1\r\nc\r\n$1\r\nb\r\n");
        assertThat(h.run("ZRANGE", "l", "-", "+", "BYLEX", "LIMIT", "1", "2")).isEqualTo("*2\r\n$1\r\nb\r\n$1\r\nc\r\n");
        assertThat(h.run("ZRANGE", "l", "+", "-", "BYLEX", "REV", "LIMIT", "0", "2")).isEqualTo("*2\r\n$1\r\ne\r\n$1\r\nd\r\n");
        assertThat(h.run("ZRANGEBYLEX", "l", "-", "[c")).isEqualTo("*3\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n");
        assertThat(h.run("ZRANGEBYLEX", "l", "(a", "+", "LIMIT", "1", "1")).isEqualTo("*1\r\n$1\r\nc\r\n");
        assertThat(h.run("ZREVRANGEBYLEX", "l", "+", "(c")).isEqualTo("*2\r\n$1\r\ne\r\n$1\r\nd\r\n");
        assertThat(h.run("ZREVRANGEBYLEX", "l", "[c", "-")).isEqualTo("*3\r\n$1\r\nc\r\n$1\r\nb\r\n$1\r\na\r\n");
        assertThat(h.run("ZRANGEBYLEX", "l", "-", "+", "WITHSCORES")).isEqualTo("-ERR syntax error, WITHSCORES not supported in combination with BYLEX\r\n");
        assertThat(h.run("ZRANGEBYLEX", "l", "a", "+")).isEqualTo("-ERR min or max not valid string range item\r\n");
        assertThat(h.run("ZRANGEBYLEX", "l", "[a", "++")).isEqualTo("-ERR min or max not valid string range item\r\n");
        assertThat(h.run("ZADD", "m", "1", "b", "2", "a", "3", "d", "4", "c")).isEqualTo(":4\r\n");
        assertThat(h.run("ZRANGEBYLEX", "m", "[a", "[c")).isEqualTo("*2\r\n$1\r\nb\r\n$1\r\na\r\n");
        assertThat(h.run("ZREVRANGEBYLEX", "m", "[c", "[a")).isEqualTo("*4\r\n$1\r\nc\r\n$1\r\nd\r\n$1\r\na\r\n$1\r\nb\r\n");
        assertThat(h.run("ZLEXCOUNT", "m", "[a", "[c")).isEqualTo(":2\r\n");
        assertThat(h.run("ZRANGEBYLEX", "missing", "-", "+")).isEqualTo("*0\r\n");
    }

    @Test
    void zrangestore() {
        assertThat(h.run("ZADD", "src", "1", "a", "2", "b", "3", "c")).isEqualTo(":3\r\n");
        assertThat(h.run("ZRANGESTORE", "dst", "src", "0", "1")).isEqualTo(":2\r\n");
        assertThat(h.run("ZRANGE", "dst", "0", "-1", "WITHSCORES")).isEqualTo("*4\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n2\r\n");
        assertThat(h.run("ZRANGESTORE", "dst", "src", "(1", "+inf", "BYSCORE", "LIMIT", "0", "1")).isEqualTo(":1\r\n");
        assertThat(h.run("ZRANGE", "dst", "0", "-1", "WITHSCORES")).isEqualTo("*2\r\n$1\r\nb\r\n$1\r\n2\r\n");
        assertThat(h.run("ZRANGESTORE", "dst", "src", "[b", "+", "BYLEX")).isEqualTo(":2\r\n");
        assertThat(h.run("ZRANGE", "dst", "0", "-1", "WITHSCORES")).isEqualTo("*4\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\nc\r\n$1\r\n3\r\n");
        assertThat(h.run("ZRANGESTORE", "dst", "src", "5", "10")).isEqualTo(":0\r\n");
        assertThat(exists("dst")).isEqualTo(false);
        h.run("SET", "str", "v");
        assertThat(h.run("ZRANGESTORE", "str", "src", "0", "0")).isEqualTo(":1\r\n");
        assertThat(type("str")).isEqualTo("zset");
        assertThat(h.run("ZRANGESTORE", "dst", "str", "0", "0")).isEqualTo(":1\r\n");
        assertThat(h.run("ZRANGESTORE", "dst", "missing", "0", "-1")).isEqualTo(":0\r\n");
        assertThat(h.run("ZRANGESTORE", "dst", "src", "0", "-1", "WITHSCORES")).isEqualTo("-ERR syntax error\r\n");
    }

    @Test
    void zremrange() {
        assertThat(h.run("ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e")).isEqualTo(":5\r\n");
        assertThat(h.run("ZREMRANGEBYRANK", "z", "0", "0")).isEqualTo(":1\r\n");
        assertThat(h.run("ZREMRANGEBYRANK", "z", "-1", "-1")).isEqualTo(":1\r\n");
        assertThat(h.run("ZREMRANGEBYRANK", "z", "5", "10")).isEqualTo(":0\r\n");
        assertThat(h.run("ZREMRANGEBYRANK", "z", "x", "1")).isEqualTo("-ERR value is not an integer or out of range\r\n");
        assertThat(h.run("ZRANGE", "z", "0", "-1")).isEqualTo("*3\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n");
        assertThat(h.run("ZREMRANGEBYSCORE", "z", "(2", "3")).isEqualTo(":1\r\n");
        assertThat(h.run("ZREMRANGEBYSCORE", "z", "a", "3")).isEqualTo("-ERR min or max is not a float\r\n");
        assertThat(h.run("ZREMRANGEBYSCORE", "missing", "a", "3")).isEqualTo("-ERR min or max is not a float\r\n");
        assertThat(h.run("ZREMRANGEBYSCORE", "missing", "1", "3")).isEqualTo(":0\r\n");
        assertThat(h.run("ZRANGE", "z", "0", "-1")).isEqualTo("*2\r\n$1\r\nb\r\n$1\r\nd\r\n");
        assertThat(h.run("ZADD", "l", "0", "a", "0", "b", "0", "c")).isEqualTo(":3\r\n");
        assertThat(h.run("ZREMRANGEBYLEX", "l", "[a", "(c")).isEqualTo(":2\r\n");
        assertThat(h.run("ZREMRANGEBYLEX", "l", "x", "y")).isEqualTo("-ERR min or max not valid string range item\r\n");
        assertThat(h.run("ZREMRANGEBYLEX", "l", "-", "+")).isEqualTo(":1\r\n");
        assertThat(exists("l")).isEqualTo(false);
        assertThat(h.run("ZREMRANGEBYRANK", "missing", "0", "-1")).isEqualTo(":0\r\n");
        h.run("SET", "str", "v");
        assertThat(h.run("ZREMRANGEBYRANK", "str", "0", "-1")).isEqualTo("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
        assertThat(h.run("ZREMRANGEBYSCORE", "str", "0", "1")).isEqualTo("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
        assertThat(h.run("ZREMRANGEBYLEX", "str", "-", "+")).isEqualTo("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
    }

    @Test
    void pops() {
        assertThat(h.run("ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d")).isEqualTo(":4\r\n");
        assertThat(h.run("ZPOPMIN", "z")).isEqualTo("*2\r\n$1\r\na\r\n$1\r\n1\r\n");
        assertThat(h.run("ZPOPMAX", "z")).isEqualTo("*2\r\n$1\r\nd\r\n$1\r\n4\r\n");
        assertThat(h.run("ZPOPMIN", "z", "0")).isEqualTo("*0\r\n");
        assertThat(h.run("ZPOPMIN", "z", "-1")).isEqualTo("-ERR value is out of range, must be positive\r\n");
        assertThat(h.run("ZPOPMIN", "z", "x")).isEqualTo("-ERR value is out of range, must be positive\r\n");
        assertThat(h.run("ZPOPMIN", "z", "1", "2")).isEqualTo("-ERR syntax error\r\n");
        assertThat(h.run("ZPOPMAX", "z", "10")).isEqualTo("*4\r\n$1\r\nc\r\n$1\r\n3\r\n$1\r\nb\r\n$1\r\n2\r\n");
        assertThat(exists("z")).isEqualTo(false);
        assertThat(h.run("ZPOPMIN", "missing")).isEqualTo("*0\r\n");
        assertThat(h.run("ZPOPMIN", "missing", "0")).isEqualTo("*0\r\n");
        assertThat(h.run("ZADD", "z", "1", "a", "2", "b", "3", "c")).isEqualTo(":3\r\n");
        assertThat(h.run("ZMPOP", "2", "missing", "z", "MAX", "COUNT", "2")).isEqualTo("*2\r\n$1\r\nz\r\n*2\r\n*2\r\n$1\r\nc\r\n$1\r\n3\r\n*2\r\n$1\r\nb\r\n$1\r\n2\r\n");
        assertThat(h.run("ZMPOP", "1", "z", "MIN")).isEqualTo("*2\r\n$1\r\nz\r\n*1\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n");
        assertThat(h.run("ZMPOP", "1", "z", "MIN")).isEqualTo("*-1\r\n");
        assertThat(h.run("ZMPOP", "1", "missing", "MIN")).isEqualTo("*-1\r\n");
        assertThat(h.run("ZMPOP", "0", "z", "MIN")).isEqualTo("-ERR numkeys should be greater than 0\r\n");
        assertThat(h.run("ZMPOP", "x", "z", "MIN")).isEqualTo("-ERR numkeys should be greater than 0\r\n");
        assertThat(h.run("ZMPOP", "2", "z", "MIN")).isEqualTo("-ERR syntax error\r\n");
        assertThat(h.run("ZMPOP", "1", "z", "MID")).isEqualTo("-ERR syntax error\r\n");
        assertThat(h.run("ZMPOP", "1", "z", "MIN", "COUNT", "0")).isEqualTo("-ERR count should be greater than 0\r\n");
        assertThat(h.run("ZMPOP", "1", "z", "MIN", "COUNT", "x")).isEqualTo("-ERR count should be greater than 0\r\n");
        assertThat(h.run("ZMPOP", "1", "z", "MIN", "COUNT", "1", "COUNT", "1")).isEqualTo("-ERR syntax error\r\n");
        assertThat(h.run("ZMPOP", "1", "z", "MIN", "foo")).isEqualTo("-ERR syntax error\r\n");
        h.run("SET", "str", "v");
        assertThat(h.run("ZPOPMIN", "str")).isEqualTo("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
        assertThat(h.run("ZMPOP", "2", "missing", "str", "MIN")).isEqualTo("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
    }

    @Test
    void algebra() {
        assertThat(h.run("ZADD", "a", "1", "x", "2", "y", "3", "z")).isEqualTo(":3\r\n");
        assertThat(h.run("ZADD", "b", "10", "y", "20", "z", "30", "w")).isEqualTo(":3\r\n");
        assertThat(h.run("ZUNION", "2", "a", "b")).isEqualTo("*4\r\n$1\r\nx\r\n$1\r\ny\r\n$1\r\nz\r\n$1\r\nw\r\n");
        assertThat(h.run("ZUNION", "2", "a", "b", "WITHSCORES")).isEqualTo("*8\r\n$1\r\nx\r\n$1\r\n1\r\n$1\r\ny\r\n$2\r\n12\r\n$1\r\nz\r\n$2\r\n23\r\n$1\r\nw\r\n$2\r\n30\r\n");
        assertThat(h.run("ZUNION", "2", "a", "b", "WEIGHTS", "2", "-1", "WITHSCORES")).isEqualTo("*8\r\n$1\r\nw\r\n$3\r\n-30\r\n$1\r\nz\r\n$3\r\n-14\r\n$1\r\ny\r\n$2\r\n-6\r\n$1\r\nx\r\n$1\r\n2\r\n");
        assertThat(h.run("ZUNION", "2", "a", "b", "AGGREGATE", "MIN", "WITHSCORES")).isEqualTo("*8\r\n$1\r\nx\r\n$1\r\n1\r\n$1\r\ny\r\n$1\r\n2\r\n$1\r\nz\r\n$1\r\n3\r\n$1\r\nw\r\n$2\r\n30\r\n");
        assertThat(h.run("ZUNION", "2", "a", "b", "AGGREGATE", "MAX", "WITHSCORES")).isEqualTo("*8\r\n$1\r\nx\r\n$1\r\n1\r\n$1\r\ny\r\n$2\r\n10\r\n$1\r\nz\r\n$2\r\n20\r\n$1\r\nw\r\n$2\r\n30\r\n");
        assertThat(h.run("ZINTER", "2", "a", "b", "WITHSCORES")).isEqualTo("*4\r\n$1\r\ny\r\n$2\r\n12\r\n$1\r\nz\r\n$2\r\n23\r\n");
        assertThat(h.run("ZINTER", "2", "a", "b", "WEIGHTS", "1", "0", "AGGREGATE", "MAX", "WITHSCORES")).isEqualTo("*4\r\n$1\r\ny\r\n$1\r\n2\r\n$1\r\nz\r\n$1\r\n3\r\n");
        assertThat(h.run("ZDIFF", "2", "a", "b", "WITHSCORES")).isEqualTo("*2\r\n$1\r\nx\r\n$1\r\n1\r\n");
        assertThat(h.run("ZDIFF", "2", "b", "a")).isEqualTo("*1\r\n$1\r\nw\r\n");
        assertThat(h.run("ZDIFF", "2", "a", "a")).isEqualTo("*0\r\n");
        assertThat(h.run("ZINTERCARD", "2", "a", "b")).isEqualTo(":2\r\n");
        assertThat(h.run("ZINTERCARD", "2", "a", "b", "LIMIT", "1")).isEqualTo(":1\r\n");
        assertThat(h.run("ZINTERCARD", "2", "a", "b", "LIMIT", "0")).isEqualTo(":2\r\n");
        assertThat(h.run("ZUNIONSTORE", "d", "2", "a", "b")).isEqualTo(":4\r\n");
        assertThat(h.run("ZRANGE", "d", "0", "-1", "WITHSCORES")).isEqualTo("*8\r\n$1\r\nx\r\n$1\r\n1\r\n$1\r\ny\r\n$2\r\n12\r\n$1\r\nz\r\n$2\r\n23\r\n$1\r\nw\r\n$2\r\n30\r\n");
        assertThat(h.run("ZINTERSTORE", "d", "2", "a", "b", "AGGREGATE", "MIN")).isEqualTo(":2\r\n");
        assertThat(h.run("ZRANGE", "d", "0", "-1", "WITHSCORES")).isEqualTo("*4\r\n$1\r\ny\r\n$1\r\n2\r\n$1\r\nz\r\n$1\r\n3\r\n");
        assertThat(h.run("ZDIFFSTORE", "d", "2", "a", "b")).isEqualTo(":1\r\n");
        assertThat(h.run("ZRANGE", "d", "0", "-1", "WITHSCORES")).isEqualTo("*2\r\n$1\r\nx\r\n$1\r\n1\r\n");
        assertThat(h.run("ZINTERSTORE", "d", "2", "a", "missing")).isEqualTo(":0\r\n");
        assertThat(exists("d")).isEqualTo(false);
        assertThat(h.run("ZUNION", "3", "a", "b", "missing")).isEqualTo("*4\r\n$1\r\nx\r\n$1\r\ny\r\n$1\r\nz\r\n$1\r\nw\r\n");
        assertThat(h.run("ZUNION", "0", "a")).isEqualTo("-ERR at least 1 input key is needed for 'zunion' command\r\n");
        assertThat(h.run("ZUNION", "-1", "a")).isEqualTo("-ERR at least 1 input key is needed for 'zunion' command\r\n");
        assertThat(h.run("ZUNION", "x", "a")).isEqualTo("-ERR value is not an integer or out of range\r\n");
        assertThat(h.run("ZUNION", "3", "a", "b")).isEqualTo("-ERR syntax error\r\n");
        assertThat(h.run("ZUNIONSTORE", "d", "0", "a")).isEqualTo("-ERR at least 1 input key is needed for 'zunionstore' command\r\n");
        assertThat(h.run("ZINTERCARD", "0", "a")).isEqualTo("-ERR at least 1 input key is needed for 'zintercard' command\r\n");
        assertThat(h.run("ZINTERCARD", "1", "a", "LIMIT", "-1")).isEqualTo("-ERR LIMIT can't be negative\r\n");
        assertThat(h.run("ZINTERCARD", "1", "a", "WITHSCORES")).isEqualTo("-ERR syntax error\r\n");
        assertThat(h.run("ZUNION", "2", "a", "b", "WEIGHTS", "1")).isEqualTo("-ERR syntax error\r\n");
        assertThat(h.run("ZUNION", "2", "a", "b", "WEIGHTS", "1", "x")).isEqualTo("-ERR weight value is not a float\r\n");
        assertThat(h.run("ZUNION", "2", "a", "b", "AGGREGATE", "avg")).isEqualTo("-ERR syntax error\r\n");
        assertThat(h.run("ZUNION", "2", "a", "b", "AGGREGATE")).isEqualTo("-ERR syntax error\r\n");
        assertThat(h.run("ZUNIONSTORE", "d", "2", "a", "b", "WITHSCORES")).isEqualTo("-ERR syntax error\r\n");
        assertThat(h.run("ZDIFF", "2", "a", "b", "WEIGHTS", "1", "1")).isEqualTo("-ERR syntax error\r\n");
        assertThat(h.run("ZDIFF", "2", "a", "b", "AGGREGATE", "SUM")).isEqualTo("-ERR syntax error\r\n");
        assertThat(h.run("ZADD", "inf", "1", "x")).isEqualTo(":1\r\n");
        assertThat(h.run("ZUNION", "2", "a", "inf", "WEIGHTS", "inf", "0", "WITHSCORES")).isEqualTo("*6\r\n$1\r\nx\r\n$3\r\ninf\r\n$1\r\ny\r\n$3\r\ninf\r\n$1\r\nz\r\n$3\r\ninf\r\n");
        assertThat(h.run("ZINTER", "2", "a", "inf", "WEIGHTS", "0", "inf", "WITHSCORES")).isEqualTo("*2\r\n$1\r\nx\r\n$3\r\ninf\r\n");
        assertThat(h.run("ZINTER", "2", "inf", "a", "WEIGHTS", "inf", "0", "WITHSCORES")).isEqualTo("*2\r\n$1\r\nx\r\n$3\r\ninf\r\n");
        assertThat(h.run("ZUNION", "1", "a", "WEIGHTS", "-1", "WITHSCORES")).isEqualTo("*6\r\n$1\r\nz\r\n$2\r\n-3\r\n$1\r\ny\r\n$2\r\n-2\r\n$1\r\nx\r\n$2\r\n-1\r\n");
        h.run("SET", "str", "v");
        assertThat(h.run("ZUNION", "2", "a", "str")).isEqualTo("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
        assertThat(h.run("ZUNION", "2", "a", "str", "WEIGHTS", "x")).isEqualTo("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
        assertThat(h.run("ZUNIONSTORE", "str", "1", "a")).isEqualTo(":3\r\n");
        assertThat(type("str")).isEqualTo("zset");
    }

    @Test
    void setsAsInputs() {
        putSet("s", "x", "y", "q");
        assertThat(h.run("ZADD", "a", "1", "x", "2", "y", "3", "z")).isEqualTo(":3\r\n");
        assertThat(h.run("ZUNION", "2", "a", "s", "WITHSCORES")).isEqualTo("*8\r\n$1\r\nq\r\n$1\r\n1\r\n$1\r\nx\r\n$1\r\n2\r\n$1\r\ny\r\n$1\r\n3\r\n$1\r\nz\r\n$1\r\n3\r\n");
        assertThat(h.run("ZINTER", "2", "a", "s", "WITHSCORES")).isEqualTo("*4\r\n$1\r\nx\r\n$1\r\n2\r\n$1\r\ny\r\n$1\r\n3\r\n");
        assertThat(h.run("ZDIFF", "2", "s", "a", "WITHSCORES")).isEqualTo("*2\r\n$1\r\nq\r\n$1\r\n1\r\n");
        assertThat(h.run("ZINTERCARD", "2", "a", "s")).isEqualTo(":2\r\n");
        assertThat(h.run("ZUNIONSTORE", "d", "1", "s")).isEqualTo(":3\r\n");
        assertThat(h.run("ZRANGE", "d", "0", "-1", "WITHSCORES")).isEqualTo("*6\r\n$1\r\nq\r\n$1\r\n1\r\n$1\r\nx\r\n$1\r\n1\r\n$1\r\ny\r\n$1\r\n1\r\n");
    }

    @Test
    void randmember() {
        assertThat(h.run("ZADD", "z", "1", "a", "2", "b", "3", "c")).isEqualTo(":3\r\n");
        assertThat(h.run("ZRANDMEMBER", "missing")).isEqualTo("$-1\r\n");
        assertThat(h.run("ZRANDMEMBER", "missing", "5")).isEqualTo("*0\r\n");
        assertThat(h.run("ZRANDMEMBER", "z", "0")).isEqualTo("*0\r\n");
        assertThat(h.run("ZRANDMEMBER", "z", "5")).startsWith("*3\r\n");
        assertThat(h.run("ZRANDMEMBER", "z", "5", "WITHSCORES")).startsWith("*6\r\n");
        assertThat(h.run("ZRANDMEMBER", "z", "3", "WITHSCORES")).startsWith("*6\r\n");
        assertThat(h.run("ZRANDMEMBER", "z", "1", "withscores", "x")).isEqualTo("-ERR syntax error\r\n");
        assertThat(h.run("ZRANDMEMBER", "z", "1", "foo")).isEqualTo("-ERR syntax error\r\n");
        assertThat(h.run("ZRANDMEMBER", "z", "x")).isEqualTo("-ERR value is not an integer or out of range\r\n");
        assertThat(h.run("ZRANDMEMBER", "z", "-9223372036854775808")).isEqualTo("-ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807\r\n");
        assertThat(h.run("ZRANDMEMBER", "z", "9223372036854775807", "WITHSCORES")).isEqualTo("-ERR value is out of range\r\n");
        h.run("SET", "str", "v");
        assertThat(h.run("ZRANDMEMBER", "str")).isEqualTo("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
        assertThat(h.run("ZRANDMEMBER", "str", "1")).isEqualTo("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
    }

    @Test
    void zscan() {
        assertThat(h.run("ZADD", "z", "1", "apple", "2", "banana", "3", "avocado", "1e17", "big")).isEqualTo(":4\r\n");
        assertThat(h.run("ZSCAN", "z", "0")).isEqualTo("*2\r\n$1\r\n0\r\n*8\r\n$5\r\napple\r\n$1\r\n1\r\n$6\r\nbanana\r\n$1\r\n2\r\n$7\r\navocado\r\n$1\r\n3\r\n$3\r\nbig\r\n$18\r\n100000000000000000\r\n");
        assertThat(h.run("ZSCAN", "z", "0", "MATCH", "a*")).isEqualTo("*2\r\n$1\r\n0\r\n*4\r\n$5\r\napple\r\n$1\r\n1\r\n$7\r\navocado\r\n$1\r\n3\r\n");
        assertThat(h.run("ZSCAN", "z", "0", "MATCH", "*an*", "COUNT", "1")).isEqualTo("*2\r\n$1\r\n0\r\n*2\r\n$6\r\nbanana\r\n$1\r\n2\r\n");
        assertThat(h.run("ZSCAN", "z", "123", "MATCH", "[ab]?o*")).isEqualTo("*2\r\n$1\r\n0\r\n*2\r\n$7\r\navocado\r\n$1\r\n3\r\n");
        assertThat(h.run("ZSCAN", "z", "0", "COUNT", "0")).isEqualTo("-ERR syntax error\r\n");
        assertThat(h.run("ZSCAN", "z", "0", "COUNT", "x")).isEqualTo("-ERR value is not an integer or out of range\r\n");
        assertThat(h.run("ZSCAN", "z", "0", "MATCH")).isEqualTo("-ERR syntax error\r\n");
        assertThat(h.run("ZSCAN", "z", "0", "foo", "bar")).isEqualTo("-ERR syntax error\r\n");
        assertThat(h.run("ZSCAN", "z", "abc")).isEqualTo("-ERR invalid cursor\r\n");
        assertThat(h.run("ZSCAN", "z", "-1")).isEqualTo("*2\r\n$1\r\n0\r\n*8\r\n$5\r\napple\r\n$1\r\n1\r\n$6\r\nbanana\r\n$1\r\n2\r\n$7\r\navocado\r\n$1\r\n3\r\n$3\r\nbig\r\n$18\r\n100000000000000000\r\n");
        assertThat(h.run("ZSCAN", "missing", "0", "foo")).isEqualTo("*2\r\n$1\r\n0\r\n*0\r\n");
        h.run("SET", "str", "v");
        assertThat(h.run("ZSCAN", "str", "0")).isEqualTo("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
    }

    @Test
    void exoticNumbers() {
        assertThat(h.run("ZADD", "z", "0x", "a")).isEqualTo("-ERR value is not a valid float\r\n");
        assertThat(h.run("ZADD", "z", "0x1p3", "b", "0x.8", "c", "0X10", "d")).isEqualTo(":3\r\n");
        assertThat(h.run("ZADD", "z", "1e", "a")).isEqualTo("-ERR value is not a valid float\r\n");
        assertThat(h.run("ZADD", "z", ".5", "e", "5.", "f", "+.5e1", "g", "-.5E-1", "h")).isEqualTo(":4\r\n");
        assertThat(h.run("ZADD", "z", "infinity", "i", "-Infinity", "j", "INF", "k")).isEqualTo(":3\r\n");
        assertThat(h.run("ZADD", "z", "infinit", "a")).isEqualTo("-ERR value is not a valid float\r\n");
        assertThat(h.run("ZADD", "z", "1e308", "l", "2.2250738585072014e-308", "n", "4.9e-324", "o", "0.0000", "p", "0e-500", "q")).isEqualTo(":5\r\n");
        assertThat(h.run("ZADD", "z", "1e309", "a")).isEqualTo("-ERR value is not a valid float\r\n");
        assertThat(h.run("ZADD", "z", "-1e-330", "a")).isEqualTo("-ERR value is not a valid float\r\n");
        assertThat(h.run("ZRANGE", "z", "0", "-1", "WITHSCORES")).isEqualTo("*30\r\n$1\r\nj\r\n$4\r\n-inf\r\n$1\r\nh\r\n$21\r\n-0.050000000000000003\r\n$1\r\np\r\n$1\r\n0\r\n$1\r\nq\r\n$1\r\n0\r\n$1\r\no\r\n$23\r\n4.9406564584124654e-324\r\n$1\r\nn\r\n$23\r\n2.2250738585072014e-308\r\n$1\r\nc\r\n$3\r\n0.5\r\n$1\r\ne\r\n$3\r\n0.5\r\n$1\r\nf\r\n$1\r\n5\r\n$1\r\ng\r\n$1\r\n5\r\n$1\r\nb\r\n$1\r\n8\r\n$1\r\nd\r\n$2\r\n16\r\n$1\r\nl\r\n$6\r\n1e+308\r\n$1\r\ni\r\n$3\r\ninf\r\n$1\r\nk\r\n$3\r\ninf\r\n");
        assertThat(h.run("ZCOUNT", "z", "( 1", "5")).isEqualTo(":2\r\n");
        assertThat(h.run("ZCOUNT", "z", " 1", " 5")).isEqualTo(":2\r\n");
        assertThat(h.run("ZCOUNT", "z", "0x1", "0x10")).isEqualTo(":4\r\n");
        assertThat(h.run("ZCOUNT", "z", "1 ", "5")).isEqualTo("-ERR min or max is not a float\r\n");
        assertThat(h.run("ZCOUNT", "z", "((1", "5")).isEqualTo("-ERR min or max is not a float\r\n");
        assertThat(h.run("ZCOUNT", "z", "1e999", "-1e999")).isEqualTo(":0\r\n");
        assertThat(h.run("ZCOUNT", "z", "-1e999", "1e999")).isEqualTo(":15\r\n");
        assertThat(h.run("ZCOUNT", "z", "-infinity", "(infinity")).isEqualTo(":13\r\n");
        assertThat(h.run("ZUNION", "1", "z", "WEIGHTS", "0x2", "WITHSCORES")).isEqualTo("*30\r\n$1\r\nj\r\n$4\r\n-inf\r\n$1\r\nh\r\n$20\r\n-0.10000000000000001\r\n$1\r\np\r\n$1\r\n0\r\n$1\r\nq\r\n$1\r\n0\r\n$1\r\no\r\n$23\r\n9.8813129168249309e-324\r\n$1\r\nn\r\n$23\r\n4.4501477170144028e-308\r\n$1\r\nc\r\n$1\r\n1\r\n$1\r\ne\r\n$1\r\n1\r\n$1\r\nf\r\n$2\r\n10\r\n$1\r\ng\r\n$2\r\n10\r\n$1\r\nb\r\n$2\r\n16\r\n$1\r\nd\r\n$2\r\n32\r\n$1\r\ni\r\n$3\r\ninf\r\n$1\r\nk\r\n$3\r\ninf\r\n$1\r\nl\r\n$3\r\ninf\r\n");
        assertThat(h.run("ZUNION", "1", "z", "WEIGHTS", " 1")).isEqualTo("-ERR weight value is not a float\r\n");
        assertThat(h.run("ZUNION", "1", "z", "WEIGHTS", "1e400")).isEqualTo("-ERR weight value is not a float\r\n");
        assertThat(h.run("ZSCAN", "z", "+5", "MATCH", "[a-c]")).isEqualTo("*2\r\n$1\r\n0\r\n*4\r\n$1\r\nc\r\n$3\r\n0.5\r\n$1\r\nb\r\n$1\r\n8\r\n");
        assertThat(h.run("ZSCAN", "z", "18446744073709551615", "MATCH", "?")).isEqualTo("*2\r\n$1\r\n0\r\n*30\r\n$1\r\nj\r\n$4\r\n-inf\r\n$1\r\nh\r\n$21\r\n-0.050000000000000003\r\n$1\r\np\r\n$1\r\n0\r\n$1\r\nq\r\n$1\r\n0\r\n$1\r\no\r\n$23\r\n4.9406564584124654e-324\r\n$1\r\nn\r\n$23\r\n2.2250738585072014e-308\r\n$1\r\nc\r\n$3\r\n0.5\r\n$1\r\ne\r\n$3\r\n0.5\r\n$1\r\nf\r\n$1\r\n5\r\n$1\r\ng\r\n$1\r\n5\r\n$1\r\nb\r\n$1\r\n8\r\n$1\r\nd\r\n$2\r\n16\r\n$1\r\nl\r\n$6\r\n1e+308\r\n$1\r\ni\r\n$3\r\ninf\r\n$1\r\nk\r\n$3\r\ninf\r\n");
        assertThat(h.run("ZSCAN", "z", "18446744073709551616")).isEqualTo("-ERR invalid cursor\r\n");
        assertThat(h.run("ZSCAN", "z", "-18446744073709551615", "COUNT", "1")).isEqualTo("*2\r\n$1\r\n0\r\n*30\r\n$1\r\nj\r\n$4\r\n-inf\r\n$1\r\nh\r\n$21\r\n-0.050000000000000003\r\n$1\r\np\r\n$1\r\n0\r\n$1\r\nq\r\n$1\r\n0\r\n$1\r\no\r\n$23\r\n4.9406564584124654e-324\r\n$1\r\nn\r\n$23\r\n2.2250738585072014e-308\r\n$1\r\nc\r\n$3\r\n0.5\r\n$1\r\ne\r\n$3\r\n0.5\r\n$1\r\nf\r\n$1\r\n5\r\n$1\r\ng\r\n$1\r\n5\r\n$1\r\nb\r\n$1\r\n8\r\n$1\r\nd\r\n$2\r\n16\r\n$1\r\nl\r\n$6\r\n1e+308\r\n$1\r\ni\r\n$3\r\ninf\r\n$1\r\nk\r\n$3\r\ninf\r\n");
        assertThat(h.run("ZSCAN", "z", "0x1")).isEqualTo("-ERR invalid cursor\r\n");
    }
}
