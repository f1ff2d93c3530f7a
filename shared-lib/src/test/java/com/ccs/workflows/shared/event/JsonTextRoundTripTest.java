package com.ccs.workflows.shared.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** JsonText against a real JSON parser over every UTF-16 code unit and many reproducible mixed strings. */
class JsonTextRoundTripTest {
    private static final String TRICKY = "\"\\/\b\f\n\r\t\u0000\u001f\u007f\u2028\u2029{}[]:,";

    @Test
    void everySingleCodeUnitRoundTripsAndNoneIsLeftRawIfItIsAControl() {
        for (int c = 0; c <= 0xffff; c++) {
            String value = String.valueOf((char) c);
            String quoted = JsonText.quote(value);

            assertThat(parse(quoted)).as("U+%04X", c).isEqualTo(value);
            assertThat(quoted.chars()).as("U+%04X", c).noneMatch(ch -> ch < 0x20 || ch == 0x7f);
        }
    }

    @Test
    void mixedStringsRoundTripAndSurviveUtf8Encoding() {
        Random random = new Random(20_261_125L); // fixed seed: a failure reproduces
        for (int i = 0; i < 2_000; i++) {
            String value = randomString(random);
            String quoted = JsonText.quote(value);

            assertThat(parse(quoted)).isEqualTo(value);
            // Unpaired surrogates are escaped, so the encoded command is exactly what was built.
            assertThat(new String(quoted.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                    .isEqualTo(quoted);
        }
    }

    private static Object parse(String quoted) {
        try {
            return new ObjectMapper()
                    .readValue("{\"v\":" + quoted + "}", Map.class)
                    .get("v");
        } catch (java.io.IOException e) {
            throw new AssertionError(quoted, e);
        }
    }

    private static String randomString(Random random) {
        StringBuilder value = new StringBuilder();
        int length = random.nextInt(24);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(5)) {
                case 0 -> value.append(TRICKY.charAt(random.nextInt(TRICKY.length())));
                case 1 -> value.append((char) (0x20 + random.nextInt(0x5f)));
                case 2 -> value.appendCodePoint(0x1f300 + random.nextInt(0x300)); // surrogate pair
                case 3 -> value.append((char) (0xd800 + random.nextInt(0x800))); // lone surrogate
                default -> value.append((char) random.nextInt(0x10000));
            }
        }
        return value.toString();
    }
}
