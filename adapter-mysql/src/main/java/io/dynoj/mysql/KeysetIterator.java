package io.dynoj.mysql;

import io.dynoj.core.storage.StoreIterator;
import java.util.List;

/**
 * A scan read page by page with keyset pagination: the first page from the lower bound, each next
 * page after the last key seen ({@code WHERE k > ? ... ORDER BY k LIMIT n}), so every page is one
 * range read of the primary key however far the scan has gone (no OFFSET), and a page is fetched
 * only when the previous one is used up. Not thread-safe, like every {@link StoreIterator}.
 */
final class KeysetIterator implements StoreIterator {

    private final Pages.Reader reader;
    private final byte[] from;
    private final byte[] to;
    private final int pageSize;
    private List<Pages.Row> page = List.of();
    private int index = -1;
    private byte[] lastKey;
    private boolean exhausted;
    private boolean closed;

    KeysetIterator(Pages.Reader reader, byte[] from, byte[] to, int pageSize) {
        this.reader = reader;
        // Copies: the SPI lets the caller reuse its arrays once scan() returns, and pages are read later.
        this.from = from == null ? null : from.clone();
        this.to = to == null ? null : to.clone();
        this.pageSize = pageSize;
    }

    @Override
    public boolean next() {
        if (closed) {
            return false;
        }
        if (index + 1 < page.size()) {
            index++;
            return true;
        }
        if (exhausted) {
            return false;
        }
        page = lastKey == null ? reader.read(from, true, to, pageSize) : reader.read(lastKey, false, to, pageSize);
        index = page.isEmpty() ? -1 : 0;
        // A short page is the last one: saves the round trip that would return nothing.
        exhausted = page.size() < pageSize;
        if (page.isEmpty()) {
            return false;
        }
        lastKey = page.get(page.size() - 1).key();
        return true;
    }

    @Override
    public byte[] key() {
        return current().key().clone();
    }

    @Override
    public byte[] value() {
        return current().value().clone();
    }

    private Pages.Row current() {
        if (index < 0 || closed) {
            throw new IllegalStateException("no current entry: call next() first");
        }
        return page.get(index);
    }

    @Override
    public void close() {
        closed = true;
        page = List.of();
    }
}
