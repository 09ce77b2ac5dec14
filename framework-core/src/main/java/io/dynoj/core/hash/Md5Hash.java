package io.dynoj.core.hash;

import io.netty.buffer.ByteBuf;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Dynomite's {@code hash_md5} (src/hashkit/dyn_md5.c): the first four bytes of the standard MD5
 * digest, read little-endian ({@code digest[3] << 24 | ... | digest[0]}).
 */
final class Md5Hash {

    /** MessageDigest is stateful and not thread-safe; one per thread avoids a provider lookup per key. */
    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(Md5Hash::newDigest);

    /** Chunk size for buffers that expose neither an array nor a single NIO buffer (composites). */
    private static final int CHUNK = 256;

    private Md5Hash() {
    }

    static int hash(ByteBuf buf, int index, int length) {
        MessageDigest md = MD5.get();
        md.reset();
        if (buf.hasArray()) {
            md.update(buf.array(), buf.arrayOffset() + index, length);
        } else if (buf.nioBufferCount() == 1) {
            md.update(buf.nioBuffer(index, length)); // a view, not a copy
        } else {
            byte[] chunk = new byte[Math.min(CHUNK, length)];
            for (int done = 0; done < length; ) {
                int n = Math.min(chunk.length, length - done);
                buf.getBytes(index + done, chunk, 0, n);
                md.update(chunk, 0, n);
                done += n;
            }
        }
        byte[] d = md.digest();
        return (d[3] & 0xff) << 24 | (d[2] & 0xff) << 16 | (d[1] & 0xff) << 8 | (d[0] & 0xff);
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform is required to provide MD5.
            throw new IllegalStateException("MD5 is not available", e);
        }
    }
}
