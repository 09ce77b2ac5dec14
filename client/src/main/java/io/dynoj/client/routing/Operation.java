package io.dynoj.client.routing;

/**
 * One command as routing sees it.
 *
 * @param command the command's name, upper case ({@code GET})
 * @param write   whether it writes (Redis flags it {@code write}, or it is a script that may write)
 * @param token   the token of its key(s), or {@link #NO_TOKEN} when it has no key or its keys belong to
 *                different nodes (then any node of the local rack serves it: the node splits it)
 */
public record Operation(String command, boolean write, long token) {

    public static final long NO_TOKEN = -1;

    public boolean hasToken() {
        return token != NO_TOKEN;
    }
}
