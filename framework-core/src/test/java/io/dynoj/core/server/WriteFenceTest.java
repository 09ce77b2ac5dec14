package io.dynoj.core.server;

import static io.dynoj.core.server.LineProtocol.text;
import static io.dynoj.core.server.LineProtocol.written;
import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.routing.ConsistencySettings;
import io.dynoj.core.routing.RequestDispatcher;
import io.dynoj.core.server.LineProtocol.LineRequest;
import io.dynoj.core.spi.ProtocolLimits;
import io.dynoj.core.spi.ReplySink;
import io.dynoj.core.spi.Request;
import io.dynoj.core.spi.RequestKind;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A client connection with a {@link WriteFence}, in front of a dispatcher that answers reads at once
 * and writes when the test says (as a primary in another rack would): a read of a key an unanswered
 * write writes is dispatched only after that write is answered, everything behind it waits too, and
 * replies keep the request order.
 */
class WriteFenceTest {

    private final LateWrites dispatcher = new LateWrites();

    private EmbeddedChannel channel(int maxInFlight, boolean fence) {
        return new EmbeddedChannel(new LineProtocol().newDecoder(ProtocolLimits.DEFAULTS),
                new ClientConnection(new LineProtocol(), dispatcher, new ServerMetrics(new MetricRegistry(), true),
                        maxInFlight, 1, new ConsistencySettings(ConsistencyLevel.DC_ONE, ConsistencyLevel.DC_ONE),
                        new ClientRegistry(), fence));
    }

    private static EmbeddedChannel send(EmbeddedChannel ch, String lines) {
        ch.writeInbound(text(lines));
        return ch;
    }

    /** A key none of whose fence counters is one of {@code key}'s (so it cannot look written by it). */
    private static String unrelatedTo(String key) {
        int taken = pair(key);
        for (int i = 0; ; i++) {
            int p = pair("other" + i);
            if (!sharesCounter(taken, p >>> 8) && !sharesCounter(taken, p & 0xFF)) {
                return "other" + i;
            }
        }
    }

    private static boolean sharesCounter(int pair, int counter) {
        return counter == pair >>> 8 || counter == (pair & 0xFF);
    }

    private static int pair(String key) {
        ByteBuf b = text(key);
        try {
            return WriteFence.pair(b, b.readerIndex(), b.writerIndex());
        } finally {
            b.release();
        }
    }

    @Test
    void aKeyHasTheSameCountersReadInItsFrameOrFromASliceOfIt() {
        LineRequest request = new LineRequest(text("mset alpha beta"));
        for (int k = 0; k < 2; k++) {
            ByteBuf key = request.key(k);
            assertThat(WriteFence.pair(request, k)).isEqualTo(WriteFence.pair(key, key.readerIndex(), key.writerIndex()));
        }
        assertThat(WriteFence.pair(request, 0)).isEqualTo(pair("alpha")).isNotEqualTo(pair("beta"));
        request.release();
    }

    @Test
    void aReadOfAnUnansweredWritesKeyIsDispatchedOnlyOnceTheWriteIsAnswered() {
        EmbeddedChannel ch = send(channel(100, true), "set k\nget k\n");
        assertThat(dispatcher.dispatched).containsExactly("set k");
        dispatcher.answer("set k");
        assertThat(dispatcher.dispatched).containsExactly("set k", "get k");
        assertThat(written(ch)).isEqualTo("set k\nget k\n");
        ch.finishAndReleaseAll();
    }

    @Test
    void withoutTheFenceTheReadIsDispatchedAtOnce() {
        EmbeddedChannel ch = send(channel(100, false), "set k\nget k\n");
        assertThat(dispatcher.dispatched).containsExactly("set k", "get k");
        assertThat(written(ch)).as("its reply still waits behind the write's").isEmpty();
        dispatcher.answer("set k");
        assertThat(written(ch)).isEqualTo("set k\nget k\n");
        ch.finishAndReleaseAll();
    }

    @Test
    void readsOfOtherKeysAndKeylessRequestsAreNotHeld() {
        String other = unrelatedTo("k");
        EmbeddedChannel ch = send(channel(100, true), "set k\nget " + other + "\ninfo\nset " + other + "\n");
        assertThat(dispatcher.dispatched).containsExactly("set k", "get " + other, "info", "set " + other);
        dispatcher.answer("set " + other);
        dispatcher.answer("set k");
        assertThat(written(ch)).isEqualTo("set k\nget " + other + "\ninfo\nset " + other + "\n");
        ch.finishAndReleaseAll();
    }

