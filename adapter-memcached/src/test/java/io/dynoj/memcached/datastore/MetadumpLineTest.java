package io.dynoj.memcached.datastore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** memcached 1.6.18's {@code lru_crawler metadump} lines and replies, as captured from a real server. */
class MetadumpLineTest {

    @Test
    void readsAKeyAndItsAbsoluteExpiry() {
        MetadumpLine line = MetadumpLine.parse("key=k1 exp=1796600337 la=1796600237 cas=1 fetch=no cls=1 size=67");
        assertThat(new String(line.key(), StandardCharsets.US_ASCII)).isEqualTo("k1");
        assertThat(line.exp()).isEqualTo(1796600337L);
    }

    @Test
    void anItemWithoutExpiryHasExpMinusOne() {
        assertThat(MetadumpLine.parse("key=forever exp=-1 la=1 cas=2 fetch=yes cls=3 size=70").exp()).isEqualTo(-1);
    }

    @Test
    void decodesUriEncodedKeysByteForByte() {
        MetadumpLine line = MetadumpLine.parse(
                "key=k%2B2%2F%C3%A9%25x exp=-1 la=1796600237 cas=2 fetch=no cls=1 size=68");
        assertThat(line.key()).isEqualTo("k+2/\u00e9%x".getBytes(StandardCharsets.UTF_8));
        assertThat(MetadumpLine.parse("key=a%20b%00c exp=-1").key()).isEqualTo(new byte[] {'a', ' ', 'b', 0, 'c'});
    }

    @Test
    void aPlusIsAPlusNotASpace() {
        assertThat(MetadumpLine.parse("key=a+b exp=-1").key()).isEqualTo("a+b".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void fieldsAreReadByNameInAnyOrder() {
        MetadumpLine line = MetadumpLine.parse("exp=5000000000 flags=3 key=late");
        assertThat(line.key()).isEqualTo("late".getBytes(StandardCharsets.US_ASCII));
        assertThat(line.exp()).isEqualTo(5_000_000_000L);
    }

    @Test
    void aLineWithoutAKeyIsNoItem() {
        assertThat(MetadumpLine.parse("OK")).isNull();
        assertThat(MetadumpLine.parse("key= exp=-1")).isNull();
    }

    @Test
    void malformedEscapesAndExpiriesAreRefused() {
        assertThatThrownBy(() -> MetadumpLine.parse("key=a%2 exp=-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MetadumpLine.parse("key=a%zz exp=-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MetadumpLine.parse("key=a exp=soon")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aWholeReplyListsItsItemsUpToEnd() throws IOException {
        String reply = "key=k1 exp=1796600337 la=1796600237 cas=1 fetch=no cls=1 size=67\n"
                + "key=k%20two exp=-1 la=1796600237 cas=2 fetch=no cls=1 size=68\n"
                + "END\r\n"
                + "HD\r\n";
        ByteArrayInputStream in = stream(reply);
        List<MetadumpLine> items = new ArrayList<>();
        assertThat(MetaCodec.readMetadump(in, items::add)).isNull();
        assertThat(items).extracting(l -> new String(l.key(), StandardCharsets.US_ASCII))
                .containsExactly("k1", "k two");
        assertThat(items).extracting(MetadumpLine::exp).containsExactly(1796600337L, -1L);
        assertThat(MetaCodec.readLine(in)).as("the reply ends at END").isEqualTo("HD");
    }

    @Test
    void anEmptyServerAnswersEndAlone() throws IOException {
        List<MetadumpLine> items = new ArrayList<>();
        assertThat(MetaCodec.readMetadump(stream("END\r\n"), items::add)).isNull();
        assertThat(items).isEmpty();
    }

    @Test
    void aBusyCrawlerIsAnsweredWithItsLineAndNoItems() throws IOException {
        List<MetadumpLine> items = new ArrayList<>();
        ByteArrayInputStream in = stream("BUSY currently processing crawler request\r\nEND\r\n");
        assertThat(MetaCodec.readMetadump(in, items::add)).isEqualTo("BUSY currently processing crawler request");
        assertThat(items).isEmpty();
        assertThat(MetaCodec.readLine(in)).as("nothing read past the BUSY line").isEqualTo("END");
    }

    @Test
    void aMemcachedWithoutTheHashWalkAnswersItsBadclassLine() throws IOException {
        assertThat(MetaCodec.readMetadump(stream("BADCLASS invalid class id\r\n"), l -> { }))
                .isEqualTo("BADCLASS invalid class id");
    }

    @Test
    void aDisabledCrawlerIsAnError() {
        assertThatThrownBy(() -> MetaCodec.readMetadump(stream("ERROR\r\n"), l -> { }))
                .isInstanceOf(IOException.class).hasMessageContaining("'ERROR'");
    }

    private static ByteArrayInputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1));
    }
}
