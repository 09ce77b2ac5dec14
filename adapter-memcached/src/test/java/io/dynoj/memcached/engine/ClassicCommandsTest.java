package io.dynoj.memcached.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.config.NodeConfig;
import io.dynoj.core.storage.MemoryStore;
import io.dynoj.memcached.protocol.MemcachedProtocolAdapter;
import io.dynoj.memcached.protocol.MemcachedRequest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The classic text commands, answered as memcached 1.6.18 answers them (cases checked against it). */
class ClassicCommandsTest {

    private final EngineHarness h = new EngineHarness();

    @AfterEach
    void close() {
        h.close();
    }

    private long cas(String key) {
        String reply = h.run("gets " + key + "\r\n");
        return Long.parseUnsignedLong(reply.substring(0, reply.indexOf("\r\n")).replaceAll(".* ", ""));
    }

    @Test
    void storageModes() {
        assertThat(h.run("set k 5 0 2\r\nab\r\nget k\r\n")).isEqualTo("STORED\r\nVALUE k 5 2\r\nab\r\nEND\r\n");
        assertThat(h.run("add k 0 0 1\r\nx\r\nadd n 0 0 1\r\nx\r\n")).isEqualTo("NOT_STORED\r\nSTORED\r\n");
        assertThat(h.run("replace missing 0 0 1\r\nx\r\nreplace k 7 0 2\r\ncd\r\n")).isEqualTo("NOT_STORED\r\nSTORED\r\n");
        assertThat(h.run("append k 9 0 2\r\nef\r\nprepend k 9 0 2\r\n01\r\nget k\r\n"))
                .as("append and prepend keep the flags").isEqualTo("STORED\r\nSTORED\r\nVALUE k 7 6\r\n01cdef\r\nEND\r\n");
        assertThat(h.run("append missing 0 0 1\r\nx\r\nprepend missing 0 0 1\r\nx\r\n"))
                .isEqualTo("NOT_STORED\r\nNOT_STORED\r\n");
        assertThat(h.run("set e 4294967295 0 0\r\n\r\nget e\r\n")).isEqualTo("STORED\r\nVALUE e 4294967295 0\r\n\r\nEND\r\n");
    }

    @Test
    void multiGetInClientOrderWithRepeats() {
        h.run("set a 1 0 1\r\n1\r\nset b 2 0 1\r\n2\r\n");
        assertThat(h.run("get b missing a b\r\n"))
                .isEqualTo("VALUE b 2 1\r\n2\r\nVALUE a 1 1\r\n1\r\nVALUE b 2 1\r\n2\r\nEND\r\n");
        assertThat(h.run("get nothing\r\n")).isEqualTo("END\r\n");
    }

    @Test
    void casUniqueChangesOnEveryWriteButNotOnTouch() {
        h.run("set k 0 0 1\r\na\r\n");
        long first = cas("k");
        assertThat(h.run("cas k 0 0 1 " + (first + 1) + "\r\nb\r\n")).isEqualTo("EXISTS\r\n");
        assertThat(h.run("cas k 0 0 1 0\r\nb\r\n")).as("cas 0 never matches").isEqualTo("EXISTS\r\n");
        assertThat(h.run("cas k 3 0 1 " + first + "\r\nb\r\n")).isEqualTo("STORED\r\n");
        long second = cas("k");
        assertThat(second).isNotEqualTo(first);
        assertThat(h.run("cas k 0 0 1 " + first + "\r\nc\r\n")).isEqualTo("EXISTS\r\n");
        assertThat(h.run("cas missing 0 0 1 " + first + "\r\nc\r\n")).isEqualTo("NOT_FOUND\r\n");
        assertThat(h.run("gets k\r\n")).isEqualTo("VALUE k 3 1 " + second + "\r\nb\r\nEND\r\n");
        h.run("touch k 100\r\n");
        assertThat(cas("k")).as("touch keeps the cas").isEqualTo(second);
        h.run("append k 0 0 1\r\nx\r\n");
        long third = cas("k");
        h.run("set k 0 0 1\r\n5\r\n");
        long fourth = cas("k");
        assertThat(h.run("incr k 1\r\n")).isEqualTo("6\r\n");
        assertThat(List.of(first, second, third, fourth, cas("k"))).doesNotHaveDuplicates();
    }

    @Test
    void deleteAndTouch() {
        h.run("set k 0 0 1\r\na\r\n");
        assertThat(h.run("touch k 10\r\ntouch missing 10\r\n")).isEqualTo("TOUCHED\r\nNOT_FOUND\r\n");
        assertThat(h.run("delete k\r\ndelete k\r\ndelete k 0\r\n")).isEqualTo("DELETED\r\nNOT_FOUND\r\nNOT_FOUND\r\n");
    }

