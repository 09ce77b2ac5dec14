package io.dynoj.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real MariaDB server ({@code mariadbd}) on a loopback port, with a fresh data directory in a temporary
 * directory that {@link #close()} deletes; {@link #restart()} keeps the data, and after a {@link #crash()} runs
 * InnoDB's crash recovery on it.
 *
 * <p>The data directory is made by {@code mariadb-install-db}; every start runs an init file that creates the
 * database {@value #DATABASE} and the user {@value #USER} (password {@link #password()}) with every privilege on
 * it, so tests log in over TCP with a real password, as a node would. {@code root} can only log in over the
 * Unix socket ({@link #socket()}), as the OS root user.
 *
 * <pre>{@code
 * try (MariaDbServer db = MariaDbServer.start();
 *      Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
 *     ...
 * }
 * }</pre>
 */
public final class MariaDbServer extends ServerProcess {

    /** The database the init file creates. */
    public static final String DATABASE = "dynoj";
    /** The user the init file creates, allowed from any host, with all privileges on {@value #DATABASE}. */
    public static final String USER = "dynoj";

    private static final String PASSWORD = "dynoj-test-pw";
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(2);
    /** Small InnoDB files: a test server starts in well under a second and leaves little on disk. */
    private static final List<String> SIZING = List.of(
            "--innodb-buffer-pool-size=64M", "--innodb-log-file-size=32M", "--max-connections=200");

    private final Path server;
    private final Path baseDir;
    private final Path dataDir;
    private final Path socket;
    private final Path initFile;

    private MariaDbServer(int port) {
        super("mariadbd", port);
        this.server = Binaries.require("mariadbd", "mariadb-server");
        Path installer = Binaries.require("mariadb-install-db", "mariadb-server");
        try {
            this.baseDir = TempDirectories.create("dynoj-mariadb-" + port + "-");
            this.dataDir = baseDir.resolve("data");
            this.socket = baseDir.resolve("mysqld.sock");
            this.initFile = baseDir.resolve("init.sql");
            Files.writeString(initFile, "CREATE DATABASE IF NOT EXISTS " + DATABASE + ";\n"
                    + "CREATE USER IF NOT EXISTS '" + USER + "'@'%' IDENTIFIED BY '" + PASSWORD + "';\n"
                    + "GRANT ALL PRIVILEGES ON " + DATABASE + ".* TO '" + USER + "'@'%';\n");
            install(installer);
        } catch (IOException e) {
            deleteQuietly();
            throw new UncheckedIOException("cannot prepare a MariaDB data directory", e);
        } catch (RuntimeException e) {
            deleteQuietly();
            throw e;
        }
    }

    /**
     * Creates a data directory and starts a server on a {@linkplain FreePorts#next() free port}; returns once it
     * accepts logins.
     *
     * @return the running server
     * @throws IllegalStateException if it cannot be started, or {@code mariadbd} is missing under CI
     */
    public static MariaDbServer start() {
        return start(FreePorts.next());
    }

    /**
     * As {@link #start()}, on the given loopback port.
     *
     * @param port the port to listen on
     * @return the running server
     */
    public static MariaDbServer start(int port) {
        return launched(new MariaDbServer(port));
    }

    /** @return {@code jdbc:mariadb://127.0.0.1:<port>/dynoj} */
    public String jdbcUrl() {
        return "jdbc:mariadb://" + address() + "/" + DATABASE;
    }

    /** @return the same database with MySQL Connector/J's scheme, {@code jdbc:mysql://127.0.0.1:<port>/dynoj} */
    public String mysqlJdbcUrl() {
        return "jdbc:mysql://" + address() + "/" + DATABASE;
    }

    /** @return {@value #USER} */
    public String user() {
        return USER;
    }

    /** @return the password of {@link #user()} */
    public String password() {
        return PASSWORD;
    }

    /** @return the server's Unix socket (where root logs in) */
    public Path socket() {
        return socket;
    }

    /** @return the data directory, kept across restarts */
    public Path dataDir() {
        return dataDir;
    }

    @Override
    protected List<String> command() {
        List<String> command = new ArrayList<>(List.of(server.toString(),
                "--no-defaults",
                "--datadir=" + dataDir,
                "--socket=" + socket,
                "--pid-file=" + baseDir.resolve("mariadbd.pid"),
                "--port=" + port(),
                "--bind-address=" + host(),
                "--skip-name-resolve",
                "--init-file=" + initFile));
        command.addAll(SIZING);
        // mariadbd refuses to run as root unless told which user to be; elsewhere --user would be an error.
        if (isRoot()) {
            command.add("--user=root");
        }
        return command;
    }

    @Override
    protected Duration startupTimeout() {
        return Duration.ofSeconds(30); // crash recovery after a kill can take a few seconds on a slow disk
    }

    /**
     * Reads the server's greeting. It sends one only once its accept loop runs, which is after the init file
     * has created the user; a greeting that is an error packet (0xFF: e.g. too many connections) is not ready.
     */
    @Override
    protected boolean isReady() throws IOException {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(host(), port()), 1000);
            probe.setSoTimeout(1000);
            InputStream in = probe.getInputStream();
            byte[] header = in.readNBytes(5); // 3-byte length, sequence id, first payload byte
            return header.length == 5 && header[4] == 0x0a; // protocol version 10: a handshake
        }
    }

    @Override
    protected void onClose() {
        deleteQuietly();
    }

    private void install(Path installer) throws IOException {
        List<String> command = new ArrayList<>(List.of(installer.toString(),
                "--no-defaults", "--datadir=" + dataDir, "--skip-test-db", "--auth-root-authentication-method=socket"));
        if (isRoot()) {
            command.add("--user=root");
        }
        Path installLog = baseDir.resolve("install.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(installLog.toFile()).start();
        ProcessReaper.register(process);
        try {
            if (!process.waitFor(INSTALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("mariadb-install-db did not finish within " + INSTALL_TIMEOUT);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("mariadb-install-db failed with code " + process.exitValue() + ":\n"
                        + Files.readString(installLog, StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running mariadb-install-db", e);
        } finally {
            ProcessReaper.unregister(process);
        }
    }

    private void deleteQuietly() {
        TempDirectories.deleteQuietly(baseDir);
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
