package io.dynoj.core.handoff;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * One thing a target node missed, as stored: a write's effect to replay ({@link Kind#WRITE}: its frame, the
 * peer mode it was sent with, whether it is idempotent) or a key to copy whole ({@link Kind#REPAIR}: a write
 * whose fate on the target is unknown and which must not be applied twice). Immutable.
 *
 * <p>On disk: {@code [int length][int crc32c][byte kind][byte flags][byte mode][long createdMillis][int keyLength]
 * [key][frame]}, length and crc over everything after the crc.
 */
public record Hint(Kind kind, boolean idempotent, byte mode, long createdMillis, byte[] key, byte[] frame) {

    public enum Kind { WRITE, REPAIR }

    static final int HEADER = 8;
    private static final int FIXED = 1 + 1 + 1 + 8 + 4;

    public static Hint write(byte mode, boolean idempotent, long createdMillis, byte[] key, byte[] frame) {
        return new Hint(Kind.WRITE, idempotent, mode, createdMillis, key, frame);
    }

    public static Hint repair(long createdMillis, byte[] key) {
        return new Hint(Kind.REPAIR, true, (byte) 0, createdMillis, key, new byte[0]);
    }

    /** Bytes this hint takes on disk. */
    int size() {
        return HEADER + FIXED + key.length + frame.length;
    }

    ByteBuffer encode() {
        ByteBuffer body = ByteBuffer.allocate(FIXED + key.length + frame.length);
        body.put((byte) kind.ordinal()).put((byte) (idempotent ? 1 : 0)).put(mode).putLong(createdMillis)
                .putInt(key.length).put(key).put(frame).flip();
        CRC32C crc = new CRC32C();
        crc.update(body.duplicate());
        ByteBuffer out = ByteBuffer.allocate(HEADER + body.remaining());
        out.putInt(body.remaining()).putInt((int) crc.getValue()).put(body).flip();
        return out;
    }

    /** The hint in {@code body} (everything after the header), or null when it does not match {@code crc}. */
    static Hint decode(ByteBuffer body, int crc) {
        CRC32C check = new CRC32C();
        check.update(body.duplicate());
        if ((int) check.getValue() != crc || body.remaining() < FIXED) {
            return null;
        }
        int kind = body.get();
        boolean idempotent = body.get() == 1;
        byte mode = body.get();
        long created = body.getLong();
        int keyLength = body.getInt();
        if (kind < 0 || kind > 1 || keyLength < 0 || keyLength > body.remaining()) {
            return null;
        }
        byte[] key = new byte[keyLength];
        body.get(key);
        byte[] frame = new byte[body.remaining()];
        body.get(frame);
        return new Hint(Kind.values()[kind], idempotent, mode, created, key, frame);
    }
}
