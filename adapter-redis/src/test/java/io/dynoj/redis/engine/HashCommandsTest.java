package io.dynoj.redis.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.storage.MemoryStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HashCommandsTest {

    private static final String WRONGTYPE = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";

    private final MemoryStore store = new MemoryStore();
    private final EngineHarness h = new EngineHarness(store);
    private final Keyspace keyspace = h.engine().keyspace();

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void hsetCountsNewFieldsAndKeepsInsertionOrder() {
        assertThat(h.run("HSET", "h", "a", "1", "b", "2")).isEqualTo(":2\r\n");
        assertThat(h.run("HSET", "h", "a", "9", "c", "3")).isEqualTo(":1\r\n");
        assertThat(h.run("HGETALL", "h")).isEqualTo(array("a", "9", "b", "2", "c", "3"));
        assertThat(h.run("HKEYS", "h")).isEqualTo(array("a", "b", "c"));
        assertThat(h.run("HVALS", "h")).isEqualTo(array("9", "2", "3"));
        assertThat(h.run("HLEN", "h")).isEqualTo(":3\r\n");
        assertThat(h.run("HMSET", "h", "d", "4")).isEqualTo("+OK\r\n");
        assertThat(h.run("HGET", "h", "d")).isEqualTo("$1\r\n4\r\n");
    }

    @Test
    void oddFieldValueListsAreAnArityError() {
        assertThat(h.run("HSET", "h", "a", "1", "b")).isEqualTo("-ERR wrong number of arguments for 'hset' command\r\n");
        assertThat(h.run("HMSET", "h", "a", "1", "b")).isEqualTo("-ERR wrong number of arguments for 'hmset' command\r\n");
        assertThat(keyspace.exists(bytes("h"))).isFalse();
    }

    @Test
    void readsOfMissingKeysAndFields() {
        assertThat(h.run("HGET", "nokey", "f")).isEqualTo("$-1\r\n");
        assertThat(h.run("HMGET", "nokey", "a", "b")).isEqualTo("*2\r\n$-1\r\n$-1\r\n");
        assertThat(h.run("HLEN", "nokey")).isEqualTo(":0\r\n");
        assertThat(h.run("HSTRLEN", "nokey", "f")).isEqualTo(":0\r\n");
        assertThat(h.run("HEXISTS", "nokey", "f")).isEqualTo(":0\r\n");
        assertThat(h.run("HGETALL", "nokey")).isEqualTo("*0\r\n");
        h.run("HSET", "h", "a", "hello");
        assertThat(h.run("HMGET", "h", "x", "a")).isEqualTo("*2\r\n$-1\r\n$5\r\nhello\r\n");
        assertThat(h.run("HSTRLEN", "h", "a")).isEqualTo(":5\r\n");
        assertThat(h.run("HEXISTS", "h", "a")).isEqualTo(":1\r\n");
    }

    @Test
    void hsetnxSetsOnlyNewFields() {
        assertThat(h.run("HSETNX", "h", "a", "1")).isEqualTo(":1\r\n");
        assertThat(h.run("HSETNX", "h", "a", "2")).isEqualTo(":0\r\n");
        assertThat(h.run("HGET", "h", "a")).isEqualTo("$1\r\n1\r\n");
    }

    @Test
    void hdelRemovesFieldsAndTheEmptiedKey() {
        h.run("HSET", "h", "a", "1", "b", "2");
        assertThat(h.run("HDEL", "h", "a", "a", "zz")).isEqualTo(":1\r\n");
        assertThat(h.run("HDEL", "nokey", "a")).isEqualTo(":0\r\n");
        assertThat(h.run("HDEL", "h", "b")).isEqualTo(":1\r\n");
        assertThat(keyspace.exists(bytes("h"))).isFalse();
    }

    @Test
    void everyCommandRefusesOtherTypes() {
        h.run("SET", "s", "x");
        for (String[] cmd : new String[][] {{"HSET", "s", "f", "v"}, {"HSETNX", "s", "f", "v"}, {"HMSET", "s", "f", "v"},
                {"HGET", "s", "f"}, {"HMGET", "s", "f"}, {"HDEL", "s", "f"}, {"HLEN", "s"}, {"HSTRLEN", "s", "f"},
                {"HEXISTS", "s", "f"}, {"HKEYS", "s"}, {"HVALS", "s"}, {"HGETALL", "s"}, {"HINCRBY", "s", "f", "1"},
                {"HINCRBYFLOAT", "s", "f", "1"}, {"HRANDFIELD", "s"}, {"HRANDFIELD", "s", "2"}, {"HSCAN", "s", "0"}}) {
            assertThat(h.run(cmd)).as(String.join(" ", cmd)).isEqualTo(WRONGTYPE);
        }
        assertThat(h.run("GET", "s")).isEqualTo("$1\r\nx\r\n");
    }

    @Test
    void hincrbyCountsAndRefusesNonIntegers() {
        assertThat(h.run("HINCRBY", "h", "n", "5")).isEqualTo(":5\r\n");
        assertThat(h.run("HINCRBY", "h", "n", "-7")).isEqualTo(":-2\r\n");
        assertThat(h.run("HGET", "h", "n")).isEqualTo("$2\r\n-2\r\n");
        h.run("HSET", "h", "f", "1.5", "big", "9223372036854775807");
        assertThat(h.run("HINCRBY", "h", "f", "1")).isEqualTo("-ERR hash value is not an integer\r\n");
        assertThat(h.run("HINCRBY", "h", "big", "1")).isEqualTo("-ERR increment or decrement would overflow\r\n");
        assertThat(h.run("HINCRBY", "h", "n", "x")).isEqualTo("-ERR value is not an integer or out of range\r\n");
        h.run("SET", "s", "x");
        assertThat(h.run("HINCRBY", "s", "n", "x")).as("the increment is checked before the type")
                .isEqualTo("-ERR value is not an integer or out of range\r\n");
    }

    @Test
    void hincrbyfloatPrintsLikeRedis() {
        assertThat(h.run("HINCRBYFLOAT", "h", "x", "10.5")).isEqualTo("$4\r\n10.5\r\n");
        assertThat(h.run("HINCRBYFLOAT", "h", "x", "0.1")).isEqualTo("$4\r\n10.6\r\n");
        assertThat(h.run("HINCRBYFLOAT", "h", "y", "3.0")).isEqualTo("$1\r\n3\r\n");
        assertThat(h.run("HINCRBYFLOAT", "h", "z", "1e3")).isEqualTo("$4\r\n1000\r\n");
        h.run("HSET", "h", "near63", "-9223372036854775807");
        assertThat(h.run("HINCRBYFLOAT", "h", "near63", "-1.25")).as("rounded to a 64-bit significand like a long double")
                .isEqualTo("$20\r\n-9223372036854775808\r\n");
        assertThat(h.run("HINCRBYFLOAT", "h", "tiny", "1e-20")).isEqualTo("$1\r\n0\r\n");
        h.run("HSET", "h", "word", "abc", "inf", "inf", "sci", "1e3");
        assertThat(h.run("HINCRBYFLOAT", "h", "sci", "1")).isEqualTo("$4\r\n1001\r\n");
        assertThat(h.run("HINCRBYFLOAT", "h", "word", "1")).isEqualTo("-ERR hash value is not a float\r\n");
        assertThat(h.run("HINCRBYFLOAT", "h", "inf", "1")).isEqualTo("-ERR increment would produce NaN or Infinity\r\n");
        assertThat(h.run("HINCRBYFLOAT", "h", "x", "inf")).isEqualTo("-ERR value is NaN or Infinity\r\n");
        assertThat(h.run("HINCRBYFLOAT", "h", "x", "nan")).isEqualTo("-ERR value is not a valid float\r\n");
        assertThat(h.run("HINCRBYFLOAT", "h", "x", "abc")).isEqualTo("-ERR value is not a valid float\r\n");
    }

    @Test
    void hrandfieldPicksFieldsOfTheHash() {
        assertThat(h.run("HRANDFIELD", "nokey")).isEqualTo("$-1\r\n");
        assertThat(h.run("HRANDFIELD", "nokey", "3")).isEqualTo("*0\r\n");
        h.run("HSET", "h", "a", "1", "b", "2", "c", "3");
        assertThat(h.run("HRANDFIELD", "h")).isIn("$1\r\na\r\n", "$1\r\nb\r\n", "$1\r\nc\r\n");
        assertThat(h.run("HRANDFIELD", "h", "0")).isEqualTo("*0\r\n");
        assertThat(h.run("HRANDFIELD", "h", "10")).as("more than the size: the whole hash").isEqualTo(array("a", "b", "c"));
        List<String> two = parseArray(h.run("HRANDFIELD", "h", "2"));
        assertThat(two).hasSize(2).doesNotHaveDuplicates().isSubsetOf("a", "b", "c");
        List<String> many = parseArray(h.run("HRANDFIELD", "h", "-50"));
        assertThat(many).hasSize(50).isSubsetOf("a", "b", "c");
        List<String> pairs = parseArray(h.run("HRANDFIELD", "h", "-6", "WITHVALUES"));
        assertThat(pairs).hasSize(12);
        for (int i = 0; i < pairs.size(); i += 2) {
            assertThat(pairs.get(i + 1)).isEqualTo(String.valueOf((char) ('1' + pairs.get(i).charAt(0) - 'a')));
        }
    }

    @Test
    void hrandfieldArgumentErrors() {
        h.run("HSET", "h", "a", "1");
        assertThat(h.run("HRANDFIELD", "h", "x", "WITHVALUES")).isEqualTo("-ERR value is not an integer or out of range\r\n");
        assertThat(h.run("HRANDFIELD", "h", "1", "WITHVALUE")).isEqualTo("-ERR syntax error\r\n");
        assertThat(h.run("HRANDFIELD", "h", "1", "WITHVALUES", "x")).isEqualTo("-ERR syntax error\r\n");
        assertThat(h.run("HRANDFIELD", "h", "-9223372036854775808")).isEqualTo(
                "-ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807\r\n");
        assertThat(h.run("HRANDFIELD", "h", "-9223372036854775807", "WITHVALUES")).isEqualTo("-ERR value is out of range\r\n");
    }

    @Test
    void hscanReturnsMatchingPairsInOneReply() {
        assertThat(h.run("HSCAN", "nokey", "0")).isEqualTo("*2\r\n$1\r\n0\r\n*0\r\n");
        assertThat(h.run("HSCAN", "nokey", "0", "COUNT", "0")).as("options of a missing key are not checked")
                .isEqualTo("*2\r\n$1\r\n0\r\n*0\r\n");
        h.run("HSET", "h", "apple", "1", "banana", "2", "avocado", "3");
        assertThat(h.run("HSCAN", "h", "0", "MATCH", "a*", "COUNT", "1"))
                .isEqualTo("*2\r\n$1\r\n0\r\n" + array("apple", "1", "avocado", "3"));
        assertThat(h.run("HSCAN", "h", "0", "COUNT", "0")).isEqualTo("-ERR syntax error\r\n");
        assertThat(h.run("HSCAN", "h", "0", "COUNT", "x")).isEqualTo("-ERR value is not an integer or out of range\r\n");
        assertThat(h.run("HSCAN", "h", "0", "MATCH")).isEqualTo("-ERR syntax error\r\n");
        assertThat(h.run("HSCAN", "h", "0", "TYPE", "string")).isEqualTo("-ERR syntax error\r\n");
        assertThat(h.run("HSCAN", "h", "x")).isEqualTo("-ERR invalid cursor\r\n");
        assertThat(h.run("HSCAN", "h", "18446744073709551616")).isEqualTo("-ERR invalid cursor\r\n");
        assertThat(h.run("HSCAN", "h", "18446744073709551615", "MATCH", "b*")).isEqualTo("*2\r\n$1\r\n0\r\n" + array("banana", "2"));
    }

    @Test
    void changesKeepTheTtlAndExpiredHashesAreGone() {
        keyspace.put(bytes("h"), new StoredValue(ValueType.HASH, h.now() + 1000,
                Codec.encodeHash(new java.util.LinkedHashMap<>(java.util.Map.of(Bytes.of("a"), bytes("1"))))));
        h.run("HSET", "h", "b", "2");
        h.run("HINCRBY", "h", "a", "1");
        h.run("HDEL", "h", "b");
        assertThat(keyspace.get(bytes("h")).expireAt()).isEqualTo(h.now() + 1000);
        h.advance(1000);
        assertThat(h.run("HGETALL", "h")).isEqualTo("*0\r\n");
        assertThat(h.run("HSET", "h", "x", "1")).isEqualTo(":1\r\n");
        assertThat(keyspace.get(bytes("h")).expireAt()).as("a new hash has no TTL").isZero();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String array(String... items) {
        StringBuilder sb = new StringBuilder("*").append(items.length).append("\r\n");
        for (String item : items) {
            sb.append('$').append(bytes(item).length).append("\r\n").append(item).append("\r\n");
        }
        return sb.toString();
    }

    /** The bulk items of a flat RESP array of bulks. */
    static List<String> parseArray(String resp) {
        String[] lines = resp.split("\r\n");
        assertThat(lines[0]).startsWith("*");
        List<String> items = new ArrayList<>();
        for (int i = 2; i < lines.length; i += 2) {
            items.add(lines[i]);
        }
        assertThat(items).hasSize(Integer.parseInt(lines[0].substring(1)));
        return items;
    }
}
