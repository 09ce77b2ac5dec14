package io.dynoj.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class WarmupCommandTest {

    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }

    @Test
    void theProgressLineShowsTheBarKeysBytesRateEtaAndSource() throws Exception {
        String line = WarmupCommand.line(json("{\"state\":\"WARMING\",\"percent\":50.0,\"source\":\"dc1-rack1-n1\","
                + "\"keys_copied\":1000,\"bytes_copied\":20000,\"keys_per_second\":500,\"bytes_per_second\":12000,"
                + "\"eta_seconds\":2}"));
        assertThat(line).startsWith("[" + "#".repeat(15) + ".".repeat(15) + "]  50.0%")
                .contains("WARMING from dc1-rack1-n1", "copied 1000 keys 19 KB", "500 keys/s 11 KB/s", "ETA 2 s");
    }

    @Test
    void theSummaryOfAStalledWarmupSaysTheNodeStaysWritesOnlyAndWhy() throws Exception {
        String s = WarmupCommand.summary(json("{\"state\":\"STALLED\",\"elapsed_seconds\":3.0,\"keys_copied\":10,"
                + "\"error\":\"no source left for range 0:0\"}"));
        assertThat(s).startsWith("warm-up STALLED in 3.0 s: 10 keys")
                .contains("stays WRITES_ONLY").endsWith("; no source left for range 0:0");
    }
}
