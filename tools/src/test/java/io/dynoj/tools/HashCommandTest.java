package io.dynoj.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dynoj hash}: tokens are HashAlgorithmTest's vectors (from Dynomite's C code), owners follow the ring rule. */
class HashCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return DynojCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void printsDynomiteTokensOfKeys() {
        assertThat(run("hash", "a", "foo", "123456789")).isZero();
        assertThat(out.toString()).isEqualTo(String.join(System.lineSeparator(),
                "key 'a' token 1262581116 (murmur)",        // 0x4b41757c
                "key 'foo' token 3303027599 (murmur)",      // 0xc4e0338f
                "key '123456789' token 3077965456 (murmur)", // 0xb7760690
                ""));
    }

    @Test
    void otherHashAndHashTag() {
        assertThat(run("hash", "--hash", "crc32a", "123456789")).isZero();
        assertThat(out.toString()).contains("key '123456789' token 3421780262 (crc32a)"); // 0xcbf43926
        assertThat(run("hash", "--hash-tag", "{}", "user:{foo}:name")).isZero();
        assertThat(out.toString()).contains("key 'user:{foo}:name' token 3303027599 (murmur, hashed 'foo')");
    }

    @Test
    void ownerOnARingOfTokens() {
        // foo hashes to 3303027599: the smallest token >= it is 4000000000 (node 3);
        // a hashes to 1262581116: owned by 2000000000 (node 2); 123456789's 3078014608 by node 3 too.
        assertThat(run("hash", "--tokens", "1000000000,2000000000,4000000000", "foo", "a")).isZero();
        assertThat(out.toString()).isEqualTo(String.join(System.lineSeparator(),
                "key 'foo' token 3303027599 (murmur)",
                "  ring  node3  token 4000000000",
                "key 'a' token 1262581116 (murmur)",
                "  ring  node2  token 2000000000",
                ""));
        out.getBuffer().setLength(0);
        // Above the largest token the ring wraps to the smallest.
        assertThat(run("hash", "--tokens", "0,1000000000", "foo")).isZero();
        assertThat(out.toString()).contains("  ring  node1  token 0");
    }

    @Test
    void ownerPerRackFromAConfiguration() throws IOException {
        Path file = dir.resolve("node.yml");
        Files.writeString(file, """
                dyn_o_mite:
                  listen: 127.0.0.1:8102
                  dyn_listen: 127.0.0.1:8101
                  datacenter: dc1
                  rack: rack1
                  tokens: '0'
                  dyn_seeds:
                  - 127.0.0.2:8101:rack1:dc1:3500000000
                  - 127.0.0.3:8101:rack2:dc1:0
                  - 127.0.0.4:8101:rack1:dc2:0
                """);
        assertThat(run("hash", "-c", file.toString(), "foo", "a")).isZero();
        assertThat(out.toString()).isEqualTo(String.join(System.lineSeparator(),
                "key 'foo' token 3303027599 (murmur)",
                "  dc1/rack1  127.0.0.2:8101  token 3500000000",
                "  dc1/rack2  127.0.0.3:8101  token 0",
                "  dc2/rack1  127.0.0.4:8101  token 0",
                "key 'a' token 1262581116 (murmur)",
                "  dc1/rack1  127.0.0.2:8101  token 3500000000",
                "  dc1/rack2  127.0.0.3:8101  token 0",
                "  dc2/rack1  127.0.0.4:8101  token 0",
                ""));
    }

    @Test
    void badInputExitsNonZero() {
        assertThat(run("hash", "--hash", "nope", "k")).isEqualTo(1);
        assertThat(err.toString()).contains("nope");
        assertThat(run("hash", "--tokens", "0", "-c", "x.yml", "k")).isEqualTo(2);
        assertThat(run("hash")).isEqualTo(2); // no key
        assertThat(run("hash", "-c", dir.resolve("missing.yml").toString(), "k")).isEqualTo(1);
        assertThat(err.toString()).contains("does not exist");
    }
}
