package io.dynoj.mysql;

import io.dynoj.core.config.ConfigSection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The {@code mysql:} section of a node's configuration, checked. Unknown keys and bad values are
 * refused with an {@link IllegalArgumentException} naming them. The password is read here (from the
 * file or the environment variable when so configured) and is never part of {@link #toString()}.
 *
 * @param url JDBC URL: {@code jdbc:mariadb://...} (MariaDB Connector/J) or {@code jdbc:mysql://...} (MySQL Connector/J)
 * @param user database user, or null to leave it to the URL
 * @param password the password, or null
 * @param table the table holding the node's entries
 * @param poolSize most connections the node opens
 * @param batchMax most writes one group commit takes (one transaction, normally one round trip)
 * @param connectTimeoutMillis how long a call waits for a connection before it fails with "database unavailable"
 * @param queryTimeoutMillis how long one statement may go without an answer (the driver's socket timeout); 0 = no limit
 * @param scanPage rows fetched per page by a scan
 */
public record MySqlOptions(String url, String user, String password, String table, int poolSize, int batchMax,
                           int connectTimeoutMillis, int queryTimeoutMillis, int scanPage) {

    static final String SECTION = "mysql";
    static final List<String> KEYS = List.of("url", "user", "password", "password_file", "password_env", "table",
            "pool_size", "batch_max", "connect_timeout", "query_timeout", "scan_page");
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z0-9_$]{1,64}");
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password\\w*=)[^&;)]*");

    /** Reads options; environment variables come from {@link System#getenv(String)}. */
    public static MySqlOptions parse(ConfigSection section) {
        return parse(section, System::getenv);
    }

    /** As {@link #parse(ConfigSection)}, with {@code env} standing in for the environment (tests). */
    static MySqlOptions parse(ConfigSection section, UnaryOperator<String> env) {
        section.requireKnownKeys(KEYS);
        String url = section.text("url");
        if (url == null || !(url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:"))) {
            throw section.invalid("url", "must be a JDBC URL starting with jdbc:mariadb: or jdbc:mysql:, e.g."
                    + " jdbc:mariadb://127.0.0.1:3306/dynoj (got " + (url == null ? "none" : redact(url)) + ")");
        }
        String table = section.text("table", "dynoj_kv");
        if (!TABLE_NAME.matcher(table).matches()) {
            throw section.invalid("table", "must be 1 to 64 letters, digits, '_' or '$' (got '" + table + "')");
        }
        return new MySqlOptions(url, section.text("user"), password(section, env), table,
                section.integer("pool_size", 8, 1, 1000),
                section.integer("batch_max", 256, 1, 100_000),
                section.integer("connect_timeout", 2000, 250, 600_000),
                section.integer("query_timeout", 10_000, 0, 3_600_000),
                section.integer("scan_page", 256, 1, 100_000));
    }

    /** The URL with any password parameter masked, for the log and for messages. */
    static String redact(String url) {
        return URL_PASSWORD.matcher(url).replaceAll("$1***");
    }

    @Override
    public String toString() {
        return "MySqlOptions[url=" + redact(url) + ", user=" + user + ", password=" + (password == null ? "none" : "***")
                + ", table=" + table + ", poolSize=" + poolSize + ", batchMax=" + batchMax
                + ", connectTimeoutMillis=" + connectTimeoutMillis + ", queryTimeoutMillis=" + queryTimeoutMillis
                + ", scanPage=" + scanPage + "]";
    }

    private static String password(ConfigSection section, UnaryOperator<String> env) {
        List<String> given = new ArrayList<>();
        for (String key : List.of("password", "password_file", "password_env")) {
            if (section.has(key)) {
                given.add(key);
            }
        }
        if (given.size() > 1) {
            throw new IllegalArgumentException(SECTION + ": give only one of " + given);
        }
        if (section.has("password_file")) {
            Path file = Path.of(section.text("password_file"));
            try {
                // The first line: editors and `echo pw > file` add a newline that is not part of the password.
                String content = Files.readString(file, StandardCharsets.UTF_8);
                return content.lines().findFirst().orElse("");
            } catch (IOException e) {
                throw new IllegalArgumentException(SECTION + ": cannot read password_file " + file + ": " + e, e);
            }
        }
        if (section.has("password_env")) {
            String name = section.text("password_env");
            String value = env.apply(name);
            if (value == null) {
                throw new IllegalArgumentException(SECTION + ": password_env names " + name + ", which is not set");
            }
            return value;
        }
        return section.text("password");
    }
}
