package io.dynoj.testkit;

/**
 * One leak reported by Netty's {@link io.netty.util.ResourceLeakDetector}.
 *
 * @param resourceType simple class name of the leaked resource, e.g. {@code ByteBuf}
 * @param records      the access records (allocation and touch points), or empty for an untraced leak
 */
public record LeakReport(String resourceType, String records) {

    /** @return {@code true} if Netty captured where the resource was allocated and touched */
    public boolean isTraced() {
        return !records.isEmpty();
    }

    @Override
    public String toString() {
        return "LEAK: " + resourceType + ".release() was not called before it was garbage-collected."
                + (isTraced() ? records : " (untraced: run with -Dio.netty.leakDetection.level=paranoid)");
    }
}
