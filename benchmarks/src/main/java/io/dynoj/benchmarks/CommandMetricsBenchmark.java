package io.dynoj.benchmarks;

import com.codahale.metrics.LockFreeExponentiallyDecayingReservoir;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import io.dynoj.core.metrics.LatencyTimer;
import io.dynoj.core.server.ClientPathAccess;
import io.dynoj.redis.protocol.RedisProtocolAdapter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What per-command timing ({@code client.command.<name>} timers) costs on the node's request path,
 * with it on and off ({@code timed}): a client connection's real pipeline (RespRequestDecoder, then
 * ClientConnection with its ServerMetrics, PendingReply, WriteBatch, FlushBatcher) on an
 * EmbeddedChannel, in front of a datastore that answers at once with {@code $3\r\nbar\r\n}. Per
 * invocation: one {@code GET} ({@code single}) or 16 pipelined GETs in one read ({@code pipeline16},
 * reported per GET), written in, dispatched, answered, flushed and read out.
 *
 * <p>With no socket, no datastore and no other work, this is the smallest request path there is, so
 * the ratio timed/untimed here is an upper bound of the overhead a real node sees (measure that with
 * benchmarks/metrics-overhead.sh). The parts: {@code stockTimerUpdate} (a Dropwizard Timer with the
 * lock-free decaying reservoir), {@code latencyTimerUpdate} (the {@link LatencyTimer} the node uses),
 * {@code nanoTime} (one clock read; the node reads it once per read and once per flush, not per request).
 * These three ignore {@code timed}.
 *
 * <p>On a loaded machine wall time is unreliable; {@link CommandMetricsCpuCost} measures the same
 * paths in thread CPU time.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class CommandMetricsBenchmark {

    static final int BATCH = 16;
    private static final byte[] GET = "*2\r\n$3\r\nGET\r\n$10\r\nkey:000123\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REPLY = "$3\r\nbar\r\n".getBytes(StandardCharsets.US_ASCII);

    @Param({"true", "false"})
    public boolean timed;

    private ByteBuf single;
    private ByteBuf pipeline;
    private ByteBuf reply;
    private EmbeddedChannel channel;
    private final Timer stock = new Timer(LockFreeExponentiallyDecayingReservoir.builder().build());
    private final Timer latency = new LatencyTimer();

    @Setup
    public void setup() {
        single = PooledByteBufAllocator.DEFAULT.directBuffer(GET.length).writeBytes(GET);
        pipeline = PooledByteBufAllocator.DEFAULT.directBuffer(GET.length * BATCH);
        for (int i = 0; i < BATCH; i++) {
            pipeline.writeBytes(GET);
        }
        reply = PooledByteBufAllocator.DEFAULT.directBuffer(REPLY.length).writeBytes(REPLY);
        MetricRegistry registry = new MetricRegistry();
        channel = ClientPathAccess.channel(new RedisProtocolAdapter(), (request, sink) -> {
            request.release();
            sink.reply(reply.retainedDuplicate());
        }, registry, timed);
        // the path must do what the benchmark claims: every GET answered, and timed only when asked
        int bytes = run(pipeline);
        if (bytes != REPLY.length * BATCH) {
            throw new IllegalStateException("expected " + BATCH + " replies, got " + bytes + " bytes");
        }
        long counted = registry.getTimers().containsKey("client.command.get")
                ? registry.getTimers().get("client.command.get").getCount() : -1;
        if (counted != (timed ? BATCH : -1)) {
            throw new IllegalStateException("timed=" + timed + " but the get timer counted " + counted);
        }
    }

    @TearDown
    public void tearDown() {
        channel.finishAndReleaseAll();
        single.release();
        pipeline.release();
        reply.release();
    }

    @Benchmark
    public int single() {
        return run(single);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int pipeline16() {
        return run(pipeline);
    }

    @Benchmark
    public void stockTimerUpdate() {
        stock.update(1234, TimeUnit.NANOSECONDS);
    }

    @Benchmark
    public void latencyTimerUpdate() {
        latency.update(1234, TimeUnit.NANOSECONDS);
    }

    @Benchmark
    public long nanoTime() {
        return System.nanoTime();
    }

    /** Bytes of replies written back (kept so the work is not optimized away). */
    private int run(ByteBuf requests) {
        channel.writeInbound(requests.retainedDuplicate());
        channel.runPendingTasks();
        int bytes = 0;
        ByteBuf out;
        while ((out = channel.readOutbound()) != null) {
            bytes += out.readableBytes();
            out.release();
        }
        return bytes;
    }
}
