package io.dynoj.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dynoj.core.config.ConfigSection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MySqlOptionsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static ConfigSection yaml(String text) throws Exception {
        return ConfigSection.of("mysql", YAML.readTree(text));
    }

    @Test
    void defaults() throws Exception {
        MySqlOptions o = MySqlOptions.parse(yaml("url: jdbc:mariadb://db:3306/dynoj\nuser: dynoj\n"));
        assertThat(o.url()).isEqualTo("jdbc:mariadb://db:3306/dynoj");
        assertThat(o.user()).isEqualTo("dynoj");
        assertThat(o.password()).isNull();
        assertThat(o.table()).isEqualTo("dynoj_kv");
        assertThat(o.poolSize()).isEqualTo(8);
        assertThat(o.batchMax()).isEqualTo(256);
        assertThat(o.connectTimeoutMillis()).isEqualTo(2000);
        assertThat(o.queryTimeoutMillis()).isEqualTo(10_000);
        assertThat(o.scanPage()).isEqualTo(256);
    }

    @Test
    void everyKey() throws Exception {
        MySqlOptions o = MySqlOptions.parse(yaml("""
                url: jdbc:mysql://db/x
                user: u
                password: 1234
                table: my_table
                pool_size: 3
                batch_max: '50'
                connect_timeout: 500
                query_timeout: 0
                scan_page: 10
                """));
        assertThat(o).isEqualTo(new MySqlOptions("jdbc:mysql://db/x", "u", "1234", "my_table", 3, 50, 500, 0, 10));
    }

    @Test
    void refusesUnknownKeysNamingThem() {
        assertThatThrownBy(() -> MySqlOptions.parse(yaml("url: jdbc:mariadb://db/x\npasword: x\npoolsize: 3\n")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown keys [pasword, poolsize]")
                .hasMessageContaining("pool_size");
    }

    @Test
    void refusesBadValues() {
        assertThatThrownBy(() -> MySqlOptions.parse(yaml("user: u\n")))
                .hasMessageContaining("'url' must be a JDBC URL");
        assertThatThrownBy(() -> MySqlOptions.parse(yaml("url: jdbc:postgresql://db/x\n")))
                .hasMessageContaining("jdbc:mariadb:");
        assertThatThrownBy(() -> MySqlOptions.parse(yaml("url: jdbc:mariadb://db/x\npool_size: 0\n")))
                .hasMessageContaining("'pool_size' must be between 1 and 1000 (got 0)");
        assertThatThrownBy(() -> MySqlOptions.parse(yaml("url: jdbc:mariadb://db/x\nbatch_max: many\n")))
                .hasMessageContaining("'batch_max' must be a whole number");
        assertThatThrownBy(() -> MySqlOptions.parse(yaml("url: jdbc:mariadb://db/x\ntable: 'kv; DROP TABLE x'\n")))
                .hasMessageContaining("'table' must be");
        assertThatThrownBy(() -> MySqlOptions.parse(yaml("url: jdbc:mariadb://db/x\npassword: a\npassword_env: B\n")))
                .hasMessageContaining("only one of [password, password_env]");
    }

    @Test
    void readsThePasswordFromAFileOrTheEnvironment(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pw");
        Files.writeString(file, "from-file\n");
        assertThat(MySqlOptions.parse(yaml("url: jdbc:mariadb://db/x\npassword_file: " + file + "\n")).password())
                .isEqualTo("from-file");

        Map<String, String> env = Map.of("DB_PW", "from-env");
        assertThat(MySqlOptions.parse(yaml("url: jdbc:mariadb://db/x\npassword_env: DB_PW\n"), env::get).password())
                .isEqualTo("from-env");
        assertThatThrownBy(() -> MySqlOptions.parse(yaml("url: jdbc:mariadb://db/x\npassword_env: NOPE\n"), env::get))
                .hasMessageContaining("NOPE, which is not set");
        assertThatThrownBy(() -> MySqlOptions.parse(yaml("url: jdbc:mariadb://db/x\npassword_file: " + dir.resolve("missing") + "\n")))
                .hasMessageContaining("cannot read password_file");
    }

    @Test
    void neverShowsThePassword() throws Exception {
        MySqlOptions o = MySqlOptions.parse(yaml("url: 'jdbc:mariadb://db/x?user=u&password=hunter2&sslMode=trust'\npassword: s3cret\n"));
        assertThat(o.toString()).doesNotContain("s3cret").doesNotContain("hunter2").contains("password=***");
        assertThat(MySqlOptions.redact("jdbc:mysql://db/x?password=hunter2")).isEqualTo("jdbc:mysql://db/x?password=***");
        assertThat(MySqlOptions.redact("jdbc:mariadb://db/x?sslMode=trust&Password=a&b=c"))
                .isEqualTo("jdbc:mariadb://db/x?sslMode=trust&Password=***&b=c");
        assertThatThrownBy(() -> MySqlOptions.parse(yaml("url: 'jdbc:x://db?password=hunter2'\n")))
                .message().doesNotContain("hunter2");
    }
}
