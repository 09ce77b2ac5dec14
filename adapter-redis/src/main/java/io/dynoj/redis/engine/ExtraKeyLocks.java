package io.dynoj.redis.engine;

import io.dynoj.core.storage.KeyLocks;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs a command that touches keys the command table does not name, keys found only from a value
 * (SORT's BY and GET patterns, its STORE key), with those keys' locks held too, so the command
 * stays atomic on everything it reads and writes.
 *
 * <p>The engine has locked the stripes of the keys the command table names. Taking more while
 * holding them could deadlock against a command that locks the same stripes in ascending order,
 * so when more are needed the named stripes are released and all of them are taken in ascending
 * order; the keys are then found again, since the value may have changed meanwhile, until the
 * held stripes cover them. The named stripes are held again when this returns, for the engine to
 * release. Runs on the command's thread.
 */
final class ExtraKeyLocks {

    private ExtraKeyLocks() {
    }

    /**
     * @param namedKeys the keys the engine locked for this command (the command table's keys)
     * @param keys the other keys the command will touch, found under the locks held (may throw the
     *             command's error, e.g. WRONGTYPE)
     * @param body the command, run once every key's stripe is held
     */
    static ByteBuf run(Call c, List<byte[]> namedKeys, Supplier<List<byte[]>> keys, Supplier<ByteBuf> body) {
        KeyLocks locks = c.state().locks();
        int[] named = stripes(locks, new int[0], namedKeys);
        int[] wanted = stripes(locks, named, keys.get());
        if (covers(named, wanted)) {
            return body.get();
        }
        locks.unlockAll(named);
        int[] held = locks.lockAll(wanted);
        try {
            while (true) {
                int[] now = stripes(locks, named, keys.get());
                if (covers(held, now)) {
                    return body.get();
                }
                locks.unlockAll(held);
                held = locks.lockAll(union(held, now));
            }
        } finally {
            locks.unlockAll(held);
            locks.lockAll(named);
        }
    }

    /** The stripes of {@code keys} and {@code also}, sorted, without repeats. */
    private static int[] stripes(KeyLocks locks, int[] also, List<byte[]> keys) {
        int[] s = Arrays.copyOf(also, also.length + keys.size());
        for (int i = 0; i < keys.size(); i++) {
            s[also.length + i] = locks.stripe(keys.get(i));
        }
        return Arrays.stream(s).sorted().distinct().toArray();
    }

    private static boolean covers(int[] held, int[] wanted) {
        for (int w : wanted) {
            if (Arrays.binarySearch(held, w) < 0) {
                return false;
            }
        }
        return true;
    }

    private static int[] union(int[] a, int[] b) {
        int[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
