package io.dynoj.memcached.datastore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The meta-command batches of range streaming, as memcached 1.6.18 reads and answers them. */
class MetaCodecTest {

    @Test
    void writesMetaCommandsWithPlainKeys() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MetaCodec.get(out, ascii("k1"));
        MetaCodec.set(out, ascii("k1"), 4294967295L, ascii("hi"), 2_000_000_000L);
        MetaCodec.delete(out, ascii("k1"));
        MetaCodec.stats(out);
        assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo("mg k1 v f t\r\n"
                + "ms k1 2 F4294967295 T2000000000\r\nhi\r\n"
                + "md k1\r\n"
                + "stats\r\n");
    }

    @Test
    void aKeyTheTextProtocolCannotCarryGoesInBase64() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] key = {'a', ' ', 'b'};
        MetaCodec.get(out, key);
        MetaCodec.set(out, key, 0, new byte[0], 0);
        MetaCodec.delete(out, key);
        assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo("mg YSBi b v f t\r\n"
                + "ms YSBi 0 b F0 T0\r\n\r\n"
                + "md YSBi b\r\n");
    }

    @Test
    void readsAValueWithItsFlagsAndTtl() throws IOException {
        ByteArrayInputStream in = stream("VA 2 f7 t100\r\nhi\r\nVA 3 f4294967295 t-1\r\na\r\n\r\n");
        MetaCodec.Item first = MetaCodec.readGet(in);
        assertThat(first.data()).isEqualTo(ascii("hi"));
        assertThat(first.flags()).isEqualTo(7);
        assertThat(first.ttl()).isEqualTo(100);
        MetaCodec.Item second = MetaCodec.readGet(in);
        assertThat(second.data()).as("CRLF inside a value is data").isEqualTo(ascii("a\r\n"));
        assertThat(second.flags()).isEqualTo(4294967295L);
        assertThat(second.ttl()).isEqualTo(-1);
    }

    @Test
    void aMissingKeyIsNull() throws IOException {
        ByteArrayInputStream in = stream("EN\r\nCLIENT_ERROR bad command line format\r\nVA 0 f0 t-1\r\n\r\n");
        assertThat(MetaCodec.readGet(in)).isNull();
        assertThat(MetaCodec.readGet(in)).as("a key the server refuses it cannot hold").isNull();
        assertThat(MetaCodec.readGet(in).data()).isEmpty();
    }

    @Test
    void anythingElseBreaksTheBatch() {
        assertThatThrownBy(() -> MetaCodec.readGet(stream("SERVER_ERROR out of memory\r\n")))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> MetaCodec.readGet(stream("VA x f1\r\n"))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> MetaCodec.readGet(stream("VA 5 f1 t-1\r\nab"))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> MetaCodec.readGet(stream("VA 2 f1 t-1\r\nabXY"))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> MetaCodec.readGet(stream("VA 2"))).isInstanceOf(EOFException.class);
    }

    @Test
    void readsTheServerClockFromStats() throws IOException {
        ByteArrayInputStream in = stream("STAT pid 904\r\nSTAT uptime 4\r\nSTAT time 1796600238\r\n"
                + "STAT version 1.6.18\r\nEND\r\nHD\r\n");
        assertThat(MetaCodec.readStatsTime(in)).isEqualTo(1796600238L);
        assertThat(MetaCodec.readStatus(in)).isEqualTo("HD");
        assertThatThrownBy(() -> MetaCodec.readStatsTime(stream("STAT pid 1\r\nEND\r\n")))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> MetaCodec.readStatsTime(stream("ERROR\r\n"))).isInstanceOf(IOException.class);
    }

    @Test
    void aLineLongerThanAnyReplyIsRefused() {
        String longLine = "x".repeat(MetaCodec.MAX_LINE + 1) + "\r\n";
        assertThatThrownBy(() -> MetaCodec.readLine(stream(longLine))).isInstanceOf(IOException.class);
    }

    @Test
    void exptimeIsWholeSecondsRoundedUp() {
        assertThat(BlockingMemcached.exptime(0)).isZero();
        assertThat(BlockingMemcached.exptime(2_000_000_000_000L)).isEqualTo(2_000_000_000L);
        assertThat(BlockingMemcached.exptime(2_000_000_000_001L)).isEqualTo(2_000_000_001L);
    }

    @Test
    void anItemsExpiryIsTheServerClockPlusItsTtl() {
        assertThat(ServerRangeStore.expireAt(1_796_600_238L, new MetaCodec.Item(0, new byte[0], 100)))
                .isEqualTo(1_796_600_338_000L);
        assertThat(ServerRangeStore.expireAt(1_796_600_238L, new MetaCodec.Item(0, new byte[0], -1))).isZero();
    }

    @Test
    void onlyKeysWhoseTokenIsOneTo250BytesAreStorable() {
        assertThat(MetaCodec.storable(new byte[0])).isFalse();
        assertThat(MetaCodec.storable("k".repeat(250).getBytes(StandardCharsets.US_ASCII))).isTrue();
        assertThat(MetaCodec.storable("k".repeat(251).getBytes(StandardCharsets.US_ASCII))).isFalse();
        byte[] spaces = new byte[186];
        java.util.Arrays.fill(spaces, (byte) ' ');
        assertThat(MetaCodec.storable(spaces)).as("248 bytes in base64").isTrue();
        assertThat(MetaCodec.storable(java.util.Arrays.copyOf(spaces, 187))).as("252 bytes in base64").isFalse();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static ByteArrayInputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1));
    }
}
