package io.dynoj.core.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.codahale.metrics.MetricRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replay rules, against a fake delivery: order, holding, acknowledgement, uncertainty, window and cap. */
class HintedHandoffTest {

    @TempDir
    Path dir;

    private final FakeDelivery delivery = new FakeDelivery();

    private HintedHandoff handoff(long window, long cap) {
        return new HintedHandoff(new HintSettings(true, dir, window, cap, 100_000), delivery, new MetricRegistry());
    }

    private static Hint write(String frame, boolean idempotent) {
        return Hint.write((byte) 1, idempotent, System.currentTimeMillis(), new byte[0],
                frame.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void hintsWaitForTheTargetThenGoInOrderAndTheTargetIsNoLongerHeld() {
        try (HintedHandoff h = handoff(3_600_000, 1 << 20)) {
            assertThat(h.offer("n2", write("SET a 1", true))).isTrue();
            assertThat(h.offer("n2", write("INCR c", false))).isTrue();
            assertThat(h.holding("n2")).isTrue();
            delivery.reachable = true;
            await().atMost(Duration.ofSeconds(5)).until(() -> !h.holding("n2"));
            assertThat(delivery.sent).containsExactly("n2 SET a 1", "n2 INCR c");
        }
    }

    @Test
    void aFailedReplayIsRetriedAndWhatMayHaveRunOnceIsCopiedInsteadOfRunTwice() {
        try (HintedHandoff h = handoff(3_600_000, 1 << 20)) {
            h.offer("n2", write("SET a 1", true));
            h.offer("n2", write("INCR c", false));
            delivery.failNext = 1;
            delivery.reachable = true;
            await().atMost(Duration.ofSeconds(5)).until(() -> !h.holding("n2"));
            // First attempt: both sent, the INCR failed (the SET before it ran: acknowledged); second: INCR's
            // key copied, as the INCR may have run once.
            assertThat(delivery.sent).containsExactly("n2 SET a 1", "n2 INCR c", "repair n2 INCR c");
        }
    }

    @Test
    void hintsSurviveARestartAndAKeyOfUnknownFateIsCopied() {
        try (HintedHandoff h = handoff(3_600_000, 1 << 20)) {
            h.offer("n2", write("SET a 1", true));
            h.unknownFate("n2", List.of("c".getBytes(StandardCharsets.US_ASCII)), System.currentTimeMillis());
        }
        try (HintedHandoff h = handoff(3_600_000, 1 << 20)) {
            assertThat(h.holding("n2")).isTrue();
            delivery.reachable = true;
            await().atMost(Duration.ofSeconds(5)).until(() -> !h.holding("n2"));
            assertThat(delivery.sent).containsExactly("n2 SET a 1", "repair n2 key c");
        }
    }

    @Test
    void theWritesStoredAfterAKeyCopyLeaveOnlyOnceTheCopyIsAnswered() {
        try (HintedHandoff h = handoff(3_600_000, 1 << 20)) {
            h.unknownFate("n2", List.of("c".getBytes(StandardCharsets.US_ASCII)), System.currentTimeMillis());
            h.offer("n2", write("INCR c", false));
            delivery.holdCopies = true;
            delivery.reachable = true;
            await().atMost(Duration.ofSeconds(5)).until(() -> delivery.sent.contains("repair n2 key c"));
            delivery.answerCopies();
            await().atMost(Duration.ofSeconds(5)).until(() -> !h.holding("n2"));
            // A copy leaves after a read of the local store: a write sent beside it would reach the target first.
            assertThat(delivery.overtook).as("writes sent while a copy stored before them was unanswered").isEmpty();
            assertThat(delivery.sent).containsExactly("repair n2 key c", "n2 INCR c");
        }
    }

    @Test
    void pastTheCapHintsAreDroppedAndTheTargetNeedsAFullRepair() {
        try (HintedHandoff h = handoff(3_600_000, 200)) {
            for (int i = 0; i < 5; i++) {
                h.offer("n2", write("SET key-" + i + " some-value-of-some-length", true));
            }
            assertThat(h.describe().get("n2")).containsEntry("needs_full_repair", true).containsEntry("holding", false);
            assertThat(h.offer("n2", write("SET late 1", true))).as("nothing kept until it is back").isFalse();
            delivery.reachable = true;
            await().atMost(Duration.ofSeconds(5)).until(() -> h.offer("n2", write("SET later 1", true)));
        }
    }

    @Test
    void pastTheWindowHintsAreDropped() {
        try (HintedHandoff h = handoff(1, 1 << 20)) {
            h.offer("n2", Hint.write((byte) 1, true, 1000, new byte[0], new byte[] {'x'}));
            assertThat(h.offer("n2", Hint.write((byte) 1, true, 5000, new byte[0], new byte[] {'y'}))).isFalse();
            assertThat(h.describe().get("n2")).containsEntry("needs_full_repair", true);
        }
    }

    @Test
    void theHintsOfANodeThatLeftAreDropped() {
        try (HintedHandoff h = handoff(3_600_000, 1 << 20)) {
            h.offer("n2", write("SET a 1", true));
            delivery.known = false;
            await().atMost(Duration.ofSeconds(5)).until(() -> h.describe().isEmpty());
            assertThat(delivery.sent).isEmpty();
        }
    }

    private static final class FakeDelivery implements HintDelivery {
        volatile boolean reachable;
        volatile boolean known = true;
        volatile int failNext;
        final List<String> sent = new CopyOnWriteArrayList<>();
        final List<String> overtook = new CopyOnWriteArrayList<>();
        final List<Consumer<Boolean>> unansweredCopies = new CopyOnWriteArrayList<>();
        volatile boolean holdCopies;

        void answerCopies() {
            holdCopies = false;
            for (Consumer<Boolean> done : unansweredCopies) {
                unansweredCopies.remove(done);
                done.accept(true);
            }
        }

        @Override
        public boolean known(String nodeId) {
            return known;
        }

        @Override
        public boolean reachable(String nodeId) {
            return reachable;
        }

        @Override
        public void replay(String nodeId, Hint hint, Consumer<Boolean> done) {
            sent.add(nodeId + " " + new String(hint.frame(), StandardCharsets.US_ASCII));
            if (!unansweredCopies.isEmpty()) {
                overtook.add(new String(hint.frame(), StandardCharsets.US_ASCII));
            }
            boolean fail = sent.size() > 1 && failNext > 0;
            if (fail) {
                failNext--;
            }
            done.accept(!fail);
        }

        @Override
        public void repair(String nodeId, Hint hint, Consumer<Boolean> done) {
            sent.add("repair " + nodeId + " " + (hint.kind() == Hint.Kind.REPAIR
                    ? "key " + new String(hint.key(), StandardCharsets.US_ASCII)
                    : new String(hint.frame(), StandardCharsets.US_ASCII)));
            if (holdCopies) {
                unansweredCopies.add(done);
                return;
            }
            done.accept(true);
        }
    }
}
