package io.dynoj.redis.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random elements for SPOP, SRANDMEMBER, HRANDFIELD (and ZRANDMEMBER), as indexes into the
 * collection's elements. Uses {@link ThreadLocalRandom}: safe on any thread.
 */
final class RandomPicks {

    /**
     * Most picks one reply may ask for with repetitions. Redis would try to build any size and run
     * out of memory; the engine refuses instead.
     */
    static final long MAX_REPEATED = 10_000_000L;

    private RandomPicks() {
    }

    static int one(int size) {
        return ThreadLocalRandom.current().nextInt(size);
    }

    /** {@code count} indexes below {@code size}, repetitions allowed ("negative count"). */
    static int[] withRepeats(int size, long count) {
        if (count > MAX_REPEATED) {
            throw new RedisError("ERR value is out of range");
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int[] picks = new int[(int) count];
        for (int i = 0; i < picks.length; i++) {
            picks[i] = random.nextInt(size);
        }
        return picks;
    }

    /** {@code min(count, size)} distinct indexes below {@code size}, in random order. */
    static int[] distinct(int size, long count) {
        int n = (int) Math.min(count, size);
        int[] all = new int[size];
        for (int i = 0; i < size; i++) {
            all[i] = i;
        }
        // Partial Fisher-Yates: the first n slots end up a uniform sample.
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < n; i++) {
            int j = i + random.nextInt(size - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return java.util.Arrays.copyOf(all, n);
    }

    /** Every index in order: a count at least the size takes the whole collection as it is. */
    static int[] all(int size) {
        int[] picks = new int[size];
        for (int i = 0; i < size; i++) {
            picks[i] = i;
        }
        return picks;
    }

    /** The elements at {@code picks}. */
    static <T> List<T> select(List<T> elements, int[] picks) {
        List<T> out = new ArrayList<>(picks.length);
        for (int p : picks) {
            out.add(elements.get(p));
        }
        return out;
    }
}
