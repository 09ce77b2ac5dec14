package io.dynoj.client.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynoj.client.topology.ClusterView;
import io.dynoj.client.topology.Described;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.CommandObjects;

class CommandClassifierTest {

    private final ClusterView view = Described.view(Described.racks(3, 2), "rack1");
    private final CommandClassifier classifier = new CommandClassifier();
    private final CommandObjects commands = new CommandObjects(redis.clients.jedis.RedisProtocol.RESP2);

    private Operation classify(redis.clients.jedis.CommandObject<?> command) {
        return classifier.classify(view, command.getArguments());
    }

    @Test
    void readsWritesAndScriptsAsTheNodeSeesThem() {
        Operation get = classify(commands.get("k"));
        assertThat(get.command()).isEqualTo("GET");
        assertThat(get.write()).isFalse();
        assertThat(get.token()).isEqualTo(view.token("k".getBytes(StandardCharsets.UTF_8)));
        assertThat(classify(commands.set("k", "v")).write()).isTrue();
        assertThat(classify(commands.incr("k")).write()).isTrue();
        assertThat(classify(commands.hget("h", "f")).write()).isFalse();
        assertThat(classify(commands.eval("return 1", 1, "k")).write()).isTrue();
        assertThat(classify(commands.dbSize()).hasToken()).isFalse();
    }

    @Test
    void keysOfOneHashTagShareATokenAndKeysOfSeveralNodesHaveNone() {
        long tag = view.token("{user1}:a".getBytes(StandardCharsets.UTF_8));
        assertThat(classify(commands.mget("{user1}:a", "{user1}:b", "{user1}:c")).token()).isEqualTo(tag);
        // Without a tag, among 50 keys some land on other nodes: the node must split the command.
        String[] keys = new String[50];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = "key" + i;
        }
        assertThat(classify(commands.mget(keys)).hasToken()).isFalse();
        assertThat(classify(commands.del(keys)).write()).isTrue();
    }
}
