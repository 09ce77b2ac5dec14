package io.dynoj.benchmarks;

import com.codahale.metrics.MetricRegistry;
import io.dynoj.core.server.ClientPathAccess;
import io.dynoj.redis.protocol.RedisProtocolAdapter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The {@link CommandMetricsBenchmark} paths measured in thread CPU time instead of wall time, timed
 * and untimed interleaved block by block: on a shared, loaded machine wall time mostly measures the
 * other processes (a thread that is descheduled gets no CPU time), and interleaving puts any drift on
 * both sides alike. Prints per mode the median CPU ns per GET of each side over the rounds and the
 * median of the per-round ratios timed/untimed.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.dynoj.benchmarks.CommandMetricsCpuCost [rounds] [opsPerBlock]}
 */
public final class CommandMetricsCpuCost {

    private static final byte[] GET = "*2\r\n$3\r\nGET\r\n$10\r\nkey:000123\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REPLY = "$3\r\nbar\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CommandMetricsCpuCost() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int ops = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        ByteBuf reply = PooledByteBufAllocator.DEFAULT.directBuffer().writeBytes(REPLY);
        EmbeddedChannel timed = channel(reply, true);
        EmbeddedChannel untimed = channel(reply, false);
        for (int batch : new int[] {1, 16}) {
            ByteBuf requests = PooledByteBufAllocator.DEFAULT.directBuffer();
            for (int i = 0; i < batch; i++) {
                requests.writeBytes(GET);
            }
            int invocations = ops / batch;
            for (int w = 0; w < 10; w++) { // warm-up: both paths compiled before anything counts
                block(timed, requests, invocations);
                block(untimed, requests, invocations);
            }
            double[] on = new double[rounds];
            double[] off = new double[rounds];
            double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                boolean timedFirst = r % 2 == 0; // alternate who goes first
                double a = block(timedFirst ? timed : untimed, requests, invocations) / (double) (invocations * batch);
                double b = block(timedFirst ? untimed : timed, requests, invocations) / (double) (invocations * batch);
                on[r] = timedFirst ? a : b;
                off[r] = timedFirst ? b : a;
                ratio[r] = on[r] / off[r];
            }
            System.out.printf("pipeline %2d: timed %.0f ns/GET, untimed %.0f ns/GET (CPU, median of %d rounds of %d GETs); "
                            + "median ratio timed/untimed %.3f (rounds: min %.3f, max %.3f)%n",
                    batch, median(on), median(off), rounds, invocations * batch, median(ratio),
                    Arrays.stream(ratio).min().orElse(0), Arrays.stream(ratio).max().orElse(0));
            requests.release();
        }
        timed.finishAndReleaseAll();
        untimed.finishAndReleaseAll();
        reply.release();
    }

    private static EmbeddedChannel channel(ByteBuf reply, boolean timeCommands) {
        return ClientPathAccess.channel(new RedisProtocolAdapter(), (request, sink) -> {
            request.release();
            sink.reply(reply.retainedDuplicate());
        }, new MetricRegistry(), timeCommands);
    }

    /** CPU nanoseconds of this thread for {@code invocations} runs of {@code requests} through {@code channel}. */
    private static long block(EmbeddedChannel channel, ByteBuf requests, int invocations) {
        long sink = 0;
        long start = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < invocations; i++) {
            channel.writeInbound(requests.retainedDuplicate());
            channel.runPendingTasks();
            ByteBuf out;
            while ((out = channel.readOutbound()) != null) {
                sink += out.readableBytes();
                out.release();
            }
        }
        long cpu = THREADS.getCurrentThreadCpuTime() - start;
        if (sink != (long) invocations * REPLY.length * (requests.readableBytes() / GET.length)) {
            throw new IllegalStateException("not every GET was answered: " + sink + " reply bytes");
        }
        return cpu;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
