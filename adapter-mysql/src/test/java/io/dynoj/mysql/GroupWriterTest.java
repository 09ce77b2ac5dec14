package io.dynoj.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.storage.StoreBatch.Op;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupWriterTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> render(Collection<Op> ops) {
        List<String> out = new ArrayList<>();
        for (Op op : ops) {
            out.add(new String(op.key(), StandardCharsets.UTF_8) + "=" + (op.isDelete() ? "DEL" : new String(op.value(), StandardCharsets.UTF_8)));
        }
        return out;
    }

    @Test
    void theLastOperationOnAKeyWins() {
        List<List<Op>> batches = List.of(
                List.of(new Op(b("a"), b("1")), new Op(b("b"), b("1"))),
                List.of(new Op(b("a"), null)),
                List.of(new Op(b("c"), b("1")), new Op(b("b"), b("2"))),
                List.of(new Op(b("c"), null), new Op(b("c"), b("3"))));
        assertThat(render(GroupWriter.coalesce(batches))).containsExactly("a=DEL", "b=2", "c=3");
    }

    @Test
    void keysAreComparedByContentNotIdentity() {
        List<List<Op>> batches = List.of(List.of(new Op(b("k"), b("1"))), List.of(new Op(b("k"), b("2"))));
        assertThat(GroupWriter.coalesce(batches)).hasSize(1);
    }

    @Test
    void anEntryMayUseHalfThePacketLimit() {
        GroupWriter writer = new GroupWriter(new Schema("t"), 10, 16L << 20);
        assertThat(writer.maxEntryBytes()).isBetween((8L << 20) - 2048, 8L << 20);
    }
}