    @Test
    void everythingBehindAHeldReadWaitsAndIsDispatchedInOrder() {
        String other = unrelatedTo("k");
        EmbeddedChannel ch = send(channel(100, true),
                "set k\nget k\nset k\ninfo\n!pong\nget " + other + "\nget k\n");
        assertThat(dispatcher.dispatched).containsExactly("set k");
        dispatcher.answer("set k");
        assertThat(dispatcher.dispatched).as("the second write is dispatched after the read it follows, "
                + "and the last read waits for it").containsExactly("set k", "get k", "set k", "info", "get " + other);
        dispatcher.answer("set k");
        assertThat(dispatcher.dispatched).containsExactly("set k", "get k", "set k", "info", "get " + other, "get k");
        assertThat(written(ch)).isEqualTo("set k\nget k\nset k\ninfo\npong\nget " + other + "\nget k\n");
        ch.finishAndReleaseAll();
    }

    @Test
    void aReadWaitsForEveryUnansweredWriteOfItsKeyWhateverTheirAnswer() {
        EmbeddedChannel ch = send(channel(100, true), "set k\nset k\nget k\n");
        dispatcher.answer("set k");
        assertThat(dispatcher.dispatched).containsExactly("set k", "set k");
        dispatcher.fail("set k", "primary unreachable");
        assertThat(dispatcher.dispatched).containsExactly("set k", "set k", "get k");
        assertThat(written(ch)).isEqualTo("set k\nERROR primary unreachable\nget k\n");
        ch.finishAndReleaseAll();
    }

    @Test
    void aMultiKeyReadIsHeldByAnyOfItsKeys() {
        String a = unrelatedTo("b");
        EmbeddedChannel ch = send(channel(100, true), "set b\nmget " + a + " b\n");
        assertThat(dispatcher.dispatched).containsExactly("set b");
        dispatcher.answer("set b");
        assertThat(dispatcher.dispatched).containsExactly("set b", "mget " + a + " b");
        written(ch);
        ch.finishAndReleaseAll();
    }

    @Test
    void aMultiKeyWriteHoldsReadsOfEachOfItsKeys() {
        EmbeddedChannel ch = send(channel(100, true), "mset a b\nget b\n");
        assertThat(dispatcher.dispatched).containsExactly("mset a b");
        dispatcher.answer("mset a b");
        assertThat(dispatcher.dispatched).containsExactly("mset a b", "get b");
        assertThat(written(ch)).isEqualTo("mset a b\nget b\n");
        ch.finishAndReleaseAll();
    }

    @Test
    void aWriteOfMoreKeysThanFitInlineHoldsReadsOfEachOfThemUntilAnswered() {
        EmbeddedChannel ch = send(channel(100, true), "mset a b c d e\nget e\n");
        assertThat(dispatcher.dispatched).containsExactly("mset a b c d e");
        dispatcher.answer("mset a b c d e");
        assertThat(dispatcher.dispatched).containsExactly("mset a b c d e", "get e");
        assertThat(written(ch)).isEqualTo("mset a b c d e\nget e\n");
        ch.finishAndReleaseAll();
    }

    @Test
    void aNoreplyWriteHoldsReadsUntilItIsDoneAndWritesNothing() {
        EmbeddedChannel ch = send(channel(100, true), "~set k\nget k\n~set k\n");
        assertThat(dispatcher.dispatched).containsExactly("~set k");
        dispatcher.answer("~set k");
        assertThat(dispatcher.dispatched).containsExactly("~set k", "get k", "~set k");
        dispatcher.answer("~set k");
        assertThat(written(ch)).isEqualTo("get k\n");
        ch.finishAndReleaseAll();
    }

    @Test
    void writesAnsweredAtOnceWhileHeldRequestsGoDoNotStopTheRest() {
        // "set now" is answered inside dispatch, while the fence is dispatching what it held.
        EmbeddedChannel ch = send(channel(100, true), "set k\nget k\nset now\nget now\nget k\n");
        dispatcher.answer("set k");
        assertThat(dispatcher.dispatched).containsExactly("set k", "get k", "set now", "get now", "get k");
        assertThat(written(ch)).isEqualTo("set k\nget k\nset now\nget now\nget k\n");
        ch.finishAndReleaseAll();
    }

    @Test
    void heldRequestsCountTowardsTheInFlightLimit() {
        EmbeddedChannel ch = send(channel(3, true), "set k\nget k\nget k\n");
        assertThat(ch.config().isAutoRead()).isFalse();
        dispatcher.answer("set k");
        assertThat(written(ch)).isEqualTo("set k\nget k\nget k\n");
        assertThat(ch.config().isAutoRead()).isTrue();
        ch.finishAndReleaseAll();
    }

