package io.dynoj.redis.protocol;

import static io.dynoj.redis.protocol.Requests.request;
import static io.dynoj.redis.protocol.Requests.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.spi.Request;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What hinted handoff and read repair ask of the Redis protocol: idempotence, key copies, comparable replies. */
class RepairSupportTest {

    private static final RedisProtocolAdapter ADAPTER = new RedisProtocolAdapter();

    private static boolean idempotent(String... args) {
        RedisRequest r = request(args);
        try {
            return ADAPTER.isIdempotent(r);
        } finally {
            r.release();
        }
    }

    /** Unpooled and unreleased on purpose: plain heap bytes, outside the leak detector's view. */
    private static ByteBuf reply(String resp) {
        return Unpooled.wrappedBuffer(resp.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static ByteBuf key(String k) {
        return Unpooled.wrappedBuffer(k.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void setsAndDeletesAreIdempotentIncrementsAndPushesAreNot() {
        assertThat(idempotent("SET", "k", "v")).isTrue();
        assertThat(idempotent("DEL", "a", "b")).isTrue();
        assertThat(idempotent("HSET", "h", "f", "v")).isTrue();
        assertThat(idempotent("ZADD", "z", "1", "m")).isTrue();
        assertThat(idempotent("ZADD", "z", "INCR", "1", "m")).isFalse();
        assertThat(idempotent("RESTORE", "k", "0", "payload", "REPLACE")).isTrue();
        assertThat(idempotent("RESTORE", "k", "0", "payload")).isFalse();
        assertThat(idempotent("LREM", "l", "0", "x")).isTrue();
        assertThat(idempotent("LREM", "l", "2", "x")).isFalse();
        assertThat(idempotent("INCR", "k")).isFalse();
        assertThat(idempotent("APPEND", "k", "v")).isFalse();
        assertThat(idempotent("LPUSH", "l", "v")).isFalse();
        assertThat(idempotent("LPOP", "l")).isFalse();
    }

    @Test
    void aKeyIsReadWithPttlAndDumpAndRestoredWithAnAbsoluteExpiry() {
        List<Request> reads = ADAPTER.keyCopy().read(key("k"), ByteBufAllocator.DEFAULT);
        assertThat(reads).extracting(r -> text((RedisRequest) r)).containsExactly("PTTL k", "DUMP k");
        ByteBuf pttl = reply(":1500\r\n");
        ByteBuf dump = reply("$3\r\nxyz\r\n");
        Request restore = ADAPTER.keyCopy().write(key("k"), List.of(pttl, dump), 1_000_000, ByteBufAllocator.DEFAULT);
        assertThat(text((RedisRequest) restore)).isEqualTo("RESTORE k 1001500 xyz REPLACE ABSTTL");
        pttl.release();
        dump.release();
        assertThat(idempotent("RESTORE", "k", "1001500", "xyz", "REPLACE", "ABSTTL")).isTrue();
    }

    @Test
    void aKeyWithoutExpiryIsRestoredWithNoneAndAMissingKeyIsDeleted() {
        Request persistent = ADAPTER.keyCopy().write(key("k"), List.of(reply(":-1\r\n"), reply("$1\r\nx\r\n")), 5,
                ByteBufAllocator.DEFAULT);
        assertThat(text((RedisRequest) persistent)).isEqualTo("RESTORE k 0 x REPLACE ABSTTL");
        Request gone = ADAPTER.keyCopy().write(key("k"), List.of(reply(":-2\r\n"), reply("$-1\r\n")), 5,
                ByteBufAllocator.DEFAULT);
        assertThat(text((RedisRequest) gone)).isEqualTo("DEL k");
        assertThat(ADAPTER.keyCopy().write(key("k"), List.of(reply(":5\r\n"), reply("-ERR no\r\n")), 5,
                ByteBufAllocator.DEFAULT)).isNull();
    }

    @Test
    void onlyOneKeyReadsOfTheValueAreRepairable() {
        assertThat(repairable("GET", "k")).isTrue();
        assertThat(repairable("HGETALL", "h")).isTrue();
        assertThat(repairable("TTL", "k")).isFalse();
        assertThat(repairable("PTTL", "k")).isFalse();
        assertThat(repairable("SRANDMEMBER", "s")).isFalse();
        assertThat(repairable("MGET", "a", "b")).isFalse();
        assertThat(repairable("SET", "k", "v")).isFalse();
    }

    @Test
    void setsAndHashesInAnotherOrderAreTheSameAnswer() {
        RedisRequest smembers = request("SMEMBERS", "s");
        RedisRequest hgetall = request("HGETALL", "h");
        RedisRequest lrange = request("LRANGE", "l", "0", "-1");
        try {
            assertThat(ADAPTER.sameAnswer(smembers, reply("*2\r\n$1\r\na\r\n$1\r\nb\r\n"),
                    reply("*2\r\n$1\r\nb\r\n$1\r\na\r\n"))).isTrue();
            assertThat(ADAPTER.sameAnswer(smembers, reply("*2\r\n$1\r\na\r\n$1\r\nb\r\n"),
                    reply("*2\r\n$1\r\na\r\n$1\r\nc\r\n"))).isFalse();
            assertThat(ADAPTER.sameAnswer(hgetall, reply("*4\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n2\r\n"),
                    reply("*4\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\na\r\n$1\r\n1\r\n"))).isTrue();
            assertThat(ADAPTER.sameAnswer(hgetall, reply("*4\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n2\r\n"),
                    reply("*4\r\n$1\r\na\r\n$1\r\n2\r\n$1\r\nb\r\n$1\r\n1\r\n"))).as("values swapped").isFalse();
            assertThat(ADAPTER.sameAnswer(lrange, reply("*2\r\n$1\r\na\r\n$1\r\nb\r\n"),
                    reply("*2\r\n$1\r\nb\r\n$1\r\na\r\n"))).as("a list's order matters").isFalse();
        } finally {
            smembers.release();
            hgetall.release();
            lrange.release();
        }
    }

    private static boolean repairable(String... args) {
        RedisRequest r = request(args);
        try {
            return ADAPTER.isRepairable(r);
        } finally {
            r.release();
        }
    }

}
