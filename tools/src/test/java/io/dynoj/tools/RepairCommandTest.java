package io.dynoj.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class RepairCommandTest {

    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }

    @Test
    void theProgressLineFillsTheBarByPercentAndShowsTheFiguresAndEta() throws Exception {
        String line = RepairCommand.line(json("{\"state\":\"RUNNING\",\"percent\":50.0,\"ranges_done\":1,"
                + "\"ranges_total\":2,\"keys_compared\":1000,\"keys_fixed\":3,\"keys_streamed\":3,"
                + "\"bytes_streamed\":20000,\"eta_seconds\":7}"));
        assertThat(line).startsWith("[" + "#".repeat(15) + ".".repeat(15) + "]  50.0%")
                .contains("ranges 1/2", "compared 1000", "fixed 3", "streamed 3 keys 19 KB", "ETA 7 s");
    }

    @Test
    void theSummarySaysHowItEndedAndWhy() throws Exception {
        String done = RepairCommand.summary(json("{\"state\":\"FAILED\",\"elapsed_seconds\":1.5,\"keys_compared\":10,"
                + "\"keys_compared_per_second\":7,\"keys_fixed\":0,\"keys_streamed\":0,\"keys_deleted\":0,"
                + "\"conflicts\":0,\"error\":\"peer x is not reachable\"}"));
        assertThat(done).startsWith("repair FAILED in 1.5 s: 10 keys compared (7/s)").endsWith("; peer x is not reachable");
    }
}
