package io.dynoj.memcached.protocol;

import io.dynoj.core.spi.RequestKind;

/**
 * What one command line is, as {@link RequestLineParser} read it: a request (the command, its kind,
 * its keys, and the data block a storage command announces) or the answer to a line the node
 * refuses. One per decoder, filled anew for each line; the framer reads it again once a data block
 * has arrived. Not thread-safe.
 */
final class ParsedLine {

    /** What the framer does with the line. */
    enum Outcome {
        /** A request of this line alone. */
        REQUEST,
        /** A storage request: {@link #dataLength()} bytes and CRLF follow the line. */
        DATA_FOLLOWS,
        /** Answered {@link #answer()}; what follows the line is the next line. */
        REFUSED,
        /** Answered {@link #answer()}, and the announced data block is dropped unread, as memcached does. */
        REFUSED_WITH_DATA,
        /** Answered {@link #answer()}; then the connection closes. */
        CLOSE
    }

    /** The node answers nothing (and, with CLOSE, closes). */
    static final String SILENT = "";

    private static final int[] NO_KEYS = new int[0];

    private MemcachedCommand command;
    private RequestKind kind;
    private int[] keys = NO_KEYS;
    private boolean noreply;
    private boolean quiet;
    private String answer;
    private long dataLength;

    void clear() {
        command = null;
        kind = null;
        keys = NO_KEYS;
        noreply = false;
        quiet = false;
        answer = null;
        dataLength = 0;
    }

    /** A request of the line alone, without keys. */
    Outcome request(MemcachedCommand found, RequestKind foundKind) {
        return request(found, foundKind, NO_KEYS);
    }

    /** A request of the line alone; {@code foundKeys} as {@link #keys()}. */
    Outcome request(MemcachedCommand found, RequestKind foundKind, int[] foundKeys) {
        command = found;
        kind = foundKind;
        keys = foundKeys;
        return Outcome.REQUEST;
    }

    /** A storage request of one key, whose data block of {@code bytes} follows. */
    Outcome dataFollows(MemcachedCommand storage, int[] key, long bytes) {
        request(storage, storage.kind(), key);
        dataLength = bytes;
        return Outcome.DATA_FOLLOWS;
    }

    Outcome refuse(String line) {
        answer = line;
        return Outcome.REFUSED;
    }

    /** A classic command's refusal: silent when it carried noreply. */
    Outcome refuseUnlessNoreply(String line) {
        return refuse(noreply ? SILENT : line);
    }

    /** Refused after reading the line's {@code <datalen>}: the line and its data block are dropped. */
    Outcome refuseWithData(String line, long bytes) {
        answer = line;
        dataLength = bytes;
        return Outcome.REFUSED_WITH_DATA;
    }

    Outcome close(String line) {
        answer = line;
        return Outcome.CLOSE;
    }

    void noreply(boolean given) {
        noreply = given;
    }

    void quiet(boolean given) {
        quiet = given;
    }

    /** The command found (REQUEST, DATA_FOLLOWS). */
    MemcachedCommand command() {
        return command;
    }

    RequestKind kind() {
        return kind;
    }

    /** The keys' (offset, length) pairs, relative to the line's start, which is the frame's. */
    int[] keys() {
        return keys;
    }

    /** The classic noreply token was given: the client reads no answer, not even to a refusal. */
    boolean noreply() {
        return noreply;
    }

    /** A meta command with the q flag. */
    boolean quiet() {
        return quiet;
    }

    /** The line to answer (REFUSED, REFUSED_WITH_DATA, CLOSE); {@link #SILENT} for none. */
    String answer() {
        return answer;
    }

    /** The announced data block's length, without its CRLF (DATA_FOLLOWS, REFUSED_WITH_DATA). */
    long dataLength() {
        return dataLength;
    }
}
