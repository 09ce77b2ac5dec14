package io.dynoj.memcached.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Makes two servers' replies comparable: cas values (which each server numbers its own way) become
 * {@code <cas>}, and TTLs shown by meta t flags are taken out to be compared within two seconds
 * ({@link Normalized#agreesWith}). Reads the reply's structure, so value bytes are left alone.
 * Also records the cas values a reply shows, per key, for the next commands' placeholders.
 */
final class ReplyNormalizer {

    /** The reply with cas values and TTLs replaced, and the TTLs in order. */
    record Normalized(String text, List<Long> ttls) {

        /**
         * Same text, and TTLs equal within two seconds (-1, never, only equal to -1): memcached's clock
         * ticks once a second, and it turns unix times into its own time with the wall clock but counts
         * its own time with the monotonic one.
         */
        boolean agreesWith(Normalized other) {
            if (!text.equals(other.text) || ttls.size() != other.ttls.size()) {
                return false;
            }
            for (int i = 0; i < ttls.size(); i++) {
                long a = ttls.get(i);
                long b = other.ttls.get(i);
                if ((a == -1) != (b == -1) || Math.abs(a - b) > 2) {
                    return false;
                }
            }
            return true;
        }
    }

    private ReplyNormalizer() {
    }

    /** {@code reply} normalised; the cas values it shows go into {@code lastCas} ({@code key}: a meta command's key). */
    static Normalized normalize(String reply, String key, Map<String, Long> lastCas) {
        StringBuilder out = new StringBuilder();
        List<Long> ttls = new ArrayList<>();
        int pos = 0;
        while (pos < reply.length()) {
            int end = reply.indexOf("\r\n", pos);
            if (end < 0) {
                out.append(reply, pos, reply.length());
                break;
            }
            String line = reply.substring(pos, end);
            pos = end + 2;
            String[] words = line.split(" ", -1);
            int dataLength = -1;
            if (words[0].equals("VALUE") && words.length >= 4) {
                if (words.length == 5) {
                    lastCas.put(words[1], Long.parseUnsignedLong(words[4]));
                    words[4] = "<cas>";
                }
                dataLength = Integer.parseInt(words[3]);
            } else if (isMetaCode(words[0])) {
                int first = 1;
                if (words[0].equals("VA")) {
                    dataLength = Integer.parseInt(words[1]);
                    first = 2;
                }
                for (int i = first; i < words.length; i++) {
                    String w = words[i];
                    if (w.matches("c[0-9]+")) {
                        long cas = Long.parseUnsignedLong(w.substring(1));
                        if (cas != 0) {
                            lastCas.put(key, cas);
                        }
                        words[i] = "c<cas>";
                    } else if (w.matches("t-?[0-9]+")) {
                        ttls.add(Long.parseLong(w.substring(1)));
                        words[i] = "t<ttl>";
                    }
                }
            }
            out.append(String.join(" ", words)).append("\r\n");
            if (dataLength >= 0) {
                int dataEnd = Math.min(reply.length(), pos + dataLength + 2);
                out.append(reply, pos, dataEnd);
                pos = dataEnd;
            }
        }
        return new Normalized(out.toString(), ttls);
    }

    private static boolean isMetaCode(String word) {
        return switch (word) {
            case "HD", "VA", "EN", "NS", "EX", "NF" -> true;
            default -> false;
        };
    }
}
