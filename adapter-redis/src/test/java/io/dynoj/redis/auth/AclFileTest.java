package io.dynoj.redis.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynoj.core.auth.Passwords;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AclFileTest {

    private static AclUser only(String line) {
        Map<String, AclUser> users = AclFile.parse(List.of(line), "test");
        assertThat(users).hasSize(1);
        return users.values().iterator().next();
    }

    private static boolean key(AclUser user, String key) {
        return user.mayAccess(Unpooled.copiedBuffer(key, StandardCharsets.UTF_8));
    }

    @Test
    void readerLimitedToAppKeys() {
        AclUser app = only("user app on >s3cret ~app:* +@read");
        assertThat(app.name()).isEqualTo("app");
        assertThat(app.enabled()).isTrue();
        assertThat(app.accepts("s3cret".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(app.accepts("wrong".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(app.mayRun("get")).isTrue();
        assertThat(app.mayRun("mget")).isTrue();
        assertThat(app.mayRun("set")).isFalse();
        assertThat(app.mayRun("flushall")).isFalse();
        assertThat(key(app, "app:1")).isTrue();
        assertThat(key(app, "other")).isFalse();
        assertThat(app.unrestricted()).isFalse();
    }

    @Test
    void passwordHashIsSha256HexAsRedisStoresIt() {
        String hash = Passwords.sha256Hex("pw".getBytes(StandardCharsets.UTF_8));
        assertThat(hash).isEqualTo("30c952fab122c3f9759f02a6d95c3758b246b4fee239957b2d4fee46e26170c4");
        AclUser u = only("user u on #" + hash + " allkeys allcommands");
        assertThat(u.accepts("pw".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(u.unrestricted()).isTrue();
        assertThat(u.toString()).doesNotContain(hash);
    }

    @Test
    void rulesApplyInOrder() {
        AclUser u = only("user u on nopass ~* +@all -@dangerous +info -set");
        assertThat(u.nopass()).isTrue();
        assertThat(u.accepts(new byte[0])).isTrue();
        assertThat(u.mayRun("flushall")).isFalse();
        assertThat(u.mayRun("keys")).isFalse();
        assertThat(u.mayRun("config|get")).isFalse();
        assertThat(u.mayRun("info")).isTrue();
        assertThat(u.mayRun("set")).isFalse();
        assertThat(u.mayRun("get")).isTrue();
        assertThat(u.mayRun("client|setname")).isTrue();
    }

    @Test
    void aContainerRuleCoversItsSubcommandsAndASubcommandRuleOnlyItself() {
        AclUser all = only("user u on >p allkeys +config");
        assertThat(all.mayRun("config|get")).isTrue();
        assertThat(all.mayRun("config|set")).isTrue();
        AclUser one = only("user u on >p allkeys +config|get");
        assertThat(one.mayRun("config|get")).isTrue();
        assertThat(one.mayRun("config|set")).isFalse();
    }

    @Test
    void offUsersAndUsersWithoutPasswordsAcceptNothing() {
        assertThat(only("user u off >p allkeys allcommands").accepts("p".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(only("user u on allkeys allcommands").accepts("p".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(only("user u on >p resetpass").accepts("p".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(only("user u on >p <p").accepts("p".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(only("user u on >p reset").enabled()).isFalse();
    }

    @Test
    void commentsAndBlankLinesAreSkipped() {
        Map<String, AclUser> users = AclFile.parse(List.of("# users", "", "user a on >x", "  user b off"), "f");
        assertThat(users.keySet()).containsExactly("a", "b");
    }

    @Test
    void badRulesAreRefusedWithRedisMessagesAndTheLine() {
        assertThatThrownBy(() -> AclFile.parse(List.of("user a on", "user b on +@nosuch"), "acl_file x"))
                .hasMessage("acl_file x line 2: Error in ACL SETUSER modifier '+@nosuch': Unknown command or category "
                        + "name in ACL");
        assertThatThrownBy(() -> only("user a +nosuchcommand")).hasMessageContaining("Unknown command or category");
        assertThatThrownBy(() -> only("user a #abc")).hasMessageContaining("exactly 64 characters");
        assertThatThrownBy(() -> only("user a bogus")).hasMessageContaining("'bogus': Syntax error");
        assertThatThrownBy(() -> only("user a %R~x")).hasMessageContaining("not supported");
        assertThatThrownBy(() -> only("users a on")).hasMessageContaining("'user <name> <rules>...'");
        assertThatThrownBy(() -> AclFile.parse(List.of("user a on", "user a off"), "f"))
                .hasMessageContaining("Duplicate user 'a'");
    }

    @Test
    void channelRulesAreAccepted() {
        AclUser u = only("user u on >p &news:* allchannels resetchannels ~* +@all");
        assertThat(u.unrestricted()).isTrue();
    }

    /** The example of docs/SECURITY.md. */
    @Test
    void theDocumentedExampleParses() {
        Map<String, AclUser> users = AclFile.parse(List.of(
                "user default on #6b3a55e0261b0304143f805a24924d0c1c44524821305f31d9277843b8a10f4e ~* +@all",
                "user app on >app-password ~app:* +@read +@write -@dangerous",
                "user reader on >reader-password ~app:* ~shared:* +@read -keys",
                "user ops on >ops-password allkeys allcommands -flushall"), "SECURITY.md");
        assertThat(users.get("app").mayRun("set")).isTrue();
        assertThat(users.get("app").mayRun("flushall")).isFalse();
        assertThat(users.get("reader").mayRun("keys")).isFalse();
        assertThat(key(users.get("reader"), "shared:x")).isTrue();
        assertThat(users.get("ops").mayRun("flushall")).isFalse();
        assertThat(users.get("ops").mayRun("config|set")).isTrue();
    }
}
