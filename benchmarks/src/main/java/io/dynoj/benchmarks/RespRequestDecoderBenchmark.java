package io.dynoj.benchmarks;

import io.dynoj.core.spi.ProtocolLimits;
import io.dynoj.redis.protocol.CommandTable;
import io.dynoj.redis.protocol.DecoderAccess;
import io.dynoj.redis.protocol.RedisRequest;
import io.dynoj.redis.protocol.RespRequestDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of turning client bytes into {@link RedisRequest}s with {@link RespRequestDecoder}, per
 * command: a single {@code SET key:000123 <64-byte value>}, a single {@code GET key:000123}, and 16
 * pipelined SETs arriving in one buffer (reported per command through
 * {@code @OperationsPerInvocation(16)}). Each produced request is released, as the node does once
 * it has written it to the datastore.
 *
 * <p>Two paths for each input:
 * <ul>
 *   <li>{@code embedded*}: the decoder in a Netty {@link EmbeddedChannel}, bytes given with
 *       {@code writeInbound} and requests taken with {@code readInbound}. This includes
 *       ByteToMessageDecoder's cumulation logic (as in the node) and EmbeddedChannel's own
 *       overhead: pipeline dispatch, its inbound queue, exception checks (not in the node).</li>
 *   <li>{@code direct*}: the decoder's {@code decode} method called straight, with no channel, no
 *       pipeline and no cumulation: the parsing and request building alone.</li>
 * </ul>
 *
 * <p>The input each time is a {@code retainedDuplicate()} of a pooled direct buffer holding the
 * request bytes (the node's reads land in pooled direct buffers too), so no copy of the bytes is
 * measured; the decoder slices the requests out of it without copying.
 *
 * <p>Allocation per command: run with {@code -prof gc} and read {@code gc.alloc.rate.norm}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class RespRequestDecoderBenchmark {

    static final int BATCH = 16;
    private static final String VALUE = "v".repeat(64);

    private ByteBuf set;
    private ByteBuf get;
    private ByteBuf pipeline;
    private EmbeddedChannel channel;
    private RespRequestDecoder decoder;
    private final List<Object> out = new ArrayList<>();

    @Setup
    public void setup() {
        set = pooled(resp("SET", "key:000123", VALUE));
        get = pooled(resp("GET", "key:000123"));
        StringBuilder batch = new StringBuilder();
        for (int i = 0; i < BATCH; i++) {
            batch.append(resp("SET", String.format("key:%06d", 123 + i), VALUE));
        }
        pipeline = pooled(batch.toString());
        channel = new EmbeddedChannel(newDecoder());
        decoder = newDecoder();

        // the inputs must decode to what the benchmarks claim, on both paths
        check("SET", 1, embedded(set), direct(set));
        check("GET", 1, embedded(get), direct(get));
        check("pipeline", BATCH, embedded(pipeline), direct(pipeline));
    }

    @TearDown
    public void tearDown() {
        channel.finishAndReleaseAll();
        set.release();
        get.release();
        pipeline.release();
    }

    @Benchmark
    public int embeddedSet() {
        return embedded(set);
    }

    @Benchmark
    public int embeddedGet() {
        return embedded(get);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int embeddedPipeline16() {
        return embedded(pipeline);
    }

    @Benchmark
    public int directSet() {
        return direct(set);
    }

    @Benchmark
    public int directGet() {
        return direct(get);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int directPipeline16() {
        return direct(pipeline);
    }

    /** Sum of the argument counts of the requests decoded (kept so the work is not optimized away). */
    private int embedded(ByteBuf template) {
        channel.writeInbound(template.retainedDuplicate());
        int argc = 0;
        RedisRequest request;
        while ((request = channel.readInbound()) != null) {
            argc += request.refusal() == null ? request.argc() : -1_000_000;
            request.release();
        }
        return argc;
    }

    private int direct(ByteBuf template) {
        ByteBuf in = template.retainedDuplicate();
        try {
            DecoderAccess.decode(decoder, in, out);
        } finally {
            in.release();
        }
        int argc = 0;
        for (int i = 0, n = out.size(); i < n; i++) {
            RedisRequest request = (RedisRequest) out.get(i);
            argc += request.refusal() == null ? request.argc() : -1_000_000;
            request.release();
        }
        out.clear();
        return argc;
    }

    private static RespRequestDecoder newDecoder() {
        return new RespRequestDecoder(CommandTable.standard(), ProtocolLimits.DEFAULTS);
    }

    private static void check(String what, int commands, int embeddedArgc, int directArgc) {
        int expected = what.equals("GET") ? 2 * commands : 3 * commands;
        if (embeddedArgc != expected || directArgc != expected) {
            throw new IllegalStateException(what + ": expected " + commands + " command(s) with " + expected
                    + " arguments in all, got " + embeddedArgc + " (embedded) and " + directArgc + " (direct)");
        }
    }

    private static String resp(String... words) {
        StringBuilder sb = new StringBuilder().append('*').append(words.length).append("\r\n");
        for (String word : words) {
            sb.append('$').append(word.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(word).append("\r\n");
        }
        return sb.toString();
    }

    private static ByteBuf pooled(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return PooledByteBufAllocator.DEFAULT.directBuffer(bytes.length).writeBytes(bytes);
    }
}
