package io.dynoj.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Proves that a dropped buffer ends up in {@link LeakRecorder}. Each leak is tagged with a unique marker and only
 * reports carrying it are taken, so this class neither hides nor absorbs leaks of other tests.
 */
class LeakDetectionTest {

    private static final long DEADLINE_MILLIS = 10_000;

    private ResourceLeakDetector.Level levelBefore;

    @BeforeEach
    void paranoid() {
        // The parent POM sets PARANOID; also set it here so the test is deterministic when run from an IDE.
        levelBefore = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    @AfterEach
    void restoreLevel() {
        ResourceLeakDetector.setLevel(levelBefore);
    }

    @Test
    void recorderIsInstalledBeforeBuffersWereInitialised() {
        assertTrue(LeakRecorder.isInstalled(), "factory is " + ResourceLeakDetectorFactory.instance());
        UnpooledByteBufAllocator.DEFAULT.buffer(1).release(); // make sure AbstractByteBuf is initialised
        assertTrue(LeakRecorder.hasDetectorFor(ByteBuf.class), "ByteBuf detector was not made by LeakRecorder");
    }

    @Test
    void droppedUnpooledBufferIsRecorded() {
        assertLeakRecorded(UnpooledByteBufAllocator.DEFAULT);
    }

    @Test
    void droppedPooledBufferIsRecorded() {
        assertLeakRecorded(PooledByteBufAllocator.DEFAULT);
    }

    @Test
    void releasedBufferIsNotRecorded() {
        String marker = marker();
        ByteBuf buffer = UnpooledByteBufAllocator.DEFAULT.buffer(16);
        buffer.touch(marker);
        buffer.release();
        buffer = null;

        LeakDetection.forceDetection();

        assertEquals(List.of(), LeakRecorder.takeMatching(report -> report.records().contains(marker)));
    }

    private static void assertLeakRecorded(ByteBufAllocator allocator) {
        String marker = marker();
        leak(allocator, marker);

        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DEADLINE_MILLIS);
        do {
            LeakDetection.forceDetection();
            List<LeakReport> ours = LeakRecorder.takeMatching(report -> report.records().contains(marker));
            if (!ours.isEmpty()) {
                assertEquals(1, ours.size(), ours::toString);
                assertEquals("ByteBuf", ours.get(0).resourceType());
                assertTrue(ours.get(0).isTraced());
                return;
            }
        } while (System.nanoTime() - deadline < 0);
        fail("leaked buffer tagged " + marker + " was not reported within " + DEADLINE_MILLIS + " ms; recorded: "
                + LeakRecorder.reports());
    }

    /** In its own frame so no local variable keeps the buffer reachable. */
    private static void leak(ByteBufAllocator allocator, String marker) {
        ByteBuf buffer = allocator.buffer(16);
        buffer.writeInt(1);
        buffer.touch(marker);
    }

    private static String marker() {
        return "dynoj-leak-marker-" + UUID.randomUUID();
    }
}
