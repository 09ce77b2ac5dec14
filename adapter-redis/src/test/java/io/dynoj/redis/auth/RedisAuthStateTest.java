package io.dynoj.redis.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynoj.core.config.AuthSettings;
import io.dynoj.core.config.ConsistencyLevel;
import io.dynoj.core.config.Secret;
import io.dynoj.core.spi.AuthState;
import io.dynoj.core.spi.ClientInfo;
import io.dynoj.core.spi.ClientSession;
import io.dynoj.core.spi.LocalAnswer;
import io.dynoj.redis.protocol.RedisRequest;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checker on requests as the decoder makes them: what passes, what is refused, and with which text. */
class RedisAuthStateTest {

    private static final List<String> ACL = List.of(
            "user app on >apppw ~app:* +@read",
            "user admin on >adminpw ~* +@all",
            "user gone off >gonepw ~* +@all");

    private static final String NOPERM_KEY = "-NOPERM this user has no permissions to access one of the keys used as "
            + "arguments";

    private final ClientInfo info = ClientInfo.detached();
    private final ClientSession session = new ClientSession() {
        @Override
        public ByteBufAllocator alloc() {
            return ByteBufAllocator.DEFAULT;
        }

        @Override
        public ConsistencyLevel readConsistency() {
            return null;
        }

        @Override
        public ConsistencyLevel writeConsistency() {
            return null;
        }

        @Override
        public void readConsistency(ConsistencyLevel level) {
        }

        @Override
        public void writeConsistency(ConsistencyLevel level) {
        }

        @Override
        public ClientInfo info() {
            return info;
        }
    };

    private final AuthState state = RedisAuthenticator.of(ACL, "defaultpw".getBytes(StandardCharsets.UTF_8))
            .newConnection();

    /** The answer's text (e.g. {@code -NOAUTH Authentication required.}), or null when the request passes. */
    private String send(AuthState on, String... args) {
        RedisRequest request = RedisRequest.of(Arrays.stream(args).map(a -> a.getBytes(StandardCharsets.UTF_8)).toList(),
                ByteBufAllocator.DEFAULT);
        try {
            LocalAnswer answer = on.check(request, session);
            if (answer == null) {
                return null;
            }
            try {
                return answer.reply().toString(StandardCharsets.UTF_8).trim();
            } finally {
                answer.reply().release();
            }
        } finally {
            request.release();
        }
    }

    private String send(String... args) {
        return send(state, args);
    }

    @Test
    void beforeAuthOnlyConnectionCommandsPass() {
        for (String[] command : List.of(new String[] {"GET", "k"}, new String[] {"SET", "k", "v"},
                new String[] {"FLUSHALL"}, new String[] {"CLIENT", "LIST"}, new String[] {"DYNOJ", "CONSISTENCY"})) {
            assertThat(send(command)).as(command[0]).isEqualTo("-NOAUTH Authentication required.");
        }
        assertThat(send("PING")).isNull();
        assertThat(send("QUIT")).isNull();
        assertThat(send("HELLO", "3")).isNull(); // the node answers NOPROTO
        assertThat(send("HELLO")).startsWith("-NOAUTH HELLO must be called with the client already authenticated");
    }

    @Test
    void unknownCommandsAndArityErrorsKeepTheirOwnErrors() {
        assertThat(send("NOSUCH")).isNull();
        assertThat(send("GET")).isNull();
    }

    @Test
    void wrongPasswordsAndDisabledUsersGetWrongpass() {
        String wrongpass = "-WRONGPASS invalid username-password pair or user is disabled.";
        assertThat(send("AUTH", "nope")).isEqualTo(wrongpass);
        assertThat(send("AUTH", "app", "defaultpw")).isEqualTo(wrongpass);
        assertThat(send("AUTH", "nosuchuser", "x")).isEqualTo(wrongpass);
        assertThat(send("AUTH", "gone", "gonepw")).isEqualTo(wrongpass);
        assertThat(send("HELLO", "2", "AUTH", "app", "nope")).isEqualTo(wrongpass);
        assertThat(send("AUTH", "a", "b", "c")).isEqualTo("-ERR syntax error");
        assertThat(send("GET", "k")).startsWith("-NOAUTH");
    }

