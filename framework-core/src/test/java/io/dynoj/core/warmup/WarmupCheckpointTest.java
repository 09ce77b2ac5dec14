package io.dynoj.core.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.spi.TokenRange;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarmupCheckpointTest {

    @TempDir
    Path dir;

    @Test
    void aSavedCheckpointLoadsAsItWasAndIsGoneOnceDeleted() {
        WarmupCheckpoint saved = new WarmupCheckpoint(WarmupProgress.State.WARMING, 2,
                new TokenRange(4_000_000_000L, 12), 14, 377, 123_456, 9_876_543);
        saved.save(dir.resolve("data"));
        assertThat(WarmupCheckpoint.load(dir.resolve("data"))).isEqualTo(saved);
        WarmupCheckpoint.delete(dir.resolve("data"));
        assertThat(WarmupCheckpoint.load(dir.resolve("data"))).isNull();
    }

    @Test
    void noFileMeansNoWarmupUnderWay() {
        assertThat(WarmupCheckpoint.load(dir)).isNull();
    }

    @Test
    void anUnreadableFileStillSaysAWarmupWasUnderWayAndStartsItOver() throws Exception {
        Files.writeString(WarmupCheckpoint.file(dir), "phase=SOMETHING\npiece=x\n");
        WarmupCheckpoint c = WarmupCheckpoint.load(dir);
        assertThat(c).isNotNull();
        assertThat(c.phase()).isEqualTo(WarmupProgress.State.WARMING);
        assertThat(c.piece()).isZero();
        assertThat(c.nextLeaf()).isZero();
    }
}
