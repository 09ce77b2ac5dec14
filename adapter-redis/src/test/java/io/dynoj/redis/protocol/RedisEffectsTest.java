package io.dynoj.redis.protocol;

import static io.dynoj.redis.protocol.Requests.request;
import static io.dynoj.redis.protocol.Requests.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a key's primary executes and what the other replicas apply, per Redis write. */
class RedisEffectsTest {

    private static final long NOW = 1_700_000_000_000L;
    private final ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;

    private String atPrimary(String... args) {
        return text(RedisEffects.atPrimary(request(args), NOW, alloc));
    }

    private String effect(String reply, String... args) {
        return Requests.effect(Unpooled.copiedBuffer(reply, StandardCharsets.UTF_8), NOW, args);
    }

    /** The effect the primary sends as it executes, or null when it must wait for its own reply. */
    private String early(String... args) {
        RedisRequest prepared = RedisEffects.atPrimary(request(args), NOW, alloc);
        try {
            io.dynoj.core.spi.Request effect = new RedisProtocolAdapter().effectBeforeExecution(prepared);
            return effect == null ? null : text((RedisRequest) effect);
        } finally {
            prepared.release();
        }
    }

    @Test
    void deterministicWritesLeaveForTheReplicasAsThePrimaryExecutesThem() {
        assertThat(early("SET", "k", "v")).isEqualTo("SET k v");
        assertThat(early("EXPIRE", "k", "10")).as("in its absolute form").isEqualTo("pexpireat k " + (NOW + 10_000));
        assertThat(early("INCRBYFLOAT", "k", "1.5")).isEqualTo("INCRBYFLOAT k 1.5");
        assertThat(early("SPOP", "s")).as("the primary chooses").isNull();
        assertThat(early("XADD", "x", "*", "f", "v")).isNull();
        assertThat(early("XREADGROUP", "GROUP", "g", "c", "STREAMS", "x", ">")).as("records the primary's time").isNull();
        assertThat(early("XCLAIM", "x", "g", "c", "0", "1-1")).isNull();
    }

    @Test
    void relativeExpiriesBecomeAbsoluteOnThePrimary() {
        assertThat(atPrimary("EXPIRE", "k", "10", "NX")).isEqualTo("pexpireat k " + (NOW + 10_000) + " NX");
        assertThat(atPrimary("pexpire", "k", "-5")).isEqualTo("pexpireat k " + (NOW - 5));
        assertThat(atPrimary("SETEX", "k", "2", "v")).isEqualTo("set k v pxat " + (NOW + 2000));
        assertThat(atPrimary("PSETEX", "k", "7", "v")).isEqualTo("set k v pxat " + (NOW + 7));
        assertThat(atPrimary("SET", "k", "v", "NX", "ex", "3", "GET")).isEqualTo("SET k v NX pxat " + (NOW + 3000) + " GET");
        assertThat(atPrimary("GETEX", "k", "PX", "40")).isEqualTo("GETEX k pxat " + (NOW + 40));
        assertThat(atPrimary("RESTORE", "k", "100", "payload", "REPLACE"))
                .isEqualTo("RESTORE k " + (NOW + 100) + " payload REPLACE ABSTTL");
    }

    @Test
    void whatRedisRejectsIsLeftForRedisToReject() {
        assertThat(atPrimary("SETEX", "k", "0", "v")).isEqualTo("SETEX k 0 v");
        assertThat(atPrimary("SET", "k", "v", "EX", "1", "PX", "2")).isEqualTo("SET k v EX 1 PX 2");
        assertThat(atPrimary("SET", "k", "v", "EX", "1", "KEEPTTL")).isEqualTo("SET k v EX 1 KEEPTTL");
        assertThat(atPrimary("EXPIRE", "k", "abc")).isEqualTo("EXPIRE k abc");
        assertThat(atPrimary("EXPIRE", "k", "9223372036854775807")).isEqualTo("EXPIRE k 9223372036854775807");
        assertThat(atPrimary("SET", "k", "v")).isEqualTo("SET k v");
    }

    @Test
    void approximateStreamTrimmingBecomesExact() {
        assertThat(atPrimary("XADD", "s", "MAXLEN", "~", "10", "LIMIT", "5", "*", "f", "v"))
                .isEqualTo("XADD s MAXLEN = 10 * f v");
        assertThat(atPrimary("XTRIM", "s", "MINID", "~", "5-0")).isEqualTo("XTRIM s MINID = 5-0");
        assertThat(atPrimary("XADD", "s", "*", "f", "v")).isEqualTo("XADD s * f v");
    }

    @Test
    void spopReplaysAsSremOfWhatWasPopped() {
        assertThat(effect("$1\r\nb\r\n", "SPOP", "s")).isEqualTo("srem s b");
        assertThat(effect("*2\r\n$1\r\na\r\n$2\r\ncd\r\n", "SPOP", "s", "2")).isEqualTo("srem s a cd");
        assertThat(effect("$-1\r\n", "SPOP", "s")).as("nothing popped").isNull();
        assertThat(effect("*0\r\n", "SPOP", "s", "3")).isNull();
    }

    @Test
    void xaddWithAGeneratedIdReplaysWithThatId() {
        assertThat(effect("$3\r\n5-0\r\n", "XADD", "s", "*", "f", "v")).isEqualTo("XADD s 5-0 f v");
        assertThat(effect("$3\r\n7-3\r\n", "XADD", "s", "NOMKSTREAM", "MAXLEN", "=", "9", "7-*", "f", "v"))
                .isEqualTo("XADD s NOMKSTREAM MAXLEN = 9 7-3 f v");
        assertThat(effect("$3\r\n5-1\r\n", "XADD", "s", "5-1", "f", "v")).isEqualTo("XADD s 5-1 f v");
        assertThat(effect("$-1\r\n", "XADD", "s", "NOMKSTREAM", "*", "f", "v")).isNull();
    }

    @Test
    void errorsChangedNothingAndDeterministicWritesReplayAsTheyAre() {
        assertThat(effect("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "INCR", "k"))
                .isNull();
        assertThat(effect(":5\r\n", "INCR", "k")).isEqualTo("INCR k");
    }

    @Test
    void theCommandTableMarksWritesWhoseResultTheServerChooses() {
        CommandTable table = CommandTable.standard();
        for (String name : List.of("spop", "xadd", "xclaim", "xautoclaim", "xtrim", "xreadgroup")) {
            assertThat(spec(table, name).nondeterministic()).as(name).isTrue();
        }
        for (String name : List.of("set", "incr", "srandmember", "lpush", "xack", "xgroup")) {
            assertThat(spec(table, name).nondeterministic()).as(name).isFalse();
        }
        for (String name : List.of("srandmember", "randomkey", "time", "ttl", "spop", "xadd")) {
            assertThat(spec(table, name).nondeterministicOutput()).as(name + ": its tip, reads included").isTrue();
        }
        assertThat(spec(table, "xreadgroup").nondeterministicOutput()).as("not tipped, records the time").isFalse();
    }

    private static CommandSpec spec(CommandTable table, String name) {
        ByteBuf b = Unpooled.copiedBuffer(name, StandardCharsets.US_ASCII);
        try {
            return table.find(b, 0, b.readableBytes());
        } finally {
            b.release();
        }
    }
}
