package com.ccs.workflows.localrunner.states;

import static com.ccs.workflows.localrunner.testing.TestEngines.json;
import static com.ccs.workflows.localrunner.testing.TestEngines.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.ccs.workflows.localrunner.engine.ExecutionStatus;
import com.ccs.workflows.localrunner.json.Json;
import org.junit.jupiter.api.Test;

/** Pass, Choice, Wait, Succeed and Fail with JSONPath and JSONata input/output processing. */
class StatesTest {

    @Test
    void jsonPathProcessingAppliesInputPathParametersResultPathAndOutputPathInOrder() {
        var execution = run(json("""
        {'StartAt': 'P', 'States': {'P': {'Type': 'Pass', 'InputPath': '$.in',
          'Parameters': {'doubled.$': 'States.MathAdd($.v, $.v)', 'name.$': '$$.State.Name'},
          'ResultPath': '$.in.result', 'OutputPath': '$.in', 'End': true}}}
        """), "{\"in\": {\"v\": 2}, \"other\": true}");
        assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(execution.output()).isEqualTo(Json.parse("{\"v\":2,\"result\":{\"doubled\":4,\"name\":\"P\"}}"));
    }

    @Test
    void choiceEvaluatesEveryKindOfRuleAndFallsBackToDefault() {
        String definition = json("""
        {'StartAt': 'C', 'States': {
          'C': {'Type': 'Choice', 'Default': 'Other', 'Choices': [
            {'And': [{'Variable': '$.n', 'NumericGreaterThanEqualsPath': '$.min'},
                     {'Variable': '$.s', 'StringMatches': 'log-*.txt'},
                     {'Not': {'Variable': '$.missing', 'IsPresent': true}},
                     {'Or': [{'Variable': '$.t', 'TimestampLessThan': '2030-01-01T00:00:00Z'},
                             {'Variable': '$.b', 'BooleanEquals': true}]}], 'Next': 'Match'}]},
          'Match': {'Type': 'Pass', 'Result': 'match', 'End': true},
          'Other': {'Type': 'Pass', 'Result': 'other', 'End': true}}}
        """);
        assertThat(run(definition, "{\"n\": 5, \"min\": 5, \"s\": \"log-1.txt\", \"t\": \"2024-05-01T10:00:00Z\"}")
                        .output())
                .isEqualTo(Json.text("match"));
        assertThat(run(definition, "{\"n\": 4, \"min\": 5, \"s\": \"log-1.txt\", \"b\": true}")
                        .output())
                .isEqualTo(Json.text("other"));
        // Mismatched types compare as false rather than failing.
        assertThat(run(definition, "{\"n\": \"5\", \"min\": 5, \"s\": \"log-1.txt\", \"b\": true}")
                        .output())
                .isEqualTo(Json.text("other"));
    }

    @Test
    void noMatchingChoiceWithoutDefaultFailsWithStatesNoChoiceMatched() {
        var execution = run(json("""
        {'StartAt': 'C', 'States': {'C': {'Type': 'Choice', 'Choices': [
          {'Variable': '$.x', 'IsNull': true, 'Next': 'D'}]}, 'D': {'Type': 'Succeed'}}}
        """), "{\"x\": 1}");
        assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.error()).isEqualTo("States.NoChoiceMatched");
    }

    @Test
    void failTakesErrorAndCauseFromPathsAndIntrinsics() {
        var execution = run("""
        {"StartAt": "F", "States": {"F": {"Type": "Fail", "ErrorPath": "$.code",
          "CausePath": "States.Format('bad {}', $.id)"}}}
        """, "{\"code\": \"E42\", \"id\": 7}");
        assertThat(execution.error()).isEqualTo("E42");
        assertThat(execution.cause()).isEqualTo("bad 7");
    }

    @Test
    void jsonataStatesUseArgumentsOutputAssignAndVariablesAcrossStates() {
        var execution = run(json("""
        {'QueryLanguage': 'JSONata', 'StartAt': 'A', 'States': {
          'A': {'Type': 'Pass', 'Assign': {'total': '{% $sum($states.input.items) %}'},
                'Output': {'count': '{% $count($states.input.items) %}'}, 'Next': 'B'},
          'B': {'Type': 'Choice', 'Choices': [{'Condition': '{% $total > 5 %}', 'Next': 'Big',
                'Output': {'total': '{% $total %}', 'count': '{% $states.input.count %}'}}], 'Default': 'Small'},
          'Big': {'Type': 'Succeed'},
          'Small': {'Type': 'Fail', 'Error': 'Small'}}}
        """), "{\"items\": [1, 2, 3]}");
        assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(execution.output()).isEqualTo(Json.parse("{\"total\":6,\"count\":3}"));
    }

    @Test
    void jsonPathAssignSetsVariablesReadableAsDollarName() {
        var execution = run("""
        {"StartAt": "A", "States": {
          "A": {"Type": "Pass", "Assign": {"who.$": "$.name", "fixed": 1}, "Next": "B"},
          "B": {"Type": "Pass", "Parameters": {"greeting.$": "States.Format('hi {}', $who)", "f.$": "$fixed"},
                "End": true}}}
        """, "{\"name\": \"ada\"}");
        assertThat(execution.output()).isEqualTo(Json.parse("{\"greeting\":\"hi ada\",\"f\":1}"));
    }

    @Test
    void runtimeErrorsNameTheStateAndTheEventItWasEnteredAt() {
        var execution = run(json("""
        {'StartAt': 'P', 'States': {'P': {'Type': 'Pass', 'OutputPath': '$.nope', 'End': true}}}
        """), "{}");
        assertThat(execution.error()).isEqualTo("States.Runtime");
        assertThat(execution.cause())
                .isEqualTo("An error occurred while executing the state 'P' (entered at the event"
                        + " id #2). Invalid path '$.nope' : No results for path: $['nope']");
    }

    @Test
    void waitStatesCompleteInstantlyOnTheVirtualClockButAdvanceIt() {
        var execution = run(json("""
        {'StartAt': 'W', 'States': {
          'W': {'Type': 'Wait', 'Seconds': 86400, 'Next': 'U'},
          'U': {'Type': 'Wait', 'TimestampPath': '$.until', 'Next': 'T'},
          'T': {'Type': 'Pass', 'Parameters': {'now.$': '$$.State.EnteredTime'}, 'End': true}}}
        """), "{\"until\": \"2025-01-03T00:00:00Z\"}");
        assertThat(execution.output()).isEqualTo(Json.parse("{\"now\":\"2025-01-03T00:00:00.000Z\"}"));
    }

    @Test
    void waitRejectsFractionalSecondsPathLikeAws() {
        var execution = run(json("""
        {'StartAt': 'W', 'States': {'W': {'Type': 'Wait', 'SecondsPath': '$.s', 'End': true}}}
        """), "{\"s\": 1.5}");
        assertThat(execution.cause())
                .endsWith("The SecondsPath parameter cannot be parsed as a long value: $.s == 1.5");
    }
}
