package io.dynoj.redis.engine.rdb;

/**
 * A DUMP payload that cannot become a value: why, as {@link Kind}, so that RESTORE can answer with
 * Redis's own error text. Cheap: no stack trace (bad payloads are client input, not bugs).
 */
public final class RdbFormatException extends RuntimeException {

    /** What is wrong with the payload. */
    public enum Kind {
        /** Shorter than its footer, an RDB version newer than 10, or a CRC64 that does not match. */
        VERSION_OR_CHECKSUM,
        /** The value's bytes do not decode (truncated, corrupt, empty collection, duplicates). */
        BAD_FORMAT,
        /** A well-formed value of a type Dynoj does not keep (streams, module values). */
        UNSUPPORTED_TYPE
    }

    private final Kind kind;

    public RdbFormatException(Kind kind, String detail) {
        super(detail, null, false, false);
        this.kind = kind;
    }

    static RdbFormatException bad(String detail) {
        return new RdbFormatException(Kind.BAD_FORMAT, detail);
    }

    public Kind kind() {
        return kind;
    }
}
