package com.ccs.workflows.localrunner.jsonata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ccs.workflows.localrunner.errors.RuntimeFailure;
import com.ccs.workflows.localrunner.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * $substring, $encodeUrl, $sum, $average, $match and $number give what AWS gives. Each expected value is what the JavaScript JSONata 2.x gives for
 * the same expression.
 */
class JavaScriptFunctionsTest {
    private final JsonataScope scope =
            new JsonataScope(Json.parse("{\"input\":{\"note\":\"Conductor José 🚚 en ruta\"}}"), Map.of());

    /** The result as JSON, or "undefined". */
    private String eval(String expression) {
        JsonNode result = JsonataEvaluator.evaluate("{% " + expression + " %}", scope, "Output");
        return result == null ? "undefined" : result.toString();
    }

    @Test
    void substringCountsAnEmojiAsOneCharacterAndNeverCutsIt() {
        assertThat(eval("$substring('😀abc', 1)")).isEqualTo("\"abc\"");
        assertThat(eval("$substring('😀abc', 1, 2)")).isEqualTo("\"ab\"");
        assertThat(eval("$substring('a😀bc', 1, 1)")).isEqualTo("\"😀\"");
        assertThat(eval("$substring('a😀bc', -2)")).isEqualTo("\"bc\"");
        assertThat(eval("$substring('a😀bc', -3, 2)")).isEqualTo("\"😀b\"");
        assertThat(eval("$substring($states.input.note, 15, 3)")).isEqualTo("\"🚚 e\"");
        assertThat(eval("['x😀y', 'ab'].$substring(1, 1)")).isEqualTo("[\"😀\",\"b\"]");
    }

    @Test
    void substringOutOfRangeOrFractionalAsInJavaScript() {
        assertThat(eval("$substring('a😀bc', 9)")).isEqualTo("\"\"");
        assertThat(eval("$substring('a😀bc', -9, 2)")).isEqualTo("\"a😀\"");
        assertThat(eval("$substring('a😀bc', 1, 0)")).isEqualTo("\"\"");
        assertThat(eval("$substring('abcd', 1.7, 1.6)")).isEqualTo("\"bc\"");
        assertThat(eval("$substring('abcd', -1.5, 1)")).isEqualTo("\"\"");
        assertThat(eval("$substring('abcd', -2.5)")).isEqualTo("\"cd\"");
        assertThat(eval("$substring($states.input.missing, 1)")).isEqualTo("undefined");
    }

    @Test
    void encodeUrlEncodesWhatEncodeUriEncodes() {
        assertThat(eval("$encodeUrl('https://maps.google.com/?q=4.6097,-74.0817 x')"))
                .isEqualTo("\"https://maps.google.com/?q=4.6097,-74.0817%20x\"");
        assertThat(eval("$encodeUrl('a b\"<>\\\\^`{|}%é🚚')"))
                .isEqualTo("\"a%20b%22%3C%3E%5C%5E%60%7B%7C%7D%25%C3%A9%F0%9F%9A%9A\"");
        assertThat(eval("$encodeUrl(\"-_.!~*'();/?:@&=+$,#AZaz09\")")).isEqualTo("\"-_.!~*'();/?:@&=+$,#AZaz09\"");
        assertThat(eval("$encodeUrl($states.input.missing)")).isEqualTo("undefined");
    }

    @Test
    void sumAndAverageAddLeftToRightAsJavaScriptDoes() {
        assertThat(eval("$sum([0.1, 0.2, 0.3])")).isEqualTo("0.6000000000000001");
        assertThat(eval("$average([0.1, 0.2, 0.3])")).isEqualTo("0.20000000000000004");
        assertThat(eval("$sum([1, 2])")).isEqualTo("3");
        assertThat(eval("$sum(5)")).isEqualTo("5");
        assertThat(eval("$sum([])")).isEqualTo("0");
        assertThat(eval("$average([])")).isEqualTo("undefined");
        assertThat(eval("$sum($states.input.missing)")).isEqualTo("undefined");
        assertThatThrownBy(() -> eval("$sum(['1'])")).isInstanceOf(RuntimeFailure.class);
    }

    @Test
    void matchStopsAtItsLimit() {
        String twoMatches = "$match('ab12cd345', /([a-z]+)([0-9]+)/";
        assertThat(eval(twoMatches + ", 1)")).isEqualTo("{\"match\":\"ab12\",\"index\":0,\"groups\":[\"ab\",\"12\"]}");
        assertThat(eval(twoMatches + ", 0)")).isEqualTo("undefined");
        assertThat(eval(twoMatches + ", 1.5).match")).isEqualTo("[\"ab12\",\"cd345\"]");
        assertThat(eval(twoMatches + ").index")).isEqualTo("[0,4]");
        assertThatThrownBy(() -> eval(twoMatches + ", -1)")).isInstanceOf(RuntimeFailure.class);
    }

    @Test
    void numberRefusesWhatTheReferenceRefuses() {
        assertThat(eval("$number('-12.50')")).isEqualTo("-12.5");
        assertThat(eval("$number('1e3')")).isEqualTo("1000");
        assertThat(eval("$number('0x1F') + $number('0o17') + $number('0b101')")).isEqualTo("51");
        assertThat(eval("$number(true)")).isEqualTo("1");
        assertThat(eval("$number($states.input.missing)")).isEqualTo("undefined");
        for (String refused : new String[] {"' 12 '", "'1.'", "'-.5'", "''", "'abc'", "'1e400'"}) {
            assertThatThrownBy(() -> eval("$number(" + refused + ")"))
                    .as(refused)
                    .isInstanceOf(RuntimeFailure.class);
        }
    }

    @Test
    void aVariableOfTheSameNameHidesTheFunction() {
        JsonataScope withVariables =
                new JsonataScope(scope.states(), Map.of("sum", Json.parse("5"), "number", Json.text("n")));
        assertThat(JsonataEvaluator.evaluate("{% $sum & $number %}", withVariables, "Output")
                        .asText())
                .isEqualTo("5n");
    }

    @Test
    void encodeUrlRefusesHalfACharacter() {
        assertThatThrownBy(() -> JavaScriptFunctions.encodeUrl("a\uD83D"))
                .isInstanceOf(JsonataFunctionError.class)
                .hasMessage("Malformed URL passed to $encodeUrl(): \"a\\ud83d\"");
    }
}
