package io.dynoj.client;

import io.dynoj.client.routing.CommandClassifier;
import io.dynoj.client.routing.Operation;
import io.dynoj.client.routing.Placement;
import io.dynoj.client.topology.ClusterView;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.CommandObjects;
import redis.clients.jedis.Response;

/**
 * A pipeline bound to one node: every key in it must be served by the same nodes as its first key (keys of
 * one token range, or of one hash tag such as {@code {user42}:name} and {@code {user42}:mail}); a command
 * whose key belongs elsewhere is refused when it is added, with a {@link DynojClientException}, and nothing
 * of the pipeline is sent. Commands are kept until {@link #sync()}, which sends them all on one connection to
 * the node serving the keys (the key's write primary when the pipeline writes, else its owner in the local
 * rack), with the client's failover if that node cannot be reached. Not thread-safe, like Jedis's pipelines.
 */
public final class DynojPipeline extends AbstractPipeline {

    private final DynojCommandExecutor executor;
    private final ClusterView view;
    private final List<CommandObject<?>> commands = new ArrayList<>();
    private final List<Response<?>> responses = new ArrayList<>();
    private long token = Operation.NO_TOKEN;
    private Object firstKey;
    private boolean write;

    DynojPipeline(CommandObjects commandObjects, DynojCommandExecutor executor) {
        super(commandObjects);
        this.executor = executor;
        this.view = executor.view(); // one snapshot for the pipeline's life: its node cannot move under it
    }

    @Override
    protected <T> Response<T> appendCommand(CommandObject<T> command) {
        Operation op = executor.classify(view, command.getArguments());
        for (Object key : command.getArguments().getKeys()) {
            long t = view.token(CommandClassifier.bytes(key));
            if (token == Operation.NO_TOKEN) {
                token = t;
                firstKey = key;
            } else if (!Placement.sameNodes(view, token, t)) {
                throw new DynojClientException("a pipeline goes to one node, and key '" + text(key) + "' of "
                        + op.command() + " is served by " + Placement.readOwner(view, t) + ", not by "
                        + Placement.readOwner(view, token) + " like '" + text(firstKey)
                        + "'; give related keys one hash tag (" + tagExample() + ") or use separate pipelines");
            }
        }
        write |= op.write();
        Response<T> response = new Response<>(command.getBuilder());
        commands.add(command);
        responses.add(response);
        return response;
    }

    private String tagExample() {
        return view.hasher().hashTag().map(t -> t.toString().charAt(0) + "user42" + t.toString().charAt(1) + ":name")
                .orElse("the cluster has no hash_tag; configure one, e.g. \"{}\"");
    }

    private static String text(Object key) {
        return new String(CommandClassifier.bytes(key), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void sync() {
        if (commands.isEmpty()) {
            return;
        }
        Operation op = new Operation("PIPELINE", write, token);
        try {
            List<Object> replies = executor.execute(op, executor.candidates(view, op), c -> {
                for (CommandObject<?> command : commands) {
                    c.sendCommand(command.getArguments());
                }
                return c.getMany(commands.size());
            });
            for (int i = 0; i < replies.size(); i++) {
                responses.get(i).set(replies.get(i));
            }
        } finally {
            commands.clear();
            responses.clear();
            token = Operation.NO_TOKEN;
            firstKey = null;
            write = false;
        }
    }

    /** Sends what is queued and answers every reply in order (errors as exception objects). */
    public List<Object> syncAndReturnAll() {
        List<Response<?>> pending = new ArrayList<>(responses);
        sync();
        List<Object> out = new ArrayList<>(pending.size());
        for (Response<?> r : pending) {
            try {
                out.add(r.get());
            } catch (redis.clients.jedis.exceptions.JedisDataException e) {
                out.add(e);
            }
        }
        return out;
    }

    @Override
    public void close() {
        sync();
    }
}
