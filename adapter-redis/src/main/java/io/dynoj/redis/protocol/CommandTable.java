package io.dynoj.redis.protocol;

import io.dynoj.core.spi.RequestKind;
import io.netty.buffer.ByteBuf;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every Redis command Dynoj knows, looked up by the name's bytes without allocating (an open-addressing
 * table over case-folded bytes). Built from {@code commands.tsv}, which is Redis 7's own COMMAND
 * output, plus {@link CommandPolicy}. Immutable and thread-safe.
 */
public final class CommandTable {

    private static final Map<String, CommandSpec.KeysRule> KEYS_RULES = Map.ofEntries(
            Map.entry("eval", CommandSpec.KeysRule.NUMKEYS_AT_2),
            Map.entry("eval_ro", CommandSpec.KeysRule.NUMKEYS_AT_2),
            Map.entry("evalsha", CommandSpec.KeysRule.NUMKEYS_AT_2),
            Map.entry("evalsha_ro", CommandSpec.KeysRule.NUMKEYS_AT_2),
            Map.entry("fcall", CommandSpec.KeysRule.NUMKEYS_AT_2),
            Map.entry("fcall_ro", CommandSpec.KeysRule.NUMKEYS_AT_2),
            Map.entry("zunion", CommandSpec.KeysRule.NUMKEYS_AT_1),
            Map.entry("zinter", CommandSpec.KeysRule.NUMKEYS_AT_1),
            Map.entry("zdiff", CommandSpec.KeysRule.NUMKEYS_AT_1),
            Map.entry("zintercard", CommandSpec.KeysRule.NUMKEYS_AT_1),
            Map.entry("sintercard", CommandSpec.KeysRule.NUMKEYS_AT_1),
            Map.entry("lmpop", CommandSpec.KeysRule.NUMKEYS_AT_1),
            Map.entry("zmpop", CommandSpec.KeysRule.NUMKEYS_AT_1),
            Map.entry("zunionstore", CommandSpec.KeysRule.DEST_THEN_NUMKEYS_AT_2),
            Map.entry("zinterstore", CommandSpec.KeysRule.DEST_THEN_NUMKEYS_AT_2),
            Map.entry("zdiffstore", CommandSpec.KeysRule.DEST_THEN_NUMKEYS_AT_2),
            Map.entry("xread", CommandSpec.KeysRule.AFTER_STREAMS),
            Map.entry("xreadgroup", CommandSpec.KeysRule.AFTER_STREAMS),
            Map.entry("object", CommandSpec.KeysRule.SUBCOMMAND_KEY),
            Map.entry("memory", CommandSpec.KeysRule.SUBCOMMAND_KEY),
            Map.entry("xinfo", CommandSpec.KeysRule.SUBCOMMAND_KEY),
            Map.entry("xgroup", CommandSpec.KeysRule.SUBCOMMAND_KEY),
            Map.entry("sort", CommandSpec.KeysRule.SORT));

    /** Redis 7's command tip for a command whose result each server chooses for itself. */
    private static final String NONDETERMINISTIC_OUTPUT = "nondeterministic_output";

    // After KEYS_RULES: loading reads it.
    private static final CommandTable DEFAULT = load();

    private final CommandSpec[] slots;
    private final byte[][] names;
    private final int mask;
    private final int size;

    private CommandTable(List<CommandSpec> specs) {
        int capacity = Integer.highestOneBit(specs.size() * 4 - 1) << 1;
        slots = new CommandSpec[capacity];
        names = new byte[capacity][];
        mask = capacity - 1;
        for (CommandSpec spec : specs) {
            byte[] name = spec.nameBytes();
            int i = hash(name, 0, name.length) & mask;
            while (slots[i] != null) {
                i = (i + 1) & mask;
            }
            slots[i] = spec;
            names[i] = name;
        }
        size = specs.size();
    }

    public static CommandTable standard() {
        return DEFAULT;
    }

    public int size() {
        return size;
    }

