package io.dynoj.redis.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynoj.core.spi.RackQuery;
import io.dynoj.core.spi.Request;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RackQueriesTest {

    private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;

    private static ByteBuf resp(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }

    private static String answer(RackQuery q) {
        ByteBuf out = q.answer(ALLOC);
        try {
            return out.toString(StandardCharsets.UTF_8);
        } finally {
            out.release();
        }
    }

    private static String text(Request r) {
        try {
            return Requests.text((RedisRequest) r);
        } catch (ClassCastException e) {
            r.release();
            throw e;
        }
    }

    @Test
    void otherCommandsAreNotRackQueries() {
        RedisRequest get = Requests.request("GET", "k");
        RedisRequest info = Requests.request("INFO");
        assertThat(RackQueries.of(get, ALLOC)).isNull();
        assertThat(RackQueries.of(info, ALLOC)).isNull();
        get.release();
        info.release();
    }

    @Test
    void dbsizeSumsEveryNode() {
        RackQuery q = RackQueries.of(Requests.request("DBSIZE"), ALLOC);
        assertThat(q.start(3)).isEqualTo(RackQuery.ALL);
        for (int i = 0; i < 3; i++) {
            assertThat(text(q.request(i))).isEqualTo("DBSIZE");
        }
        q.reply(0, resp(":3\r\n"));
        q.reply(2, resp(":0\r\n"));
        q.reply(1, resp(":39\r\n"));
        assertThat(answer(q)).isEqualTo(":42\r\n");
        q.close();
    }

    @Test
    void keysConcatenatesInNodeOrder() {
        RackQuery q = RackQueries.of(Requests.request("KEYS", "*"), ALLOC);
        assertThat(q.start(3)).isEqualTo(RackQuery.ALL);
        q.reply(1, resp("*0\r\n"));
        q.reply(0, resp("*2\r\n$1\r\na\r\n$2\r\nbb\r\n"));
        q.reply(2, resp("*1\r\n$1\r\nc\r\n"));
        assertThat(answer(q)).isEqualTo("*3\r\n$1\r\na\r\n$2\r\nbb\r\n$1\r\nc\r\n");
        q.close();
    }

    @Test
    void aNodesErrorReplyIsTheAnswer() {
        RackQuery q = RackQueries.of(Requests.request("KEYS", "*"), ALLOC);
        q.start(2);
        q.reply(0, resp("*1\r\n$1\r\na\r\n"));
        q.reply(1, resp("-ERR busy\r\n"));
        assertThat(answer(q)).isEqualTo("-ERR busy\r\n");
        q.close();
    }

    @Test
    void aReplyOfTheWrongShapeIsAnErrorNotAGuess() {
        RackQuery q = RackQueries.of(Requests.request("DBSIZE"), ALLOC);
        q.start(2);
        q.reply(0, resp(":1\r\n"));
        q.reply(1, resp("+OK\r\n"));
        assertThat(answer(q)).startsWith("-ERR a node's reply to DBSIZE could not be merged");
        q.close();
    }

    @Test
    void randomKeyAsksTheNextNodeWhenOneIsEmpty() {
        RackQuery q = RackQueries.of(Requests.request("RANDOMKEY"), ALLOC);
        int first = q.start(3);
        assertThat(first).isBetween(0, 2);
        int second = q.reply(first, resp("$-1\r\n"));
        assertThat(second).isEqualTo((first + 1) % 3);
        assertThat(q.reply(second, resp("$1\r\nk\r\n"))).isEqualTo(RackQuery.DONE);
        assertThat(answer(q)).isEqualTo("$1\r\nk\r\n");
        q.close();
    }

    @Test
    void randomKeyIsNilOnlyWhenEveryNodeIsEmpty() {
        RackQuery q = RackQueries.of(Requests.request("RANDOMKEY"), ALLOC);
        int node = q.start(2);
        node = q.reply(node, resp("$-1\r\n"));
        assertThat(q.reply(node, resp("$-1\r\n"))).isEqualTo(RackQuery.DONE);
        assertThat(answer(q)).isEqualTo("$-1\r\n");
        q.close();
    }

    @Test
    void randomKeySkipsANodeThatCannotAnswer() {
        RackQuery q = RackQueries.of(Requests.request("RANDOMKEY"), ALLOC);
        int first = q.start(3);
        int second = q.unanswered(first);
        assertThat(second).isEqualTo((first + 1) % 3);
        int third = q.reply(second, resp("$-1\r\n"));
        assertThat(q.unanswered(third)).as("the nodes that answered were empty").isEqualTo(RackQuery.DONE);
        assertThat(answer(q)).isEqualTo("$-1\r\n");
        q.close();

        RackQuery none = RackQueries.of(Requests.request("RANDOMKEY"), ALLOC);
        int node = none.start(2);
        node = none.unanswered(node);
        assertThat(none.unanswered(node)).as("no node answered").isEqualTo(RackQuery.FAIL);
        none.close();
    }

    @Test
    void scanAsksTheCursorsNodeWithItsOwnCursorAndTheClientsOptions() {
        String cursor = ClusterCursor.encode(1, 77);
        RackQuery q = RackQueries.of(Requests.request("SCAN", cursor, "MATCH", "k*", "COUNT", "10"), ALLOC);
        assertThat(q.start(3)).isEqualTo(1);
        assertThat(text(q.request(1))).isEqualTo("SCAN 77 MATCH k* COUNT 10");
        assertThat(q.reply(1, resp("*2\r\n$2\r\n90\r\n*2\r\n$2\r\nk1\r\n$2\r\nk2\r\n"))).isEqualTo(RackQuery.DONE);
        String next = ClusterCursor.encode(1, 90);
        assertThat(answer(q))
                .isEqualTo("*2\r\n$" + next.length() + "\r\n" + next + "\r\n*2\r\n$2\r\nk1\r\n$2\r\nk2\r\n");
        q.close();
    }

    @Test
    void aNodesFinishedScanMovesToTheNextNodeAndTheLastEndsAtZero() {
        try (var a = new Scan("0", 2)) {
            assertThat(a.step("*2\r\n$1\r\n0\r\n*0\r\n")).isEqualTo("*2\r\n$1\r\n1\r\n*0\r\n");
        }
        try (var b = new Scan("1", 2)) {
            assertThat(b.step("*2\r\n$1\r\n0\r\n*1\r\n$1\r\nz\r\n")).isEqualTo("*2\r\n$1\r\n0\r\n*1\r\n$1\r\nz\r\n");
        }
    }

    @Test
    void scanWithACursorThatDoesNotDecodeIsRefused() {
        RackQuery q = RackQueries.of(Requests.request("SCAN", "nope"), ALLOC);
        assertThatThrownBy(() -> q.start(3)).hasMessage("invalid cursor");
        q.close();
        RackQuery far = RackQueries.of(Requests.request("SCAN", "5"), ALLOC);
        assertThatThrownBy(() -> far.start(3)).hasMessage("invalid cursor");
        far.close();
    }

    @Test
    void scanPassesANodesErrorOn() {
        try (var s = new Scan("0", 2)) {
            assertThat(s.step("-ERR syntax error\r\n")).isEqualTo("-ERR syntax error\r\n");
        }
    }

    /** One SCAN step over a rack of {@code nodes}, from {@code cursor}. */
    private static final class Scan implements AutoCloseable {
        private final RackQuery q;
        private final int node;

        Scan(String cursor, int nodes) {
            q = RackQueries.of(Requests.request("SCAN", cursor), ALLOC);
            node = q.start(nodes);
            q.request(node).release();
        }

        String step(String nodeReply) {
            q.reply(node, resp(nodeReply));
            return answer(q);
        }

        @Override
        public void close() {
            q.close();
        }
    }
}
