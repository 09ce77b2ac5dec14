package io.dynoj.redis.protocol;

import static io.dynoj.redis.protocol.EffectScript.ascii;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The effects of the stream consumer-group commands that record the server's clock, in the form Redis
 * itself propagates them to its replicas (t_stream.c: each entry a consumer now owns as an
 * {@code XCLAIM ... TIME <ms> ... FORCE JUSTID}), with the primary's time, so that every replica holds
 * the same pending entries, owners, delivery counts and group positions:
 * <ul>
 *   <li>XREADGROUP of new entries ({@code >}): per stream, {@code XREADGROUP ... COUNT <n> NOACK STREAMS
 *       key >}, which moves the group's last id and its entries-read counter exactly as the primary's read
 *       did (the only way to the same counter: Redis 7.0's LASTID does not update it), then, unless NOACK,
 *       {@code XCLAIM key group consumer 0 <ids> TIME <t> RETRYCOUNT 1 FORCE JUSTID LASTID <last>} for the
 *       entries the primary delivered. A history read (an id other than {@code >}): {@code XCLAIM key group
 *       consumer 0 <ids> TIME <t>} of the entries it delivered again (which counts one more delivery, as
 *       the read did), or {@code XGROUP CREATECONSUMER} when it delivered nothing (the read created the
 *       consumer).</li>
 *   <li>XCLAIM: {@link #xclaimAtPrimary} gives it an absolute {@code TIME}; the effect claims exactly the
 *       ids the primary claimed with min-idle-time 0 and the client's options, and the ids it did not
 *       claim go through an XCLAIM that claims nothing but drops, as the primary did, the pending entries
 *       whose stream entry was deleted.</li>
 *   <li>XAUTOCLAIM: one {@code XCLAIM key group consumer 0 <claimed ids> <deleted ids> TIME <t> FORCE
 *       [JUSTID]}: the deleted ids leave the pending list, the others move to the consumer.</li>
 * </ul>
 * Several commands go as one {@link EffectScript}. The primary's datastore takes its own clock for
 * XREADGROUP and XAUTOCLAIM, which the node cannot read: the replicas get the node's clock when the
 * reply arrived, a millisecond or so later. Stateless.
 */
final class StreamEffects {

    private static final byte[] ZERO = ascii("0");
    /** A min-idle-time no entry reaches: such an XCLAIM claims nothing, it only drops deleted entries. */
    private static final byte[] NEVER_IDLE_ENOUGH = ascii(Long.toString(Long.MAX_VALUE));

    private static final Pattern STREAM_ID = Pattern.compile("[0-9]{1,20}(-[0-9]{1,20})?");

    private StreamEffects() {
    }

    /** XCLAIM with an absolute TIME: IDLE x becomes TIME now-x, no time becomes TIME now; null if unchanged. */
    static List<byte[]> xclaimAtPrimary(List<byte[]> args, long now) {
        int options = firstOption(args);
        List<byte[]> out = new ArrayList<>(args);
        boolean timed = false;
        for (int i = options; i + 1 < out.size(); i++) {
            String option = text(out.get(i));
            if (option.equals("idle")) {
                Long idle = integer(out.get(i + 1));
                if (idle == null) {
                    return null;
                }
                out.set(i, ascii("TIME"));
                out.set(i + 1, ascii(Long.toString(now - idle)));
                timed = true;
                i++;
            } else if (option.equals("time")) {
                timed = true;
                i++;
            } else if (option.equals("retrycount") || option.equals("lastid")) {
                i++;
            }
        }
        if (timed) {
            return out;
        }
        out.add(ascii("TIME"));
        out.add(ascii(Long.toString(now)));
        return out;
    }

    /** The effect of an XREADGROUP, XCLAIM or XAUTOCLAIM that succeeded with {@code reply}; null if it changed nothing. */
    static RedisRequest effect(RedisRequest executed, List<byte[]> args, ByteBuf reply, long now,
                               ByteBufAllocator alloc) {
        Object tree = ReplyTree.of(reply);
        return switch (executed.command()) {
            case "xreadgroup" -> xreadgroup(args, tree, now, alloc);
            case "xclaim" -> xclaim(executed, args, tree, alloc);
            case "xautoclaim" -> xautoclaim(args, tree, now, alloc);
            default -> throw new IllegalArgumentException(executed.command());
        };
    }

    private static RedisRequest xreadgroup(List<byte[]> args, Object reply, long now, ByteBufAllocator alloc) {
        byte[] group = null;
        byte[] consumer = null;
        boolean noack = false;
        int streams = -1;
        for (int i = 1; i < args.size() && streams < 0; i++) {
            String option = text(args.get(i));
            if (option.equals("group") && i + 2 < args.size()) {
                group = args.get(i + 1);
                consumer = args.get(i + 2);
                i += 2;
            } else if (option.equals("count")) {
                i++;
            } else if (option.equals("noack")) {
                noack = true;
            } else if (option.equals("streams")) {
                streams = i;
            }
        }
        if (group == null || streams < 0 || reply == null) {
            return null;
        }
        int n = (args.size() - streams - 1) / 2;
        List<?> served = ReplyTree.list(reply);
        List<List<byte[]>> commands = new ArrayList<>();
        List<byte[]> keys = new ArrayList<>();
        int next = 0;
        for (int s = 0; s < n && next < served.size(); s++) {
            byte[] key = args.get(streams + 1 + s);
            if (!(ReplyTree.item(served.get(next), 0) instanceof byte[] name) || !Arrays.equals(key, name)) {
                continue;
            }
            List<?> entries = ReplyTree.list(ReplyTree.item(served.get(next++), 1));
            keys.add(key);
            if (Arrays.equals(args.get(streams + 1 + n + s), ascii(">"))) {
                newEntries(commands, key, group, consumer, noack, entries, now);
            } else {
                history(commands, key, group, consumer, entries, now);
            }
        }
        return EffectScript.of(commands, keys, alloc);
    }

    private static void newEntries(List<List<byte[]>> commands, byte[] key, byte[] group, byte[] consumer,
                                   boolean noack, List<?> entries, long now) {
        if (entries.isEmpty()) {
            return;
        }
        commands.add(List.of(ascii("XREADGROUP"), ascii("GROUP"), group, consumer, ascii("COUNT"),
                ascii(Integer.toString(entries.size())), ascii("NOACK"), ascii("STREAMS"), key, ascii(">")));
        if (!noack) {
            List<byte[]> ids = ids(entries, false);
            claims(commands, List.of(ascii("XCLAIM"), key, group, consumer, ZERO), ids,
                    List.of(ascii("TIME"), ascii(Long.toString(now)), ascii("RETRYCOUNT"), ascii("1"), ascii("FORCE"),
                            ascii("JUSTID"), ascii("LASTID"), ids.get(ids.size() - 1)));
        }
    }

    private static void history(List<List<byte[]>> commands, byte[] key, byte[] group, byte[] consumer,
                                List<?> entries, long now) {
        if (entries.isEmpty()) {
            commands.add(List.of(ascii("XGROUP"), ascii("CREATECONSUMER"), key, group, consumer));
            return;
        }
        // Entries deleted from the stream come back as nil and were not delivered again.
        claims(commands, List.of(ascii("XCLAIM"), key, group, consumer, ZERO), ids(entries, true),
                List.of(ascii("TIME"), ascii(Long.toString(now))));
    }

    private static RedisRequest xclaim(RedisRequest executed, List<byte[]> args, Object reply, ByteBufAllocator alloc) {
        int options = firstOption(args);
        if (options == 5) {
            // No ids: it claimed nothing and can only have moved the group's LASTID; it replays as it is.
            return (RedisRequest) executed.retainedDuplicate();
        }
        List<byte[]> claimed = ids(ReplyTree.list(reply), false);
        Set<String> claimedIds = new HashSet<>();
        claimed.forEach(id -> claimedIds.add(normalId(id)));
        Map<String, byte[]> others = new LinkedHashMap<>();
        for (byte[] id : args.subList(5, options)) {
            if (!claimedIds.contains(normalId(id))) {
                others.putIfAbsent(normalId(id), id);
            }
        }
        List<byte[]> opts = args.subList(options, args.size());
        List<byte[]> head = List.of(ascii("XCLAIM"), args.get(1), args.get(2), args.get(3));
        List<List<byte[]>> commands = new ArrayList<>();
        claims(commands, concat(head, List.of(ZERO)), claimed, opts);
        List<byte[]> dropOptions = new ArrayList<>(List.of(ascii("JUSTID")));
        if (claimed.isEmpty()) {
            dropOptions.addAll(lastId(opts));
        }
        claims(commands, concat(head, List.of(NEVER_IDLE_ENOUGH)), new ArrayList<>(others.values()), dropOptions);
        return EffectScript.of(commands, List.of(args.get(1)), alloc);
    }

    private static RedisRequest xautoclaim(List<byte[]> args, Object reply, long now, ByteBufAllocator alloc) {
        List<byte[]> ids = ids(ReplyTree.list(ReplyTree.item(reply, 1)), false);
        ids.addAll(ids(ReplyTree.list(ReplyTree.item(reply, 2)), false));
        boolean justId = args.subList(6, args.size()).stream().anyMatch(a -> text(a).equals("justid"));
        List<byte[]> options = new ArrayList<>(List.of(ascii("TIME"), ascii(Long.toString(now)), ascii("FORCE")));
        if (justId) {
            options.add(ascii("JUSTID"));
        }
        List<List<byte[]>> commands = new ArrayList<>();
        claims(commands, List.of(ascii("XCLAIM"), args.get(1), args.get(2), args.get(3), ZERO), ids, options);
        return EffectScript.of(commands, List.of(args.get(1)), alloc);
    }

    /** XCLAIMs of {@code ids} (none when empty), split so each stays below the effect script's limit. */
    private static void claims(List<List<byte[]>> commands, List<byte[]> head, List<byte[]> ids, List<byte[]> options) {
        int per = EffectScript.MAX_ARGS_PER_COMMAND - head.size() - options.size();
        for (int from = 0; from < ids.size(); from += per) {
            List<byte[]> command = new ArrayList<>(head);
            command.addAll(ids.subList(from, Math.min(ids.size(), from + per)));
            command.addAll(options);
            commands.add(command);
        }
    }

    /**
     * The ids of a list of entries ({@code [id, fields]}) or of ids; with {@code delivered}, only the
     * entries whose fields are there (a history read answers nil fields for deleted entries).
     */
    private static List<byte[]> ids(List<?> items, boolean delivered) {
        List<byte[]> ids = new ArrayList<>(items.size());
        for (Object item : items) {
            if (item instanceof byte[] id) {
                ids.add(id);
            } else if (ReplyTree.item(item, 0) instanceof byte[] id && (!delivered || ReplyTree.item(item, 1) != null)) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** Where XCLAIM's options start: after the ids, which Redis reads while they parse as stream ids. */
    private static int firstOption(List<byte[]> args) {
        int i = 5;
        while (i < args.size() && normalId(args.get(i)) != null) {
            i++;
        }
        return i;
    }

    /** {@code LASTID <id>} among options, or nothing. */
    private static List<byte[]> lastId(List<byte[]> options) {
        for (int i = 0; i + 1 < options.size(); i++) {
            if (text(options.get(i)).equals("lastid")) {
                return List.of(options.get(i), options.get(i + 1));
            }
        }
        return List.of();
    }

    /** A strict stream id ({@code ms} or {@code ms-seq}) as {@code ms-seq}, or null when it is none. */
    static String normalId(byte[] id) {
        String s = new String(id, StandardCharsets.US_ASCII);
        if (!STREAM_ID.matcher(s).matches()) {
            return null;
        }
        int dash = s.indexOf('-');
        try {
            long ms = Long.parseUnsignedLong(dash < 0 ? s : s.substring(0, dash));
            long seq = dash < 0 ? 0 : Long.parseUnsignedLong(s.substring(dash + 1));
            return Long.toUnsignedString(ms) + "-" + Long.toUnsignedString(seq);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** An integer as Redis reads one strictly (no sign but '-', no leading zeros), or null. */
    private static Long integer(byte[] value) {
        String s = new String(value, StandardCharsets.US_ASCII);
        if (!s.matches("-?(0|[1-9][0-9]{0,18})")) {
            return null;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static List<byte[]> concat(List<byte[]> a, List<byte[]> b) {
        List<byte[]> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
    }
}
