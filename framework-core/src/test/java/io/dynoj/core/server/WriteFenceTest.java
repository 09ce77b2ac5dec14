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
                        fence));
    }

    private static EmbeddedChannel send(EmbeddedChannel ch, String lines) {
        ch.writeInbound(text(lines));
        return ch;
    }

    /** A key none of whose fence slots is one of {@code key}'s (so it cannot look written by it). */
    private static String unrelatedTo(String key) {
        long taken = slots(key);
        for (int i = 0; ; i++) {
            if ((slots("other" + i) & taken) == 0) {
                return "other" + i;
            }
        }
    }

    private static long slots(String key) {
        ByteBuf b = text(key);
        try {
            return WriteFence.slots(b);
        } finally {
            b.release();
        }
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

    /** Answers reads (and writes of keys starting with "now") at once, other writes when the test says. */
    private static final class LateWrites implements RequestDispatcher {
        final List<String> dispatched = new ArrayList<>();
        final Map<String, ReplySink> writes = new LinkedHashMap<>();

        @Override
        public void dispatch(Request request, ReplySink sink) {
            String line = ((LineRequest) request).line();
            dispatched.add(line);
            boolean late = request.kind() == RequestKind.WRITE && !request.key(0).toString(StandardCharsets.UTF_8)
                    .startsWith("now");
            request.release();
            if (late) {
                // Several writes of one line: the oldest is answered first, as a primary would.
                writes.put(line + "#" + dispatched.size(), sink);
            } else {
                sink.reply(text(line + "\n"));
            }
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
