package io.dynoj.testkit;

import java.util.List;
import java.util.stream.Collectors;

import io.netty.buffer.ByteBuf;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class if Netty reported a leaked resource by the time it finished.
 *
 * <p>Registered for Jupiter's extension autodetection via {@code META-INF/services}, so it applies to every
 * test class of a module that has the testkit on its test class path (the parent POM enables autodetection).
 * After each class it forces leak detection ({@link LeakDetection#forceDetection()}) and fails with all
 * reports, then forgets them so the next class starts clean.
 *
 * <p>Leak detection depends on the GC: a leak that is only collected after a class finished is attributed to a
 * later class. The report's access records show where the buffer really came from.
 */
public final class NoLeaksExtension implements AfterAllCallback {

    /** Created by JUnit through {@link java.util.ServiceLoader} or {@code @ExtendWith}. */
    public NoLeaksExtension() {
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (!ResourceLeakDetector.isEnabled()) {
            return; // detection switched off on purpose (-Dio.netty.leakDetection.level=disabled); nothing to find
        }
        LeakDetection.forceDetection();
        if (!LeakRecorder.hasDetectorFor(ByteBuf.class)) {
            // Failing beats passing silently: without our detector, buffer leaks are only logged.
            throw new AssertionError("Netty's ByteBuf leak detector was created before LeakRecorder was "
                    + "installed, so buffer leaks cannot fail tests; is " + LeakDetectionSessionListener.class
                    .getName() + " registered with the JUnit launcher (META-INF/services)?");
        }
        List<LeakReport> leaks = LeakRecorder.drain();
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " Netty resource leak(s) detected after "
                    + context.getDisplayName() + ":\n"
                    + leaks.stream().map(LeakReport::toString).collect(Collectors.joining("\n\n")));
        }
    }
}