    @Test
    void heldRequestsAndLateAnswersAreReleasedWhenTheConnectionCloses() {
        EmbeddedChannel ch = send(channel(100, true), "set k\nget k\nset j\n");
        ch.close();
        ByteBuf late = text("late\n");
        dispatcher.take("set k").reply(late);
        assertThat(late.refCnt()).isZero();
        assertThat(dispatcher.dispatched).as("nothing held is dispatched after the close").containsExactly("set k");
        ch.finishAndReleaseAll();
    }

    @Test
    void aHeldQuitClosesTheConnectionAfterTheRepliesBeforeIt() {
        EmbeddedChannel ch = send(channel(100, true), "set k\nget k\n!quit\nget j\n");
        dispatcher.answer("set k");
        assertThat(written(ch)).isEqualTo("set k\nget k\nquit\n");
        assertThat(ch.isOpen()).isFalse();
        ch.finishAndReleaseAll();
    }

    @Test
    void randomPipelinesKeepTheirOrderAndNoReadPassesAnUnansweredWriteOfItsKey() {
        Random random = new Random(42);
        EmbeddedChannel ch = channel(100_000, true);
        List<String> sent = new ArrayList<>();
        StringBuilder expected = new StringBuilder();
        for (int round = 0; round < 300; round++) {
            StringBuilder lines = new StringBuilder();
            for (int i = random.nextInt(6); i >= 0; i--) {
                String line = switch (random.nextInt(6)) {
                    case 0, 1 -> "set k" + random.nextInt(6);
                    case 2 -> "mset k" + random.nextInt(6) + " k" + random.nextInt(6) + " k" + random.nextInt(6)
                            + " k" + random.nextInt(6);
                    case 3 -> "mget k" + random.nextInt(6) + " k" + random.nextInt(6);
                    case 4 -> "info";
                    default -> "get k" + random.nextInt(6);
                };
                sent.add(line);
                expected.append(line).append('\n');
                lines.append(line).append('\n');
            }
            send(ch, lines.toString());
            while (!dispatcher.writes.isEmpty() && random.nextInt(3) > 0) { // in any order
                List<String> pending = new ArrayList<>(dispatcher.writes.keySet());
                String id = pending.get(random.nextInt(pending.size()));
                dispatcher.writes.remove(id).reply(text(LateWrites.lineOf(id) + "\n"));
            }
        }
        while (!dispatcher.writes.isEmpty()) {
            String id = dispatcher.writes.keySet().iterator().next();
            dispatcher.writes.remove(id).reply(text(LateWrites.lineOf(id) + "\n"));
        }
        assertThat(dispatcher.violations).isEmpty();
        assertThat(dispatcher.dispatched).isEqualTo(sent);
        assertThat(written(ch)).isEqualTo(expected.toString());
        ch.finishAndReleaseAll();
    }

    /** Answers reads (and writes of keys starting with "now") at once, other writes when the test says. */
    private static final class LateWrites implements RequestDispatcher {
        final List<String> dispatched = new ArrayList<>();
        final Map<String, ReplySink> writes = new LinkedHashMap<>();
        /** Reads dispatched while a write of one of their keys was unanswered. */
        final List<String> violations = new ArrayList<>();

        @Override
        public void dispatch(Request request, ReplySink sink) {
            String line = ((LineRequest) request).line();
            dispatched.add(line);
            boolean write = request.kind() == RequestKind.WRITE;
            boolean late = write && !request.key(0).toString(StandardCharsets.UTF_8).startsWith("now");
            for (int k = 0; k < request.keyCount() && !write; k++) {
                String key = request.key(k).toString(StandardCharsets.UTF_8);
                for (String w : writes.keySet()) {
                    List<String> words = List.of(lineOf(w).split(" "));
                    if (words.subList(1, words.size()).contains(key)) {
                        violations.add(line + " passed " + w);
                    }
                }
            }
            request.release();
            if (late) {
                // Several writes of one line: the oldest is answered first, as a primary would.
                writes.put(line + "#" + dispatched.size(), sink);
            } else {
                sink.reply(text(line + "\n"));
            }
        }

        /** The line of the pending write {@code id}. */
        static String lineOf(String id) {
            return id.substring(0, id.indexOf('#'));
        }

        void answer(String line) {
            take(line).reply(text(line + "\n"));
        }

        void fail(String line, String message) {
            take(line).error(message);
        }

        ReplySink take(String line) {
            String key = writes.keySet().stream().filter(k -> k.startsWith(line + "#")).findFirst().orElseThrow();
            return writes.remove(key);
        }
    }
}
