package io.dynoj.redis.engine.rdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynoj.redis.engine.Bytes;
import io.dynoj.redis.engine.Codec;
import io.dynoj.redis.engine.StoredValue;
import io.dynoj.redis.engine.ValueType;
import io.dynoj.redis.engine.ZSet;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DUMP payloads: what redis-server 7.0.15 wrote (captured once, as hex) decodes; ours round-trip. */
class RdbCodecTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void crc64IsRedisJones() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(Crc64.of(check, 0, check.length)).isEqualTo(0xe9c6d914c4b8d9caL);
    }

    @Test
    void decodesStringsRedisWroteAsIntegersLzfAndRaw() {
        assertThat(string("00c139300a009d94ea2793fc08b9")).isEqualTo("12345");
        assertThat(string("00c0f90a005e26d130d7a242ab")).isEqualTo("-7");
        assertThat(string("00c3094064016161e057000161610a00e8a3b507b06df271")).isEqualTo("a".repeat(100));
        assertThat(string("000b68656c6c6f20776f726c640a000bfc49b9a6c7a034")).isEqualTo("hello world");
    }

    @Test
    void decodesAQuicklistOfListpacksWithIntegers() {
        StoredValue v = decode("1201021a1a00000006008161028162020101dffe02c12c02f270110104ff0a00baf190b8480fd292");
        assertThat(v.type()).isEqualTo(ValueType.LIST);
        assertThat(text(Codec.decodeList(v.payload()))).containsExactly("a", "b", "1", "-2", "300", "70000");
    }

    @Test
    void decodesAnLzfCompressedIntsetInAscendingOrder() {
        StoredValue v = decode("0bc32c38040800000006200301fbff80000001200b400000024004200000032003400001a086a01902f2052a200900000a00f371b8fb9200100d");
        assertThat(v.type()).isEqualTo(ValueType.SET);
        assertThat(Codec.decodeSet(v.payload())).extracting(RdbCodecTest::text)
                .containsExactly("-5", "1", "2", "3", "100000", "5000000000");
    }

    @Test
    void decodesPlainSetsAndListpackHashesAndSortedSets() {
        assertThat(Codec.decodeSet(decode("0203c001017801790a009d84e02dadaddb0f").payload()))
                .extracting(RdbCodecTest::text).containsExactlyInAnyOrder("1", "x", "y");
        Map<Bytes, byte[]> hash = Codec.decodeHash(decode("10151500000004008266310382763103826632030201ff0a005c5ea813feec1ff5").payload());
        assertThat(hash).hasSize(2);
        assertThat(new String(hash.get(Bytes.of("f2")), StandardCharsets.UTF_8)).isEqualTo("2");
        ZSet zset = Codec.decodeZSet(decode("111d1d0000000600816302842d696e660581610283312e35048162020201ff0a0017dce91ab8436c89").payload());
        assertThat(zset.ascending()).extracting(e -> text(e.member()) + "=" + e.score())
                .containsExactly("c=-Infinity", "a=1.5", "b=2.0");
    }

    @Test
    void everyTypeRoundTripsThroughOurOwnEncoding() {
        List<StoredValue> values = List.of(
                new StoredValue(ValueType.STRING, 0, new byte[] {0, (byte) 0xff, '\r', '\n'}),
                new StoredValue(ValueType.STRING, 0, new byte[20_000]),
                new StoredValue(ValueType.LIST, 0, Codec.encodeList(List.of(b("x"), b(""), b("3")))),
                new StoredValue(ValueType.SET, 0, Codec.encodeSet(new LinkedHashSet<>(List.of(Bytes.of("m"), Bytes.of("7"))))),
                new StoredValue(ValueType.HASH, 0, Codec.encodeHash(new LinkedHashMap<>(Map.of(Bytes.of("f"), b("v"))))),
                new StoredValue(ValueType.ZSET, 0, Codec.encodeZSet(zset("a", 1e300, "b", Double.NEGATIVE_INFINITY))));
        for (StoredValue v : values) {
            StoredValue back = RdbCodec.decode(RdbCodec.encode(v));
            assertThat(back.type()).isEqualTo(v.type());
            assertThat(back.payload()).as(v.type().typeName()).isEqualTo(v.payload());
        }
    }

    @Test
    void decodesTheZiplistsAndZipmapsOfOlderRedis() {
        byte[] ziplist = OldEncodings.ziplist(List.of(b("abc"), b("12"), b("-129"), b("70000"), b("5000000000"), b("x".repeat(300))));
        StoredValue list = RdbCodec.decode(OldEncodings.payload(10, OldEncodings.string(ziplist)));
        assertThat(text(Codec.decodeList(list.payload()))).containsExactly("abc", "12", "-129", "70000", "5000000000", "x".repeat(300));
        StoredValue quicklist = RdbCodec.decode(OldEncodings.payload(14, OldEncodings.nodes(ziplist, ziplist)));
        assertThat(Codec.decodeList(quicklist.payload())).hasSize(12);
        byte[] zsetZiplist = OldEncodings.ziplist(List.of(b("a"), b("1"), b("b"), b("2.5")));
        assertThat(Codec.decodeZSet(RdbCodec.decode(OldEncodings.payload(12, OldEncodings.string(zsetZiplist))).payload()).score(Bytes.of("b"))).isEqualTo(2.5);
        byte[] zipmap = OldEncodings.zipmap(Map.of("field", "value"));
        Map<Bytes, byte[]> hash = Codec.decodeHash(RdbCodec.decode(OldEncodings.payload(9, zipmap)).payload());
        assertThat(text(List.copyOf(hash.values()))).containsExactly("value");
    }

    @Test
    void refusesWrongFootersBeforeLookingAtTheValue() {
        byte[] good = RdbCodec.encode(new StoredValue(ValueType.STRING, 0, b("v")));
        byte[] badCrc = good.clone();
        badCrc[badCrc.length - 1] ^= 1;
        byte[] version11 = OldEncodings.withVersion(good, 11);
        for (byte[] p : List.of(badCrc, version11, new byte[9])) {
            assertThatThrownBy(() -> RdbCodec.decode(p))
                    .isInstanceOfSatisfying(RdbFormatException.class, e -> assertThat(e.kind()).isEqualTo(RdbFormatException.Kind.VERSION_OR_CHECKSUM));
        }
        assertThat(RdbCodec.decode(OldEncodings.withVersion(good, 9)).type()).isEqualTo(ValueType.STRING);
    }

    @Test
    void corruptValuesAreBadFormatNeverACrash() {
        List<byte[]> corrupt = List.of(
                OldEncodings.payload(1, new byte[] {0}),                    // empty list
                OldEncodings.payload(2, new byte[] {2, 1, 'a', 1, 'a'}),    // duplicate member
                OldEncodings.payload(0, new byte[] {5, 'a'}),               // truncated string
                OldEncodings.payload(0, new byte[] {(byte) 0xC3, 2, 10, 0, 'a'}), // bad LZF
                OldEncodings.payload(16, new byte[] {3, 1, 2, 3}),          // listpack too short
                OldEncodings.payload(42, new byte[] {0}));                  // unknown type
        for (byte[] p : corrupt) {
            assertThatThrownBy(() -> RdbCodec.decode(p))
                    .isInstanceOfSatisfying(RdbFormatException.class, e -> assertThat(e.kind()).isEqualTo(RdbFormatException.Kind.BAD_FORMAT));
        }
        assertThatThrownBy(() -> RdbCodec.decode(OldEncodings.payload(15, new byte[] {0})))
                .isInstanceOfSatisfying(RdbFormatException.class, e -> assertThat(e.kind()).isEqualTo(RdbFormatException.Kind.UNSUPPORTED_TYPE));
    }

    @Test
    void randomBytesWithAValidFooterNeverEscapeAsAnythingButAFormatError() {
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 20_000; i++) {
            byte[] body = new byte[1 + random.nextInt(40)];
            random.nextBytes(body);
            body[0] = (byte) random.nextInt(20);
            byte[] p = OldEncodings.payload(body[0] & 0xff, java.util.Arrays.copyOfRange(body, 1, body.length));
            try {
                RdbCodec.decode(p);
            } catch (RdbFormatException expected) {
                assertThat(expected.kind()).isNotEqualTo(RdbFormatException.Kind.VERSION_OR_CHECKSUM);
            }
        }
    }

    private static StoredValue decode(String hex) {
        return RdbCodec.decode(HEX.parseHex(hex));
    }

    private static String string(String hex) {
        StoredValue v = decode(hex);
        assertThat(v.type()).isEqualTo(ValueType.STRING);
        return new String(v.payload(), StandardCharsets.UTF_8);
    }

    private static ZSet zset(Object... memberScores) {
        ZSet z = new ZSet();
        for (int i = 0; i < memberScores.length; i += 2) {
            z.put(Bytes.of((String) memberScores[i]), (Double) memberScores[i + 1]);
        }
        return z;
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Bytes b) {
        return new String(b.bytes(), StandardCharsets.UTF_8);
    }

    private static List<String> text(List<byte[]> items) {
        return items.stream().map(i -> new String(i, StandardCharsets.UTF_8)).toList();
    }
}
