package io.dynoj.core.storage;

/** A store could not do what was asked (I/O error, database down); the client sees the message. */
public class StoreException extends RuntimeException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
