package io.dynoj.memcached.datastore;

import io.dynoj.memcached.protocol.ReplyShape;

/**
 * What {@link MemcachedReplyDecoder} must know of the requests still waiting for their replies on its
 * connection, oldest first: a memcached reply can only be framed knowing the request it answers.
 */
interface ExpectedReplies {

    /**
     * The reply shape of the {@code index}-th oldest request still waiting ({@code 0} is the head), or
     * {@code null} if fewer than {@code index + 1} requests wait.
     */
    ReplyShape shape(int index);

    /**
     * Whether that request is a quiet meta command sent with a trailing {@code mn}: its reply, if the
     * server sends one at all, is followed by {@code MN\r\n}, and {@code MN\r\n} alone means the server
     * suppressed the answer.
     */
    boolean quiet(int index);
}
