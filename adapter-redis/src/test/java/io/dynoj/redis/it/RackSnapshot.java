package io.dynoj.redis.it;

import io.dynoj.testkit.RespClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every key of one replica with its type, value and absolute expiry, read through a RESP connection
 * to that replica alone: its redis-server, or a node that is the only node of its rack (reads there
 * are served by its own datastore). Set members and hash fields are sorted, so replicas on different
 * stores compare equal when they hold the same data. A stream's consumer groups are part of its value:
 * each group's XINFO GROUPS line (consumers, pending, last delivered id, entries read, lag), its pending
 * entries (XPENDING: id, consumer, delivery count; not the idle time, which each replica measures on its
 * own clock) and its consumers with their pending counts.
 */
final class RackSnapshot {

    private RackSnapshot() {
    }

    static Map<String, String> of(RespClient replica) {
        Map<String, String> keys = new TreeMap<>();
        String cursor = "0";
        do {
            List<?> page = (List<?>) replica.call("SCAN", cursor, "COUNT", "1000");
            cursor = text(page.get(0));
            for (Object key : (List<?>) page.get(1)) {
                String k = text(key);
                keys.put(k, describe(replica, k));
            }
        } while (!cursor.equals("0"));
        return keys;
    }

    private static String describe(RespClient r, String key) {
        String type = text(r.call("TYPE", key));
        String value = switch (type) {
            case "string" -> text(r.call("GET", key));
            case "list" -> texts(r.call("LRANGE", key, "0", "-1")).toString();
            case "set" -> sorted(r.call("SMEMBERS", key));
            case "hash" -> pairs(r.call("HGETALL", key));
            case "zset" -> texts(r.call("ZRANGE", key, "0", "-1", "WITHSCORES")).toString();
            case "stream" -> streamIds(r.call("XRANGE", key, "-", "+")) + " groups " + groups(r, key);
            default -> "";
        };
        return type + " " + value + " expires " + r.call("PEXPIRETIME", key);
    }

    private static String text(Object o) {
        return o instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(o);
    }

    private static List<String> texts(Object array) {
        List<String> out = new ArrayList<>();
        for (Object o : (List<?>) array) {
            out.add(text(o));
        }
        return out;
    }

    private static String sorted(Object array) {
        List<String> items = texts(array);
        items.sort(null);
        return items.toString();
    }

    private static String pairs(Object array) {
        return fields(array).toString();
    }

    /** Each consumer group of a stream with its position, pending entries and consumers. */
    private static List<String> groups(RespClient r, String key) {
        List<String> out = new ArrayList<>();
        for (Object group : (List<?>) r.call("XINFO", "GROUPS", key)) {
            Map<String, String> info = fields(group);
            String name = info.get("name");
            List<String> pending = new ArrayList<>();
            for (Object p : (List<?>) r.call("XPENDING", key, name, "-", "+", "1000000")) {
                List<String> entry = texts(p);
                pending.add(entry.get(0) + " " + entry.get(1) + " x" + entry.get(3));
            }
            List<String> consumers = new ArrayList<>();
            for (Object c : (List<?>) r.call("XINFO", "CONSUMERS", key, name)) {
                Map<String, String> consumer = fields(c);
                consumers.add(consumer.get("name") + " pending " + consumer.get("pending"));
            }
            out.add(info + " pel " + pending + " consumers " + consumers);
        }
        return out;
    }

    /** A flat RESP2 array of field names and values as a sorted map. */
    private static Map<String, String> fields(Object array) {
        List<String> flat = texts(array);
        Map<String, String> map = new TreeMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            map.put(flat.get(i), flat.get(i + 1));
        }
        return map;
    }

    /** Stream entries as their ids and fields. */
    private static List<String> streamIds(Object array) {
        List<String> out = new ArrayList<>();
        for (Object entry : (List<?>) array) {
            List<?> e = (List<?>) entry;
            out.add(text(e.get(0)) + texts(e.get(1)));
        }
        return out;
    }
}
