package io.dynoj.core.repair;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReconcilerTest {

    @Test
    void replicasThatAgreeNeedNothing() {
        assertThat(Reconciler.decide(new Long[] {5L, 5L, 5L})).isNull();
        assertThat(Reconciler.decide(new Long[] {null, null})).isNull();
    }

    @Test
    void aKeyMissingOnOneOfThreeIsRestoredFromTheOthers() {
        Reconciler.Decision d = Reconciler.decide(new Long[] {5L, 5L, null});
        assertThat(d.source()).isZero();
        assertThat(d.targets()).containsExactly(2);
        assertThat(d.conflict()).isFalse();
    }

    @Test
    void aValueTwoRacksAgreeOnWinsEvenAgainstThisNode() {
        Reconciler.Decision d = Reconciler.decide(new Long[] {9L, 5L, 5L});
        assertThat(d.source()).isEqualTo(1);
        assertThat(d.targets()).containsExactly(0);
        assertThat(d.conflict()).isFalse();
    }

    @Test
    void aKeyOnOneReplicaOfThreeIsAMissedDeleteAndIsDeleted() {
        Reconciler.Decision d = Reconciler.decide(new Long[] {null, 7L, null});
        assertThat(d.source()).isEqualTo(-1);
        assertThat(d.targets()).containsExactly(1);
    }

    @Test
    void twoRacksThatDisagreeIsAConflictThisNodesValueWins() {
        Reconciler.Decision d = Reconciler.decide(new Long[] {1L, 2L});
        assertThat(d.conflict()).isTrue();
        assertThat(d.source()).isZero();
        assertThat(d.targets()).containsExactly(1);
    }

    @Test
    void withoutAMajorityAndNothingHereTheHeldValueWinsOverAbsence() {
        Reconciler.Decision d = Reconciler.decide(new Long[] {null, 2L});
        assertThat(d.conflict()).isTrue();
        assertThat(d.source()).isEqualTo(1);
        assertThat(d.targets()).containsExactly(0);
        Reconciler.Decision three = Reconciler.decide(new Long[] {null, 2L, 3L});
        assertThat(three.conflict()).isTrue();
        assertThat(three.source()).isEqualTo(1);
        assertThat(three.targets()).containsExactly(0, 2);
    }
}
