package io.dynoj.redis.engine;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code BITFIELD key [GET type offset] [SET type offset value] [INCRBY type offset increment]
 * [OVERFLOW WRAP|SAT|FAIL] ...} and {@code BITFIELD_RO key [GET type offset] ...}. Every operation
 * is parsed before any runs (a bad one fails the whole command); a write grows the string once, to
 * the farthest bit written, even when every write then fails under OVERFLOW FAIL (as Redis does).
 */
final class BitFieldCommand {

    private static final String BAD_TYPE =
            "ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.";

    private enum Opcode { GET, SET, INCRBY }

    private record Op(Opcode opcode, boolean signed, int bits, long offset, long value, BitFieldOverflow.Mode mode) {
    }

    private BitFieldCommand() {
    }

    static void register(CommandRegistry r) {
        r.add("bitfield", c -> run(c, false))
                .add("bitfield_ro", c -> run(c, true));
    }

    private static ByteBuf run(Call c, boolean readOnlyCommand) {
        List<Op> ops = parse(c);
        boolean writes = false;
        long highestBit = 0;
        for (Op op : ops) {
            if (op.opcode != Opcode.GET) {
                writes = true;
                highestBit = Math.max(highestBit, op.offset + op.bits - 1);
            }
        }
        if (!writes) {
            StoredValue v = StringCommands.string(c, c.arg(1));
            byte[] s = v == null ? new byte[0] : v.payload();
            List<Object> replies = new ArrayList<>(ops.size());
            ops.forEach(op -> replies.add(get(s, op)));
            return c.array(replies);
        }
        if (readOnlyCommand) {
            throw new RedisError("ERR BITFIELD_RO only supports the GET subcommand");
        }
        StoredValue old = StringCommands.string(c, c.arg(1));
        byte[] s = Bits.grownFor(old, highestBit);
        boolean changed = old == null || s.length != old.payload().length;
        List<Object> replies = new ArrayList<>(ops.size());
        for (Op op : ops) {
            if (op.opcode == Opcode.GET) {
                replies.add(get(s, op));
                continue;
            }
            long oldValue = op.signed ? Bits.getSigned(s, op.offset, op.bits) : Bits.getUnsigned(s, op.offset, op.bits);
            boolean incr = op.opcode == Opcode.INCRBY;
            long checked = incr ? oldValue : op.value;
            long by = incr ? op.value : 0;
            BitFieldOverflow.Check check = op.signed
                    ? BitFieldOverflow.signed(checked, by, op.bits, op.mode)
                    : BitFieldOverflow.unsigned(checked, by, op.bits, op.mode);
            if (check.overflow() != 0 && op.mode == BitFieldOverflow.Mode.FAIL) {
                replies.add(null);
                continue;
            }
            long newValue = check.overflow() != 0 ? check.limit() : checked + by;
            replies.add(incr ? newValue : oldValue);
            Bits.set(s, op.offset, op.bits, newValue);
            changed |= oldValue != newValue;
        }
        if (changed) {
            Bits.store(c, c.arg(1), old, s);
        }
        return c.array(replies);
    }

    private static Long get(byte[] s, Op op) {
        return op.signed ? Bits.getSigned(s, op.offset, op.bits) : Bits.getUnsigned(s, op.offset, op.bits);
    }

    private static List<Op> parse(Call c) {
        List<Op> ops = new ArrayList<>();
        BitFieldOverflow.Mode mode = BitFieldOverflow.Mode.WRAP;
        for (int j = 2; j < c.argc(); j++) {
            int remaining = c.argc() - j - 1;
            String sub = c.option(j);
            Opcode opcode;
            if (sub.equals("get") && remaining >= 2) {
                opcode = Opcode.GET;
            } else if (sub.equals("set") && remaining >= 3) {
                opcode = Opcode.SET;
            } else if (sub.equals("incrby") && remaining >= 3) {
                opcode = Opcode.INCRBY;
            } else if (sub.equals("overflow") && remaining >= 1) {
                mode = switch (c.option(++j)) {
                    case "wrap" -> BitFieldOverflow.Mode.WRAP;
                    case "sat" -> BitFieldOverflow.Mode.SAT;
                    case "fail" -> BitFieldOverflow.Mode.FAIL;
                    default -> throw new RedisError("ERR Invalid OVERFLOW type specified");
                };
                continue;
            } else {
                throw RedisError.syntax();
            }
            byte[] type = c.arg(j + 1);
            int bits = bits(type);
            long offset = StringLimits.bitOffset(c.arg(j + 2), true, bits);
            long value = opcode == Opcode.GET ? 0 : c.longArg(j + 3);
            ops.add(new Op(opcode, type[0] == 'i', bits, offset, value, mode));
            j += opcode == Opcode.GET ? 2 : 3;
        }
        return ops;
    }

    /** The width of a type {@code i1..i64} or {@code u1..u63}; C reads the digits up to a NUL byte. */
    private static int bits(byte[] type) {
        if (type.length == 0 || (type[0] != 'i' && type[0] != 'u')) {
            throw new RedisError(BAD_TYPE);
        }
        int end = 1;
        while (end < type.length && type[end] != 0) {
            end++;
        }
        Long bits = Numbers.tryParseLong(java.util.Arrays.copyOfRange(type, 1, end));
        if (bits == null || bits < 1 || (type[0] == 'i' && bits > 64) || (type[0] == 'u' && bits > 63)) {
            throw new RedisError(BAD_TYPE);
        }
        return bits.intValue();
    }
}