    @Test
    void requirepassAuthenticatesTheDefaultUserWithEverything() {
        assertThat(send("AUTH", "defaultpw")).isEqualTo("+OK");
        assertThat(info.user()).isEqualTo("default");
        assertThat(send("SET", "any", "v")).isNull();
        assertThat(send("FLUSHALL")).isNull();
        assertThat(send("CONFIG", "SET", "x", "y")).isNull();
    }

    @Test
    void readUserLimitedToAppKeys() {
        assertThat(send("AUTH", "app", "apppw")).isEqualTo("+OK");
        assertThat(info.user()).isEqualTo("app");
        assertThat(send("GET", "app:1")).isNull();
        assertThat(send("MGET", "app:1", "app:2")).isNull();
        assertThat(send("SET", "app:1", "v")).isEqualTo("-NOPERM this user has no permissions to run the 'set' command");
        assertThat(send("FLUSHALL")).isEqualTo("-NOPERM this user has no permissions to run the 'flushall' command");
        assertThat(send("GET", "other")).isEqualTo(NOPERM_KEY);
        assertThat(send("MGET", "app:1", "other")).isEqualTo(NOPERM_KEY);
        assertThat(send("CONFIG", "GET", "maxmemory"))
                .isEqualTo("-NOPERM this user has no permissions to run the 'config|get' command");
        assertThat(send("PING")).isEqualTo("-NOPERM this user has no permissions to run the 'ping' command");
        assertThat(send("QUIT")).isNull();
    }

    @Test
    void helloAuthAuthenticatesThenTheNodeAnswers() {
        assertThat(send("HELLO", "2", "AUTH", "admin", "adminpw", "SETNAME", "me")).isNull();
        assertThat(info.user()).isEqualTo("admin");
        assertThat(send("FLUSHALL")).isNull();
        assertThat(send("HELLO", "2", "BOGUS")).isEqualTo("-ERR Syntax error in HELLO option 'BOGUS'");
    }

    @Test
    void resetGoesBackToUnauthenticated() {
        send("AUTH", "admin", "adminpw");
        assertThat(send("RESET")).isNull();
        assertThat(info.user()).isEqualTo("default");
        assertThat(send("GET", "k")).startsWith("-NOAUTH");
    }

    @Test
    void aFailedAuthKeepsTheUserBefore() {
        send("AUTH", "app", "apppw");
        assertThat(send("AUTH", "admin", "wrong")).startsWith("-WRONGPASS");
        assertThat(info.user()).isEqualTo("app");
        assertThat(send("SET", "app:1", "v")).startsWith("-NOPERM");
    }

    @Test
    void aPasswordlessDefaultUserLetsConnectionsInAsIs() {
        AuthState open = RedisAuthenticator.of(List.of("user default on nopass ~* +@all", "user x on >x ~* +@all"), null)
                .newConnection();
        assertThat(send(open, "SET", "k", "v")).isNull();
        assertThat(send(open, "AUTH", "anything")).startsWith("-ERR AUTH <password> called without any password");
    }

    @Test
    void withoutRequirepassOrADefaultUserInTheFileTheDefaultUserIsOff() {
        AuthState s = RedisAuthenticator.of(List.of("user x on >x ~* +@all"), null).newConnection();
        assertThat(send(s, "GET", "k")).startsWith("-NOAUTH");
        assertThat(send(s, "AUTH", "")).startsWith("-WRONGPASS");
    }

    @Test
    void settingsThatAskForNothingGiveNoAuthenticator() {
        assertThat(RedisAuthenticator.of(AuthSettings.NONE)).isNull();
        assertThatThrownBy(() -> RedisAuthenticator.of(new AuthSettings(null, null, Path.of("x"), null, true)))
                .hasMessageContaining("auth_file is memcached's");
        assertThatThrownBy(() -> RedisAuthenticator.of(List.of("user default on >a"), "b".getBytes()))
                .hasMessageContaining("requirepass and a 'default' user");
        assertThat(RedisAuthenticator.of(new AuthSettings(Secret.of("pw", "requirepass"), null, null, null, true)))
                .isNotNull();
    }
}
