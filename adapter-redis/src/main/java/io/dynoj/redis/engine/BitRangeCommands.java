package io.dynoj.redis.engine;

import io.netty.buffer.ByteBuf;

/**
 * BITCOUNT and BITPOS over a byte range or, with {@code BIT}, a bit range. The order of checks is
 * Redis's: a missing key answers before the range is read, so {@code BITCOUNT nokey x} is 0.
 */
final class BitRangeCommands {

    private BitRangeCommands() {
    }

    static void register(CommandRegistry r) {
        r.add("bitcount", BitRangeCommands::bitCount)
                .add("bitpos", BitRangeCommands::bitPos);
    }

    /**
     * A range resolved against a string: bytes {@code start..end} (empty when start > end), and for
     * a bit range the masks of the bits of the first and last byte outside it.
     */
    private record Range(long start, long end, int firstMask, int lastMask) {

        static Range of(long start, long end, long length, boolean bit) {
            long total = bit ? length << 3 : length;
            if (start < 0) {
                start = total + start;
            }
            if (end < 0) {
                end = total + end;
            }
            start = Math.max(start, 0);
            end = Math.max(end, 0);
            if (end >= total) {
                end = total - 1;
            }
            if (bit && start <= end) {
                int first = ~((1 << (8 - (int) (start & 7))) - 1) & 0xff;
                int last = (1 << (7 - (int) (end & 7))) - 1;
                return new Range(start >> 3, end >> 3, first, last);
            }
            return new Range(start, end, 0, 0);
        }
    }

    private static boolean isBitUnit(Call c, int i) {
        return switch (c.option(i)) {
            case "bit" -> true;
            case "byte" -> false;
            default -> throw RedisError.syntax();
        };
    }

    private static ByteBuf bitCount(Call c) {
        StoredValue v = StringCommands.string(c, c.arg(1));
        if (v == null) {
            return c.integer(0);
        }
        byte[] s = v.payload();
        Range range;
        if (c.argc() == 4 || c.argc() == 5) {
            long start = c.longArg(2);
            long end = c.longArg(3);
            if (start < 0 && end < 0 && start > end) {
                return c.integer(0);
            }
            boolean bit = c.argc() == 5 && isBitUnit(c, 4);
            range = Range.of(start, end, s.length, bit);
        } else if (c.argc() == 2) {
            range = new Range(0, s.length - 1L, 0, 0);
        } else {
            throw RedisError.syntax();
        }
        if (range.start > range.end) {
            return c.integer(0);
        }
        int start = (int) range.start;
        int end = (int) range.end;
        long count = Bits.popcount(s, start, end - start + 1L);
        // The bits of the edge bytes outside a bit range were counted: take them off.
        count -= Integer.bitCount(s[start] & range.firstMask) + Integer.bitCount(s[end] & range.lastMask);
        return c.integer(count);
    }

    private static ByteBuf bitPos(Call c) {
        long bit = c.longArg(2);
        if (bit != 0 && bit != 1) {
            throw new RedisError("ERR The bit argument must be 1 or 0.");
        }
        StoredValue v = c.keyspace().get(c.arg(1));
        if (v == null) {
            return c.integer(bit == 1 ? -1 : 0);
        }
        if (v.type() != ValueType.STRING) {
            throw RedisError.wrongType();
        }
        byte[] s = v.payload();
        boolean endGiven = false;
        Range range;
        if (c.argc() >= 4 && c.argc() <= 6) {
            long start = c.longArg(3);
            boolean bitUnit = c.argc() == 6 && isBitUnit(c, 5);
            long end;
            if (c.argc() >= 5) {
                end = c.longArg(4);
                endGiven = true;
            } else {
                end = bitUnit ? ((long) s.length << 3) + 7 : s.length - 1L;
            }
            range = Range.of(start, end, s.length, bitUnit);
        } else if (c.argc() == 3) {
            range = new Range(0, s.length - 1L, 0, 0);
        } else {
            throw RedisError.syntax();
        }
        if (range.start > range.end) {
            return c.integer(-1);
        }
        return c.integer(firstInRange(s, range, (int) bit, endGiven));
    }

    /** Redis's bitpos over a resolved range, the edge bytes of a bit range masked. */
    private static long firstInRange(byte[] s, Range range, int bit, boolean endGiven) {
        long start = range.start;
        long bytes = range.end - range.start + 1;
        long pos = -1;
        boolean done = false;
        if (range.firstMask != 0) {
            int b = masked(s[(int) start] & 0xff, range.firstMask, bit);
            if (range.lastMask != 0 && bytes == 1) {
                b = masked(b, range.lastMask, bit);
            }
            pos = Bits.firstBit(b, bit);
            done = bytes == 1 || (pos != -1 && pos != 8);
            if (!done) {
                start++;
                bytes--;
            }
        }
        if (!done) {
            long whole = bytes - (range.lastMask != 0 ? 1 : 0);
            if (whole > 0) {
                pos = Bits.firstBit(s, (int) start, whole, bit);
                done = bytes == whole || (pos != -1 && pos != whole << 3);
                if (!done) {
                    start += whole;
                    bytes -= whole;
                }
            }
        }
        if (!done) {
            pos = Bits.firstBit(masked(s[(int) range.end] & 0xff, range.lastMask, bit), bit);
        }
        // Looking for a 0 in an explicit range: the bit after the range is not a zero of it.
        if (endGiven && bit == 0 && pos == bytes << 3) {
            return -1;
        }
        return pos == -1 ? -1 : pos + (start << 3);
    }

    /** The bits of {@code mask} set to what the search does not look for. */
    private static int masked(int b, int mask, int bit) {
        return bit == 1 ? b & ~mask & 0xff : (b | mask) & 0xff;
    }
}
