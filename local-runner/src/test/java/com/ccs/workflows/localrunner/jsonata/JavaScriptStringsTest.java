package com.ccs.workflows.localrunner.jsonata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ccs.workflows.localrunner.errors.RuntimeFailure;
import com.ccs.workflows.localrunner.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * $substring and $encodeUrl give what AWS gives. Each expected value is what the JavaScript JSONata 2.x gives for
 * the same expression.
 */
class JavaScriptStringsTest {
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
    void encodeUrlRefusesHalfACharacter() {
        assertThatThrownBy(() -> JavaScriptStrings.encodeUrl("a\uD83D"))
                .isInstanceOf(RuntimeFailure.class)
                .hasMessageContaining("malformed");
    }
}
