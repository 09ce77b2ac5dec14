package io.dynoj.redis.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refuses the scripts that replicas would run differently. A proxy cannot see what a script changed,
 * so Dynoj replicates EVAL, EVALSHA and FCALL by running them on every replica (Redis 7 replicates a
 * script's effects instead, which is why it allows anything in a script): a script that calls a command
 * whose result each server chooses (the command table's {@code nondeterministic_output} tip: SPOP,
 * SRANDMEMBER, RANDOMKEY, TIME, TTL, SCAN...; XREADGROUP, which records the clock; XADD with a {@code *}
 * ID; approximate {@code ~} trimming) or Lua's {@code math.random} would leave the racks different.
 * Such calls are found in an EVAL script, a SCRIPT LOAD body or a FUNCTION LOAD library from the literal
 * command name of {@code redis.call('name', ...)} / {@code redis.pcall("name", ...)} (any case, comments
 * skipped); a name the script computes, or an ID it passes in ARGV, cannot be seen and is the script's
 * author's to keep deterministic. EVAL_RO and the other read-only forms write nothing and are not
 * checked; FUNCTION RESTORE's payload is a serialized (possibly compressed) library and is not read.
 *
 * <p>Applied to every client request, on a single node too: a loaded script outlives the topology
 * it was loaded in (a node that gains racks keeps its scripts), and a script accepted on a test node
 * must not fail once the application runs on a cluster. Stateless, thread-safe.
 */
final class ScriptGuard {

    /** Commands whose arguments the guard reads, so the request keeps where they are. */
    static final Set<String> INSPECTED = Set.of("eval", "script", "function");

    private static final Pattern CALL = Pattern.compile("redis\\s*\\.\\s*p?call\\s*\\(\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern MATH_RANDOM = Pattern.compile("math\\s*\\.\\s*random\\s*\\(");
    private static final Pattern GENERATED_ID = Pattern.compile("\\*|[0-9]+-\\*");

    private ScriptGuard() {
    }

    /** {@code request}, or its refusal (releasing it) when it carries a script that is not deterministic. */
    static RedisRequest check(RedisRequest request) {
        if (!INSPECTED.contains(request.command())) {
            return request;
        }
        String body = body(request);
        String refusal = body == null ? null : refusal(body);
        if (refusal == null) {
            return request;
        }
        request.release();
        return RedisRequest.failed(refusal, false);
    }

    /** EVAL's script, SCRIPT LOAD's body, FUNCTION LOAD's library; null for anything else. */
    private static String body(RedisRequest r) {
        if (r.argc() < 3) {
            return null;
        }
        if (r.command().equals("eval")) {
            return r.arg(1).toString(StandardCharsets.ISO_8859_1);
        }
        if (r.argString(1).toLowerCase(Locale.ROOT).equals("load")) {
            return r.arg(r.command().equals("script") ? 2 : r.argc() - 1).toString(StandardCharsets.ISO_8859_1);
        }
        return null;
    }

    /** Why a script with this source must not be replicated, or null when nothing in it is seen to vary. */
    static String refusal(String source) {
        String code = LuaSource.withoutComments(source);
        if (MATH_RANDOM.matcher(code).find()) {
            return refused("it calls math.random");
        }
        Matcher call = CALL.matcher(code);
        while (call.find()) {
            LuaSource.Literal name = LuaSource.literalAt(code, call.end());
            if (name == null) {
                continue;
            }
            String command = name.value().toLowerCase(Locale.ROOT);
            String why = why(command, LuaSource.literalsOfCall(code, name.end()));
            if (why != null) {
                return refused(why);
            }
        }
        return null;
    }

    private static String why(String command, List<String> literals) {
        if (command.equals("xadd") || command.equals("xtrim")) {
            for (String literal : literals) {
                if (literal.equals("~")) {
                    return "it calls '" + command + "' with approximate (~) trimming";
                }
                if (command.equals("xadd") && GENERATED_ID.matcher(literal).matches()) {
                    return "it calls 'xadd' with the ID '" + literal + "', which each replica would generate";
                }
            }
            return null;
        }
        CommandSpec spec = CommandTable.standard().find(command);
        if (spec != null && (spec.nondeterministic() || spec.nondeterministicOutput())) {
            return "it calls '" + command + "', whose result each replica would choose for itself";
        }
        return null;
    }

    private static String refused(String why) {
        return "script refused: " + why + ". Dynoj replicates a script by running it on every replica, so it "
                + "must give the same result everywhere; use the command outside the script";
    }

    /** Just enough of Lua's lexical rules to skip comments and read string literals. */
    static final class LuaSource {

        /** A string literal's value and the index just after it. */
        record Literal(String value, int end) {
        }

        private LuaSource() {
        }

        /** {@code source} with its comments blanked out; strings kept as they are. */
        static String withoutComments(String source) {
            StringBuilder out = new StringBuilder(source.length());
            int i = 0;
            while (i < source.length()) {
                char c = source.charAt(i);
                Literal literal = literalAt(source, i);
                if (c == '-' && source.startsWith("-", i + 1)) {
                    int level = longBracket(source, i + 2);
                    int end = level >= 0 ? closeLongBracket(source, i + 2, level)
                            : indexOrEnd(source, source.indexOf('\n', i));
                    out.append(' ');
                    i = end;
                } else if (literal != null) {
                    out.append(source, i, literal.end());
                    i = literal.end();
                } else {
                    out.append(c);
                    i++;
                }
            }
            return out.toString();
        }

        /** The string literal starting at {@code i} ('...', "..." or [[...]]), or null. */
        static Literal literalAt(String s, int i) {
            if (i >= s.length()) {
                return null;
            }
            char q = s.charAt(i);
            if (q == '\'' || q == '"') {
                StringBuilder value = new StringBuilder();
                int j = i + 1;
                while (j < s.length() && s.charAt(j) != q) {
                    if (s.charAt(j) == '\\' && j + 1 < s.length()) {
                        j++;
                    }
                    value.append(s.charAt(j++));
                }
                return new Literal(value.toString(), Math.min(s.length(), j + 1));
            }
            int level = longBracket(s, i);
            if (level < 0) {
                return null;
            }
            int end = closeLongBracket(s, i, level);
            int from = i + level + 2;
            return new Literal(s.substring(Math.min(from, end), Math.max(from, end - level - 2)), end);
        }

        /** The literals among a call's arguments, from {@code from} to the parenthesis that closes the call. */
        static List<String> literalsOfCall(String code, int from) {
            List<String> literals = new ArrayList<>();
            int depth = 0;
            int i = from;
            while (i < code.length() && depth >= 0) {
                Literal literal = literalAt(code, i);
                if (literal != null) {
                    literals.add(literal.value());
                    i = literal.end();
                    continue;
                }
                char c = code.charAt(i++);
                if (c == '(' || c == '{' || c == '[') {
                    depth++;
                } else if (c == ')' || c == '}' || c == ']') {
                    depth--;
                }
            }
            return literals;
        }

        /** The level of a long bracket {@code [==[} opening at {@code i}, or -1. */
        private static int longBracket(String s, int i) {
            if (i >= s.length() || s.charAt(i) != '[') {
                return -1;
            }
            int j = i + 1;
            while (j < s.length() && s.charAt(j) == '=') {
                j++;
            }
            return j < s.length() && s.charAt(j) == '[' ? j - i - 1 : -1;
        }

        /** The index just after the long bracket of {@code level} that closes the one at {@code open}. */
        private static int closeLongBracket(String s, int open, int level) {
            String close = "]" + "=".repeat(level) + "]";
            int at = s.indexOf(close, open + level + 2);
            return at < 0 ? s.length() : at + close.length();
        }

        private static int indexOrEnd(String s, int index) {
            return index < 0 ? s.length() : index;
        }
    }
}
