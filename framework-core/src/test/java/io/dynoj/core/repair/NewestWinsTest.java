package io.dynoj.core.repair;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.spi.RangeStore.KeyDigest;
import org.junit.jupiter.api.Test;

/** {@link Reconciler} with write times: the newest write wins whatever the majority holds; tombstones honoured. */
class NewestWinsTest {

    private static final byte[] K = {'k'};

    private static KeyDigest live(long digest, long writeTime) {
        return new KeyDigest(1, K, digest, writeTime, false);
    }

    private static KeyDigest tombstone(long writeTime) {
        return new KeyDigest(1, K, 0, writeTime, true);
    }

    @Test
    void theNewestValueWinsAgainstTwoOlderOnes() {
        Reconciler.Decision d = Reconciler.decide(new KeyDigest[] {live(5, 100), live(5, 100), live(9, 200)});
        assertThat(d.source()).isEqualTo(2);
        assertThat(d.targets()).containsExactly(0, 1);
        assertThat(d.conflict()).isFalse();
    }

    @Test
    void aNewerTombstoneDeletesWhereTheKeyIsStillHeld() {
        Reconciler.Decision d = Reconciler.decide(new KeyDigest[] {tombstone(300), null, live(5, 100)});
        assertThat(d.source()).isEqualTo(-1);
        assertThat(d.deletedAt()).isEqualTo(300);
        assertThat(d.targets()).as("the replica that never held it agrees with the tombstone").containsExactly(2);
    }

    @Test
    void aWriteNewerThanATombstoneBringsTheKeyBack() {
        Reconciler.Decision d = Reconciler.decide(new KeyDigest[] {tombstone(300), live(5, 400), null});
        assertThat(d.source()).isEqualTo(1);
        assertThat(d.targets()).containsExactly(0, 2);
    }

    @Test
    void sameValuesAndTombstonesAgree() {
        assertThat(Reconciler.decide(new KeyDigest[] {live(5, 100), live(5, 200), live(5, 100)})).isNull();
        assertThat(Reconciler.decide(new KeyDigest[] {tombstone(1), null, tombstone(2)})).isNull();
    }

    @Test
    void withoutWriteTimesTheMajorityDecides() {
        Reconciler.Decision d = Reconciler.decide(new KeyDigest[] {new KeyDigest(1, K, 9), new KeyDigest(1, K, 5),
            new KeyDigest(1, K, 5)});
        assertThat(d.source()).isEqualTo(1);
        assertThat(d.targets()).containsExactly(0);
    }
}
