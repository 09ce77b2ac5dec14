package io.dynoj.redis.engine;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ZUNION, ZINTER, ZDIFF, their *STORE forms and ZINTERCARD. Inputs may be sorted sets or sets
 * (every set member scores 1). Scores are weighted, then combined with SUM, MIN or MAX; a NaN
 * from {@code inf * 0} or {@code inf + -inf} becomes 0, exactly where Redis turns it into 0.
 */
final class ZSetAlgebra {

    enum Op { UNION, INTER, DIFF }

    enum Aggregate { SUM, MIN, MAX }

    /** One input key: its members and scores (empty when the key is missing), and its weight. */
    private static final class Input {
        final Map<Bytes, Double> scores;
        double weight = 1;

        Input(Map<Bytes, Double> scores) {
            this.scores = scores;
        }
    }

    private ZSetAlgebra() {
    }

    static void register(CommandRegistry r) {
        r.add("zunion", c -> run(c, null, 1, Op.UNION, false))
                .add("zinter", c -> run(c, null, 1, Op.INTER, false))
                .add("zdiff", c -> run(c, null, 1, Op.DIFF, false))
                .add("zintercard", c -> run(c, null, 1, Op.INTER, true))
                .add("zunionstore", c -> run(c, c.arg(1), 2, Op.UNION, false))
                .add("zinterstore", c -> run(c, c.arg(1), 2, Op.INTER, false))
                .add("zdiffstore", c -> run(c, c.arg(1), 2, Op.DIFF, false));
    }

    private static ByteBuf run(Call c, byte[] dest, int numkeysIndex, Op op, boolean cardOnly) {
        long numkeys = c.longArg(numkeysIndex);
        if (numkeys < 1) {
            throw new RedisError("ERR at least 1 input key is needed for '" + c.option(0) + "' command");
        }
        if (numkeys > c.argc() - (numkeysIndex + 1)) {
            throw RedisError.syntax();
        }
        List<Input> inputs = new ArrayList<>();
        int j = numkeysIndex + 1;
        for (int i = 0; i < numkeys; i++, j++) {
            inputs.add(read(c, c.arg(j)));
        }
        Aggregate aggregate = Aggregate.SUM;
        boolean withScores = false;
        long limit = 0;
        while (j < c.argc()) {
            int remaining = c.argc() - j;
            String opt = c.option(j);
            if (op != Op.DIFF && !cardOnly && remaining >= numkeys + 1 && opt.equals("weights")) {
                j++;
                for (Input in : inputs) {
                    in.weight = Strtod.parseStrict(c.arg(j++), "ERR weight value is not a float");
                }
            } else if (op != Op.DIFF && !cardOnly && remaining >= 2 && opt.equals("aggregate")) {
                aggregate = switch (c.option(j + 1)) {
                    case "sum" -> Aggregate.SUM;
                    case "min" -> Aggregate.MIN;
                    case "max" -> Aggregate.MAX;
                    default -> throw RedisError.syntax();
                };
                j += 2;
            } else if (dest == null && !cardOnly && opt.equals("withscores")) {
                withScores = true;
                j++;
            } else if (cardOnly && remaining >= 2 && opt.equals("limit")) {
                Long n = Numbers.tryParseLong(c.arg(j + 1));
                if (n == null || n < 0) {
                    throw new RedisError("ERR LIMIT can't be negative");
                }
                limit = n;
                j += 2;
            } else {
                throw RedisError.syntax();
            }
        }
        if (op != Op.DIFF) {
            // Smallest input first, as Redis does (it decides the order SUM adds in).
            inputs.sort(Comparator.comparingInt(in -> in.scores.size()));
        }
        if (cardOnly) {
            return c.integer(interCard(inputs, limit));
        }
        ZSet result = switch (op) {
            case UNION -> union(inputs, aggregate);
            case INTER -> inter(inputs, aggregate);
            case DIFF -> diff(inputs);
        };
        if (dest != null) {
            ZSetCommands.replace(c, dest, result);
            return c.integer(result.size());
        }
        return c.array(ZSetCommands.reply(result.ascending(), withScores));
    }

    private static Input read(Call c, byte[] key) {
        StoredValue v = c.keyspace().get(key);
        if (v == null) {
            return new Input(Map.of());
        }
        if (v.type() == ValueType.ZSET) {
            Map<Bytes, Double> scores = new LinkedHashMap<>();
            for (ZSet.Entry e : Codec.decodeZSet(v.payload()).ascending()) {
                scores.put(e.member(), e.score());
            }
            return new Input(scores);
        }
        if (v.type() == ValueType.SET) {
            Map<Bytes, Double> scores = new LinkedHashMap<>();
            for (Bytes member : Codec.decodeSet(v.payload())) {
                scores.put(member, 1.0);
            }
            return new Input(scores);
        }
        throw RedisError.wrongType();
    }

    private static ZSet union(List<Input> inputs, Aggregate aggregate) {
        Map<Bytes, Double> acc = new HashMap<>();
        for (Input in : inputs) {
            for (Map.Entry<Bytes, Double> e : in.scores.entrySet()) {
                double score = notNaN(in.weight * e.getValue());
                acc.merge(e.getKey(), score, (old, add) -> combine(old, add, aggregate));
            }
        }
        ZSet out = new ZSet();
        acc.forEach(out::put);
        return out;
    }

    private static ZSet inter(List<Input> inputs, Aggregate aggregate) {
        ZSet out = new ZSet();
        Input first = inputs.get(0);
        for (Map.Entry<Bytes, Double> e : first.scores.entrySet()) {
            Double score = interScore(inputs, e.getKey(), e.getValue(), aggregate);
            if (score != null) {
                out.put(e.getKey(), score);
            }
        }
        return out;
    }

    private static long interCard(List<Input> inputs, long limit) {
        long count = 0;
        for (Map.Entry<Bytes, Double> e : inputs.get(0).scores.entrySet()) {
            if (interScore(inputs, e.getKey(), e.getValue(), Aggregate.SUM) != null) {
                count++;
                if (limit != 0 && count >= limit) {
                    break;
                }
            }
        }
        return count;
    }

    /** The member's combined score when every input holds it, else null. */
    private static Double interScore(List<Input> inputs, Bytes member, double firstScore, Aggregate aggregate) {
        double score = notNaN(inputs.get(0).weight * firstScore);
        for (int j = 1; j < inputs.size(); j++) {
            Double s = inputs.get(j).scores.get(member);
            if (s == null) {
                return null;
            }
            // Unlike the first input's, this weighted score is not cleared of NaN (as in Redis).
            score = combine(score, s * inputs.get(j).weight, aggregate);
        }
        return score;
    }

    private static ZSet diff(List<Input> inputs) {
        ZSet out = new ZSet();
        for (Map.Entry<Bytes, Double> e : inputs.get(0).scores.entrySet()) {
            boolean elsewhere = false;
            for (int j = 1; j < inputs.size() && !elsewhere; j++) {
                elsewhere = inputs.get(j).scores.containsKey(e.getKey());
            }
            if (!elsewhere) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    private static double combine(double target, double value, Aggregate aggregate) {
        return switch (aggregate) {
            case SUM -> notNaN(target + value);
            case MIN -> value < target ? value : target;
            case MAX -> value > target ? value : target;
        };
    }

    private static double notNaN(double d) {
        return Double.isNaN(d) ? 0 : d;
    }
}
