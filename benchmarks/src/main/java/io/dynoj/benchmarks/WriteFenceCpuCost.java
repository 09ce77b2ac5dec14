package io.dynoj.benchmarks;

import com.codahale.metrics.MetricRegistry;
import io.dynoj.core.routing.RequestDispatcher;
import io.dynoj.core.server.ClientPathAccess;
import io.dynoj.core.spi.ReplySink;
import io.dynoj.core.spi.Request;
import io.dynoj.core.spi.RequestKind;
import io.dynoj.redis.protocol.RedisProtocolAdapter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The client connection's own cost of a {@link io.dynoj.core.server.ClientPathAccess fenced} connection,
 * without the network: pipelines of 16 requests, SET and GET alternating over distinct keys, through a
 * client connection whose dispatcher answers reads at once and writes after the whole pipeline was
 * read (as a primary elsewhere would), so reads are checked against unanswered writes and the few whose
 * key looks written are held. Fenced and unfenced connections run interleaved, block by block, in
 * thread CPU time (robust to a loaded machine), and the bytes this thread allocated are counted too.
 * Prints per side the median CPU ns and allocated bytes per request over the rounds, the median ratio
 * fenced/unfenced, and how many requests the fence held.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.dynoj.benchmarks.WriteFenceCpuCost [rounds] [pipelinesPerBlock]}
 */
public final class WriteFenceCpuCost {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final int PIPELINE = 16;
    private static final int KEYS = 100_000;

    private WriteFenceCpuCost() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int pipelines = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        ByteBuf[] batches = new ByteBuf[256];
        for (int b = 0; b < batches.length; b++) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < PIPELINE / 2; i++) {
                int k = (b * PIPELINE + 2 * i) % KEYS;
                sb.append(resp("SET", "key:" + k, "value-" + k)).append(resp("GET", "key:" + (k + 1)));
            }
            batches[b] = PooledByteBufAllocator.DEFAULT.directBuffer().writeBytes(sb.toString().getBytes(StandardCharsets.US_ASCII));
        }
        Side off = new Side(false);
        Side on = new Side(true);
        for (int w = 0; w < 10; w++) { // warm-up: both paths compiled before anything counts
            off.block(batches, pipelines);
            on.block(batches, pipelines);
        }
        double[][] cpu = new double[2][rounds];
        double[][] bytes = new double[2][rounds];
        double[] ratio = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < 2; k++) {
                int s = (r + k) % 2; // alternate who goes first
                long[] m = (s == 0 ? off : on).block(batches, pipelines);
                cpu[s][r] = m[0] / (double) (pipelines * PIPELINE);
                bytes[s][r] = m[1] / (double) (pipelines * PIPELINE);
            }
            ratio[r] = cpu[1][r] / cpu[0][r];
        }
        System.out.printf("P%d SET/GET mix: unfenced %.0f ns/req %.1f B/req, fenced %.0f ns/req %.1f B/req (CPU and "
                        + "allocation, median of %d rounds of %d requests); median ratio fenced/unfenced %.3f "
                        + "(rounds: min %.3f, max %.3f); held %.2f %% of the fenced requests%n",
                PIPELINE, median(cpu[0]), median(bytes[0]), median(cpu[1]), median(bytes[1]), rounds,
                pipelines * PIPELINE, median(ratio), Arrays.stream(ratio).min().orElse(0),
                Arrays.stream(ratio).max().orElse(0), 100.0 * on.held() / on.requests());
        off.close();
        on.close();
        for (ByteBuf b : batches) {
            b.release();
        }
    }

    private static String resp(String... args) {
        StringBuilder sb = new StringBuilder("*").append(args.length).append("\r\n");
        for (String a : args) {
            sb.append('$').append(a.length()).append("\r\n").append(a).append("\r\n");
        }
        return sb.toString();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** One connection and its dispatcher: reads answered at once, writes when the pipeline has been read. */
    private static final class Side implements RequestDispatcher {
        private static final ByteBuf OK = reply("+OK\r\n");
        private static final ByteBuf VALUE = reply("$3\r\nbar\r\n");

        private final MetricRegistry registry = new MetricRegistry();
        private final EmbeddedChannel channel;
        private final List<ReplySink> writes = new ArrayList<>();
        private long requests;

        Side(boolean fence) {
            channel = ClientPathAccess.channel(new RedisProtocolAdapter(), this, registry, true, fence);
        }

        private static ByteBuf reply(String s) {
            return PooledByteBufAllocator.DEFAULT.directBuffer().writeBytes(s.getBytes(StandardCharsets.US_ASCII));
        }

        @Override
        public void dispatch(Request request, ReplySink sink) {
            boolean write = request.kind() == RequestKind.WRITE;
            request.release();
            if (write) {
                writes.add(sink);
            } else {
                sink.reply(VALUE.retainedDuplicate());
            }
        }

        /** {CPU ns, bytes allocated} of this thread for {@code pipelines} pipelines. */
        long[] block(ByteBuf[] batches, int pipelines) {
            long bytes0 = THREADS.getCurrentThreadAllocatedBytes();
            long cpu0 = THREADS.getCurrentThreadCpuTime();
            long replies = 0;
            for (int i = 0; i < pipelines; i++) {
                channel.writeInbound(batches[i % batches.length].retainedDuplicate());
                for (int w = 0; w < writes.size(); w++) { // held reads may be dispatched, and their writes added
                    writes.get(w).reply(OK.retainedDuplicate());
                }
                writes.clear();
                channel.runPendingTasks();
                ByteBuf out;
                while ((out = channel.readOutbound()) != null) {
                    replies += out.readableBytes();
                    out.release();
                }
            }
            long[] m = {THREADS.getCurrentThreadCpuTime() - cpu0, THREADS.getCurrentThreadAllocatedBytes() - bytes0};
            long expected = (long) pipelines * PIPELINE / 2 * (OK.readableBytes() + VALUE.readableBytes());
            if (replies != expected) {
                throw new IllegalStateException("not every request was answered: " + replies + " of " + expected + " bytes");
            }
            requests += (long) pipelines * PIPELINE;
            return m;
        }

        long held() {
            return registry.counter("client.requests.held").getCount();
        }

        long requests() {
            return requests;
        }

        void close() {
            channel.finishAndReleaseAll();
        }
    }
}
