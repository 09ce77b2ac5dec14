package io.dynoj.core.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A hint keeps its write's timestamp on disk; a hint stored before write times existed still reads. */
class HintWriteTimeTest {

    private static Hint roundTrip(Hint hint) {
        ByteBuffer stored = hint.encode();
        stored.getInt();
        int crc = stored.getInt();
        return Hint.decode(stored.slice(), crc);
    }

    @Test
    void aHintKeepsItsWriteTime() {
        Hint hint = Hint.write((byte) 0, true, 1000, new byte[0], "SET k v".getBytes(StandardCharsets.US_ASCII),
                123_456_789L);
        Hint back = roundTrip(hint);
        assertThat(back.writeTime()).isEqualTo(123_456_789L);
        assertThat(back.idempotent()).isTrue();
        assertThat(new String(back.frame(), StandardCharsets.US_ASCII)).isEqualTo("SET k v");
        assertThat(hint.encode().remaining()).isEqualTo(hint.size());
    }

    @Test
    void aHintWithoutWriteTimeHasTheOldLayout() {
        Hint hint = Hint.write((byte) 1, false, 1000, new byte[0], "INCR k".getBytes(StandardCharsets.US_ASCII));
        ByteBuffer stored = hint.encode();
        assertThat(stored.remaining()).as("8 + kind, flags, mode, created, key length, frame")
                .isEqualTo(8 + 1 + 1 + 1 + 8 + 4 + 6);
        Hint back = roundTrip(hint);
        assertThat(back.writeTime()).isZero();
        assertThat(back.idempotent()).isFalse();
        assertThat(back.mode()).isEqualTo((byte) 1);
    }
}
