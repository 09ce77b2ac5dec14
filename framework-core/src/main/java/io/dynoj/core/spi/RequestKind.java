package io.dynoj.core.spi;

/** How the node treats a request: where it may be served and whether it changes data. */
public enum RequestKind {
    /** Reads data; served by one replica (or several, by read consistency). */
    READ,
    /** Changes data; goes to every replica. */
    WRITE,
    /** Concerns the whole datastore (INFO, DBSIZE, FLUSHALL...) rather than a key. */
    ADMIN,
    /** Answered by the node itself (PING, QUIT, protocol errors, unsupported commands...). */
    LOCAL
}
