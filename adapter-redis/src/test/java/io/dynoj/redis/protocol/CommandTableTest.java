package io.dynoj.redis.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.spi.RequestKind;
import org.junit.jupiter.api.Test;

class CommandTableTest {

    private final CommandTable table = CommandTable.standard();

    @Test
    void knowsRedisCommandsInAnyCase() {
        assertThat(table.size()).isGreaterThan(200);
        assertThat(table.find("GeT").name()).isEqualTo("get");
        assertThat(table.find("get").kind()).isEqualTo(RequestKind.READ);
        assertThat(table.find("set").kind()).isEqualTo(RequestKind.WRITE);
        assertThat(table.find("dbsize").kind()).isEqualTo(RequestKind.ADMIN);
        assertThat(table.find("nosuchcommand")).isNull();
        assertThat(table.find("eval").kind()).as("a script may write: replicate it").isEqualTo(RequestKind.WRITE);
        assertThat(table.find("evalsha_ro").kind()).isEqualTo(RequestKind.READ);
    }

    @Test
    void classifiesWhatTheNodeAnswersAndRefuses() {
        assertThat(table.find("ping").handling()).isEqualTo(CommandSpec.Handling.LOCAL);
        assertThat(table.find("multi").handling()).as("the connection's TransactionHandler").isEqualTo(CommandSpec.Handling.LOCAL);
        assertThat(table.find("monitor").handling()).isEqualTo(CommandSpec.Handling.UNSUPPORTED);
        assertThat(table.find("blpop").handling()).as("waits at the primary").isEqualTo(CommandSpec.Handling.FORWARD);
        assertThat(table.find("blmpop").handling()).isEqualTo(CommandSpec.Handling.UNSUPPORTED);
        assertThat(table.find("subscribe").handling()).as("the node keeps subscriptions").isEqualTo(CommandSpec.Handling.LOCAL);
        assertThat(table.find("ssubscribe").handling()).isEqualTo(CommandSpec.Handling.UNSUPPORTED);
        assertThat(table.find("xread").handling()).isEqualTo(CommandSpec.Handling.FORWARD);
        assertThat(table.find("lpop").handling()).isEqualTo(CommandSpec.Handling.FORWARD);
    }

    @Test
    void containersWhoseSubcommandsChangeAKeyAreWrites() {
        assertThat(table.find("xgroup").kind()).as("XGROUP CREATE/SETID/DESTROY...: replicated").isEqualTo(RequestKind.WRITE);
        assertThat(table.find("xinfo").kind()).isEqualTo(RequestKind.READ);
        assertThat(table.find("object").kind()).isEqualTo(RequestKind.READ);
    }

    @Test
    void arityFollowsRedis() {
        assertThat(table.find("get").arityAccepts(2)).isTrue();
        assertThat(table.find("get").arityAccepts(3)).isFalse();
        assertThat(table.find("mset").arityAccepts(3)).isTrue();
        assertThat(table.find("mset").arityAccepts(2)).isFalse();
    }
}