    @Test
    void incrDecrAsMemcached() {
        h.run("set n 0 0 2\r\n10\r\n");
        assertThat(h.run("decr n 5\r\nget n\r\n")).as("shorter results are padded to the old length")
                .isEqualTo("5\r\nVALUE n 0 2\r\n5 \r\nEND\r\n");
        assertThat(h.run("incr n 100\r\nget n\r\n")).isEqualTo("105\r\nVALUE n 0 3\r\n105\r\nEND\r\n");
        assertThat(h.run("decr n 1000\r\n")).as("decr stops at 0").isEqualTo("0\r\n");
        h.run("set n 0 0 20\r\n18446744073709551615\r\n");
        assertThat(h.run("incr n 2\r\nget n\r\n")).as("incr wraps at 2^64")
                .isEqualTo("1\r\nVALUE n 0 20\r\n1                   \r\nEND\r\n");
        assertThat(h.run("incr missing 1\r\ndecr missing 1\r\n")).isEqualTo("NOT_FOUND\r\nNOT_FOUND\r\n");
    }

    @Test
    void incrReadsTheValueAsStrtoull() {
        String nonNumeric = "CLIENT_ERROR cannot increment or decrement non-numeric value\r\n";
        assertThat(h.run("set e 0 0 0\r\n\r\nincr e 1\r\n")).endsWith(nonNumeric);
        assertThat(h.run("set e 0 0 2\r\n5a\r\nincr e 1\r\n")).endsWith(nonNumeric);
        assertThat(h.run("set e 0 0 2\r\n-5\r\nincr e 1\r\n")).endsWith(nonNumeric);
        assertThat(h.run("set e 0 0 20\r\n99999999999999999999\r\nincr e 1\r\n")).endsWith(nonNumeric);
        assertThat(h.run("set e 0 0 3\r\n-0 \r\nincr e 1\r\nget e\r\n")).isEqualTo("STORED\r\n1\r\nVALUE e 0 3\r\n1  \r\nEND\r\n");
        assertThat(h.run("set e 0 0 4\r\n5\r\nx\r\nincr e 1\r\nget e\r\n"))
                .isEqualTo("STORED\r\n6\r\nVALUE e 0 4\r\n6   \r\nEND\r\n");
        assertThat(h.run("set e 0 0 3\r\n +7\r\nincr e 1\r\n")).isEqualTo("STORED\r\n8\r\n");
    }

    @Test
    void noreplyIsSilentButApplied() {
        assertThat(h.run("set k 0 0 1 noreply\r\na\r\nincr k 1 noreply\r\nappend k 0 0 1 noreply\r\nb\r\nget k\r\n"))
                .isEqualTo("VALUE k 0 2\r\nab\r\nEND\r\n");
    }

    @Test
    void gatTouchesAndReturns() {
        h.run("set k 1 100 1\r\na\r\n");
        assertThat(h.run("gat 0 k missing\r\n")).isEqualTo("VALUE k 1 1\r\na\r\nEND\r\n");
        h.advance(200_000);
        assertThat(h.run("get k\r\n")).as("gat 0 made it permanent").isEqualTo("VALUE k 1 1\r\na\r\nEND\r\n");
        long cas = cas("k");
        assertThat(h.run("gats -1 k\r\n")).isEqualTo("VALUE k 1 1 " + cas + "\r\na\r\nEND\r\n");
        assertThat(h.run("get k\r\n")).as("touched to a negative exptime: gone").isEqualTo("END\r\n");
    }

    @Test
    void appendPastTheMaximumItemSizeIsNotStored() {
        NodeConfig config = NodeConfig.builder().maxRequestBytes(100).build();
        try (EngineHarness small = new EngineHarness(new MemoryStore(),
                new AtomicLong(EngineHarness.START), config)) {
            String sixty = "x".repeat(60);
            assertThat(small.run("set k 0 0 60\r\n" + sixty + "\r\nappend k 0 0 60\r\n" + sixty + "\r\n"))
                    .isEqualTo("STORED\r\nNOT_STORED\r\n");
        }
    }

    @Test
    void flushAllRefusedWhereNotAllowed() {
        NodeConfig config = NodeConfig.builder().build();
        try (EngineHarness closed = new EngineHarness(new MemoryStore(),
                new AtomicLong(EngineHarness.START), config)) {
            MemcachedRequest forwarded = (MemcachedRequest)
                    new MemcachedProtocolAdapter().decodeFrame(
                            Unpooled.copiedBuffer("flush_all\r\n", StandardCharsets.US_ASCII));
            ByteBuf reply = closed.engine().execute(forwarded, ByteBufAllocator.DEFAULT);
            try {
                assertThat(reply.toString(StandardCharsets.US_ASCII)).startsWith("CLIENT_ERROR flush_all is disabled");
            } finally {
                reply.release();
                forwarded.release();
            }
        }
    }
}