    /** The command named by {@code length} bytes of {@code buf} at {@code index}, any case; null if unknown. */
    public CommandSpec find(ByteBuf buf, int index, int length) {
        int i = hashOf(buf, index, length) & mask;
        CommandSpec spec;
        while ((spec = slots[i]) != null) {
            if (equalsIgnoreCase(names[i], buf, index, length)) {
                return spec;
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    public CommandSpec find(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        return find(io.netty.buffer.Unpooled.wrappedBuffer(bytes), 0, bytes.length);
    }

    private static int hash(byte[] name, int from, int length) {
        int h = 0;
        for (int i = from; i < from + length; i++) {
            h = 31 * h + (name[i] | 0x20);
        }
        return h ^ (h >>> 16);
    }

    private static int hashOf(ByteBuf buf, int index, int length) {
        int h = 0;
        for (int i = index; i < index + length; i++) {
            h = 31 * h + (buf.getByte(i) | 0x20);
        }
        return h ^ (h >>> 16);
    }

    private static boolean equalsIgnoreCase(byte[] lowerName, ByteBuf buf, int index, int length) {
        if (lowerName.length != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            byte b = buf.getByte(index + i);
            if (b >= 'A' && b <= 'Z') {
                b += 'a' - 'A';
            }
            if (b != lowerName[i]) {
                return false;
            }
        }
        return true;
    }

    private static CommandTable load() {
        List<CommandSpec> specs = new ArrayList<>();
        try (InputStream in = CommandTable.class.getResourceAsStream("/io/dynoj/redis/commands.tsv")) {
            if (in == null) {
                throw new IllegalStateException("commands.tsv is missing from the adapter-redis jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    specs.add(parse(line.split("\t")));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Dynoj's own: DYNOJ CONSISTENCY [READ|WRITE level]
        specs.add(parse(new String[] {"dynoj", "-2", "-", "0", "0", "0", "-"}));
        // Dynomite's: DYNO_CONFIG:CONN_CONSISTENCY level (what Netflix Dyno sends)
        specs.add(parse(new String[] {DynoConfig.COMMAND, "2", "-", "0", "0", "0", "-"}));
        return new CommandTable(specs);
    }

    private static CommandSpec parse(String[] f) {
        String name = f[0];
        Set<String> flags = Set.of(f[2].split(","));
        int arity = Integer.parseInt(f[1]);
        int first = Integer.parseInt(f[3]);
        int last = Integer.parseInt(f[4]);
        int step = Integer.parseInt(f[5]);
        CommandSpec.Handling handling = handling(name, flags);
        RequestKind kind = handling != CommandSpec.Handling.FORWARD ? RequestKind.LOCAL
                : flags.contains("write") || CommandPolicy.SCRIPTS_THAT_MAY_WRITE.contains(name)
                        || CommandPolicy.CONTAINERS_THAT_WRITE.contains(name) ? RequestKind.WRITE
                : first > 0 || KEYS_RULES.containsKey(name) ? RequestKind.READ
                : RequestKind.ADMIN;
        boolean tipped = f.length > 6 && Set.of(f[6].split(",")).contains(NONDETERMINISTIC_OUTPUT);
        boolean nondeterministic = kind == RequestKind.WRITE && (tipped || CommandPolicy.RECORD_THE_TIME.contains(name));
        return new CommandSpec(name, arity, first, last, step, kind, handling, KEYS_RULES.get(name), nondeterministic,
                tipped);
    }

    private static CommandSpec.Handling handling(String name, Set<String> flags) {
        if (CommandPolicy.LOCAL.contains(name)) {
            return CommandSpec.Handling.LOCAL;
        }
        if (CommandPolicy.UNSUPPORTED.contains(name)
                || (flags.contains(CommandPolicy.BLOCKING_FLAG) && !CommandPolicy.BLOCKING_ONLY_WITH_ARGUMENT.contains(name)
                    && !CommandPolicy.SERVED_BLOCKING.contains(name))) {
            return CommandSpec.Handling.UNSUPPORTED;
        }
        return CommandSpec.Handling.FORWARD;
    }
}
