package io.dynoj.redis.protocol;

import static io.dynoj.redis.protocol.Requests.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.core.hash.KeyHasher;
import io.dynoj.core.spi.RequestKind;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;

/** SORT in a cluster: its STORE key is a key, its patterns must read the sorted key's node only. */
class SortPatternsTest {

    private static final ToLongFunction<ByteBuf> TAGGED = KeyHasher.of("murmur", "{}")::token;
    private static final ToLongFunction<ByteBuf> UNTAGGED = KeyHasher.of("murmur", null)::token;

    private static String refusal(ToLongFunction<ByteBuf> token, String... args) {
        RedisRequest r = request(args);
        try {
            return SortPatterns.refusalInCluster(r, token);
        } finally {
            r.release();
        }
    }

    @Test
    void patternsThatReadKeysAreRefusedWithRedisClustersTexts() {
        assertThat(refusal(TAGGED, "SORT", "l", "BY", "w_*")).isEqualTo("BY option of SORT denied in Cluster mode.");
        assertThat(refusal(TAGGED, "sort_ro", "l", "get", "v_*")).isEqualTo("GET option of SORT denied in Cluster mode.");
        assertThat(refusal(TAGGED, "SORT", "{u1}:l", "GET", "{u2}:v_*")).as("another tag")
                .isEqualTo("GET option of SORT denied in Cluster mode.");
        assertThat(refusal(TAGGED, "SORT", "{u1}:l", "BY", "{u*}:w")).as("the element changes the tag")
                .isEqualTo("BY option of SORT denied in Cluster mode.");
        assertThat(refusal(UNTAGGED, "SORT", "{u1}:l", "BY", "{u1}:w_*")).as("no hash_tag configured")
                .isEqualTo("BY option of SORT denied in Cluster mode.");
    }

    @Test
    void patternsWithTheSortedKeysTagOrNoKeyAtAllPass() {
        assertThat(refusal(TAGGED, "SORT", "{u1}:l", "BY", "{u1}:w_*", "GET", "#", "GET", "{u1}:h_*->name",
                "STORE", "{u1}:out")).isNull();
        assertThat(refusal(TAGGED, "SORT", "l", "BY", "nosort", "GET", "#", "LIMIT", "0", "5", "DESC", "ALPHA"))
                .isNull();
        assertThat(refusal(TAGGED, "GET", "k")).isNull();
    }

    @Test
    void syntaxErrorsBeforeAPatternAreTheDatastoresToReport() {
        assertThat(refusal(TAGGED, "SORT", "l", "BAD", "BY", "w_*")).isNull();
        assertThat(refusal(TAGGED, "SORT", "l", "LIMIT", "x", "1", "BY", "w_*")).isNull();
        assertThat(refusal(TAGGED, "SORT_RO", "l", "STORE", "d", "BY", "w_*")).isNull();
        assertThat(refusal(TAGGED, "SORT", "l", "GET", "#", "BY", "w_*", "BAD")).as("BY comes first")
                .isEqualTo("BY option of SORT denied in Cluster mode.");
    }

    @Test
    void storesDestinationIsAKeyAndSortWithoutItIsARead() {
        RedisRequest store = request("SORT", "src", "LIMIT", "0", "1", "STORE", "first", "STORE", "dst");
        RedisRequest read = request("SORT", "src", "BY", "store", "GET", "store");
        RedisRequest ro = request("SORT_RO", "src");
        try {
            assertThat(store.keyCount()).isEqualTo(2);
            assertThat(store.key(1).toString(StandardCharsets.UTF_8)).as("the last STORE counts").isEqualTo("dst");
            assertThat(store.kind()).isEqualTo(RequestKind.WRITE);
            assertThat(read.keyCount()).isEqualTo(1);
            assertThat(read.kind()).isEqualTo(RequestKind.READ);
            assertThat(ro.kind()).isEqualTo(RequestKind.READ);
        } finally {
            store.release();
            read.release();
            ro.release();
        }
    }
}
