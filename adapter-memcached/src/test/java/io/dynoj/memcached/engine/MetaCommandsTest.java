package io.dynoj.memcached.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The meta commands, answered as memcached 1.6.18 answers them (cases checked against it). */
class MetaCommandsTest {

    private final EngineHarness h = new EngineHarness();

    @AfterEach
    void close() {
        h.close();
    }

    private long cas(String key) {
        String reply = h.run("mg " + key + " c\r\n");
        return Long.parseUnsignedLong(reply.substring(4, reply.indexOf("\r\n")).split(" ")[0]);
    }

    @Test
    void metaGetFlagsInTheOrderAsked() {
        h.run("ms k 3 F7 T100\r\nabc\r\n");
        long cas = cas("k");
        assertThat(h.run("mg k s v t f c k O123\r\n"))
                .isEqualTo("VA 3 s3 t100 f7 c" + cas + " kk O123\r\nabc\r\n");
        assertThat(h.run("mg k\r\n")).isEqualTo("HD\r\n");
        assertThat(h.run("mg k q v\r\n")).as("quiet mode still answers a hit").isEqualTo("VA 3\r\nabc\r\n");
        assertThat(h.run("mg missing v k Oab\r\n")).isEqualTo("EN kmissing Oab\r\n");
        assertThat(h.run("mg missing v q\r\nmn\r\n")).isEqualTo("MN\r\n");
        assertThat(h.run("mg k t T0\r\n")).as("t before T: the old TTL").isEqualTo("HD t100\r\n");
        assertThat(h.run("mg k t\r\n")).isEqualTo("HD t-1\r\n");
    }

    @Test
    void metaGetRefusals() {
        h.run("ms k 1\r\na\r\n");
        assertThat(h.run("mg k v v\r\n")).isEqualTo("CLIENT_ERROR duplicate flag\r\n");
        assertThat(h.run("mg k z\r\n")).isEqualTo("CLIENT_ERROR invalid flag\r\n");
        assertThat(h.run("mg k Tx\r\n")).isEqualTo("CLIENT_ERROR bad token in command line format\r\n");
        assertThat(h.run("mg k Tx Dy\r\n")).as("the last bad value speaks")
                .isEqualTo("CLIENT_ERROR invalid numeric delta value\r\n");
        assertThat(h.run("mg k Fx\r\n")).isEqualTo("CLIENT_ERROR bad command line format\r\n");
        assertThat(h.run("mg k MSS\r\n")).isEqualTo("CLIENT_ERROR incorrect length for M token\r\n");
        assertThat(h.run("mg k O" + "x".repeat(32) + "\r\n")).isEqualTo("CLIENT_ERROR opaque token too long\r\n");
        assertThat(h.run("mg k h\r\n")).isEqualTo("CLIENT_ERROR the mg flag h is not supported by Dynoj\r\n");
        assertThat(h.run("mg k l\r\n")).isEqualTo("CLIENT_ERROR the mg flag l is not supported by Dynoj\r\n");
        assertThat(h.run("mg k u P L\r\n")).isEqualTo("HD\r\n");
    }

    @Test
    void vivifyAndWinTokens() {
        assertThat(h.run("mg k N30 s t v\r\n")).isEqualTo("VA 0 s0 t30 W\r\n\r\n");
        assertThat(h.run("mg k s\r\n")).as("the token was sent").isEqualTo("HD s0 Z\r\n");
        assertThat(h.run("mg k N30\r\n")).as("no second win").isEqualTo("HD Z\r\n");
        h.run("ms k 1 T100\r\nx\r\n");
        assertThat(h.run("mg k R30 t\r\n")).as("more than 30 s left: no win").isEqualTo("HD t100\r\n");
        assertThat(h.run("mg k R200 t\r\n")).isEqualTo("HD t100 W\r\n");
        assertThat(h.run("mg k R200\r\n")).isEqualTo("HD Z\r\n");
    }

    @Test
    void invalidationMarksStale() {
        h.run("ms k 1 T100\r\na\r\n");
        long cas = cas("k");
        assertThat(h.run("md k I T30\r\n")).isEqualTo("HD\r\n");
        assertThat(h.run("mg k t v\r\n")).as("the first to see it wins").isEqualTo("VA 1 t30 X W\r\na\r\n");
        assertThat(h.run("mg k\r\n")).isEqualTo("HD Z X\r\n");
        long stale = cas("k");
        assertThat(stale).as("md I gives a new cas").isNotEqualTo(cas);
        // A set with an older cas and I stores, still stale, keeping the TTL and the sent token.
        assertThat(h.run("ms k 1 I C" + (stale - 1) + " T999\r\nb\r\n")).isEqualTo("HD\r\n");
        assertThat(h.run("mg k v t\r\n")).isEqualTo("VA 1 t30 Z X\r\nb\r\n");
        assertThat(h.run("ms k 1 C" + (stale - 1) + "\r\nc\r\n")).as("without I: a plain mismatch").isEqualTo("EX\r\n");
        long current = cas("k");
        assertThat(h.run("ms k 1 C" + current + "\r\nd\r\nmg k v\r\n")).isEqualTo("HD\r\nVA 1\r\nd\r\n");
    }

