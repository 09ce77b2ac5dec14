package io.dynoj.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A plain node run is read without picocli; everything else is left to picocli. */
class NodeArgsTest {

    @Test
    void aNodeRunNeedsOnlyItsConfigurationAndVerbosity() {
        assertThat(NodeArgs.parse("-c", "/etc/dynoj.yml")).contains(new NodeArgs(Path.of("/etc/dynoj.yml"), null));
        assertThat(NodeArgs.parse("--conf-file", "a.yml", "--verbosity", "debug"))
                .contains(new NodeArgs(Path.of("a.yml"), "debug"));
        assertThat(NodeArgs.parse("-v", "warn", "-c", "b.yml")).contains(new NodeArgs(Path.of("b.yml"), "warn"));
    }

    @Test
    void withoutArgumentsTheNodeRunsTheDefaultConfiguration() {
        assertThat(NodeArgs.parse()).hasValueSatisfying(a -> {
            assertThat(a.confFile().toString()).endsWith("conf/dynoj.yml");
            assertThat(a.verbosity()).isNull();
        });
    }

    @Test
    void subcommandsToolOptionsAndAnythingUnusualGoToPicocli() {
        assertThat(NodeArgs.parse("check-config", "a.yml")).isEmpty();
        assertThat(NodeArgs.parse("-t", "-c", "a.yml")).isEmpty();
        assertThat(NodeArgs.parse("-c", "a.yml", "-t")).isEmpty();
        assertThat(NodeArgs.parse("-V")).isEmpty();
        assertThat(NodeArgs.parse("-h")).isEmpty();
        assertThat(NodeArgs.parse("-c")).as("a missing value is picocli's usage error").isEmpty();
        assertThat(NodeArgs.parse("-c", "-v")).isEmpty();
        assertThat(NodeArgs.parse("--conf-file=a.yml")).isEmpty();
        assertThat(NodeArgs.parse("local-cluster")).isEmpty();
    }
}
