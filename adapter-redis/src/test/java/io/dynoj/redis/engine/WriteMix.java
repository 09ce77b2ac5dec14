package io.dynoj.redis.engine;

import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The differential runs' seeded command generators as one mixed stream (strings, keys, sorted sets,
 * hashes, sets, lists; reads and writes, good and bad input), for tests that compare replicas rather
 * than replies.
 */
public final class WriteMix {

    private WriteMix() {
    }

    public static Supplier<List<String>> of(long seed) {
        RandomCommands commands = new RandomCommands(seed);
        HashSetCommandGenerator hashesAndSets = new HashSetCommandGenerator(seed + 1);
        Random lists = new Random(seed + 2);
        List<String> families = List.copyOf(RandomCommands.FAMILIES.keySet());
        return () -> switch (commands.random.nextInt(3)) {
            case 0 -> commands.next(families);
            case 1 -> hashesAndSets.next().args();
            default -> ListDifferentialIT.next(lists);
        };
    }
}
