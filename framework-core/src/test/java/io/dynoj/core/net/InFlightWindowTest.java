package io.dynoj.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InFlightWindowTest {

    @Test
    void answersInAnyOrderAndGrows() {
        InFlightWindow<String> w = new InFlightWindow<>();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(w.add("r" + i, i));
        }
        assertThat(w.size()).isEqualTo(1000);
        assertThat(w.remove(ids.get(500))).isEqualTo("r500");
        assertThat(w.remove(ids.get(500))).as("answered twice").isNull();
        for (int i = 999; i >= 0; i--) {
            if (i != 500) {
                assertThat(w.remove(ids.get(i))).isEqualTo("r" + i);
            }
        }
        assertThat(w.size()).isZero();
        assertThat(w.remove(12345)).isNull();
    }

    @Test
    void expiresOldestFirstAndOnlyWhenDue() {
        InFlightWindow<String> w = new InFlightWindow<>();
        long a = w.add("a", 100);
        w.add("b", 200);
        w.add("c", 300);
        assertThat(w.expireOldest(99)).isNull();
        assertThat(w.expireOldest(150)).isEqualTo("a");
        assertThat(w.expireOldest(150)).isNull();
        assertThat(w.remove(a)).as("expired already").isNull();
        List<String> drained = new ArrayList<>();
        w.drain(drained::add);
        assertThat(drained).containsExactly("b", "c");
        assertThat(w.size()).isZero();
        assertThat(w.add("d", 400)).isGreaterThan(a);
    }

    @Test
    void growsWhileTheOldestStaysUnanswered() {
        InFlightWindow<Integer> w = new InFlightWindow<>();
        long stuck = w.add(-1, 0);
        for (int i = 0; i < 10_000; i++) {
            long id = w.add(i, 0);
            assertThat(w.remove(id)).isEqualTo(i);
        }
        assertThat(w.size()).isEqualTo(1);
        assertThat(w.remove(stuck)).isEqualTo(-1);
    }
}
