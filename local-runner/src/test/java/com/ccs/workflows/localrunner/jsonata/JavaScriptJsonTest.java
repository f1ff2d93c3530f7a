package com.ccs.workflows.localrunner.jsonata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dashjoin.jsonata.Jsonata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** $string as the JavaScript reference writes it; JsonataReferenceTest compares the same with Node.js when present. */
class JavaScriptJsonTest {

    @ParameterizedTest
    @CsvSource({
        "1e20, 100000000000000000000",
        "-1.5e20, -150000000000000000000",
        "1e21, 1e+21",
        "1e-7, 1e-7",
        "0.000001, 0.000001",
        "4.9e-324, 5e-324",
        "1.7976931348623157e308, 1.7976931348623157e+308",
        "-0.0, 0",
        "0.30000000000000004, 0.3",
        "123456789012.345678, 123456789012.346",
        "12345678.9, 12345678.9",
        "2.5e-8, 2.5e-8"
    })
    void numbersAreWrittenAsJavaScriptWritesThem(double value, String expected) {
        assertThat(JavaScriptJson.string(value, false)).isEqualTo(expected);
    }

    @Test
    void wholeNumbersTheEngineHoldsExactlyStayExact() {
        assertThat(JavaScriptJson.string(12345678901234567L, false)).isEqualTo("12345678901234567");
    }

    @Test
    void anyDoubleIsWrittenInDigitsThatReadBackAsItself() {
        SplittableRandom random = new SplittableRandom(20261207);
        for (int i = 0; i < 20_000; i++) {
            double d = Double.longBitsToDouble(random.nextLong());
            if (!Double.isFinite(d)) {
                continue;
            }
            String text = JavaScriptJson.javaScript(d);
            assertThat(Double.parseDouble(text)).as(text).isEqualTo(d == 0 ? 0.0 : d);
            assertThat(text)
                    .as("no exponent from 1e-6 up to 1e21")
                    .matches(Math.abs(d) >= 1e-6 && Math.abs(d) < 1e21 ? "-?[0-9]+(\\.[0-9]+)?" : ".*e[-+][0-9]+");
        }
    }

    @Test
    void structuresAreWrittenAsJsonStringifyWritesThem() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("a\"b", "line\nbreak\u0001\ud800");
        value.put("gone", null); // undefined: left out
        value.put("none", Jsonata.NULL_VALUE);
        value.put("empty", new LinkedHashMap<>());
        List<Object> list = new ArrayList<>(List.of(1e20, true));
        list.add(null);
        value.put("list", list);

        assertThat(JavaScriptJson.string(value, false))
                .isEqualTo("{\"a\\\"b\":\"line\\nbreak\\u0001\\ud800\",\"none\":null,\"empty\":{},"
                        + "\"list\":[100000000000000000000,true,null]}");
        assertThat(JavaScriptJson.string(value, true))
                .isEqualTo("{\n  \"a\\\"b\": \"line\\nbreak\\u0001\\ud800\",\n  \"none\": null,\n  \"empty\": {},\n"
                        + "  \"list\": [\n    100000000000000000000,\n    true,\n    null\n  ]\n}");
    }

    @Test
    void stringsUndefinedAndFunctionsAreNotQuoted() {
        assertThat(JavaScriptJson.string("as is", true)).isEqualTo("as is");
        assertThat(JavaScriptJson.string(null, false)).isNull();
        assertThat(JavaScriptJson.string(java.util.regex.Pattern.compile("x"), false))
                .isEmpty();
    }

    @Test
    void infinityIsRefusedAsTheReferenceRefusesIt() {
        assertThatThrownBy(() -> JavaScriptJson.string(Double.POSITIVE_INFINITY, false))
                .isInstanceOf(JsonataFunctionError.class)
                .hasMessage("Attempting to invoke string function on Infinity or NaN")
                .satisfies(e -> assertThat(((JsonataFunctionError) e).code()).isEqualTo("D3001"));
    }
}
