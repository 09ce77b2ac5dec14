package io.dynoj.memcached.datastore;

import java.io.ByteArrayOutputStream;

/**
 * One item line of memcached's {@code lru_crawler metadump}: {@code key=<uri-encoded key> exp=<expiry> la=...
 * cas=... fetch=... cls=... size=...}, ended by LF alone (the closing {@code END} has CRLF). Only the key and
 * the expiry are read, by name, so fields memcached adds or reorders do not matter. Stateless.
 *
 * @param key the key's bytes, decoded from memcached's {@code %XX} form
 * @param exp the absolute expiry in Unix seconds, -1 for none (memcached's own convention in this line)
 */
record MetadumpLine(byte[] key, long exp) {

    /**
     * The line's key and expiry, or {@code null} for a line that is not an item line (no {@code key=} field).
     *
     * @throws IllegalArgumentException for an item line whose key is not properly encoded or expiry is no number
     */
    static MetadumpLine parse(String line) {
        byte[] key = null;
        long exp = -1;
        for (String field : line.split(" ")) {
            if (field.startsWith("key=")) {
                key = uriDecode(field.substring(4));
            } else if (field.startsWith("exp=")) {
                try {
                    exp = Long.parseLong(field.substring(4));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("metadump line with a malformed exp: " + line, e);
                }
            }
        }
        return key == null || key.length == 0 ? null : new MetadumpLine(key, exp);
    }

    /**
     * The bytes {@code encoded} stands for: memcached writes every byte outside {@code A-Za-z0-9-._~} as {@code %XX}
     * (so a {@code +} is {@code %2B}, never a space as in form encoding).
     */
    static byte[] uriDecode(String encoded) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                if (i + 2 >= encoded.length()) {
                    throw new IllegalArgumentException("truncated %-escape in metadump key " + encoded);
                }
                int hi = Character.digit(encoded.charAt(i + 1), 16);
                int lo = Character.digit(encoded.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("malformed %-escape in metadump key " + encoded);
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else if (c > 0x7f) {
                throw new IllegalArgumentException("non-ASCII character in metadump key " + encoded);
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }
}
