package com.ccs.workflows.localrunner.jsonata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ccs.workflows.localrunner.errors.RuntimeFailure;
import com.ccs.workflows.localrunner.json.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonataEvaluatorTest {
    private final JsonataScope scope = new JsonataScope(
            Json.parse("{\"input\":{\"n\":[1,2,3],\"x\":null},\"context\":{\"Execution\":{\"Name\":\"e1\"}}}"),
            Map.of("greeting", Json.text("hi")));

    @Test
    void evaluatesExpressionsInsideTemplatesAndKeepsLiterals() {
        var out = JsonataEvaluator.template(Json.parse("""
        {"sum": "{% $sum($states.input.n) %}", "lit": "plain", "var": "{% $greeting & '!' %}",
         "arr": ["{% $states.context.Execution.Name %}", 2], "null": "{% $states.input.x %}"}"""), scope, "Output");
        assertThat(out).isEqualTo(Json.parse("""
        {"sum": 6, "lit": "plain", "var": "hi!", "arr": ["e1", 2], "null": null}"""));
    }

    @Test
    void aStringWithAnythingAroundTheDelimitersIsALiteralAsOnAws() {
        var out = JsonataEvaluator.template(Json.parse("""
        {"spaced": " {% $states.input %} ", "inner": "a {% 1 %} b", "null": null, "path": "$states.input"}"""), scope, "Arguments");
        assertThat(out).isEqualTo(Json.parse("""
        {"spaced": " {% $states.input %} ", "inner": "a {% 1 %} b", "null": null, "path": "$states.input"}"""));
    }

    @Test
    void anExpressionSeesEveryVariableItNamesWhetherItsNameIsPrefixOfAnother() {
        JsonataScope many = new JsonataScope(
                scope.states(),
                Map.of("event", Json.parse("{\"type\":\"x\"}"), "eventTime", Json.text("t"), "unused", Json.text("u")));

        assertThat(JsonataEvaluator.evaluate(
                                "{% $event.type & $eventTime & $states.context.Execution.Name %}", many, "f")
                        .asText())
                .isEqualTo("xte1");
        assertThat(JsonataEvaluator.evaluate("{% $exists($unused) %}", many, "f")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void numbersComeBackAsJsonNumbersWithoutSpuriousFractions() {
        assertThat(JsonataEvaluator.evaluate("{% 10 / 4 %}", scope, "f").toString())
                .isEqualTo("2.5");
        assertThat(JsonataEvaluator.evaluate("{% 10 / 5 %}", scope, "f").toString())
                .isEqualTo("2");
    }

    @Test
    void undefinedIsAQueryEvaluationErrorNamingTheField() {
        assertThatThrownBy(() -> JsonataEvaluator.template(Json.parse("{\"r\": \"{% $nope %}\"}"), scope, "Output"))
                .isInstanceOf(RuntimeFailure.class)
                .hasMessageContaining(
                        "The JSONata expression '$nope' specified for the field 'Output/r' returned nothing"
                                + " (undefined).")
                .satisfies(e -> assertThat(((RuntimeFailure) e).location()).isEqualTo("Output/r"));
    }

    @Test
    void anExpressionThatThrowsFailsWithAwsCauseNamingTheExpressionTheFieldAndTheCode() {
        assertThat(causeOf("$abs('x')"))
                .isEqualTo("The JSONata expression '$abs('x')' specified for the field 'Output/r' threw an error during"
                        + " evaluation. T0410: Argument 1 of function \"abs\" does not match function signature");
        assertThat(causeOf("$number('abc')"))
                .endsWith(" threw an error during evaluation. D3030: Unable to cast value to a number: \"abc\"");
        assertThat(causeOf("$toMillis('foo')"))
                .endsWith(" threw an error during evaluation. D3110: The argument of the toMillis function must be an"
                        + " ISO 8601 formatted timestamp. Given \"foo\"");
        assertThat(causeOf("$sqrt(-1)")).contains(". D3060: The sqrt function cannot be applied to a negative number");
        assertThat(causeOf("($f := function($n) { $f($n + 1) + 1 }; $f(0))"))
                .endsWith(" threw an error during evaluation: " + EvaluationFailureCause.STACK_OVERFLOW);
    }

    @Test
    void evalIsNotAvailableAsOnAws() {
        assertThat(causeOf("$eval('1 + 1')")).endsWith(". T1006: Attempted to invoke a non-function");
    }

    private String causeOf(String expression) {
        try {
            JsonataEvaluator.template(Json.parse("{\"r\": \"{% " + expression + " %}\"}"), scope, "Output");
        } catch (RuntimeFailure e) {
            assertThat(e.error()).isEqualTo("States.QueryEvaluationError");
            assertThat(e.location()).isEqualTo("Output/r");
            return e.cause();
        }
        throw new AssertionError(expression + " did not fail");
    }

    @Test
    void offersTheFunctionsStepFunctionsAdds() {
        assertThat(JsonataEvaluator.evaluate("{% $partition([1,2,3], 2) %}", scope, "f")
                        .toString())
                .isEqualTo("[[1,2],[3]]");
        assertThat(JsonataEvaluator.evaluate("{% $range(0, 4, 2) %}", scope, "f")
                        .toString())
                .isEqualTo("[0,2,4]");
        assertThat(JsonataEvaluator.evaluate("{% $parse('{\"a\":1}') %}", scope, "f")
                        .toString())
                .isEqualTo("{\"a\":1}");
        assertThat(JsonataEvaluator.evaluate("{% $hash('input data', 'SHA-256') %}", scope, "f")
                        .textValue())
                .startsWith("b4a697a0");
        assertThat(JsonataEvaluator.evaluate("{% $uuid() %}", scope, "f").textValue())
                .hasSize(36);
    }

    @Test
    void nowAndMillisTellTheEnginesTimeSoTheyAgreeWithTheContextUnderAVirtualClock() {
        JsonataScope virtual =
                new JsonataScope(scope.states(), Map.of(), java.time.Instant.parse("2030-01-02T03:04:05.678Z"));

        assertThat(JsonataEvaluator.evaluate("{% $millis() %}", virtual, "f").asLong())
                .isEqualTo(java.time.Instant.parse("2030-01-02T03:04:05.678Z").toEpochMilli());
        assertThat(JsonataEvaluator.evaluate("{% $now() %}", virtual, "f").textValue())
                .isEqualTo("2030-01-02T03:04:05.678Z");
        assertThat(JsonataEvaluator.evaluate("{% $now('[Y0001]') %}", virtual, "f")
                        .textValue())
                .isEqualTo("2030");
    }
}
