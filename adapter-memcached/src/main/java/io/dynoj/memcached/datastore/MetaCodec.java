package io.dynoj.memcached.datastore;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Consumer;

/**
 * The meta commands range streaming sends to a memcached server, and its replies to them, for pipelined batches
 * on a blocking connection: {@code mg <key> v f t} (value, client flags, remaining TTL), {@code ms <key> <len>
 * F<flags> T<exptime>} and {@code md <key>}, and {@code stats} for the server's clock. A key with a byte that
 * the text protocol cannot carry (a space, a control character) goes in base64 with the {@code b} flag.
 * Stateless.
 */
final class MetaCodec {

    /** memcached's {@code KEY_MAX_LENGTH}. */
    static final int MAX_KEY = 250;
    /** Longest reply line read (a VA line is short; stats lines too). */
    static final int MAX_LINE = 8192;

    /**
     * One item as {@code mg v f t} answers it.
     *
     * @param ttl the remaining time to live in seconds as the server counts it, -1 for none
     */
    record Item(long flags, byte[] data, long ttl) {
    }

    private MetaCodec() {
    }

    /**
     * Whether memcached can hold {@code key} at all: a key token of 1 to 250 bytes, in base64 where it must be
     * (memcached checks the token's length; a longer one is refused before its data block is read).
     */
    static boolean storable(byte[] key) {
        int token = plain(key) ? key.length : (key.length + 2) / 3 * 4;
        return key.length > 0 && token <= MAX_KEY;
    }

    static void get(OutputStream out, byte[] key) throws IOException {
        out.write(ascii("mg "));
        out.write(token(key));
        out.write(ascii(base64Flag(key) + " v f t\r\n"));
    }

    /** {@code exptime}: absolute Unix seconds, 0 for none (memcached reads any value over 30 days as absolute). */
    static void set(OutputStream out, byte[] key, long flags, byte[] data, long exptime) throws IOException {
        out.write(ascii("ms "));
        out.write(token(key));
        out.write(ascii(" " + data.length + base64Flag(key) + " F" + flags + " T" + exptime + "\r\n"));
        out.write(data);
        out.write('\r');
        out.write('\n');
    }

    static void delete(OutputStream out, byte[] key) throws IOException {
        out.write(ascii("md "));
        out.write(token(key));
        out.write(ascii(base64Flag(key) + "\r\n"));
    }

    static void stats(OutputStream out) throws IOException {
        out.write(ascii("stats\r\n"));
    }

    /** The key as a command token: itself, or its base64 when the text protocol cannot carry it. */
    private static byte[] token(byte[] key) {
        return plain(key) ? key : Base64.getEncoder().encode(key);
    }

    /** The flag that says the key token is base64, or nothing. */
    private static String base64Flag(byte[] key) {
        return plain(key) ? "" : " b";
    }

    private static boolean plain(byte[] key) {
        for (byte b : key) {
            if ((b & 0xff) <= ' ' || b == 0x7f) {
                return false;
            }
        }
        return true;
    }

    /**
     * The reply to one {@code mg v f t}: the item, or {@code null} when the server does not hold the key
     * ({@code EN}) or refuses it ({@code CLIENT_ERROR}: a key it can never hold).
     *
     * @throws IOException for any other reply: the connection cannot be trusted after it
     */
    static Item readGet(InputStream in) throws IOException {
        String line = readLine(in);
        if (line.equals("EN") || line.startsWith("CLIENT_ERROR")) {
            return null;
        }
        String[] words = line.split(" ");
        if (!words[0].equals("VA") || words.length < 2) {
            throw new IOException("memcached answered mg with '" + line + "'");
        }
        long flags = 0;
        long ttl = -1;
        int length;
        try {
            length = Integer.parseInt(words[1]);
            for (int i = 2; i < words.length; i++) {
                if (words[i].startsWith("f")) {
                    flags = Long.parseLong(words[i].substring(1));
                } else if (words[i].startsWith("t")) {
                    ttl = Long.parseLong(words[i].substring(1));
                }
            }
        } catch (NumberFormatException e) {
            throw new IOException("memcached answered mg with '" + line + "'", e);
        }
        if (length < 0) {
            throw new IOException("memcached answered mg with '" + line + "'");
        }
        byte[] data = in.readNBytes(length);
        if (data.length != length || in.read() != '\r' || in.read() != '\n') {
            throw new IOException("memcached sent a truncated value");
        }
        return new Item(flags, data, ttl);
    }

    /** {@code lru_crawler metadump <what>}: {@code hash} (walk the hash table) or {@code all} (walk every LRU). */
    static void metadump(OutputStream out, String what) throws IOException {
        out.write(ascii("lru_crawler metadump " + what + "\r\n"));
    }

    /**
     * The reply to {@code lru_crawler metadump}: every item line to {@code lines} up to {@code END}, answering
     * {@code null}; or, when the crawler is busy with another crawl, its {@code BUSY ...} line, or when it does not
     * know what to walk (a memcached older than {@code metadump hash}), its {@code BADCLASS ...} line (nothing
     * follows either).
     *
     * @throws IOException for any other reply ({@code ERROR} when the crawler is disabled...)
     */
    static String readMetadump(InputStream in, Consumer<MetadumpLine> lines) throws IOException {
        String line = readLine(in);
        if (line.startsWith("BUSY") || line.startsWith("BADCLASS")) {
            return line;
        }
        for (; !line.equals("END"); line = readLine(in)) {
            MetadumpLine item = MetadumpLine.parse(line);
            if (item == null) {
                throw new IOException("memcached answered lru_crawler metadump with '" + line
                        + "' (is its LRU crawler enabled?)");
            }
            lines.accept(item);
        }
        return null;
    }

    /** The status line answering an {@code ms} or {@code md}: {@code HD}, {@code NS}, {@code NF} or an error line. */
    static String readStatus(InputStream in) throws IOException {
        return readLine(in);
    }

    /** The server's clock in Unix seconds, from the {@code STAT time} line of a {@code stats} reply (read to END). */
    static long readStatsTime(InputStream in) throws IOException {
        long time = -1;
        for (String line = readLine(in); !line.equals("END"); line = readLine(in)) {
            if (line.startsWith("STAT time ")) {
                try {
                    time = Long.parseLong(line.substring("STAT time ".length()));
                } catch (NumberFormatException e) {
                    throw new IOException("memcached sent '" + line + "'", e);
                }
            } else if (!line.startsWith("STAT ")) {
                throw new IOException("memcached answered stats with '" + line + "'");
            }
        }
        if (time < 0) {
            throw new IOException("memcached's stats have no time");
        }
        return time;
    }

    /** One line without its end (LF, or CRLF as most replies have; metadump's item lines end in LF alone). */
    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("connection closed by memcached");
            }
            if (line.size() == MAX_LINE) {
                throw new IOException("memcached sent a line longer than " + MAX_LINE + " bytes");
            }
            line.write(c);
        }
        int n = line.size();
        byte[] b = line.toByteArray();
        return new String(b, 0, n > 0 && b[n - 1] == '\r' ? n - 1 : n, StandardCharsets.ISO_8859_1);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
