package io.dynoj.redis.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How a Redis write reaches every replica with the same outcome, as Redis itself propagates writes to
 * its replicas: a relative expiry is made absolute on the primary before it runs
 * ({@link #atPrimary}: EXPIRE, PEXPIRE, SETEX, PSETEX, SET/GETEX with EX/PX, RESTORE with a TTL), as is
 * approximate stream trimming ({@code ~} becomes {@code =}) and XCLAIM's delivery time, and a write whose
 * result the primary chose (the command table's {@link CommandSpec#nondeterministic()} writes) replays
 * that result ({@link #effect}: SPOP as SREM of the popped members, XADD with {@code *} as XADD with the
 * ID it got, the consumer-group commands as {@link StreamEffects}). An error reply changed nothing: no
 * effect. Everything else is deterministic given one order per key and replays as it is.
 */
final class RedisEffects {

    private RedisEffects() {
    }

    /** {@code request} itself, or its absolute form (releasing {@code request}). */
    static RedisRequest atPrimary(RedisRequest request, long nowMillis, ByteBufAllocator alloc) {
        List<byte[]> rewritten = switch (request.command()) {
            case "expire" -> expireAt(args(request), nowMillis, 1000);
            case "pexpire" -> expireAt(args(request), nowMillis, 1);
            case "setex" -> setWithTtl(args(request), nowMillis, 1000);
            case "psetex" -> setWithTtl(args(request), nowMillis, 1);
            case "set", "getex" -> relativeOption(args(request), request.command().equals("set") ? 3 : 2, nowMillis);
            case "restore" -> restoreAbsolute(args(request), nowMillis);
            case "xadd", "xtrim" -> exactTrim(args(request));
            case "xclaim" -> StreamEffects.xclaimAtPrimary(args(request), nowMillis);
            default -> null;
        };
        if (rewritten == null) {
            return request;
        }
        request.release();
        return RedisRequest.of(rewritten, alloc);
    }

    /** What the other replicas apply after the primary answered {@code reply}, or null; releases nothing. */
    static RedisRequest effect(RedisRequest executed, ByteBuf reply, ByteBufAllocator alloc) {
        return effect(executed, reply, alloc, System.currentTimeMillis());
    }

    /** {@link #effect(RedisRequest, ByteBuf, ByteBufAllocator)} with {@code nowMillis} as the primary's time. */
    static RedisRequest effect(RedisRequest executed, ByteBuf reply, ByteBufAllocator alloc, long nowMillis) {
        RespType type = RespType.of(reply);
        if (type != null && type.isError()) {
            return null;
        }
        if (!executed.spec().nondeterministic()) {
            return (RedisRequest) executed.retainedDuplicate();
        }
        return switch (executed.command()) {
            case "spop" -> command(sremOf(executed, reply), alloc);
            case "xadd" -> command(xaddWithId(args(executed), reply), alloc);
            case "xreadgroup", "xclaim", "xautoclaim" ->
                    StreamEffects.effect(executed, args(executed), reply, nowMillis, alloc);
            // XTRIM was made exact by atPrimary; MIGRATE is refused.
            default -> (RedisRequest) executed.retainedDuplicate();
        };
    }

    /** {@code args} as a request; null for null. */
    private static RedisRequest command(List<byte[]> args, ByteBufAllocator alloc) {
        return args == null ? null : RedisRequest.of(args, alloc);
    }

    // atPrimary

    private static List<byte[]> expireAt(List<byte[]> args, long now, long unit) {
        Long at = absolute(args.get(2), now, unit);
        if (at == null) {
            return null;
        }
        List<byte[]> out = new ArrayList<>(args);
        out.set(0, ascii("pexpireat"));
        out.set(2, ascii(Long.toString(at)));
        return out;
    }

    private static List<byte[]> setWithTtl(List<byte[]> args, long now, long unit) {
        Long at = positive(args.get(2)) ? absolute(args.get(2), now, unit) : null;
        return at == null ? null : List.of(ascii("set"), args.get(1), args.get(3), ascii("pxat"), ascii(Long.toString(at)));
    }

    /** SET key value [...] / GETEX key [...]: an EX or PX option becomes PXAT when it is the only expiry. */
    private static List<byte[]> relativeOption(List<byte[]> args, int firstOption, long now) {
        int found = -1;
        for (int i = firstOption; i < args.size(); i++) {
            String option = text(args.get(i));
            if (option.equals("ex") || option.equals("px")) {
                if (found >= 0 || i + 1 >= args.size() || !positive(args.get(i + 1))) {
                    return null;
                }
                found = i;
                i++;
            } else if (option.equals("exat") || option.equals("pxat") || option.equals("keepttl")
                    || option.equals("persist")) {
                return null;
            }
        }
        if (found < 0) {
            return null;
        }
        Long at = absolute(args.get(found + 1), now, text(args.get(found)).equals("ex") ? 1000 : 1);
        if (at == null) {
            return null;
        }
        List<byte[]> out = new ArrayList<>(args);
        out.set(found, ascii("pxat"));
        out.set(found + 1, ascii(Long.toString(at)));
        return out;
    }

    /** RESTORE key ttl payload [REPLACE] [ABSTTL] ...: a relative TTL becomes ABSTTL. */
    private static List<byte[]> restoreAbsolute(List<byte[]> args, long now) {
        for (int i = 4; i < args.size(); i++) {
            if (text(args.get(i)).equals("absttl")) {
                return null;
            }
        }
        Long at = positive(args.get(2)) ? absolute(args.get(2), now, 1) : null;
        if (at == null) {
            return null;
        }
        List<byte[]> out = new ArrayList<>(args);
        out.set(2, ascii(Long.toString(at)));
        out.add(ascii("ABSTTL"));
        return out;
    }

    /**
     * XADD/XTRIM with {@code MAXLEN|MINID ~}: approximate trimming stops where the stream's internal
     * nodes end, which each server decides for itself; trimming exactly ({@code =}, without LIMIT, which
     * only goes with {@code ~}) gives every replica the same entries, at a little more work.
     */
    private static List<byte[]> exactTrim(List<byte[]> args) {
        for (int i = 2; i + 1 < args.size(); i++) {
            String option = text(args.get(i));
            if ((option.equals("maxlen") || option.equals("minid")) && text(args.get(i + 1)).equals("~")) {
                List<byte[]> out = new ArrayList<>(args);
                out.set(i + 1, ascii("="));
                int limit = i + 3;
                if (limit + 1 < out.size() && text(out.get(limit)).equals("limit")) {
                    out.remove(limit + 1);
                    out.remove(limit);
                }
                return out;
            }
        }
        return null;
    }

    /** now + value * unit, or null when value is not an integer or the sum overflows (Redis then errs itself). */
    private static Long absolute(byte[] value, long now, long unit) {
        try {
            String s = new String(value, StandardCharsets.US_ASCII);
            if (s.isEmpty() || s.startsWith("+") || s.startsWith("-0") || (s.length() > 1 && s.startsWith("0"))) {
                return null;
            }
            return Math.addExact(now, Math.multiplyExact(Long.parseLong(s), unit));
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    private static boolean positive(byte[] value) {
        return value.length > 0 && value[0] != '-' && value[0] != '0' && value[0] != '+';
    }

    // effect

    /** SPOP's popped member(s) as one SREM; null when it popped nothing. */
    private static List<byte[]> sremOf(RedisRequest spop, ByteBuf reply) {
        List<byte[]> members = RespReplies.bulks(reply);
        if (members.isEmpty()) {
            return null;
        }
        List<byte[]> out = new ArrayList<>(members.size() + 2);
        out.add(ascii("srem"));
        out.add(bytes(spop.key(0)));
        out.addAll(members);
        return out;
    }

    /**
     * XADD whose ID was {@code *} or {@code <ms>-*}, with the ID the primary generated; {@code args} when it
     * gave the ID; null when nothing was added.
     */
    private static List<byte[]> xaddWithId(List<byte[]> args, ByteBuf reply) {
        List<byte[]> id = RespReplies.bulks(reply);
        if (id.isEmpty()) {
            return null;
        }
        int at = 2;
        while (at < args.size()) {
            String option = text(args.get(at));
            if (option.equals("nomkstream")) {
                at++;
            } else if (option.equals("maxlen") || option.equals("minid")) {
                at += 2;
                String next = at - 1 < args.size() ? text(args.get(at - 1)) : "";
                if (next.equals("=") || next.equals("~")) {
                    at++;
                }
                if (at < args.size() && text(args.get(at)).equals("limit")) {
                    at += 2;
                }
            } else {
                break;
            }
        }
        if (at >= args.size() || !isGeneratedId(args.get(at))) {
            return args;
        }
        List<byte[]> out = new ArrayList<>(args);
        out.set(at, id.get(0));
        return out;
    }

    private static boolean isGeneratedId(byte[] id) {
        return id.length > 0 && id[id.length - 1] == '*';
    }

    // arguments

    /** Every argument of a multibulk frame, the command name first. */
    static List<byte[]> args(RedisRequest request) {
        return Arrays.asList(RespArgs.parse(request.frame()));
    }

    private static byte[] bytes(ByteBuf buf) {
        return ByteBufUtil.getBytes(buf);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
    }
}
