package com.ccs.workflows.localrunner.definition;

import static com.ccs.workflows.localrunner.definition.DefinitionRefusals.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.ccs.workflows.localrunner.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The JSONata expressions of a definition, checked when it is created, as AWS checks them. */
class JsonataExpressionChecksTest {

    /** A JSONata machine of one Pass state whose Output is {@code {"v": "{% expression %}"}}. */
    private static String passing(String expression) {
        return """
        {"QueryLanguage": "JSONata", "StartAt": "E", "States": {
          "E": {"Type": "Pass", "Output": {"v": %s}, "End": true}}}
        """.formatted(Json.text("{% " + expression + " %}"));
    }

    @Test
    void aNameReadAtTheTopLevelIsRefusedNamingItAndWhereItIs() {
        assertThat(refusal(passing("phone")).problems())
                .containsExactly(
                        "UNSUPPORTED_JSONATA_EXPRESSION: Reference to 'phone' at the top level is not supported."
                                + " at /States/E/Output/v");
        assertThat(refusal(passing("$count(items) + {'k': total}.k")).problems())
                .containsExactly(
                        "UNSUPPORTED_JSONATA_EXPRESSION: Reference to 'items' at the top level is not supported."
                                + " at /States/E/Output/v",
                        "UNSUPPORTED_JSONATA_EXPRESSION: Reference to 'total' at the top level is not supported."
                                + " at /States/E/Output/v");
    }

    @Test
    void anExpressionThatDoesNotParseIsRefused() {
        assertThat(refusal(passing("$states.input.a[1,2)")).problems())
                .singleElement()
                .asString()
                .startsWith("INVALID_JSONATA_EXPRESSION: ")
                .endsWith(" at /States/E/Output/v");
    }

    @Test
    void rulesCatchersAndNestedProgramsAreCheckedWhereTheyAre() {
        String definition = """
        {"QueryLanguage": "JSONata", "StartAt": "C", "States": {
          "C": {"Type": "Choice", "Default": "F", "Choices": [
                  {"Comment": "{% not checked %}", "Condition": "{% ok %}", "Next": "F"}]},
          "F": {"Type": "Parallel", "End": true, "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "D",
                  "Output": "{% err %}"}],
                "Branches": [{"StartAt": "P", "States": {"P": {"Type": "Pass", "Output": "{% inner %}",
                  "End": true}}}]},
          "D": {"Type": "Succeed"}}}
        """;
        assertThat(refusal(definition).problems())
                .containsExactlyInAnyOrder(
                        "UNSUPPORTED_JSONATA_EXPRESSION: Reference to 'ok' at the top level is not supported."
                                + " at /States/C/Choices[0]/Condition",
                        "UNSUPPORTED_JSONATA_EXPRESSION: Reference to 'err' at the top level is not supported."
                                + " at /States/F/Catch[0]/Output",
                        "UNSUPPORTED_JSONATA_EXPRESSION: Reference to 'inner' at the top level is not supported."
                                + " at /States/F/Branches[0]/States/P/Output");
    }

    @Test
    void theErrorOutputIsReadOnlyInACatcher() {
        String definition = """
        {"QueryLanguage": "JSONata", "StartAt": "T", "States": {
          "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "Arguments": {"FunctionName": "f", "Payload": "{% $states.errorOutput %}"},
                "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "D",
                           "Output": "{% $states.errorOutput.Cause %}",
                           "Assign": {"why": "{% '$states.errorOutput is ' & $states.errorOutput.Error %}"}}],
                "End": true},
          "D": {"Type": "Succeed"}}}
        """;
        assertThat(refusal(definition).problems())
                .containsExactly("UNSUPPORTED_JSONATA_EXPRESSION: Field '$states.errorOutput' does not exist."
                        + " at /States/T/Arguments/Payload");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "$states.input.items[price > 5].name",
                "$states.input.items.(price * quantity)",
                "$states.input.items{type: $sum(price)}",
                "$states.input.items^(>price).name",
                "$map($states.input.items, function($v) { $v.price })",
                "($x := $states.input; $x.a)",
                "$states.input ~> $keys()",
                "{'key': $states.input.a, 'n': [1, 2][0]}",
                "$exists($states.input.a) ? 'yes' : 'no'"
            })
    void namesReadAgainstAContextAreAccepted(String expression) {
        assertThatCode(() -> DefinitionParser.parse(Json.parse(passing(expression))))
                .doesNotThrowAnyException();
    }

    @Test
    void jsonPathStatesAndCommentsAreNotExpressions() {
        assertThatCode(() -> DefinitionParser.parse(Json.parse("""
        {"StartAt": "E", "States": {
          "E": {"Type": "Pass", "Comment": "{% phone %}", "Result": {"v": "{% phone %}"}, "End": true}}}
        """))).doesNotThrowAnyException();
    }
}
