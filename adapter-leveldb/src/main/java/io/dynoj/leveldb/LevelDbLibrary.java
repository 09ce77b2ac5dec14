package io.dynoj.leveldb;

import java.util.function.Supplier;
import org.iq80.leveldb.DBFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LevelDB implementation a store opens with: native leveldbjni when its library loads, else the
 * pure-Java LevelDB (same {@code org.iq80.leveldb} API and the same file format, so a data directory
 * moves between them).
 *
 * @param factory opens databases
 * @param name for the log and {@code describe()}, e.g. {@code "native leveldbjni 1.8"}
 * @param isNative whether this is the JNI library
 */
public record LevelDbLibrary(DBFactory factory, String name, boolean isNative) {

    private static final Logger log = LoggerFactory.getLogger(LevelDbLibrary.class);

    /** The pure-Java LevelDB. */
    public static LevelDbLibrary java() {
        return new LevelDbLibrary(org.iq80.leveldb.impl.Iq80DBFactory.factory,
                "pure-Java LevelDB " + org.iq80.leveldb.impl.Iq80DBFactory.VERSION, false);
    }

    /** Chooses the library for {@code engine}; see {@link LevelDbOptions.Engine}. */
    public static LevelDbLibrary choose(LevelDbOptions.Engine engine) {
        return choose(engine, LevelDbLibrary::loadNative);
    }

    /**
     * As {@link #choose(LevelDbOptions.Engine)}, with the native loader given (tests make it fail).
     *
     * @throws IllegalStateException for engine {@code native} when the native library does not load
     */
    static LevelDbLibrary choose(LevelDbOptions.Engine engine, Supplier<LevelDbLibrary> nativeLoader) {
        if (engine == LevelDbOptions.Engine.JAVA) {
            return java();
        }
        try {
            return nativeLoader.get();
        } catch (LinkageError | RuntimeException e) {
            if (engine == LevelDbOptions.Engine.NATIVE) {
                throw new IllegalStateException("leveldb: engine native was asked for, but the native LevelDB "
                        + "library (leveldbjni) did not load: " + e, e);
            }
            LevelDbLibrary fallback = java();
            log.warn("native LevelDB library (leveldbjni) did not load ({}); using the {} (slower)", e.toString(),
                    fallback.name());
            return fallback;
        }
    }

    /**
     * Loads the JNI library now rather than at the first open: hawtjni extracts it from the jar to
     * {@code java.io.tmpdir} (or {@code -Dlibrary.leveldbjni.path}) and loads it in NativeDB's
     * static initialiser, which fails with an {@link UnsatisfiedLinkError} (first time) or a
     * {@link NoClassDefFoundError} (later) where it cannot.
     */
    private static LevelDbLibrary loadNative() {
        try {
            Class.forName("org.fusesource.leveldbjni.internal.NativeDB", true, LevelDbLibrary.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("leveldbjni is not on the class path", e);
        }
        return new LevelDbLibrary(org.fusesource.leveldbjni.JniDBFactory.factory,
                "native leveldbjni " + org.fusesource.leveldbjni.JniDBFactory.VERSION, true);
    }
}
