package io.dynoj.leveldb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Which LevelDB library a store gets; the real failure to load is in LevelDbFallbackIT. */
class LevelDbLibraryTest {

    private static final Supplier<LevelDbLibrary> NO_NATIVE = () -> {
        throw new UnsatisfiedLinkError("Could not load library. Reasons: [no leveldbjni64-1.8 in java.library.path]");
    };

    @Test
    void autoUsesTheNativeLibraryWhereItLoads() {
        LevelDbLibrary library = LevelDbLibrary.choose(LevelDbOptions.Engine.AUTO);
        assertThat(library.isNative()).isTrue();
        assertThat(library.name()).isEqualTo("native leveldbjni 1.8");
    }

    @Test
    void autoFallsBackToPureJavaWhenTheNativeLibraryDoesNotLoad() {
        LevelDbLibrary library = LevelDbLibrary.choose(LevelDbOptions.Engine.AUTO, NO_NATIVE);
        assertThat(library.isNative()).isFalse();
        assertThat(library.name()).isEqualTo("pure-Java LevelDB 1.2");
    }

    @Test
    void javaIsUsedWhenAskedFor() {
        assertThat(LevelDbLibrary.choose(LevelDbOptions.Engine.JAVA).isNative()).isFalse();
    }

    @Test
    void nativeWhenAskedForFailsWithTheReasonWhenItDoesNotLoad() {
        assertThatThrownBy(() -> LevelDbLibrary.choose(LevelDbOptions.Engine.NATIVE, NO_NATIVE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("engine native was asked for")
                .hasMessageContaining("no leveldbjni64-1.8 in java.library.path");
    }
}
