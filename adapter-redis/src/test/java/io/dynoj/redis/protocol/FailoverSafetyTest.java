package io.dynoj.redis.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which Redis requests the router may send to another replica when theirs cannot answer. */
class FailoverSafetyTest {

    private final RedisProtocolAdapter adapter = new RedisProtocolAdapter();

    private boolean safe(String... args) {
        RedisRequest request = Requests.request(args);
        try {
            return adapter.isFailoverSafe(request);
        } finally {
            request.release();
        }
    }

    @Test
    void readsOfDataAreSafe() {
        assertThat(safe("GET", "k")).isTrue();
        assertThat(safe("MGET", "a", "b")).isTrue();
        assertThat(safe("HGETALL", "h")).isTrue();
        assertThat(safe("ZRANGE", "z", "0", "-1")).isTrue();
        assertThat(safe("EVAL_RO", "return 1", "1", "k")).isTrue();
        assertThat(safe("XREAD", "STREAMS", "s", "0")).isTrue();
    }

    @Test
    void writesScriptsThatMayWriteAndReadsWithEffectsAreNot() {
        assertThat(safe("SET", "k", "v")).isFalse();
        assertThat(safe("GETDEL", "k")).isFalse();
        assertThat(safe("INCR", "k")).isFalse();
        assertThat(safe("EVAL", "return 1", "1", "k")).isFalse();
        assertThat(safe("SPUBLISH", "channel", "message")).isFalse();
        assertThat(safe("XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", ">")).isFalse();
    }

    @Test
    void requestsTheNodeAnswersOrThatNameNoKeyAreNot() {
        assertThat(safe("PING")).isFalse();
        assertThat(safe("DBSIZE")).isFalse();
    }
}
