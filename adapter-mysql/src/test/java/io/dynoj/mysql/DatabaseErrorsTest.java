package io.dynoj.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class DatabaseErrorsTest {

    @Test
    void connectionFailuresAreUnavailable() {
        SQLException refused = new SQLNonTransientConnectionException(
                "Socket fail to connect to address=(host=127.0.0.1)(port=3306). Connection refused", "08000",
                new ConnectException("Connection refused"));
        SQLException poolTimeout = new SQLTransientConnectionException(
                "dynoj-mysql - Connection is not available, request timed out after 2001ms", "08001", refused);
        assertThat(DatabaseErrors.isConnectionFailure(poolTimeout)).isTrue();
        assertThat(DatabaseErrors.failure("get", poolTimeout))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessage("database unavailable: Socket fail to connect to address=(host=127.0.0.1)(port=3306). Connection refused");
        assertThat(DatabaseErrors.isConnectionFailure(new SQLException("Communications link failure", "08S01"))).isTrue();
    }

    @Test
    void statementErrorsAreTheDatabasesOwn() {
        SQLException dup = new SQLIntegrityConstraintViolationException("Duplicate entry\n'x' for key 'PRIMARY'", "23000");
        assertThat(DatabaseErrors.isConnectionFailure(dup)).isFalse();
        // MariaDB Connector/J's class for a trigger's SIGNAL: the SQLSTATE decides, not the class.
        assertThat(DatabaseErrors.isConnectionFailure(new SQLTransientConnectionException("poisoned key", "45000", 1644))).isFalse();
        assertThat(DatabaseErrors.failure("put", dup))
                .isNotInstanceOf(DatabaseUnavailableException.class)
                .hasMessage("database error in put: Duplicate entry 'x' for key 'PRIMARY'");
    }

    @Test
    void messagesAreOneShortLineWithoutPasswords() {
        String message = DatabaseErrors.describe(new SQLException("bad url jdbc:mariadb://h/x?password=hunter2 " + "x".repeat(500)));
        assertThat(message).doesNotContain("hunter2").doesNotContain("\n").hasSizeLessThanOrEqualTo(303);
    }
}
