package io.dynoj.redis.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The engine's commands by lower-case name. Filled once at start, then read-only. */
public final class CommandRegistry {

    private final Map<String, Command> commands = new HashMap<>();

    public CommandRegistry add(String name, Command command) {
        if (commands.put(name, command) != null) {
            throw new IllegalStateException("command '" + name + "' registered twice");
        }
        return this;
    }

    Command find(String name) {
        return commands.get(name);
    }

    public Set<String> names() {
        return commands.keySet();
    }

    /** Every command family of the engine; a new family is one more line here. */
    static CommandRegistry standard() {
        CommandRegistry registry = new CommandRegistry();
        StringCommands.register(registry);
        KeyCommands.register(registry);
        ServerCommands.register(registry);
        HashCommands.register(registry);
        ListCommands.register(registry);
        SetCommands.register(registry);
        ZSetCommands.register(registry);
        BitCommands.register(registry);
        LcsCommand.register(registry);
        SortCommand.register(registry);
        DumpCommands.register(registry);
        FunctionCommands.register(registry);
        ConfigCommands.register(registry);
        InfoCommand.register(registry);
        MemoryCommand.register(registry);
        ObjectCommand.register(registry);
        return registry;
    }
}
