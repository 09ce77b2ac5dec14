package io.dynoj.redis.protocol;

import static io.dynoj.redis.protocol.Requests.request;
import static io.dynoj.redis.protocol.Requests.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The effects of the consumer-group commands: what the other replicas apply, with the primary's time. */
class StreamEffectsTest {

    private static final long NOW = 1_700_000_000_000L;
    private static final String T = Long.toString(NOW);
    private final ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;

    private String atPrimary(String... args) {
        return text(RedisEffects.atPrimary(request(args), NOW, alloc));
    }

    /** The effect of {@code args} when the primary answered {@code reply} (an array of bulks, nils, arrays). */
    private String effect(List<?> reply, String... args) {
        ByteBuf r = reply == null ? Unpooled.copiedBuffer("*-1\r\n", StandardCharsets.US_ASCII)
                : RespWriter.array(alloc, reply);
        return Requests.effect(r, NOW, args);
    }

    private static List<Object> entry(String id, String... fields) {
        return List.of(id, Arrays.asList((Object[]) fields));
    }

    private static List<Object> deleted(String id) {
        return Arrays.asList(id, null);
    }

    @Test
    void newEntriesReadByAGroupMoveItsPositionAndBecomeClaimsWithThePrimarysTime() {
        List<?> reply = List.of(List.of("s", List.of(entry("1-0", "f", "a"), entry("2-0", "f", "b"))));
        assertThat(effect(reply, "XREADGROUP", "GROUP", "g", "c", "COUNT", "5", "STREAMS", "s", ">"))
                .isEqualTo("EVAL [s] XREADGROUP GROUP g c COUNT 2 NOACK STREAMS s >; "
                        + "XCLAIM s g c 0 1-0 2-0 TIME " + T + " RETRYCOUNT 1 FORCE JUSTID LASTID 2-0");
    }

    @Test
    void aNoackReadOnlyMovesTheGroupAndIsOneCommand() {
        List<?> reply = List.of(List.of("s", List.of(entry("3-0", "f", "a"))));
        assertThat(effect(reply, "xreadgroup", "noack", "group", "g", "c", "streams", "s", ">"))
                .isEqualTo("XREADGROUP GROUP g c COUNT 1 NOACK STREAMS s >");
    }

    @Test
    void aReadThatDeliveredNothingChangedNothing() {
        assertThat(effect(null, "XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", ">")).isNull();
        assertThat(effect(List.of(), "XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", ">")).isNull();
    }

    @Test
    void aHistoryReadCountsADeliveryOfWhatItDeliveredAgainOrCreatesTheConsumer() {
        List<?> reply = List.of(List.of("s", List.of(entry("1-0", "f", "a"), deleted("2-0"), entry("4-0", "f", "d"))));
        assertThat(effect(reply, "XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", "0"))
                .as("no JUSTID: the replica counts one more delivery, as the read did; deleted entries untouched")
                .isEqualTo("XCLAIM s g c 0 1-0 4-0 TIME " + T);
        assertThat(effect(List.of(List.of("s", List.of())), "XREADGROUP", "GROUP", "g", "new", "STREAMS", "s", "0"))
                .isEqualTo("XGROUP CREATECONSUMER s g new");
        assertThat(effect(List.of(List.of("s", List.of(deleted("2-0")))), "XREADGROUP", "GROUP", "g", "c",
                "STREAMS", "s", "0")).as("nothing delivered again").isNull();
    }

    @Test
    void severalStreamsGiveOneScriptOverTheStreamsTheReadServed() {
        List<?> reply = List.of(
                List.of("{t}a", List.of(entry("1-0", "f", "a"))),
                List.of("{t}c", List.of()));
        assertThat(effect(reply, "XREADGROUP", "GROUP", "g", "c", "COUNT", "1", "STREAMS", "{t}a", "{t}b", "{t}c",
                ">", ">", "0"))
                .isEqualTo("EVAL [{t}a, {t}c] XREADGROUP GROUP g c COUNT 1 NOACK STREAMS {t}a >; "
                        + "XCLAIM {t}a g c 0 1-0 TIME " + T + " RETRYCOUNT 1 FORCE JUSTID LASTID 1-0; "
                        + "XGROUP CREATECONSUMER {t}c g c");
    }

