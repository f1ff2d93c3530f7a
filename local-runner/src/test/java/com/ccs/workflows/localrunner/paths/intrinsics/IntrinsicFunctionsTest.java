package com.ccs.workflows.localrunner.paths.intrinsics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ccs.workflows.localrunner.errors.StatesErrors;
import com.ccs.workflows.localrunner.errors.StatesFailure;
import com.ccs.workflows.localrunner.json.Json;
import com.ccs.workflows.localrunner.paths.Bindings;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IntrinsicFunctionsTest {
    private final Bindings bindings = new Bindings(
            Json.parse("{\"arr\":[1,2,2,3],\"obj\":{\"Arg1\":1,\"Arg2\":[]},\"s\":\"a,b;;c\",\"f\":1.5}"),
            Json.object(),
            Map.<String, JsonNode>of()::get);

    private String eval(String text) {
        return Json.write(IntrinsicFunctions.evaluate(text, bindings));
    }

    @Test
    void formatsLikeAwsIncludingObjectsAndEscapedBraces() {
        assertThat(eval("States.Format('v={} o={}', $.f, $.obj)")).isEqualTo("\"v=1.5 o={Arg1=1, Arg2=[]}\"");
        assertThat(eval("States.Format('\\\\{literal\\\\} {}', 'x')")).isEqualTo("\"\\\\{literal\\\\} x\"");
        assertThat(eval("States.Format('\\{literal\\} {}', 'x')")).isEqualTo("\"{literal} x\"");
        assertThat(eval("States.Format('Hello\\nWorld')")).isEqualTo("\"Hello\\nWorld\"");
    }

    @Test
    void arraysAndJson() {
        assertThat(eval("States.Array(1, 'two', $.f, null)")).isEqualTo("[1,\"two\",1.5,null]");
        assertThat(eval("States.ArrayPartition($.arr, 3)")).isEqualTo("[[1,2,2],[3]]");
        assertThat(eval("States.ArrayContains($.arr, 3)")).isEqualTo("true");
        assertThat(eval("States.ArrayRange(0, 9, 3)")).isEqualTo("[0,3,6,9]");
        assertThat(eval("States.ArrayGetItem($.arr, 3)")).isEqualTo("3");
        assertThat(eval("States.ArrayLength($.arr)")).isEqualTo("4");
        assertThat(eval("States.ArrayUnique($.arr)")).isEqualTo("[1,2,3]");
        assertThat(eval("States.JsonToString($.obj)")).isEqualTo("\"{\\\"Arg1\\\":1,\\\"Arg2\\\":[]}\"");
        assertThat(eval("States.StringToJson('{\"a\": [1]}')")).isEqualTo("{\"a\":[1]}");
        assertThat(eval("States.JsonMerge($.obj, States.StringToJson('{\"Arg1\": 2}'), false)"))
                .isEqualTo("{\"Arg1\":2,\"Arg2\":[]}");
    }

    @Test
    void mathStringsHashesAndEncodings() {
        assertThat(eval("States.MathAdd($.f, -1)")).isEqualTo("1"); // each operand rounded half up: 2 + -1
        assertThat(eval("States.MathAdd(-1.5, 0)")).isEqualTo("-1");
        assertThat(eval("States.StringSplit($.s, ',;')")).isEqualTo("[\"a\",\"b\",\"c\"]");
        assertThat(eval("States.Base64Encode('Data to encode')")).isEqualTo("\"RGF0YSB0byBlbmNvZGU=\"");
        assertThat(eval("States.Base64Decode('RGF0YSB0byBlbmNvZGU=')")).isEqualTo("\"Data to encode\"");
        assertThat(eval("States.Hash('input data', 'SHA-256')"))
                .isEqualTo("\"b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3\"");
        assertThat(eval("States.UUID()")).matches("\"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}\"");
        int random =
                IntrinsicFunctions.evaluate("States.MathRandom(5, 7)", bindings).intValue();
        assertThat(random).isBetween(5, 6);
        assertThat(eval("States.MathRandom(0, 999, 3)")).isEqualTo(eval("States.MathRandom(0, 999, 3)"));
        // AWS takes non-integer bounds by their integer part.
        int truncated = IntrinsicFunctions.evaluate("States.MathRandom(12.5, 13.9)", bindings)
                .intValue();
        assertThat(truncated).isEqualTo(12);
    }

    @Test
    void nestedCallsEvaluateInsideOut() {
        assertThat(eval("States.ArrayGetItem(States.StringSplit('a-b-c', '-'), States.MathAdd(States.ArrayLength("
                        + "States.StringSplit('a-b-c', '-')), -1))"))
                .isEqualTo("\"c\"");
    }

    @Test
    void badArgumentsAreIntrinsicFailures() {
        for (String bad : new String[] {
            "States.ArrayGetItem($.arr, 9)",
            "States.ArrayPartition($.arr, 0)",
            "States.Hash('x', 'CRC32')",
            "States.Format('{} {}', 1)",
            "States.StringToJson('{nope')",
            "States.JsonMerge($.obj, $.obj, true)",
            "States.Nope()",
            "States.Format('unterminated"
        }) {
            assertThatThrownBy(() -> IntrinsicFunctions.evaluate(bad, bindings))
                    .as(bad)
                    .isInstanceOf(StatesFailure.class)
                    .satisfies(e -> assertThat(((StatesFailure) e).error()).isEqualTo(StatesErrors.INTRINSIC_FAILURE));
        }
    }
}
