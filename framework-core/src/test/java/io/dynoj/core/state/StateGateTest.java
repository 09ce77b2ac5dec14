package io.dynoj.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.MetricRegistry;
import io.dynoj.core.spi.Datastore;
import io.dynoj.core.spi.ReplySink;
import io.dynoj.core.spi.Request;
import io.dynoj.core.spi.RequestKind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.netty.util.AbstractReferenceCounted;
import io.netty.util.ReferenceCounted;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** What each serving state lets through to the datastore, and how a refusal is answered. */
class StateGateTest {

    private final AtomicReference<ServingState> state = new AtomicReference<>(ServingState.NORMAL);
    private final List<Request> served = new ArrayList<>();
    private final MetricRegistry metrics = new MetricRegistry();
    private final StateGate gate = new StateGate(new Datastore() {
        @Override
        public CompletableFuture<Void> start() {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void execute(Request request, ReplySink sink) {
            served.add(request);
            request.release();
            sink.reply(Unpooled.EMPTY_BUFFER);
        }

        @Override
        public void close() {
        }
    }, state::get, metrics);

    /** The error the sink got, or {@code null} if the request was served. */
    private String run(ServingState in, RequestKind kind) {
        state.set(in);
        TestRequest request = new TestRequest(kind);
        Sink sink = new Sink();
        gate.execute(request, sink);
        assertThat(request.refCnt()).as("the request is consumed either way").isZero();
        assertThat(sink.answers).isEqualTo(1);
        return sink.error;
    }

    @Test
    void aWatcherIsToldOfEveryWriteLetThroughAndOfNothingElse() {
        List<Request> watched = new ArrayList<>();
        gate.watchWrites(watched::add);
        run(ServingState.WRITES_ONLY, RequestKind.WRITE);
        run(ServingState.WRITES_ONLY, RequestKind.READ);
        run(ServingState.STANDBY, RequestKind.WRITE);
        assertThat(watched).hasSize(1);
        assertThat(watched.get(0).kind()).isEqualTo(RequestKind.WRITE);
        gate.watchWrites(null);
        run(ServingState.NORMAL, RequestKind.WRITE);
        assertThat(watched).hasSize(1);
    }

    @Test
    void onlyAStateThatLetsReadsThroughServesReads() {
        state.set(ServingState.NORMAL);
        assertThat(gate.servesReads()).isTrue();
        for (ServingState s : List.of(ServingState.WRITES_ONLY, ServingState.RESUMING, ServingState.STANDBY)) {
            state.set(s);
            assertThat(gate.servesReads()).as(s.name()).isFalse();
        }
    }

    @Test
    void normalServesEverything() {
        for (RequestKind kind : RequestKind.values()) {
            assertThat(run(ServingState.NORMAL, kind)).as(kind.name()).isNull();
        }
        assertThat(served).hasSize(RequestKind.values().length);
    }

    @Test
    void standbyServesNothing() {
        for (RequestKind kind : RequestKind.values()) {
            assertThat(run(ServingState.STANDBY, kind)).as(kind.name())
                    .isEqualTo("the node is in state STANDBY and serves no reads or writes");
        }
        assertThat(served).isEmpty();
        assertThat(metrics.counter(StateGate.REFUSED_METRIC).getCount()).isEqualTo(RequestKind.values().length);
    }

    @Test
    void writesOnlyAndResumingServeWritesAndRefuseEverythingElse() {
        for (ServingState s : List.of(ServingState.WRITES_ONLY, ServingState.RESUMING)) {
            assertThat(run(s, RequestKind.WRITE)).isNull();
            assertThat(run(s, RequestKind.READ)).isEqualTo("the node is in state " + s + " and serves writes only");
            assertThat(run(s, RequestKind.ADMIN)).as("INFO, DBSIZE... count as reads, as in Dynomite").isNotNull();
        }
        assertThat(served).extracting(Request::kind).containsOnly(RequestKind.WRITE).hasSize(2);
    }

    @Test
    void aChangeAppliesToTheNextRequest() {
        assertThat(run(ServingState.STANDBY, RequestKind.READ)).isNotNull();
        assertThat(run(ServingState.NORMAL, RequestKind.READ)).isNull();
    }

    @Test
    void statesParseInAnyCaseAndUnknownOnesNameTheValidOnes() {
        assertThat(ServingState.parse("writes_only")).isEqualTo(ServingState.WRITES_ONLY);
        assertThat(ServingState.parse("Standby")).isEqualTo(ServingState.STANDBY);
        assertThatThrownBy(() -> ServingState.parse("joining")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("joining").hasMessageContaining("[normal, standby, writes_only, resuming]");
        assertThat(ServingState.RESUMING.dynomiteText()).isEqualTo("State: RESUMING\n");
    }

    private static final class Sink implements ReplySink {
        int answers;
        String error;

        @Override
        public void reply(ByteBuf reply) {
            reply.release();
            answers++;
        }

        @Override
        public void error(String message) {
            error = message;
            answers++;
        }

        @Override
        public EventLoop eventLoop() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int connectionId() {
            return 0;
        }
    }

    private static final class TestRequest extends AbstractReferenceCounted implements Request {
        private final RequestKind kind;

        TestRequest(RequestKind kind) {
            this.kind = kind;
        }

        @Override
        public ByteBuf frame() {
            return Unpooled.EMPTY_BUFFER;
        }

        @Override
        public String command() {
            return kind.name().toLowerCase();
        }

        @Override
        public RequestKind kind() {
            return kind;
        }

        @Override
        public int keyCount() {
            return 0;
        }

        @Override
        public ByteBuf key(int index) {
            throw new IndexOutOfBoundsException();
        }

        @Override
        public Request retainedDuplicate() {
            throw new UnsupportedOperationException();
        }

        @Override
        protected void deallocate() {
        }

        @Override
        public ReferenceCounted touch(Object hint) {
            return this;
        }
    }
}