    @Test
    void manyEntriesAreClaimedInPiecesTheScriptCanUnpack() {
        List<Object> entries = new ArrayList<>();
        for (int i = 1; i <= 2500; i++) {
            entries.add(entry(i + "-0", "f", "v"));
        }
        String effect = effect(List.of(List.of("s", entries)), "XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", ">");
        assertThat(effect.split("; ")).hasSize(4);
        assertThat(effect).startsWith("EVAL [s] XREADGROUP GROUP g c COUNT 2500 NOACK STREAMS s >; XCLAIM s g c 0 1-0 2-0 ")
                .endsWith(" 2500-0 TIME " + T + " RETRYCOUNT 1 FORCE JUSTID LASTID 2500-0");
        for (String command : effect.split("; ")) {
            assertThat(command.split(" ").length).isLessThanOrEqualTo(EffectScript.MAX_ARGS_PER_COMMAND + 2);
        }
    }

    @Test
    void xclaimGetsAnAbsoluteTimeOnThePrimary() {
        assertThat(atPrimary("XCLAIM", "s", "g", "c", "100", "1-0", "2")).isEqualTo("XCLAIM s g c 100 1-0 2 TIME " + T);
        assertThat(atPrimary("XCLAIM", "s", "g", "c", "100", "1-0", "IDLE", "500", "JUSTID"))
                .isEqualTo("XCLAIM s g c 100 1-0 TIME " + (NOW - 500) + " JUSTID");
        assertThat(atPrimary("XCLAIM", "s", "g", "c", "0", "1-0", "TIME", "42")).isEqualTo("XCLAIM s g c 0 1-0 TIME 42");
        assertThat(atPrimary("XCLAIM", "s", "g", "c", "0", "1-0", "IDLE", "x")).as("Redis's error to give")
                .isEqualTo("XCLAIM s g c 0 1-0 IDLE x");
    }

    @Test
    void xclaimReplaysTheClaimOfExactlyWhatThePrimaryClaimed() {
        assertThat(effect(List.of("1-0", "3-0"), "XCLAIM", "s", "g", "c", "100", "1-0", "3", "TIME", T, "JUSTID"))
                .isEqualTo("XCLAIM s g c 0 1-0 3-0 TIME " + T + " JUSTID");
        assertThat(effect(List.of(entry("1-0", "f", "a")), "XCLAIM", "s", "g", "c", "100", "1-0", "2-0", "TIME", T,
                "RETRYCOUNT", "4", "LASTID", "9-0"))
                .as("what it did not claim may have been dropped as deleted: the replica drops the same")
                .isEqualTo("EVAL [s] XCLAIM s g c 0 1-0 TIME " + T + " RETRYCOUNT 4 LASTID 9-0; "
                        + "XCLAIM s g c 9223372036854775807 2-0 JUSTID");
        assertThat(effect(List.of(), "XCLAIM", "s", "g", "c", "100", "5-0", "TIME", T, "LASTID", "9-0"))
                .isEqualTo("XCLAIM s g c 9223372036854775807 5-0 JUSTID LASTID 9-0");
        assertThat(effect(List.of(), "XCLAIM", "s", "g", "c", "0", "LASTID", "9-0", "TIME", T))
                .as("no ids: replays as it is").isEqualTo("XCLAIM s g c 0 LASTID 9-0 TIME " + T);
    }

    @Test
    void xautoclaimBecomesOneClaimOfItsClaimedAndDeletedIds() {
        List<?> reply = List.of("0-0", List.of(entry("1-0", "f", "a"), entry("3-0", "f", "c")), List.of("2-0"));
        assertThat(effect(reply, "XAUTOCLAIM", "s", "g", "c", "1000", "0-0", "COUNT", "10"))
                .isEqualTo("XCLAIM s g c 0 1-0 3-0 2-0 TIME " + T + " FORCE");
        assertThat(effect(List.of("5-0", List.of("1-0"), List.of()), "XAUTOCLAIM", "s", "g", "c", "0", "0", "JUSTID"))
                .isEqualTo("XCLAIM s g c 0 1-0 TIME " + T + " FORCE JUSTID");
        assertThat(effect(List.of("0-0", List.of(), List.of()), "XAUTOCLAIM", "s", "g", "c", "0", "0")).isNull();
    }

    @Test
    void errorsChangedNothing() {
        ByteBuf error = RespWriter.error(alloc, "NOGROUP No such key 's' or consumer group 'g'");
        RedisRequest executed = request("XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", ">");
        try {
            assertThat(RedisEffects.effect(executed, error, alloc, NOW)).isNull();
        } finally {
            executed.release();
            error.release();
        }
    }
}
