package io.dynoj.core.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class WarmupProgressTest {

    @Test
    void theFractionCountsRangesDoneByWidthAndTheCurrentOneByKeys() {
        WarmupProgress p = new WarmupProgress(WarmupProgress.State.WARMING, Instant.now());
        p.planned(2, 1000);
        p.pieceStarted("n1", 500, 100, 0);
        p.scanned(50);
        assertThat(p.fraction()).isEqualTo(0.25);
        p.pieceDone(500);
        p.pieceStarted("n2", 500, 10, 0);
        assertThat(p.fraction()).isEqualTo(0.5);
        assertThat(p.describe()).containsEntry("source", "n2").containsEntry("percent", 50.0).containsKey("eta_seconds");
    }

    @Test
    void aStalledWarmupSaysWhyAndAnIdleOneOnlyItsState() {
        assertThat(WarmupProgress.idle().describe()).hasSize(1).containsEntry("state", "IDLE");
        WarmupProgress p = new WarmupProgress(WarmupProgress.State.WARMING, Instant.now());
        p.state(WarmupProgress.State.STALLED, "no source left for range 0:0");
        assertThat(p.describe()).containsEntry("state", "STALLED").containsEntry("error", "no source left for range 0:0");
    }
}
