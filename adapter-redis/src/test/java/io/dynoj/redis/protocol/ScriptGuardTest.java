package io.dynoj.redis.protocol;

import static io.dynoj.redis.protocol.Requests.request;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Scripts that replicas would run differently are refused; deterministic ones pass untouched. */
class ScriptGuardTest {

    private static String refusal(String script) {
        return ScriptGuard.refusal(script);
    }

    @Test
    void callsOfCommandsWhoseResultTheServerChoosesAreRefused() {
        assertThat(refusal("return redis.call('spop', KEYS[1])")).contains("'spop'").startsWith("script refused");
        assertThat(refusal("return redis.pcall(\"SRANDMEMBER\", KEYS[1])")).contains("'srandmember'");
        assertThat(refusal("local t = redis.call ( 'TIME' ) return t[1]")).contains("'time'");
        assertThat(refusal("return REDIS.CALL([[randomkey]])")).contains("'randomkey'");
        assertThat(refusal("redis.call('set', KEYS[1], redis.call('ttl', KEYS[2]))")).contains("'ttl'");
        assertThat(refusal("return redis.call('xreadgroup', 'GROUP', 'g', 'c', 'STREAMS', KEYS[1], '>')"))
                .contains("'xreadgroup'");
        assertThat(refusal("return math.random(10)")).contains("math.random");
    }

    @Test
    void streamWritesAreRefusedOnlyWithAGeneratedIdOrApproximateTrimming() {
        assertThat(refusal("return redis.call('XADD', KEYS[1], '*', 'f', ARGV[1])")).contains("ID '*'");
        assertThat(refusal("return redis.call('xadd', KEYS[1], \"5-*\", 'f', 'v')")).contains("ID '5-*'");
        assertThat(refusal("redis.call('xtrim', KEYS[1], 'MAXLEN', '~', 10)")).contains("~");
        assertThat(refusal("return redis.call('xadd', KEYS[1], ARGV[1], 'f', 'v')")).as("explicit id from ARGV").isNull();
        assertThat(refusal("return redis.call('xadd', KEYS[1], '5-1', 'f', '*')")).as("any '*' literal of an XADD counts: the node cannot tell a value from the id")
                .contains("'*'");
        assertThat(refusal("redis.call('xtrim', KEYS[1], 'MAXLEN', '=', 10)")).isNull();
    }

    @Test
    void deterministicScriptsPass() {
        assertThat(refusal("local n = redis.call('INCR', KEYS[1]) if n == 1 then redis.call('EXPIRE', KEYS[1], 60) end "
                + "return n")).isNull();
        assertThat(refusal("return redis.call('smembers', KEYS[1])")).as("order varies, contents do not").isNull();
        assertThat(refusal("#!lua name=lib\nredis.register_function('f', function(keys, args) "
                + "return redis.call('hset', keys[1], args[1], args[2]) end)")).isNull();
        assertThat(refusal("return redis.call(ARGV[1], KEYS[1])")).as("a computed name cannot be seen").isNull();
    }

    @Test
    void commentsAndStringsAreNotCalls() {
        assertThat(refusal("-- redis.call('spop', KEYS[1])\nreturn 1")).isNull();
        assertThat(refusal("--[[ redis.call('spop', KEYS[1]) ]] return 1")).isNull();
        assertThat(refusal("--[==[ ]] redis.call('spop') ]==] return 1")).isNull();
        assertThat(refusal("return 'redis.call(' .. \"--\" .. 'x'")).isNull();
        assertThat(refusal("return '--' .. redis.call('spop', KEYS[1])")).as("a comment inside a string is none")
                .contains("'spop'");
    }

    @Test
    void evalScriptLoadAndFunctionLoadAreCheckedOtherRequestsPass() {
        String spop = "return redis.call('spop', KEYS[1])";
        assertRefused(request("EVAL", spop, "1", "k"));
        assertRefused(request("SCRIPT", "LOAD", spop));
        assertRefused(request("FUNCTION", "LOAD", "REPLACE",
                "#!lua name=l\nredis.register_function('f', function(k) " + spop.replace("KEYS", "k") + " end)"));
        for (RedisRequest passes : new RedisRequest[] {request("EVAL", "return redis.call('get', KEYS[1])", "1", "k"),
                request("EVAL_RO", spop, "1", "k"), request("SCRIPT", "FLUSH"), request("SPOP", "k"),
                request("EVALSHA", "0123456789012345678901234567890123456789", "0")}) {
            RedisRequest checked = ScriptGuard.check(passes);
            try {
                assertThat(checked).isSameAs(passes);
            } finally {
                checked.release();
            }
        }
    }

    private static void assertRefused(RedisRequest request) {
        RedisRequest checked = ScriptGuard.check(request);
        assertThat(checked.refusal()).contains("'spop'");
        assertThat(request.refCnt()).as("the refused request is released").isZero();
    }
}
