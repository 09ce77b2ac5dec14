package io.dynoj.client;

import io.dynoj.client.pool.HostPools;
import io.dynoj.core.config.ConsistencyLevel;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.Connection;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Consistency levels for the commands of one call ({@link DynojClient#withConsistency}): the command is sent
 * between {@code DYNOJ CONSISTENCY READ|WRITE <level>} and the commands that put the connection back to the
 * client's own levels (or the node's, {@code DEFAULT}), all in one write and one round trip, so a pooled
 * connection never keeps a call's levels. Held in a thread-local while the call runs.
 *
 * @param read  the read level of the call, or {@code null} to keep the client's
 * @param write the write level of the call, or {@code null} to keep the client's
 */
record CallConsistency(ConsistencyLevel read, ConsistencyLevel write) {

    static final ThreadLocal<CallConsistency> CURRENT = new ThreadLocal<>();

    /**
     * Runs {@code command} on {@code c} under these levels, then restores {@code client}'s.
     *
     * @throws JedisDataException the node's answer to the command (or to setting a level)
     */
    <T> T execute(Connection c, CommandObject<T> command, CallConsistency client) {
        List<CommandArguments> before = new ArrayList<>(2);
        List<CommandArguments> after = new ArrayList<>(2);
        if (read != null) {
            before.add(set("READ", read.name()));
            after.add(set("READ", client.read() == null ? "DEFAULT" : client.read().name()));
        }
        if (write != null) {
            before.add(set("WRITE", write.name()));
            after.add(set("WRITE", client.write() == null ? "DEFAULT" : client.write().name()));
        }
        before.forEach(c::sendCommand);
        c.sendCommand(command.getArguments());
        after.forEach(c::sendCommand);
        List<Object> replies = c.getMany(before.size() + 1 + after.size());
        // A level the node refused means the call did not run as asked: that error first.
        for (int i = 0; i < replies.size(); i++) {
            if (i != before.size() && replies.get(i) instanceof JedisDataException e) {
                throw e;
            }
        }
        Object reply = replies.get(before.size());
        if (reply instanceof JedisDataException e) {
            throw e;
        }
        return command.getBuilder().build(reply);
    }

    private static CommandArguments set(String kind, String level) {
        return new CommandArguments(HostPools.DYNOJ).add("CONSISTENCY").add(kind).add(level);
    }
}
