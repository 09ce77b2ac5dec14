package io.dynoj.core.repair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynoj.core.spi.RangeStore;
import io.dynoj.core.spi.RangeStore.Entry;
import io.dynoj.core.spi.RangeStore.KeyDigest;
import io.dynoj.core.spi.TokenRange;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;

/** The STREAM payloads, through {@link RangeOps} over a store in a list. */
class StreamCodecTest {

    private final List<Entry> stored = new ArrayList<>();
    private final RangeOps ops = new RangeOps(() -> new ListStore(), key -> key[0] & 0xff, () -> 0);

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private ByteBuf ask(ByteBuf request) {
        try {
            return StreamCodec.answer(ops, request, ByteBufAllocator.DEFAULT);
        } finally {
            request.release();
        }
    }

    @Test
    void importTreeKeysExportAndDeleteRoundTrip() {
        ByteBuf imported = ask(StreamCodec.importing(ByteBufAllocator.DEFAULT,
                List.of(new Entry(b("a1"), b("v1"), 0), new Entry(b("b2"), b("v2"), 99))));
        assertThat(StreamCodec.count(imported)).isEqualTo(2);
        imported.release();

        ByteBuf tree = ask(StreamCodec.tree(ByteBufAllocator.DEFAULT, TokenRange.all(), 3));
        MerkleTree t = StreamCodec.decodeTree(tree);
        tree.release();
        assertThat(t.keys()).isEqualTo(2);
        assertThat(t.root()).isEqualTo(ops.tree(TokenRange.all(), 3).root());

        ByteBuf keys = ask(StreamCodec.keys(ByteBufAllocator.DEFAULT, TokenRange.all(), 3,
                List.of(MerkleTree.leaf(TokenRange.all(), 3, 'a'))));
        List<KeyDigest> digests = StreamCodec.decodeDigests(keys);
        keys.release();
        assertThat(digests).extracting(k -> new String(k.key(), StandardCharsets.UTF_8)).containsExactly("a1", "b2");

        ByteBuf exported = ask(StreamCodec.keyList(ByteBufAllocator.DEFAULT, StreamCodec.EXPORT, List.of(b("b2"), b("zz"))));
        List<Entry> entries = StreamCodec.entries(exported);
        exported.release();
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).expireAt()).isEqualTo(99);

        ByteBuf deleted = ask(StreamCodec.keyList(ByteBufAllocator.DEFAULT, StreamCodec.DELETE, List.of(b("a1"))));
        assertThat(StreamCodec.count(deleted)).isEqualTo(1);
        deleted.release();
        assertThat(stored).hasSize(1);
    }

    @Test
    void writeTimesAndTombstonesCrossTheWire() {
        ByteBuf encoded = StreamCodec.encodeDigests(ByteBufAllocator.DEFAULT, List.of(
                new KeyDigest(5, b("live"), 77, 1234, false), new KeyDigest(6, b("gone"), 0, 5678, true)));
        List<KeyDigest> digests = StreamCodec.decodeDigests(encoded);
        encoded.release();
        assertThat(digests).extracting(KeyDigest::writeTime).containsExactly(1234L, 5678L);
        assertThat(digests).extracting(KeyDigest::deleted).containsExactly(false, true);

        ByteBuf imported = StreamCodec.importing(ByteBufAllocator.DEFAULT,
                List.of(new Entry(b("k"), b("v"), 9, 42, false), Entry.tombstone(b("t"), 43)));
        assertThat(imported.readByte()).isEqualTo(StreamCodec.IMPORT);
        List<Entry> entries = StreamCodec.entries(imported);
        imported.release();
        assertThat(entries).extracting(Entry::writeTime).containsExactly(42L, 43L);
        assertThat(entries).extracting(Entry::deleted).containsExactly(false, true);
        assertThat(entries.get(1).value()).isEmpty();
    }

    @Test
    void malformedRequestsAreRefusedNotCrashed() {
        assertThatThrownBy(() -> ask(Unpooled.wrappedBuffer(new byte[] {9}))).hasMessageContaining("unknown stream operation");
        assertThatThrownBy(() -> ask(Unpooled.wrappedBuffer(new byte[] {StreamCodec.TREE, 0})))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ask(Unpooled.buffer().writeByte(StreamCodec.EXPORT).writeInt(1_000_000)))
                .hasMessageContaining("does not fit");
        assertThatThrownBy(() -> ask(Unpooled.buffer().writeByte(StreamCodec.TREE).writeLong(0).writeLong(0).writeByte(40)))
                .hasMessageContaining("depth");
    }

    @Test
    void aDatastoreWithoutRangesSaysSo() {
        RangeOps none = new RangeOps(() -> null, key -> 0, () -> 0);
        assertThatThrownBy(() -> none.tree(TokenRange.all(), 1)).hasMessageContaining("cannot stream");
    }

    /** Keys in a list, token = first byte. */
    private final class ListStore implements RangeStore {
        @Override
        public List<KeyDigest> digests(TokenRange range, ToLongFunction<byte[]> tokenOf) {
            List<KeyDigest> out = new ArrayList<>();
            for (Entry e : stored) {
                out.add(new KeyDigest(tokenOf.applyAsLong(e.key()), e.key(), e.value().length * 31L + e.expireAt()));
            }
            out.sort(KeyDigest.ORDER);
            return out;
        }

        @Override
        public void export(TokenRange range, ToLongFunction<byte[]> tokenOf, Consumer<Entry> out) {
            stored.forEach(out);
        }

        @Override
        public List<Entry> export(List<byte[]> keys) {
            List<Entry> out = new ArrayList<>();
            for (byte[] k : keys) {
                stored.stream().filter(e -> java.util.Arrays.equals(e.key(), k)).forEach(out::add);
            }
            return out;
        }

        @Override
        public int importEntries(List<Entry> entries) {
            stored.addAll(entries);
            return entries.size();
        }

        @Override
        public int delete(List<byte[]> keys) {
            int before = stored.size();
            keys.forEach(k -> stored.removeIf(e -> java.util.Arrays.equals(e.key(), k)));
            return before - stored.size();
        }
    }
}
