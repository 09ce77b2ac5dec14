package io.dynoj.core.warmup;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.spi.Request;
import io.dynoj.core.spi.RequestKind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.AbstractReferenceCounted;
import io.netty.util.ReferenceCounted;
import java.util.List;
import org.junit.jupiter.api.Test;

class WrittenKeysTest {

    @Test
    void everyKeyOfAWriteIsRecordedAndReadsAreNot() {
        WrittenKeys written = new WrittenKeys(100);
        written.accept(new KeysRequest(RequestKind.WRITE, "a", "b"));
        written.accept(new KeysRequest(RequestKind.READ, "c"));
        assertThat(written.written(bytes("a"))).isTrue();
        assertThat(written.written(bytes("b"))).isTrue();
        assertThat(written.written(bytes("c"))).as("a read writes nothing").isFalse();
        assertThat(written.size()).isEqualTo(2);
    }

    @Test
    void aResetForgetsWhatWasWrittenBefore() {
        WrittenKeys written = new WrittenKeys(100);
        written.accept(new KeysRequest(RequestKind.WRITE, "a"));
        written.reset();
        assertThat(written.written(bytes("a"))).isFalse();
        written.accept(new KeysRequest(RequestKind.WRITE, "b"));
        assertThat(written.written(bytes("b"))).isTrue();
    }

    @Test
    void pastItsLimitEveryKeyCountsAsWritten() {
        WrittenKeys written = new WrittenKeys(2);
        written.accept(new KeysRequest(RequestKind.WRITE, "a", "b", "c"));
        assertThat(written.overflowed()).isTrue();
        assertThat(written.written(bytes("never written"))).as("nothing is safe to overwrite any more").isTrue();
        written.reset();
        assertThat(written.overflowed()).isFalse();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(ISO_8859_1);
    }

    private static final class KeysRequest extends AbstractReferenceCounted implements Request {
        private final RequestKind kind;
        private final List<ByteBuf> keys;

        KeysRequest(RequestKind kind, String... keys) {
            this.kind = kind;
            this.keys = java.util.Arrays.stream(keys).map(k -> Unpooled.wrappedBuffer(bytes(k))).toList();
        }

        @Override
        public ByteBuf frame() {
            return Unpooled.EMPTY_BUFFER;
        }

        @Override
        public String command() {
            return "test";
        }

        @Override
        public RequestKind kind() {
            return kind;
        }

        @Override
        public int keyCount() {
            return keys.size();
        }

        @Override
        public ByteBuf key(int index) {
            return keys.get(index);
        }

        @Override
        public Request retainedDuplicate() {
            throw new UnsupportedOperationException();
        }

        @Override
        protected void deallocate() {
        }

        @Override
        public ReferenceCounted touch(Object hint) {
            return this;
        }
    }
}
