package io.dynoj.redis.engine;

import io.netty.buffer.ByteBuf;

/**
 * Redis's bitmap commands on strings: SETBIT, GETBIT, BITOP here; BITCOUNT and BITPOS in
 * {@link BitRangeCommands}, BITFIELD and BITFIELD_RO in {@link BitFieldCommand}. Offsets stop
 * below {@link StringLimits#PROTO_MAX_BULK_LEN} bytes, as Redis's do.
 */
final class BitCommands {

    private static final String BAD_BIT = "ERR bit is not an integer or out of range";

    private BitCommands() {
    }

    static void register(CommandRegistry r) {
        r.add("setbit", BitCommands::setBit)
                .add("getbit", BitCommands::getBit)
                .add("bitop", BitCommands::bitOp);
        BitRangeCommands.register(r);
        BitFieldCommand.register(r);
    }

    private static ByteBuf setBit(Call c) {
        long offset = StringLimits.bitOffset(c.arg(2), false, 0);
        Long on = Numbers.tryParseLong(c.arg(3));
        if (on == null || (on & ~1L) != 0) {
            throw new RedisError(BAD_BIT);
        }
        StoredValue old = StringCommands.string(c, c.arg(1));
        byte[] s = Bits.grownFor(old, offset);
        int was = (int) Bits.getUnsigned(s, offset, 1);
        boolean grown = old == null || s.length != old.payload().length;
        if (grown || was != on) {
            Bits.set(s, offset, 1, on);
            Bits.store(c, c.arg(1), old, s);
        }
        return c.integer(was);
    }

    private static ByteBuf getBit(Call c) {
        long offset = StringLimits.bitOffset(c.arg(2), false, 0);
        StoredValue v = StringCommands.string(c, c.arg(1));
        return c.integer(v == null ? 0 : Bits.getUnsigned(v.payload(), offset, 1));
    }

    /** {@code BITOP AND|OR|XOR|NOT dest src...}: missing sources are empty strings; an empty result deletes dest. */
    private static ByteBuf bitOp(Call c) {
        String op = c.option(1);
        if (!op.equals("and") && !op.equals("or") && !op.equals("xor") && !op.equals("not")) {
            throw RedisError.syntax();
        }
        if (op.equals("not") && c.argc() != 4) {
            throw new RedisError("ERR BITOP NOT must be called with a single source key.");
        }
        int n = c.argc() - 3;
        byte[][] sources = new byte[n][];
        int maxLength = 0;
        for (int i = 0; i < n; i++) {
            StoredValue v = StringCommands.string(c, c.arg(3 + i));
            sources[i] = v == null ? new byte[0] : v.payload();
            maxLength = Math.max(maxLength, sources[i].length);
        }
        byte[] dest = c.arg(2);
        if (maxLength == 0) {
            c.keyspace().delete(dest);
            return c.integer(0);
        }
        char kind = op.charAt(0);
        byte[] result = new byte[maxLength];
        for (int j = 0; j < maxLength; j++) {
            int out = byteAt(sources[0], j);
            if (kind == 'n') {
                out = ~out;
            }
            for (int i = 1; i < n; i++) {
                int b = byteAt(sources[i], j);
                out = kind == 'a' ? out & b : kind == 'o' ? out | b : out ^ b;
            }
            result[j] = (byte) out;
        }
        c.keyspace().put(dest, new StoredValue(ValueType.STRING, 0, result));
        return c.integer(maxLength);
    }

    private static int byteAt(byte[] s, int j) {
        return j < s.length ? s[j] & 0xff : 0;
    }
}
