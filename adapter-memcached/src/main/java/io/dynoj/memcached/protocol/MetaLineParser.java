package io.dynoj.memcached.protocol;

import static io.dynoj.memcached.protocol.RequestLineParser.BAD_FORMAT;
import static io.dynoj.memcached.protocol.RequestLineParser.ERROR;
import static io.dynoj.memcached.protocol.RequestLineParser.KEY_MAX_LENGTH;

import io.dynoj.core.spi.RequestKind;
import io.dynoj.memcached.protocol.ParsedLine.Outcome;

/**
 * The lines of memcached's meta commands ({@code mg}, {@code ms}, {@code md}, {@code ma}, {@code me}), read as
 * memcached 1.6 reads them. Their flags are the datastore's to check (the set grows with memcached
 * versions): the node reads only {@code q} (some outcomes are not answered), takes an mg that may
 * change the item ({@code N}, {@code T}, {@code R}, {@code E}) for a write, and refuses the base64
 * key flag {@code b}: it shards by the key's bytes and could not tell that {@code Zm9v b} and
 * {@code foo} are one key. Meta refusals are answered even in quiet mode. Stateless.
 */
final class MetaLineParser {

    /** memcached's MFLAG_MAX_OPT_LENGTH: meta commands with more tokens are refused. */
    private static final int MAX_TOKENS = 20;

    private static final String TOO_LONG = "CLIENT_ERROR options flags too long";
    private static final String MG_TOO_LONG = "CLIENT_ERROR options flags are too long";
    private static final String BASE64 = "CLIENT_ERROR Dynoj does not support base64 keys (b flag)";

    private MetaLineParser() {
    }

    /** {@code mg|md|ma <key> <flags>*}. */
    static Outcome meta(MemcachedCommand meta, LineWords words, ParsedLine line) {
        int nt = words.ntokens();
        if (nt < 3) {
            return line.refuse(ERROR);
        }
        if (words.length(1) > KEY_MAX_LENGTH) {
            return line.refuse(BAD_FORMAT);
        }
        if (nt > MAX_TOKENS) {
            return line.refuse(meta == MemcachedCommand.MG ? MG_TOO_LONG : TOO_LONG);
        }
        boolean changes = false;
        for (int w = 2; w < words.count(); w++) {
            switch (words.first(w)) {
                case 'b' -> {
                    return line.refuse(BASE64);
                }
                case 'q' -> line.quiet(true);
                case 'N', 'T', 'R', 'E' -> changes = true;
                default -> { }
            }
        }
        RequestKind kind = meta == MemcachedCommand.MG && changes ? RequestKind.WRITE : meta.kind();
        return line.request(meta, kind, words.positions(1, 2));
    }

    /**
     * {@code me <key> <flags>*}: memcached reads only the key (and {@code b}); its answer is never quiet, and any
     * other word is ignored, as there.
     */
    static Outcome metaDebug(LineWords words, ParsedLine line) {
        if (words.ntokens() < 3) {
            return line.refuse(BAD_FORMAT);
        }
        if (words.length(1) > KEY_MAX_LENGTH) {
            return line.refuse(BAD_FORMAT);
        }
        if (words.ntokens() > MAX_TOKENS) {
            return line.refuse(TOO_LONG);
        }
        for (int w = 2; w < words.count(); w++) {
            if (words.first(w) == 'b') {
                return line.refuse(BASE64);
            }
        }
        return line.request(MemcachedCommand.ME, MemcachedCommand.ME.kind(), words.positions(1, 2));
    }

    /** {@code ms <key> <datalen> <flags>*} and its data block. */
    static Outcome metaSet(LineWords words, ParsedLine line) {
        int nt = words.ntokens();
        if (nt < 3) {
            return line.refuse(ERROR);
        }
        if (words.length(1) > KEY_MAX_LENGTH || nt == 3) {
            return line.refuse(BAD_FORMAT);
        }
        if (nt > MAX_TOKENS) {
            return line.refuse(TOO_LONG);
        }
        long bytes = words.number(2, NumberField.INT32);
        if (bytes < 0 || bytes > RequestLineParser.MAX_DATA) {
            return line.refuse(BAD_FORMAT);
        }
        for (int w = 3; w < words.count(); w++) {
            if (words.first(w) == 'b') {
                // memcached answers errors in the flags after reading <datalen>: it drops the data.
                return line.refuseWithData(BASE64, bytes);
            }
            if (words.first(w) == 'q') {
                line.quiet(true);
            }
        }
        return line.dataFollows(MemcachedCommand.MS, words.positions(1, 2), bytes);
    }
}
