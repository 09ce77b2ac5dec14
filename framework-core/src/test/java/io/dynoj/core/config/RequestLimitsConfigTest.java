package io.dynoj.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynoj.core.server.ClientServer;
import io.dynoj.core.spi.ProtocolLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The size-limit keys: Redis's defaults, Redis's size syntax, and what the decoders are given. */
class RequestLimitsConfigTest {

    @TempDir
    Path dir;

    private NodeConfig load(String keys) throws IOException {
        Path file = dir.resolve("node.yml");
        Files.writeString(file, "p:\n  listen: 127.0.0.1:8102\n" + keys);
        return ConfigLoader.load(file);
    }

    @Test
    void defaultsAreRedissAndMemcachedsOwn() throws IOException {
        RequestLimits l = load("").requestLimits();
        assertThat(l.protoMaxBulkLen()).as("proto-max-bulk-len").isEqualTo(512L * 1024 * 1024);
        assertThat(l.clientQueryBufferLimit()).as("client-query-buffer-limit").isEqualTo(1024L * 1024 * 1024);
        assertThat(l.protoInlineMaxSize()).as("PROTO_INLINE_MAX_SIZE").isEqualTo(64 * 1024);
        assertThat(l.itemSizeMax()).as("memcached -I").isEqualTo(1024 * 1024);
        assertThat(l.memcachedMaxLineLength()).isEqualTo(2048);
        assertThat(l.peerFrameLimit()).as("room for any client request").isEqualTo(1024L * 1024 * 1024 + 1024);
    }

    @Test
    void sizesAreWrittenAsInRedisConf() throws IOException {
        NodeConfig c = load("""
                  proto_max_bulk_len: 1mb
                  client_query_buffer_limit: 1GB
                  proto_inline_max_size: 4kb
                  proto_max_multibulk_len: 100
                  item_size_max: 2m
                  memcached_max_line_length: 4096
                  peer_max_frame_bytes: 3000k
                  allow_flush_all: true
                """);
        ProtocolLimits limits = ClientServer.protocolLimits(c);
        assertThat(limits).isEqualTo(new ProtocolLimits(1L << 30, 4096, 100, true, 1L << 20, 2_000_000, 4096));
        assertThat(c.requestLimits().peerFrameLimit()).isEqualTo(3_000_000);
        assertThat(c.maxRequestBytes()).isEqualTo(1L << 30);
    }

    @Test
    void maxRequestBytesIsTheOlderNameOfTheQueryBufferLimit() throws IOException {
        assertThat(load("  max_request_bytes: 1048576\n").requestLimits().clientQueryBufferLimit()).isEqualTo(1 << 20);
    }

    @Test
    void badSizesAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> load("  proto_max_bulk_len: lots\n")).hasMessageContaining("proto_max_bulk_len")
                .hasMessageContaining("512mb");
        assertThatThrownBy(() -> load("  client_query_buffer_limit: 4gb\n"))
                .hasMessageContaining("client_query_buffer_limit");
        assertThatThrownBy(() -> load("  proto_inline_max_size: 0\n")).hasMessageContaining("proto_inline_max_size");
        assertThatThrownBy(() -> load("  memcached_max_line_length: 100\n"))
                .hasMessageContaining("memcached_max_line_length");
    }
}
