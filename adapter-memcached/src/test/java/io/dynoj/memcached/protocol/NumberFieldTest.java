package io.dynoj.memcached.protocol;

import static io.dynoj.memcached.protocol.NumberField.INT32;
import static io.dynoj.memcached.protocol.NumberField.INVALID;
import static io.dynoj.memcached.protocol.NumberField.UINT32;
import static io.dynoj.memcached.protocol.NumberField.UINT64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The strict reading of command-line numbers: the edges of each field, and random text against a reference. */
class NumberFieldTest {

    private static boolean accepts(NumberField field, String text) {
        ByteBuf b = Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.ISO_8859_1));
        return field.accepts(b, 0, b.writerIndex());
    }

    private static long parse(NumberField field, String text) {
        ByteBuf b = Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.ISO_8859_1));
        return field.parse(b, 0, b.writerIndex());
    }

    @Test
    void emptyTextAndALoneSignAreNotNumbers() {
        for (NumberField field : NumberField.values()) {
            assertThat(accepts(field, "")).as("%s empty", field).isFalse();
            assertThat(accepts(field, "-")).as("%s -", field).isFalse();
            assertThat(accepts(field, "+")).as("%s +", field).isFalse();
        }
        assertThat(parse(INT32, "")).isEqualTo(INVALID);
    }

    @Test
    void onlySignedFieldsTakeAMinusAndNoneTakesAPlus() {
        assertThat(parse(INT32, "-1")).isEqualTo(-1);
        assertThat(parse(INT32, "-0")).isZero();
        assertThat(accepts(UINT32, "-1")).isFalse();
        assertThat(accepts(UINT32, "-0")).isFalse();
        assertThat(accepts(UINT64, "-1")).isFalse();
        for (NumberField field : NumberField.values()) {
            assertThat(accepts(field, "+1")).as("%s +1", field).isFalse();
            assertThat(accepts(field, "--1")).as("%s --1", field).isFalse();
            assertThat(accepts(field, "1-")).as("%s 1-", field).isFalse();
        }
    }

    @Test
    void int32EndsAtItsRange() {
        assertThat(parse(INT32, "2147483647")).isEqualTo(Integer.MAX_VALUE);
        assertThat(parse(INT32, "-2147483648")).isEqualTo(Integer.MIN_VALUE);
        assertThat(parse(INT32, "2147483648")).isEqualTo(INVALID);
        assertThat(parse(INT32, "-2147483649")).isEqualTo(INVALID);
        assertThat(parse(INT32, "4294967297")).as("no wrap-around, unlike memcached 1.6.18").isEqualTo(INVALID);
    }

    @Test
    void flagsEndAt2To32Minus1() {
        assertThat(parse(UINT32, "4294967295")).isEqualTo(0xFFFF_FFFFL);
        assertThat(parse(UINT32, "4294967296")).isEqualTo(INVALID);
        assertThat(parse(UINT32, "9999999999")).isEqualTo(INVALID);
        assertThat(parse(UINT32, "0")).isZero();
    }

    @Test
    void incrValuesAndCasEndAt2To64Minus1() {
        assertThat(accepts(UINT64, "18446744073709551615")).isTrue();
        assertThat(accepts(UINT64, "18446744073709551616")).isFalse();
        assertThat(accepts(UINT64, "18446744073709551620")).isFalse();
        assertThat(accepts(UINT64, "99999999999999999999")).isFalse();
        assertThat(accepts(UINT64, "100000000000000000000")).isFalse();
        // A signed long overflows here, a 64-bit unsigned number does not (the decoder before issue 11
        // refused these 19-digit values, yet took the 20-digit ones above them).
        assertThat(accepts(UINT64, "9223372036854775807")).isTrue();
        assertThat(accepts(UINT64, "9223372036854775808")).isTrue();
        assertThat(accepts(UINT64, "9999999999999999999")).isTrue();
        assertThatThrownBy(() -> parse(UINT64, "1")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void leadingZerosCountAsDigits() {
        assertThat(parse(INT32, "01")).isEqualTo(1);
        assertThat(parse(INT32, "0000000001")).as("10 digits").isEqualTo(1);
        assertThat(parse(INT32, "00000000001")).as("11 digits").isEqualTo(INVALID);
        assertThat(parse(INT32, "-0000000001")).isEqualTo(-1);
        assertThat(parse(UINT32, "0004294967295")).isEqualTo(INVALID);
        assertThat(accepts(UINT64, "00000000000000000001")).as("20 digits").isTrue();
        assertThat(accepts(UINT64, "000000000000000000001")).as("21 digits").isFalse();
    }

    @Test
    void spacesTabsAndOtherBytesAreNotPartOfANumber() {
        for (NumberField field : NumberField.values()) {
            for (String text : new String[] {" 1", "1 ", "1\t", "\t1", "1 2", "1x", "x", "0x10", "1e3", "1.0", "1\0",
                "\u00b9", "1\r", "1\n"}) {
                assertThat(accepts(field, text)).as("%s '%s'", field, text).isFalse();
            }
        }
    }

    @Test
    void readsOnlyTheRangeItIsGiven() {
        ByteBuf b = Unpooled.wrappedBuffer("set k 12 -7 x".getBytes(StandardCharsets.US_ASCII));
        assertThat(UINT32.parse(b, 6, 8)).isEqualTo(12);
        assertThat(INT32.parse(b, 9, 11)).isEqualTo(-7);
        assertThat(INT32.parse(b, 9, 9)).isEqualTo(INVALID);
        assertThat(UINT32.accepts(b, 6, 9)).isFalse();
    }

    /**
     * Random text (mostly digits, some signs and other bytes; often a field's bound with one byte
     * changed, added or removed) against the documented grammar read with BigInteger.
     */
    @Test
    void randomTextAgreesWithTheGrammar() {
        Random random = new Random(11);
        String alphabet = "0123456789000999-+ x";
        String[] bounds = {"2147483647", "-2147483648", "4294967295", "18446744073709551615", "9223372036854775808"};
        List<String> disagreements = new ArrayList<>();
        for (int round = 0; round < 50_000; round++) {
            StringBuilder text = new StringBuilder();
            if (random.nextInt(3) == 0) {
                text.append(bounds[random.nextInt(bounds.length)]);
                int at = random.nextInt(text.length() + 1);
                char c = alphabet.charAt(random.nextInt(random.nextInt(8) == 0 ? alphabet.length() : 10));
                switch (random.nextInt(3)) {
                    case 0 -> text.insert(at, c);
                    case 1 -> text.setCharAt(Math.min(at, text.length() - 1), c);
                    default -> text.deleteCharAt(Math.min(at, text.length() - 1));
                }
            } else {
                int length = random.nextInt(23);
                for (int i = 0; i < length; i++) {
                    text.append(alphabet.charAt(random.nextInt(random.nextInt(10) == 0 ? alphabet.length() : 16)));
                }
            }
            for (NumberField field : NumberField.values()) {
                BigInteger expected = reference(field, text.toString());
                boolean agrees = accepts(field, text.toString()) == (expected != null) && (field == UINT64
                        || parse(field, text.toString()) == (expected == null ? INVALID : expected.longValueExact()));
                if (!agrees) {
                    disagreements.add(field + " '" + text + "'");
                }
            }
        }
        assertThat(disagreements).isEmpty();
    }

    private static final Pattern SIGNED = Pattern.compile("-?[0-9]{1,10}");
    private static final Pattern UNSIGNED_32 = Pattern.compile("[0-9]{1,10}");
    private static final Pattern UNSIGNED_64 = Pattern.compile("[0-9]{1,20}");

    private static BigInteger reference(NumberField field, String text) {
        Pattern pattern = switch (field) {
            case INT32 -> SIGNED;
            case UINT32 -> UNSIGNED_32;
            case UINT64 -> UNSIGNED_64;
        };
        if (!pattern.matcher(text).matches()) {
            return null;
        }
        BigInteger value = new BigInteger(text);
        BigInteger min = field == INT32 ? BigInteger.valueOf(Integer.MIN_VALUE) : BigInteger.ZERO;
        BigInteger max = switch (field) {
            case INT32 -> BigInteger.valueOf(Integer.MAX_VALUE);
            case UINT32 -> BigInteger.valueOf(0xFFFF_FFFFL);
            case UINT64 -> BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
        };
        return value.compareTo(min) < 0 || value.compareTo(max) > 0 ? null : value;
    }
}
