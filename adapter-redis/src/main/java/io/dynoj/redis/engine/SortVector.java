package io.dynoj.redis.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The elements SORT answers, in order, LIMIT applied, with Redis's rules: a list or sorted set not
 * sorted ({@code BY nosort}) keeps its own order (reversed by DESC); a set not sorted keeps the
 * set's order, except with STORE, where it is sorted ALPHA; numbers are read as strtod reads them,
 * ties broken by the elements' bytes; ALPHA compares bytes (Redis's strcoll in the C locale).
 *
 * <p>Where Redis's own order is arbitrary this engine's is fixed: a set of at most 512 integers is
 * in numeric order (Redis's intset), another set in insertion order (Redis: its hash table's);
 * elements whose ALPHA BY weights are equal or missing keep their input order (Redis: glibc's
 * stable merge sort for a full sort, a quicksort's order when LIMIT narrows a BY sort).
 */
final class SortVector {

    /** Redis's set-max-intset-entries default. */
    private static final int INTSET_MAX = 512;

    private record Item(byte[] element, double score, byte[] weight) {
    }

    private SortVector() {
    }

    /** The rows of the reply: one element per row, GET patterns still to apply. */
    static List<byte[]> rows(Call c, StoredValue src, SortCommand.Options o) {
        ValueType type = src == null ? ValueType.LIST : src.type();
        boolean dontSort = o.dontSort();
        boolean alpha = o.alpha();
        byte[] by = o.by();
        if (dontSort && type == ValueType.SET && o.store() != null) {
            // STORE must not depend on a set's internal order.
            dontSort = false;
            alpha = true;
            by = null;
        }
        List<byte[]> elements = elements(src);
        int n = elements.size();
        long start = Math.min(Math.max(o.limitStart(), 0), n);
        long count = Math.min(Math.max(o.limitCount(), -1), n);
        long end = count < 0 ? n - 1 : start + count - 1;
        if (start >= n) {
            start = n - 1;
            end = n - 2;
        }
        if (end >= n) {
            end = n - 1;
        }
        if (dontSort && type != ValueType.SET) {
            if (end < start) {
                return List.of();
            }
            List<byte[]> window = new ArrayList<>((int) (end - start + 1));
            for (long i = start; i <= end; i++) {
                window.add(elements.get((int) (o.desc() ? n - 1 - i : i)));
            }
            return window;
        }
        if (!dontSort) {
            List<Item> items = weighted(c, elements, alpha, by);
            items.sort(order(alpha, by != null, o.desc()));
            elements = items.stream().map(Item::element).toList();
        }
        // Even an empty LIMIT window reads every weight first (and fails on a bad one), as Redis does.
        return end < start ? List.of() : elements.subList((int) start, (int) end + 1);
    }

    /** The elements with what they sort by; throws when a number cannot be read. */
    private static List<Item> weighted(Call c, List<byte[]> elements, boolean alpha, byte[] by) {
        List<Item> items = new ArrayList<>(elements.size());
        for (byte[] element : elements) {
            byte[] weight = by == null ? element : SortPattern.lookup(c, by, element);
            if (weight == null || alpha) {
                items.add(new Item(element, 0, by == null ? null : weight));
                continue;
            }
            Strtod.Result r = Strtod.parse(weight, 0);
            boolean whole = r.end() == weight.length || weight[r.end()] == 0;
            if (!whole || r.range() || Double.isNaN(r.value())) {
                throw new RedisError("ERR One or more scores can't be converted into double");
            }
            items.add(new Item(element, r.value(), null));
        }
        return items;
    }

    private static Comparator<Item> order(boolean alpha, boolean byPattern, boolean desc) {
        Comparator<Item> cmp;
        if (!alpha) {
            cmp = (a, b) -> a.score > b.score ? 1 : a.score < b.score ? -1 : Arrays.compareUnsigned(a.element, b.element);
        } else if (byPattern) {
            // A missing weight sorts first; equal weights keep their input order.
            cmp = (a, b) -> a.weight == null || b.weight == null
                    ? Boolean.compare(a.weight != null, b.weight != null)
                    : Arrays.compareUnsigned(a.weight, b.weight);
        } else {
            cmp = (a, b) -> Arrays.compareUnsigned(a.element, b.element);
        }
        return desc ? cmp.reversed() : cmp;
    }

    /** A list's, set's or sorted set's elements in the order Redis loads them (see the class comment). */
    static List<byte[]> elements(StoredValue v) {
        if (v == null) {
            return List.of();
        }
        return switch (v.type()) {
            case LIST -> Codec.decodeList(v.payload());
            case SET -> setOrder(Codec.decodeSet(v.payload()).stream().map(Bytes::bytes).toList());
            case ZSET -> Codec.decodeZSet(v.payload()).ascending().stream().map(e -> e.member().bytes()).toList();
            default -> throw RedisError.wrongType();
        };
    }

    private static List<byte[]> setOrder(List<byte[]> members) {
        if (members.size() > INTSET_MAX) {
            return members;
        }
        long[] values = new long[members.size()];
        for (int i = 0; i < values.length; i++) {
            Long v = Numbers.tryParseLong(members.get(i));
            if (v == null) {
                return members;
            }
            values[i] = v;
        }
        Arrays.sort(values);
        List<byte[]> sorted = new ArrayList<>(values.length);
        for (long v : values) {
            sorted.add(Long.toString(v).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        return sorted;
    }
}
