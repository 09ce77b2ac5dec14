package io.dynoj.redis.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.spi.KeyPlacement;
import io.dynoj.core.spi.RequestKind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransactionHandlerTest {

    /** Keys live by their first letter: a1 and a2 together, b1 elsewhere. */
    private static final KeyPlacement BY_FIRST_LETTER = new KeyPlacement() {
        @Override
        public boolean alone() {
            return false;
        }

        @Override
        public Object replicasOf(ByteBuf key) {
            return key.getByte(key.readerIndex());
        }
    };

    private static EmbeddedChannel channel(KeyPlacement placement) {
        return new EmbeddedChannel(new RespRequestDecoder(CommandTable.standard(), io.dynoj.core.spi.ProtocolLimits.DEFAULTS),
                new TransactionHandler(placement, 2048));
    }

    /** What the node would answer or send for each request the handler passes on. */
    private static List<String> run(EmbeddedChannel ch, String input) {
        ch.writeInbound(Unpooled.copiedBuffer(input, StandardCharsets.US_ASCII));
        List<String> out = new ArrayList<>();
        RedisRequest r;
        while ((r = ch.readInbound()) != null) {
            out.add(describe(r));
            r.release();
        }
        return out;
    }

    private static String describe(RedisRequest r) {
        if (r.refusal() != null) {
            return "-ERR " + r.refusal();
        }
        if (r.line() != null) {
            return r.line();
        }
        StringBuilder sb = new StringBuilder(r.command());
        if (r.parts() != null) {
            sb.append(r.kind() == RequestKind.WRITE ? "[write]" : "[read]");
            sb.append(" queued=").append(r.parts().queued());
        }
        for (int i = 0; i < r.keyCount(); i++) {
            sb.append(' ').append(r.key(i).toString(StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    @Test
    void queuesCommandsAndSendsThemAsOneUnitAtExec() {
        EmbeddedChannel ch = channel(BY_FIRST_LETTER);
        assertThat(run(ch, "MULTI\r\nSET a1 x\r\nGET a2\r\nPING\r\nEXEC\r\nGET b1\r\n")).containsExactly(
                "+OK", "+QUEUED", "+QUEUED", "+QUEUED", "exec[write] queued=3 a1 a2", "get b1");
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Test
    void aUnitOfReadsIsARead() {
        EmbeddedChannel ch = channel(BY_FIRST_LETTER);
        assertThat(run(ch, "MULTI\r\nGET a1\r\nEXEC\r\nMULTI\r\nEXEC\r\n")).containsExactly(
                "+OK", "+QUEUED", "exec[read] queued=1 a1", "+OK", "exec[read] queued=0");
        ch.finishAndReleaseAll();
    }

    @Test
    void aCommandOnOtherNodesIsRefusedAndExecAborts() {
        EmbeddedChannel ch = channel(BY_FIRST_LETTER);
        List<String> out = run(ch, "MULTI\r\nSET a1 x\r\nSET b1 y\r\nINCR a2\r\nEXEC\r\nGET a1\r\n");
        assertThat(out).hasSize(6);
        assertThat(out.get(2)).startsWith("-ERR 'set' names a key on other nodes").contains("hash tag");
        assertThat(out).containsSubsequence("+OK", "+QUEUED", "+QUEUED",
                "-EXECABORT Transaction discarded because of previous errors.", "get a1");
        ch.finishAndReleaseAll();
    }

    @Test
    void errorsBeforeQueuingAbortTheExecAsInRedis() {
        EmbeddedChannel ch = channel(KeyPlacement.ALONE);
        assertThat(run(ch, "MULTI\r\nNOPE\r\nGET\r\nSET k v\r\nEXEC\r\nEXEC\r\nDISCARD\r\n")).containsExactly(
                "+OK", "-ERR unknown command 'NOPE', with args beginning with: ",
                "-ERR wrong number of arguments for 'get' command", "+QUEUED",
                "-EXECABORT Transaction discarded because of previous errors.",
                "-ERR EXEC without MULTI", "-ERR DISCARD without MULTI");
        ch.finishAndReleaseAll();
    }

    @Test
    void nestedMultiAndWatchInsideMultiAreErrorsThatDoNotAbort() {
        EmbeddedChannel ch = channel(KeyPlacement.ALONE);
        assertThat(run(ch, "MULTI\r\nMULTI\r\nWATCH k\r\nINCR k\r\nEXEC\r\n")).containsExactly(
                "+OK", "-ERR MULTI calls can not be nested", "-ERR WATCH inside MULTI is not allowed", "+QUEUED",
                "exec[write] queued=1 k");
        ch.finishAndReleaseAll();
    }

    @Test
    void aTransactionLargerThanOneRequestMayBeIsRefused() {
        EmbeddedChannel ch = channel(KeyPlacement.ALONE);
        String big = "x".repeat(600);
        List<String> out = run(ch, "MULTI\r\nSET k " + big + "\r\nSET k " + big + "\r\nEXEC\r\n");
        assertThat(out.get(1)).isEqualTo("+QUEUED");
        assertThat(out.get(2)).startsWith("-ERR the transaction is larger than max_request_bytes (2048)");
        assertThat(out.get(3)).isEqualTo(TransactionUnitLine.EXECABORT);
        ch.finishAndReleaseAll();
    }

    @Test
    void discardDropsTheQueue() {
        EmbeddedChannel ch = channel(KeyPlacement.ALONE);
        assertThat(run(ch, "MULTI\r\nSET k v\r\nDISCARD\r\nGET k\r\n")).containsExactly(
                "+OK", "+QUEUED", "+OK", "get k");
        ch.finishAndReleaseAll();
    }

    @Test
    void watchGoesToTheKeysPrimaryAndExecCarriesItsToken() {
        EmbeddedChannel ch = channel(BY_FIRST_LETTER);
        List<String> out = run(ch, "WATCH a1 a2\r\nMULTI\r\nINCR a3\r\nEXEC\r\n");
        assertThat(out).containsExactly("watch a1 a2", "+OK", "+QUEUED", "exec[write] queued=1 a1 a2 a3");
        ch.finishAndReleaseAll();
    }

    @Test
    void watchedKeysAndTheTransactionMustShareTheirNodes() {
        EmbeddedChannel ch = channel(BY_FIRST_LETTER);
        List<String> out = run(ch, "WATCH a1 b1\r\nWATCH a1\r\nMULTI\r\nGET b2\r\nEXEC\r\nUNWATCH\r\nMULTI\r\nGET b2\r\nEXEC\r\n");
        assertThat(out.get(0)).startsWith("-ERR WATCH names a key on other nodes");
        assertThat(out.subList(1, out.size())).startsWith("watch a1", "+OK");
        assertThat(out.get(3)).startsWith("-ERR 'get' names a key on other nodes");
        assertThat(out.subList(4, out.size())).containsExactly(TransactionUnitLine.EXECABORT, "+OK", "+OK", "+QUEUED",
                "exec[read] queued=1 b2");
        ch.finishAndReleaseAll();
    }

    @Test
    void commandsOfTheWholeClusterCannotBeQueuedInACluster() {
        EmbeddedChannel ch = channel(BY_FIRST_LETTER);
        List<String> out = run(ch, "MULTI\r\nKEYS *\r\nSCRIPT FLUSH\r\nCLIENT SETNAME x\r\nEXEC\r\n");
        assertThat(out.get(1)).contains("'keys' concerns every node");
        assertThat(out.get(2)).contains("'script' concerns every node");
        assertThat(out.get(3)).contains("'client' cannot run inside a transaction");
        assertThat(out.get(4)).isEqualTo(TransactionUnitLine.EXECABORT);
        ch.finishAndReleaseAll();
    }

    @Test
    void aUnitReadsBackFromItsFrameAsAPeerForwardsIt() {
        EmbeddedChannel ch = channel(BY_FIRST_LETTER);
        run(ch, "WATCH a9\r\n");
        ch.writeInbound(Unpooled.copiedBuffer("MULTI\r\nSET a1 x\r\nSPOP a2\r\nEXEC\r\n", StandardCharsets.US_ASCII));
        List<RedisRequest> got = new ArrayList<>();
        RedisRequest r;
        while ((r = ch.readInbound()) != null) {
            got.add(r);
        }
        RedisRequest unit = got.get(got.size() - 1);
        RedisRequest copy = RespRequestDecoder.decodeComplete(Unpooled.copiedBuffer(unit.frame()));
        assertThat(describe(copy)).isEqualTo(describe(unit)).isEqualTo("exec[write] queued=2 a9 a1 a2");
        assertThat(copy.parts().watched()).isTrue();
        assertThat(copy.parts().token()).isEqualTo(unit.parts().token()).isNotZero();
        assertThat(copy.parts().deterministic()).as("SPOP chooses").isFalse();
        RedisRequest plain = TransactionUnit.withoutWatch(copy);
        assertThat(plain.frame().toString(StandardCharsets.US_ASCII)).isEqualTo(
                "*1\r\n$5\r\nMULTI\r\n*3\r\n$3\r\nSET\r\n$2\r\na1\r\n$1\r\nx\r\n*2\r\n$4\r\nSPOP\r\n$2\r\na2\r\n"
                        + "*1\r\n$4\r\nEXEC\r\n");
        List<RedisRequest> commands = TransactionUnit.commands(plain);
        assertThat(commands).extracting(RedisRequest::command).containsExactly("set", "spop");
        commands.forEach(RedisRequest::release);
        plain.release();
        copy.release();
        got.forEach(RedisRequest::release);
        ch.finishAndReleaseAll();
    }

    @Test
    void theEffectReplaysEachWriteGivenItsReplyAndNothingAfterANullArray() {
        EmbeddedChannel ch = channel(KeyPlacement.ALONE);
        ch.writeInbound(Unpooled.copiedBuffer("MULTI\r\nGET k\r\nSPOP s\r\nINCR n\r\nSET bad\r\nEXEC\r\n",
                StandardCharsets.US_ASCII));
        RedisRequest r;
        RedisRequest unit = null;
        while ((r = ch.readInbound()) != null) {
            if (r.parts() != null) {
                unit = r;
            } else {
                r.release();
            }
        }
        assertThat(unit).as("the arity error aborts").isNull();
        ch.writeInbound(Unpooled.copiedBuffer("MULTI\r\nGET k\r\nSPOP s\r\nINCR n\r\nEXEC\r\n", StandardCharsets.US_ASCII));
        while ((r = ch.readInbound()) != null) {
            if (r.parts() != null) {
                unit = r;
            } else {
                r.release();
            }
        }
        assertThat(TransactionEffects.beforeExecution(unit)).as("SPOP's result is the primary's").isNull();
        ByteBuf reply = Unpooled.copiedBuffer("*3\r\n$1\r\nv\r\n$1\r\nm\r\n:4\r\n", StandardCharsets.US_ASCII);
        RedisRequest effect = TransactionEffects.effect(unit, reply, ByteBufAllocator.DEFAULT);
        assertThat(effect.frame().toString(StandardCharsets.US_ASCII)).isEqualTo("*1\r\n$5\r\nMULTI\r\n"
                + "*3\r\n$4\r\nsrem\r\n$1\r\ns\r\n$1\r\nm\r\n*2\r\n$4\r\nINCR\r\n$1\r\nn\r\n*1\r\n$4\r\nEXEC\r\n");
        effect.release();
        ByteBuf aborted = Unpooled.copiedBuffer("*-1\r\n", StandardCharsets.US_ASCII);
        assertThat(TransactionEffects.effect(unit, aborted, ByteBufAllocator.DEFAULT)).isNull();
        reply.release();
        aborted.release();
        unit.release();
        ch.finishAndReleaseAll();
    }

    /** The EXECABORT line as the handler answers it. */
    private static final class TransactionUnitLine {
        static final String EXECABORT = "-" + TransactionUnit.EXECABORT;
    }
}
