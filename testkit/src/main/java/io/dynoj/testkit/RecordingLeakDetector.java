package io.dynoj.testkit;

import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakTracker;

/** A Netty leak detector that also hands every report to {@link LeakRecorder}. */
final class RecordingLeakDetector<T> extends ResourceLeakDetector<T> {

    RecordingLeakDetector(Class<?> resourceType, int samplingInterval) {
        super(resourceType, samplingInterval);
    }

    /**
     * Always report: by default Netty skips reporting when its logger has errors disabled, and a muted logger
     * must not make a leaking test pass.
     */
    @Override
    protected boolean needReport() {
        return true;
    }

    @Override
    protected void reportTracedLeak(String resourceType, String records) {
        LeakRecorder.record(new LeakReport(resourceType, records));
        super.reportTracedLeak(resourceType, records);
    }

    @Override
    protected void reportUntracedLeak(String resourceType) {
        LeakRecorder.record(new LeakReport(resourceType, ""));
        super.reportUntracedLeak(resourceType);
    }

    /**
     * Makes the detector report leaks already collected by the GC. Netty only checks for collected, unreleased
     * resources when it starts tracking a new one, so track a throwaway object and release it at once.
     */
    @SuppressWarnings("unchecked")
    void reportCollectedLeaks() {
        // T is erased; the tracker only keeps a weak reference and an identity hash of the object.
        T probe = (T) new Object();
        ResourceLeakTracker<T> tracker = trackForcibly(probe);
        tracker.close(probe);
    }
}
