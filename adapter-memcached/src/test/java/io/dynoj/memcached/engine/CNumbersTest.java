package io.dynoj.memcached.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** memcached's safe_strto* readings (glibc strtol/strtoull underneath). */
class CNumbersTest {

    private static Long ull(String s) {
        ByteBuf b = Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
        return CNumbers.strtoull(b, 0, b.writerIndex());
    }

    private static Integer l32(String s) {
        ByteBuf b = Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
        return CNumbers.strtol32(b, 0, b.writerIndex());
    }

    @Test
    void strtoull() {
        assertThat(ull("0")).isZero();
        assertThat(ull("18446744073709551615")).isEqualTo(-1L);
        assertThat(ull("18446744073709551616")).as("ERANGE").isNull();
        assertThat(ull(" \t+42")).isEqualTo(42L);
        assertThat(ull("42 ")).isEqualTo(42L);
        assertThat(ull("42\0x")).isEqualTo(42L);
        assertThat(ull("42x")).isNull();
        assertThat(ull("")).isNull();
        assertThat(ull("-")).isNull();
        assertThat(ull("-1")).isNull();
        assertThat(ull("-0")).isZero();
        assertThat(ull("-9223372036854775809")).as("negated, positive as signed: accepted")
                .isEqualTo(9223372036854775807L);
    }

    @Test
    void strtol32() {
        assertThat(l32("-1")).isEqualTo(-1);
        assertThat(l32("+5")).isEqualTo(5);
        assertThat(l32("4294967297")).as("low 32 bits").isEqualTo(1);
        assertThat(l32("9223372036854775807")).isEqualTo(-1);
        assertThat(l32("9223372036854775808")).as("ERANGE").isNull();
        assertThat(l32("-9223372036854775808")).isEqualTo(0);
        assertThat(l32("x")).isNull();
        assertThat(l32("5\t")).isEqualTo(5);
    }
}