    @Test
    void metaSetModes() {
        assertThat(h.run("ms k 1 MR\r\na\r\n")).isEqualTo("NS\r\n");
        assertThat(h.run("ms k 1 ME c\r\na\r\n")).startsWith("HD c");
        assertThat(h.run("ms k 1 ME k c O9\r\nb\r\n")).isEqualTo("NS kk c0 O9\r\n");
        assertThat(h.run("ms k 1 MA F9 T5\r\nc\r\nms k 1 MP\r\nd\r\nmg k v f t\r\n"))
                .as("append and prepend keep the flags and TTL").isEqualTo("HD\r\nHD\r\nVA 3 f0 t-1\r\ndac\r\n");
        assertThat(h.run("ms k 1 MS q\r\ne\r\nmn\r\n")).isEqualTo("MN\r\n");
        assertThat(h.run("ms k 1 MX\r\ne\r\n")).isEqualTo("CLIENT_ERROR invalid mode for ms M token\r\n");
        assertThat(h.run("ms k 1 C1 MR\r\ne\r\n")).isEqualTo("EX\r\n");
        assertThat(h.run("ms missing 1 C1 MR\r\ne\r\n")).as("replace with a cas is a cas").isEqualTo("NF\r\n");
        assertThat(h.run("ms k 1 C1 MA\r\ne\r\n")).isEqualTo("EX\r\n");
        assertThat(h.run("ms k 1 C0\r\ne\r\n")).as("C0 never matches").isEqualTo("EX\r\n");
        assertThat(h.run("ms k 1 q C1\r\ne\r\n")).as("quiet mode answers failures").isEqualTo("EX\r\n");
        assertThat(h.run("ms k 1 T-1\r\ne\r\nmg k\r\n")).isEqualTo("HD\r\nEN\r\n");
        assertThat(h.run("ms k 1 F4294967297\r\ne\r\nmg k f\r\n")).as("F keeps the low 32 bits, as strtoul")
                .isEqualTo("HD\r\nHD f1\r\n");
    }

    @Test
    void metaDelete() {
        h.run("ms k 1\r\na\r\n");
        assertThat(h.run("md k C1 k O5\r\n")).isEqualTo("EX kk O5\r\n");
        assertThat(h.run("md k q\r\nmn\r\n")).isEqualTo("MN\r\n");
        assertThat(h.run("md k q k\r\n")).isEqualTo("NF kk\r\n");
        assertThat(h.run("md k zz\r\n")).isEqualTo("CLIENT_ERROR invalid or duplicate flag\r\n");
        h.run("ms k 1\r\na\r\n");
        assertThat(h.run("md k C" + cas("k") + "\r\nmg k\r\n")).isEqualTo("HD\r\nEN\r\n");
    }

    @Test
    void metaArithmetic() {
        assertThat(h.run("ma n\r\n")).isEqualTo("NF\r\n");
        assertThat(h.run("ma n N0 J7 v t\r\n")).isEqualTo("VA 1 t-1\r\n7\r\n");
        assertThat(h.run("ma n q N0\r\nmn\r\n")).as("quiet: a change is not answered").isEqualTo("MN\r\n");
        assertThat(h.run("ma n v MD D3\r\n")).isEqualTo("VA 1\r\n5\r\n");
        assertThat(h.run("ma n M- D9 v\r\n")).isEqualTo("VA 1\r\n0\r\n");
        assertThat(h.run("ma n MI D1234 T100 t v\r\nmg n t\r\n"))
                .as("T set while the number grew does not stick, as in memcached").isEqualTo("VA 4 t100\r\n1234\r\nHD t-1\r\n");
        assertThat(h.run("ma n T100 v\r\nmg n t\r\n")).isEqualTo("VA 4\r\n1235\r\nHD t100\r\n");
        assertThat(h.run("ma n C1\r\n")).isEqualTo("EX\r\n");
        assertThat(h.run("ma n Mx\r\n")).isEqualTo("CLIENT_ERROR invalid mode for ma M token\r\n");
        assertThat(h.run("ma n Dx\r\n")).isEqualTo("CLIENT_ERROR invalid or duplicate flag\r\n");
        h.run("ms s 1\r\nx\r\n");
        assertThat(h.run("ma s\r\n")).isEqualTo("CLIENT_ERROR cannot increment or decrement non-numeric value\r\n");
        assertThat(h.run("ma n O" + "x".repeat(33) + "\r\nmg n v\r\n")).as("reported after the change, as memcached")
                .isEqualTo("CLIENT_ERROR opaque token too long\r\nVA 4\r\n1236\r\n");
    }
}
