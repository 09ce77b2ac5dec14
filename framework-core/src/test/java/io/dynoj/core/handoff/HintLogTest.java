package io.dynoj.core.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HintLogTest {

    @TempDir
    Path dir;

    private static Hint write(int i) {
        return Hint.write((byte) 1, i % 2 == 0, 1000 + i, new byte[0], ("SET k" + i + " v").getBytes(StandardCharsets.US_ASCII));
    }

    private static String frame(HintLog.Entry e) {
        return new String(e.hint().frame(), StandardCharsets.US_ASCII);
    }

    @Test
    void readsBackInOrderAndFromWhereTheLastReadEnded() {
        try (HintLog log = HintLog.open(dir)) {
            for (int i = 0; i < 10; i++) {
                log.append(write(i));
            }
            List<HintLog.Entry> first = log.read(log.acked(), 4);
            assertThat(first).extracting(HintLogTest::frame).containsExactly("SET k0 v", "SET k1 v", "SET k2 v", "SET k3 v");
            List<HintLog.Entry> rest = log.read(first.get(3).next(), 100);
            assertThat(rest).hasSize(6);
            assertThat(frame(rest.get(5))).isEqualTo("SET k9 v");
            Hint fifth = rest.get(0).hint();
            assertThat(fifth.kind()).isEqualTo(Hint.Kind.WRITE);
            assertThat(fifth.idempotent()).isTrue();
            assertThat(fifth.mode()).isEqualTo((byte) 1);
            assertThat(fifth.createdMillis()).isEqualTo(1004);
            assertThat(fifth.key()).isEmpty();
            assertThat(log.isEmpty()).isFalse();
            log.ack(rest.get(5).next());
            assertThat(log.isEmpty()).isTrue();
            assertThat(log.pendingBytes()).isZero();
        }
    }

    @Test
    void whatWasNotAcknowledgedSurvivesAReopenAndWhatWasIsGone() {
        long ackedAt;
        try (HintLog log = HintLog.open(dir)) {
            for (int i = 0; i < 5; i++) {
                log.append(write(i));
            }
            ackedAt = log.read(log.acked(), 2).get(1).next();
            log.ack(ackedAt);
        }
        try (HintLog log = HintLog.open(dir)) {
            assertThat(log.acked()).isEqualTo(ackedAt);
            assertThat(log.read(log.acked(), 100)).extracting(HintLogTest::frame)
                    .containsExactly("SET k2 v", "SET k3 v", "SET k4 v");
            log.append(write(5));
            assertThat(log.read(log.acked(), 100)).hasSize(4);
        }
    }

    @Test
    void aRecordTornByACrashIsCutOffAndAppendsGoOnAfterTheLastWholeOne() throws IOException {
        try (HintLog log = HintLog.open(dir)) {
            log.append(write(0));
            log.append(write(1));
        }
        Path segment = segment();
        long whole = Files.size(segment);
        try (FileChannel c = FileChannel.open(segment, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            c.write(ByteBuffer.wrap(new byte[] {0, 0, 0, 40, 1, 2, 3})); // a header and a few bytes of a body
        }
        try (HintLog log = HintLog.open(dir)) {
            assertThat(Files.size(segment)).isEqualTo(whole);
            log.append(write(2));
            assertThat(log.read(log.acked(), 100)).extracting(HintLogTest::frame)
                    .containsExactly("SET k0 v", "SET k1 v", "SET k2 v");
        }
    }

    @Test
    void clearDropsEverythingAndTheLogGoesOnEmpty() {
        try (HintLog log = HintLog.open(dir)) {
            log.append(write(0));
            log.clear();
            assertThat(log.isEmpty()).isTrue();
            log.append(write(1));
            assertThat(log.read(log.acked(), 100)).extracting(HintLogTest::frame).containsExactly("SET k1 v");
        }
        try (HintLog log = HintLog.open(dir)) {
            assertThat(log.read(log.acked(), 100)).extracting(HintLogTest::frame).containsExactly("SET k1 v");
        }
    }

    @Test
    void aRepairHintKeepsItsKey() {
        try (HintLog log = HintLog.open(dir)) {
            log.append(Hint.repair(7, "counter".getBytes(StandardCharsets.US_ASCII)));
            Hint back = log.read(log.acked(), 1).get(0).hint();
            assertThat(back.kind()).isEqualTo(Hint.Kind.REPAIR);
            assertThat(new String(back.key(), StandardCharsets.US_ASCII)).isEqualTo("counter");
            assertThat(back.createdMillis()).isEqualTo(7);
        }
    }

    private Path segment() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".hints")).findFirst().orElseThrow();
        }
    }
}
