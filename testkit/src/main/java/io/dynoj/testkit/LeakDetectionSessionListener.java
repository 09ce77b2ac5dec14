package io.dynoj.testkit;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Installs {@link LeakRecorder} as soon as the JUnit launcher session opens.
 *
 * <p>It has to be a launcher listener: Netty picks the leak-detector factory once, when a resource class such
 * as {@code AbstractByteBuf} is initialised, and a Jupiter extension may run after a test class (or its static
 * fields) already touched Netty. Registered through {@code META-INF/services}, so putting the testkit on the
 * test class path is enough.
 */
public final class LeakDetectionSessionListener implements LauncherSessionListener {

    /** Created by the JUnit launcher through {@link java.util.ServiceLoader}. */
    public LeakDetectionSessionListener() {
    }

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        LeakRecorder.install();
    }
}
