package io.dynoj.mysql;

import io.dynoj.core.storage.StoreException;

/** The database could not be reached; the message starts with {@code "database unavailable: "}. */
final class DatabaseUnavailableException extends StoreException {

    DatabaseUnavailableException(String reason, Throwable cause) {
        super(DatabaseErrors.UNAVAILABLE + reason, cause);
    }

    /** The message without its {@code "database unavailable: "} prefix. */
    String reason() {
        return getMessage().substring(DatabaseErrors.UNAVAILABLE.length());
    }
}
