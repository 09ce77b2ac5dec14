package io.dynoj.core.handoff;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * One thing a target node missed, as stored: a write's effect to replay ({@link Kind#WRITE}: its frame, the
 * peer mode it was sent with, whether it is idempotent) or a key to copy whole ({@link Kind#REPAIR}: a write
 * whose fate on the target is unknown and which must not be applied twice). Immutable.
 *
 * <p>On disk: {@code [int length][int crc32c][byte kind][byte flags][byte mode][long createdMillis]
 * [long writeTime, when flag 2][int keyLength][key][frame]}, length and crc over everything after the crc; flag 1:
 * idempotent, flag 2: a write time follows (hints stored before write times existed have none and still read).
 *
 * @param writeTime the write's timestamp ({@code io.dynoj.core.time.HybridClock}), replayed with it so the
 *     target stores the timestamp the other replicas stored; 0 when it has none
 */
public record Hint(Kind kind, boolean idempotent, byte mode, long createdMillis, byte[] key, byte[] frame,
                   long writeTime) {

    public enum Kind { WRITE, REPAIR }

    static final int HEADER = 8;
    private static final int FIXED = 1 + 1 + 1 + 8 + 4;
    private static final int FLAG_IDEMPOTENT = 1;
    private static final int FLAG_WRITE_TIME = 2;

    /** A hint without a write time. */
    public Hint(Kind kind, boolean idempotent, byte mode, long createdMillis, byte[] key, byte[] frame) {
        this(kind, idempotent, mode, createdMillis, key, frame, 0);
    }

    public static Hint write(byte mode, boolean idempotent, long createdMillis, byte[] key, byte[] frame) {
        return new Hint(Kind.WRITE, idempotent, mode, createdMillis, key, frame, 0);
    }

    /** A write's effect with its timestamp ({@code writeTime}, 0: none). */
    public static Hint write(byte mode, boolean idempotent, long createdMillis, byte[] key, byte[] frame,
                             long writeTime) {
        return new Hint(Kind.WRITE, idempotent, mode, createdMillis, key, frame, writeTime);
    }

    public static Hint repair(long createdMillis, byte[] key) {
        return new Hint(Kind.REPAIR, true, (byte) 0, createdMillis, key, new byte[0]);
    }

    /** Bytes this hint takes on disk. */
    int size() {
        return HEADER + FIXED + (writeTime != 0 ? 8 : 0) + key.length + frame.length;
    }

    ByteBuffer encode() {
        ByteBuffer body = ByteBuffer.allocate(size() - HEADER);
        int flags = (idempotent ? FLAG_IDEMPOTENT : 0) | (writeTime != 0 ? FLAG_WRITE_TIME : 0);
        body.put((byte) kind.ordinal()).put((byte) flags).put(mode).putLong(createdMillis);
        if (writeTime != 0) {
            body.putLong(writeTime);
        }
        body.putInt(key.length).put(key).put(frame).flip();
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
        int flags = body.get();
        boolean idempotent = (flags & FLAG_IDEMPOTENT) != 0;
        byte mode = body.get();
        long created = body.getLong();
        long writeTime = 0;
        if ((flags & FLAG_WRITE_TIME) != 0) {
            if (body.remaining() < 12) {
                return null;
            }
            writeTime = body.getLong();
        }
        int keyLength = body.getInt();
        if (kind < 0 || kind > 1 || keyLength < 0 || keyLength > body.remaining()) {
            return null;
        }
        byte[] key = new byte[keyLength];
        body.get(key);
        byte[] frame = new byte[body.remaining()];
        body.get(frame);
        return new Hint(Kind.values()[kind], idempotent, mode, created, key, frame, writeTime);
    }
}
