package io.dynoj.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;

/**
 * A {@link ResourceLeakDetectorFactory} whose detectors record every leak report in a JVM-wide list, so tests
 * can fail on leaks instead of only logging them.
 *
 * <p>It only sees resources whose detector was created after {@link #install()}; Netty creates most detectors in
 * static initialisers (for buffers, when {@code AbstractByteBuf} is initialised). That is why
 * {@link LeakDetectionSessionListener} installs it when the JUnit launcher session opens.
 */
public final class LeakRecorder extends ResourceLeakDetectorFactory {

    private static final LeakRecorder INSTANCE = new LeakRecorder();

    private static final List<LeakReport> REPORTS = new ArrayList<>();
    private static final List<RecordingLeakDetector<?>> DETECTORS = new CopyOnWriteArrayList<>();
    private static final Set<Class<?>> TRACKED_TYPES = ConcurrentHashMap.newKeySet();

    private LeakRecorder() {
    }

    /** Makes this the factory Netty uses for new leak detectors; idempotent. */
    public static synchronized void install() {
        if (!isInstalled()) {
            ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(INSTANCE);
        }
    }

    /** @return {@code true} if Netty's current factory is this recorder */
    public static boolean isInstalled() {
        return ResourceLeakDetectorFactory.instance() == INSTANCE;
    }

    /**
     * Tells whether leaks of a resource type are recorded, i.e. its detector was made by this factory. If this
     * is {@code false} for {@code ByteBuf} after buffers were used, buffer leaks are invisible to tests.
     *
     * @param resourceType the resource class a detector was requested for, e.g. {@code io.netty.buffer.ByteBuf}
     * @return whether a recording detector exists for it
     */
    public static boolean hasDetectorFor(Class<?> resourceType) {
        return TRACKED_TYPES.contains(resourceType);
    }

    /** @return a snapshot of the leaks recorded and not yet taken */
    public static List<LeakReport> reports() {
        synchronized (REPORTS) {
            return List.copyOf(REPORTS);
        }
    }

    /**
     * Removes and returns all recorded leaks.
     *
     * @return the leaks, oldest first
     */
    public static List<LeakReport> drain() {
        return takeMatching(report -> true);
    }

    /**
     * Removes and returns the recorded leaks that match, leaving the others in place for whoever checks next.
     *
     * @param filter which reports to take
     * @return the matching leaks, oldest first
     */
    public static List<LeakReport> takeMatching(Predicate<? super LeakReport> filter) {
        synchronized (REPORTS) {
            List<LeakReport> taken = new ArrayList<>();
            REPORTS.removeIf(report -> filter.test(report) && taken.add(report));
            return taken;
        }
    }

    /** Forgets all recorded leaks. */
    public static void clear() {
        synchronized (REPORTS) {
            REPORTS.clear();
        }
    }

    static void record(LeakReport report) {
        synchronized (REPORTS) {
            REPORTS.add(report);
        }
    }

    static List<RecordingLeakDetector<?>> detectors() {
        return DETECTORS;
    }

    @Override
    public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval) {
        RecordingLeakDetector<T> detector = new RecordingLeakDetector<>(resource, samplingInterval);
        DETECTORS.add(detector);
        TRACKED_TYPES.add(resource);
        return detector;
    }

    /** Same as {@link #newResourceLeakDetector(Class, int)}; Netty ignores {@code maxActive}. */
    @Deprecated
    @Override
    public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval,
                                                              long maxActive) {
        return newResourceLeakDetector(resource, samplingInterval);
    }
}
