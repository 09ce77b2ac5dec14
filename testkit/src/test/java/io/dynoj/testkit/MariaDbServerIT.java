package io.dynoj.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

class MariaDbServerIT {

    @Test
    void logsInWithAPasswordAndKeepsDataAcrossARestart() throws SQLException {
        Path dataDir;
        try (MariaDbServer db = MariaDbServer.start()) {
            dataDir = db.dataDir();
            assertTrue(db.jdbcUrl().endsWith("127.0.0.1:" + db.port() + "/dynoj"), db.jdbcUrl());
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (k INT PRIMARY KEY, v VARCHAR(10))");
                s.execute("INSERT INTO t VALUES (1, 'one')");
            }
            assertThrows(SQLException.class,
                    () -> DriverManager.getConnection(db.jdbcUrl(), db.user(), "wrong").close(),
                    "a wrong password must be refused: the server must not run with --skip-grant-tables");

            db.stop();
            assertFalse(db.isRunning());
            assertThrows(SQLException.class,
                    () -> DriverManager.getConnection(db.jdbcUrl() + "?connectTimeout=500", db.user(), db.password()));

            db.restart();
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT v FROM t WHERE k = 1")) {
                assertTrue(rs.next());
                assertEquals("one", rs.getString(1));
            }
        }
        assertFalse(Files.exists(dataDir), "close() deletes the data directory");
    }

    @Test
    void crashKeepsCommittedDataAndFreezeStopsAnswers() throws SQLException {
        try (MariaDbServer db = MariaDbServer.start()) {
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (k INT PRIMARY KEY) ENGINE=InnoDB");
                s.execute("INSERT INTO t VALUES (7)");
            }
            db.crash();
            assertFalse(db.isRunning());
            db.restart();
            try (Connection c = DriverManager.getConnection(db.jdbcUrl() + "?socketTimeout=500", db.user(), db.password());
                 Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT k FROM t")) {
                    assertTrue(rs.next());
                    assertEquals(7, rs.getInt(1));
                }
                db.freeze();
                try {
                    assertThrows(SQLException.class, () -> s.executeQuery("SELECT 1").close(), "a frozen server does not answer");
                } finally {
                    db.thaw();
                }
            }
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                 Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
                assertTrue(rs.next(), "answers again once thawed");
            }
        }
    }

    @Test
    void refusesAPortThatIsTaken() {
        try (MariaDbServer first = MariaDbServer.start()) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> MariaDbServer.start(first.port()));
            assertTrue(e.getMessage().contains("already in use"), e.getMessage());
        }
    }
}
