package io.dynoj.redis.engine;

/** The Redis types the engine stores; the code is the first byte of every stored value. */
public enum ValueType {
    STRING(1, "string"), LIST(2, "list"), HASH(3, "hash"), SET(4, "set"), ZSET(5, "zset");

    private final byte code;
    private final String typeName;

    ValueType(int code, String typeName) {
        this.code = (byte) code;
        this.typeName = typeName;
    }

    public byte code() {
        return code;
    }

    /** What {@code TYPE} answers. */
    public String typeName() {
        return typeName;
    }

    /** values() copies its array on every call; a stored value's type is read on every command. */
    private static final ValueType[] ALL = values();

    static ValueType of(byte code) {
        for (ValueType t : ALL) {
            if (t.code == code) {
                return t;
            }
        }
        throw new IllegalStateException("stored value has unknown type code " + code);
    }
}
