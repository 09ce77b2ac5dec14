package io.dynoj.redis.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ValueCacheTest {

    private static byte[] b(String s) {
        return s.getBytes();
    }

    @Test
    void remembersValuesAndAbsenceAndForgets() {
        ValueCache cache = new ValueCache(1024, 1 << 20);
        assertThat(cache.lookup(b("k"))).isSameAs(ValueCache.UNKNOWN);
        cache.remember(b("k"), b("v"));
        assertThat(cache.lookup(b("k"))).isEqualTo(b("v"));
        cache.remember(b("k"), null);
        assertThat(cache.lookup(b("k"))).as("known absent").isNull();
        cache.forget(b("k"));
        assertThat(cache.lookup(b("k"))).isSameAs(ValueCache.UNKNOWN);
        assertThat(cache.bytes()).isZero();
    }

    @Test
    void keysSharingASlotNeverSeeEachOthersValues() {
        ValueCache cache = new ValueCache(2, 1 << 20);
        for (int i = 0; i < 100; i++) {
            cache.remember(b("key" + i), b("value" + i));
        }
        for (int i = 0; i < 100; i++) {
            byte[] v = cache.lookup(b("key" + i));
            assertThat(v == ValueCache.UNKNOWN || new String(v).equals("value" + i)).isTrue();
        }
    }

    @Test
    void staysWithinItsByteBudgetAndSkipsLargeValues() {
        ValueCache cache = new ValueCache(1 << 16, 100_000);
        for (int i = 0; i < 10_000; i++) {
            cache.remember(b("key" + i), new byte[100]);
        }
        assertThat(cache.bytes()).isLessThanOrEqualTo(100_000 + 200);
        cache.remember(b("big"), new byte[ValueCache.MAX_VALUE + 1]);
        assertThat(cache.lookup(b("big"))).isSameAs(ValueCache.UNKNOWN);
    }

    @Test
    void keysOfOneSetKeepTheirSlotsUntilTheSetIsFull() {
        ValueCache cache = new ValueCache(ValueCache.WAYS, 1 << 20);
        for (int i = 0; i < ValueCache.WAYS; i++) {
            cache.remember(b("key" + i), b("value" + i));
        }
        for (int i = 0; i < ValueCache.WAYS; i++) {
            assertThat(cache.lookup(b("key" + i))).as("key" + i).isEqualTo(b("value" + i));
        }
    }

    @Test
    void aKeyRewrittenAfterEvictionsNeverShowsItsOlderValue() {
        ValueCache cache = new ValueCache(8, 1 << 20);
        java.util.Random random = new java.util.Random(7);
        java.util.Map<String, String> latest = new java.util.HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            String key = "key" + random.nextInt(24);
            String value = "v" + i;
            cache.remember(b(key), b(value));
            latest.put(key, value);
            String probe = "key" + random.nextInt(24);
            byte[] seen = cache.lookup(b(probe));
            if (seen != ValueCache.UNKNOWN) {
                assertThat(new String(seen)).as(probe).isEqualTo(latest.get(probe));
            }
        }
    }
}
