package io.dynoj.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.UUID;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Runs small test classes in-process through Jupiter and checks that the autodetected extension judges them. */
class NoLeaksExtensionTest {

    /** Set only while this test drives the engine, so the sample classes do nothing in a normal run. */
    static volatile String marker;

    private ResourceLeakDetector.Level levelBefore;

    @BeforeEach
    void paranoid() {
        levelBefore = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    @AfterEach
    void reset() {
        marker = null;
        ResourceLeakDetector.setLevel(levelBefore);
    }

    @Test
    void leakingClassFailsWithTheReport() {
        marker = "dynoj-extension-marker-" + UUID.randomUUID();

        EngineExecutionResults results = run(LeakingSample.class);

        results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
        List<Event> failures = results.containerEvents().failed().list();
        assertEquals(1, failures.size(), () -> results.containerEvents().list().toString());
        Throwable error = failures.get(0).getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class)
                .getThrowable().orElseThrow();
        assertInstanceOf(AssertionError.class, error);
        assertTrue(error.getMessage().contains(marker), error.getMessage());
        assertTrue(error.getMessage().contains("LeakingSample"), error.getMessage());
        assertEquals(List.of(), LeakRecorder.takeMatching(r -> r.records().contains(marker)),
                "the extension should have taken the reports it failed on");
    }

    @Test
    void cleanClassPasses() {
        marker = "dynoj-extension-marker-" + UUID.randomUUID();

        EngineExecutionResults results = run(CleanSample.class);

        results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
        results.containerEvents().assertStatistics(stats -> stats.failed(0));
    }

    private static EngineExecutionResults run(Class<?> testClass) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                .selectors(selectClass(testClass))
                .execute();
    }

    private static boolean driven() {
        return marker != null;
    }

    static class LeakingSample {
        @Test
        void dropsABuffer() {
            Assumptions.assumeTrue(driven(), "only run by NoLeaksExtensionTest");
            leak();
        }

        /** In its own frame so no local variable keeps the buffer reachable. */
        private static void leak() {
            ByteBuf buffer = UnpooledByteBufAllocator.DEFAULT.buffer(8);
            buffer.touch(marker);
        }
    }

    static class CleanSample {
        @Test
        void releasesItsBuffer() {
            Assumptions.assumeTrue(driven(), "only run by NoLeaksExtensionTest");
            ByteBuf buffer = UnpooledByteBufAllocator.DEFAULT.buffer(8);
            buffer.touch(marker);
            buffer.release();
        }
    }
}
