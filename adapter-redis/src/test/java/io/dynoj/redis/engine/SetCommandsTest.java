package io.dynoj.redis.engine;

import static io.dynoj.redis.engine.HashCommandsTest.array;
import static io.dynoj.redis.engine.HashCommandsTest.bytes;
import static io.dynoj.redis.engine.HashCommandsTest.parseArray;
import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.storage.MemoryStore;
import java.util.LinkedHashSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SetCommandsTest {

    private static final String WRONGTYPE = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";

    private final MemoryStore store = new MemoryStore();
    private final EngineHarness h = new EngineHarness(store);
    private final Keyspace keyspace = h.engine().keyspace();

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void addRemoveAndMembership() {
        assertThat(h.run("SADD", "s", "a", "b", "a")).isEqualTo(":2\r\n");
        assertThat(h.run("SADD", "s", "b", "c")).isEqualTo(":1\r\n");
        assertThat(h.run("SMEMBERS", "s")).isEqualTo(array("a", "b", "c"));
        assertThat(h.run("SCARD", "s")).isEqualTo(":3\r\n");
        assertThat(h.run("SISMEMBER", "s", "b")).isEqualTo(":1\r\n");
        assertThat(h.run("SISMEMBER", "s", "x")).isEqualTo(":0\r\n");
        assertThat(h.run("SMISMEMBER", "s", "x", "a")).isEqualTo("*2\r\n:0\r\n:1\r\n");
        assertThat(h.run("SREM", "s", "a", "x", "a")).isEqualTo(":1\r\n");
        assertThat(h.run("SREM", "s", "b", "c")).isEqualTo(":2\r\n");
        assertThat(keyspace.exists(bytes("s"))).as("an emptied set is deleted").isFalse();
    }

    @Test
    void missingKeysAreEmptySets() {
        assertThat(h.run("SMEMBERS", "nokey")).isEqualTo("*0\r\n");
        assertThat(h.run("SCARD", "nokey")).isEqualTo(":0\r\n");
        assertThat(h.run("SREM", "nokey", "a")).isEqualTo(":0\r\n");
        assertThat(h.run("SMISMEMBER", "nokey", "a", "b")).isEqualTo("*2\r\n:0\r\n:0\r\n");
        assertThat(h.run("SPOP", "nokey")).isEqualTo("$-1\r\n");
        assertThat(h.run("SPOP", "nokey", "2")).isEqualTo("*0\r\n");
        assertThat(h.run("SRANDMEMBER", "nokey")).isEqualTo("$-1\r\n");
        assertThat(h.run("SRANDMEMBER", "nokey", "-2")).isEqualTo("*0\r\n");
        assertThat(h.run("SSCAN", "nokey", "0", "MATCH")).isEqualTo("*2\r\n$1\r\n0\r\n*0\r\n");
    }

    @Test
    void everyCommandRefusesOtherTypes() {
        h.run("SET", "str", "x");
        h.run("SADD", "s", "a");
        for (String[] cmd : new String[][] {{"SADD", "str", "a"}, {"SREM", "str", "a"}, {"SMEMBERS", "str"},
                {"SISMEMBER", "str", "a"}, {"SMISMEMBER", "str", "a"}, {"SCARD", "str"}, {"SPOP", "str"},
                {"SPOP", "str", "1"}, {"SRANDMEMBER", "str"}, {"SRANDMEMBER", "str", "1"}, {"SMOVE", "s", "str", "a"},
                {"SMOVE", "str", "s", "a"}, {"SINTER", "nokey", "str"}, {"SINTERCARD", "2", "nokey", "str"},
                {"SINTERSTORE", "d", "nokey", "str"}, {"SUNION", "s", "str"}, {"SUNIONSTORE", "d", "str"},
                {"SDIFF", "nokey", "str"}, {"SDIFFSTORE", "d", "s", "str"}, {"SSCAN", "str", "0"}}) {
            assertThat(h.run(cmd)).as(String.join(" ", cmd)).isEqualTo(WRONGTYPE);
        }
        assertThat(h.run("SMEMBERS", "s")).isEqualTo(array("a"));
    }

    @Test
    void spopRemovesWhatItReturns() {
        h.run("SADD", "s", "a", "b", "c", "d");
        String one = parseBulk(h.run("SPOP", "s"));
        List<String> two = parseArray(h.run("SPOP", "s", "2"));
        assertThat(two).hasSize(2).doesNotHaveDuplicates().doesNotContain(one);
        LinkedHashSet<String> popped = new LinkedHashSet<>(two);
        popped.add(one);
        assertThat(popped).isSubsetOf("a", "b", "c", "d");
        assertThat(h.run("SCARD", "s")).isEqualTo(":1\r\n");
        assertThat(h.run("SPOP", "s", "0")).isEqualTo("*0\r\n");
        assertThat(parseArray(h.run("SPOP", "s", "5"))).hasSize(1).doesNotContainAnyElementsOf(popped);
        assertThat(keyspace.exists(bytes("s"))).isFalse();
    }

    @Test
    void spopAndSrandmemberArgumentErrors() {
        h.run("SADD", "s", "a");
        assertThat(h.run("SPOP", "s", "-1")).isEqualTo("-ERR value is out of range, must be positive\r\n");
        assertThat(h.run("SPOP", "nokey", "x")).isEqualTo("-ERR value is out of range, must be positive\r\n");
        assertThat(h.run("SPOP", "s", "1", "2")).isEqualTo("-ERR syntax error\r\n");
        assertThat(h.run("SRANDMEMBER", "s", "x")).isEqualTo("-ERR value is not an integer or out of range\r\n");
        assertThat(h.run("SRANDMEMBER", "s", "1", "2")).isEqualTo("-ERR syntax error\r\n");
        assertThat(h.run("SRANDMEMBER", "s", "-9223372036854775808")).isEqualTo(
                "-ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807\r\n");
    }

    @Test
    void srandmemberLeavesTheSetAlone() {
        h.run("SADD", "s", "a", "b", "c");
        assertThat(h.run("SRANDMEMBER", "s")).isIn("$1\r\na\r\n", "$1\r\nb\r\n", "$1\r\nc\r\n");
        assertThat(parseArray(h.run("SRANDMEMBER", "s", "2"))).hasSize(2).doesNotHaveDuplicates().isSubsetOf("a", "b", "c");
        assertThat(parseArray(h.run("SRANDMEMBER", "s", "9"))).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(parseArray(h.run("SRANDMEMBER", "s", "-20"))).hasSize(20).isSubsetOf("a", "b", "c");
        assertThat(h.run("SRANDMEMBER", "s", "0")).isEqualTo("*0\r\n");
        assertThat(h.run("SCARD", "s")).isEqualTo(":3\r\n");
    }

    @Test
    void smoveMovesOneMember() {
        h.run("SADD", "src", "a", "b");
        h.run("SET", "str", "x");
        assertThat(h.run("SMOVE", "nokey", "str", "a")).as("no source: 0 before the type check").isEqualTo(":0\r\n");
        assertThat(h.run("SMOVE", "src", "src", "a")).isEqualTo(":1\r\n");
        assertThat(h.run("SMOVE", "src", "src", "zz")).isEqualTo(":0\r\n");
        assertThat(h.run("SMOVE", "src", "dst", "zz")).isEqualTo(":0\r\n");
        assertThat(h.run("SMOVE", "src", "dst", "a")).isEqualTo(":1\r\n");
        assertThat(h.run("SMOVE", "src", "dst", "b")).isEqualTo(":1\r\n");
        assertThat(keyspace.exists(bytes("src"))).isFalse();
        assertThat(h.run("SMEMBERS", "dst")).isEqualTo(array("a", "b"));
    }

    @Test
    void algebra() {
        h.run("SADD", "x", "a", "b", "c", "d");
        h.run("SADD", "y", "c", "d", "e");
        assertThat(parseArray(h.run("SINTER", "x", "y"))).containsExactlyInAnyOrder("c", "d");
        assertThat(h.run("SINTER", "x", "nokey")).isEqualTo("*0\r\n");
        assertThat(parseArray(h.run("SUNION", "x", "nokey", "y"))).containsExactlyInAnyOrder("a", "b", "c", "d", "e");
        assertThat(parseArray(h.run("SDIFF", "x", "y", "nokey"))).containsExactlyInAnyOrder("a", "b");
        assertThat(h.run("SDIFF", "nokey", "x")).isEqualTo("*0\r\n");
        h.run("SET", "d", "string");
        assertThat(h.run("SINTERSTORE", "d", "x", "y")).isEqualTo(":2\r\n");
        assertThat(parseArray(h.run("SMEMBERS", "d"))).containsExactlyInAnyOrder("c", "d");
        assertThat(h.run("SUNIONSTORE", "d", "x", "y")).isEqualTo(":5\r\n");
        assertThat(h.run("SDIFFSTORE", "d", "x", "y")).isEqualTo(":2\r\n");
        assertThat(h.run("SDIFFSTORE", "d", "x", "x")).isEqualTo(":0\r\n");
        assertThat(keyspace.exists(bytes("d"))).as("an empty result deletes the destination").isFalse();
        h.run("SADD", "d", "z");
        assertThat(h.run("SINTERSTORE", "d", "x", "nokey")).isEqualTo(":0\r\n");
        assertThat(keyspace.exists(bytes("d"))).isFalse();
    }

    @Test
    void sintercardCountsUpToTheLimit() {
        h.run("SADD", "x", "a", "b", "c", "d");
        h.run("SADD", "y", "b", "c", "d", "e");
        assertThat(h.run("SINTERCARD", "2", "x", "y")).isEqualTo(":3\r\n");
        assertThat(h.run("SINTERCARD", "2", "x", "y", "LIMIT", "2")).isEqualTo(":2\r\n");
        assertThat(h.run("SINTERCARD", "2", "x", "y", "limit", "0")).isEqualTo(":3\r\n");
        assertThat(h.run("SINTERCARD", "2", "x", "nokey")).isEqualTo(":0\r\n");
        assertThat(h.run("SINTERCARD", "0", "x")).isEqualTo("-ERR numkeys should be greater than 0\r\n");
        assertThat(h.run("SINTERCARD", "abc", "x")).isEqualTo("-ERR numkeys should be greater than 0\r\n");
        assertThat(h.run("SINTERCARD", "3", "x", "y")).isEqualTo("-ERR Number of keys can't be greater than number of args\r\n");
        assertThat(h.run("SINTERCARD", "1", "x", "LIMIT")).isEqualTo("-ERR syntax error\r\n");
        assertThat(h.run("SINTERCARD", "1", "x", "LIMIT", "-1")).isEqualTo("-ERR LIMIT can't be negative\r\n");
        assertThat(h.run("SINTERCARD", "1", "x", "LIMIT", "x")).isEqualTo("-ERR LIMIT can't be negative\r\n");
        assertThat(h.run("SINTERCARD", "1", "x", "FOO", "1")).isEqualTo("-ERR syntax error\r\n");
    }

    @Test
    void sscanFiltersMembers() {
        h.run("SADD", "s", "apple", "banana", "avocado");
        assertThat(h.run("SSCAN", "s", "0", "MATCH", "a*")).isEqualTo("*2\r\n$1\r\n0\r\n" + array("apple", "avocado"));
        assertThat(h.run("SSCAN", "s", "0", "COUNT", "-1")).isEqualTo("-ERR syntax error\r\n");
        assertThat(h.run("SSCAN", "s", " 1")).isEqualTo("-ERR invalid cursor\r\n");
    }

    @Test
    void changesKeepTheTtl() {
        keyspace.put(bytes("s"), new StoredValue(ValueType.SET, h.now() + 500,
                Codec.encodeSet(new LinkedHashSet<>(List.of(Bytes.of("a"), Bytes.of("b"))))));
        h.run("SADD", "s", "c");
        h.run("SREM", "s", "a");
        h.run("SMOVE", "s", "other", "b");
        assertThat(keyspace.get(bytes("s")).expireAt()).isEqualTo(h.now() + 500);
        assertThat(keyspace.get(bytes("other")).expireAt()).isZero();
        h.run("SUNIONSTORE", "s", "other");
        assertThat(keyspace.get(bytes("s")).expireAt()).as("a STORE replaces the TTL too").isZero();
    }

    private static String parseBulk(String resp) {
        String[] lines = resp.split("\r\n");
        assertThat(lines[0]).startsWith("$");
        return lines[1];
    }
}
