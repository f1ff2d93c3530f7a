package com.ccs.workflows.localrunner.definition;

import static com.ccs.workflows.localrunner.definition.DefinitionRefusals.refusal;
import static com.ccs.workflows.localrunner.testing.TestEngines.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DefinitionParserTest {

    @Test
    void parsesEachStateTypeIntoItsRecordAndChoiceRulesIntoATree() {
        StateMachineDefinition d = DefinitionParser.parse(json("""
        {'StartAt': 'Choose', 'TimeoutSeconds': 30, 'States': {
          'Choose': {'Type': 'Choice', 'Default': 'Done', 'Choices': [
            {'And': [{'Variable': '$.a', 'NumericGreaterThanPath': '$.b'},
                     {'Not': {'Variable': '$.c', 'IsNull': true}}], 'Next': 'Work'}]},
          'Work': {'Type': 'Task', 'Resource': 'arn:aws:states:::lambda:invoke', 'Next': 'Fan',
                   'Retry': [{'ErrorEquals': ['States.ALL']}],
                   'Catch': [{'ErrorEquals': ['States.ALL'], 'Next': 'Oops', 'ResultPath': null}]},
          'Fan': {'Type': 'Parallel', 'Next': 'Each', 'Branches': [
            {'StartAt': 'P', 'States': {'P': {'Type': 'Pass', 'End': true}}}]},
          'Each': {'Type': 'Map', 'Next': 'Pause', 'ItemProcessor': {
            'StartAt': 'I', 'States': {'I': {'Type': 'Succeed'}}}},
          'Pause': {'Type': 'Wait', 'Seconds': 1, 'Next': 'Done'},
          'Oops': {'Type': 'Fail', 'Error': 'E', 'Cause': 'C'},
          'Done': {'Type': 'Succeed'}}}
        """));

        assertThat(d.timeoutSeconds()).isEqualTo(30);
        var states = d.program().states();
        assertThat(states.get("Choose")).isInstanceOf(ChoiceState.class);
        assertThat(states.get("Work")).isInstanceOf(TaskState.class);
        assertThat(states.get("Fan")).isInstanceOf(ParallelState.class);
        assertThat(states.get("Each")).isInstanceOf(MapState.class);
        assertThat(states.get("Pause")).isInstanceOf(WaitState.class);
        assertThat(states.get("Oops")).isInstanceOf(FailState.class);
        assertThat(states.get("Done")).isInstanceOf(SucceedState.class);

        ChoiceRule rule = ((ChoiceState) states.get("Choose")).choices().get(0).rule();
        assertThat(rule).isInstanceOf(ChoiceRule.And.class);
        var and = (ChoiceRule.And) rule;
        assertThat(and.rules().get(0))
                .isEqualTo(new ChoiceRule.Comparison("$.a", Comparator.NUMERIC_GREATER_THAN, null, "$.b"));
        assertThat(and.rules().get(1)).isInstanceOf(ChoiceRule.Not.class);

        TaskState work = (TaskState) states.get("Work");
        assertThat(work.retry().get(0)).isEqualTo(new Retrier(java.util.List.of("States.ALL"), 1, 3, 2.0, null, false));
        assertThat(work.catchers().get(0).resultPath()).isNull();
        assertThat(work.common().resultPath()).isEqualTo("$");
    }

    @Test
    void reportsEveryProblemAtOnceWithItsLocation() {
        DefinitionException e = refusal(json("""
        {'States': {
          'A': {'Type': 'Pass', 'Next': 'Nowhere'},
          'B': {'Next': 'A'},
          'C': {'Type': 'Task', 'Resource': 'arn:x', 'InputPath': 'no-dollar', 'End': true,
                'Retry': [{'IntervalSeconds': 1}]},
          'D': {'Type': 'Parallel', 'End': true, 'Branches': [
            {'StartAt': 'X', 'States': {'X': {'Type': 'Pass', 'Next': 'Y'}}}]}}}
        """));

        assertThat(e.problems())
                .contains(
                        "SCHEMA_VALIDATION_FAILED: These fields are required: [StartAt] at /",
                        "MISSING_TRANSITION_TARGET: Missing 'Next' target: Nowhere at /States/A/Next",
                        "SCHEMA_VALIDATION_FAILED: These fields are required: [Type] at /States/B",
                        "INVALID_JSON_PATH: The value 'no-dollar' is not a valid JSONPath at /States/C/InputPath",
                        "SCHEMA_VALIDATION_FAILED: These fields are required: [ErrorEquals] at /States/C/Retry[0]",
                        "MISSING_TRANSITION_TARGET: Missing 'Next' target: Y at /States/D/Branches[0]/States/X/Next");
        assertThat(e.getMessage()).startsWith("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED");
    }

    @Test
    void rejectsFieldsAStateTypeDoesNotHave() {
        DefinitionException e = refusal(json("""
        {'StartAt': 'A', 'States': {
          'A': {'Type': 'Task', 'Resouce': 'arn:x', 'Resource': 'arn:x', 'Next': 'B'},
          'B': {'Type': 'Fail', 'Error': 'E', 'OutputPath': '$'}}}
        """));
        assertThat(e.problems())
                .containsExactlyInAnyOrder(
                        "SCHEMA_VALIDATION_FAILED: Field 'Resouce' is not supported at /States/A",
                        "SCHEMA_VALIDATION_FAILED: Field 'OutputPath' is not supported at /States/B");
    }

    @Test
    void rejectsUnreachableStatesAndMisplacedStatesAll() {
        DefinitionException e = refusal(json("""
        {'StartAt': 'A', 'States': {
          'A': {'Type': 'Task', 'Resource': 'arn:x', 'End': true,
                'Catch': [{'ErrorEquals': ['States.ALL'], 'Next': 'A'}, {'ErrorEquals': ['E'], 'Next': 'A'}]},
          'Orphan': {'Type': 'Succeed'}}}
        """));

        assertThat(e.problems())
                .containsExactlyInAnyOrder(
                        "SCHEMA_VALIDATION_FAILED: States.ALL must be the last entry at /States/A/Catch[0]",
                        "MISSING_TRANSITION_TARGET: State \"Orphan\" is not reachable. at /States/Orphan");
    }

    @Test
    void jsonataStatesRejectJsonPathFieldsAndInheritTheTopLevelLanguage() {
        DefinitionException e = refusal(json("""
        {'QueryLanguage': 'JSONata', 'StartAt': 'A', 'States': {
          'A': {'Type': 'Pass', 'InputPath': '$.x', 'End': true}}}
        """));
        assertThat(e.problems())
                .containsExactly(
                        "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONata', but field 'InputPath'"
                                + " is only supported for the 'JSONPath' QueryLanguage at /States/A");

        var d = DefinitionParser.parse(json("""
        {'StartAt': 'A', 'States': {
          'A': {'Type': 'Pass', 'QueryLanguage': 'JSONata', 'Output': '{% 1 %}', 'Next': 'B'},
          'B': {'Type': 'Pass', 'End': true}}}
        """));
        assertThat(d.program().state("A").common().queryLanguage()).isEqualTo(QueryLanguage.JSONATA);
        assertThat(d.program().state("B").common().queryLanguage()).isEqualTo(QueryLanguage.JSONPATH);
    }

    @Test
    void aJsonataMachineKeepsEveryStateInJsonata() {
        DefinitionException e = refusal(json("""
        {'QueryLanguage': 'JSONata', 'StartAt': 'A', 'States': {
          'A': {'Type': 'Pass', 'QueryLanguage': 'JSONPath', 'End': true}}}
        """));
        assertThat(e.problems())
                .containsExactly("SCHEMA_VALIDATION_FAILED: 'QueryLanguage' can not be 'JSONPath' if set to 'JSONata'"
                        + " for whole state machine at /States/A");
    }

    @Test
    void branchesAndItemProcessorsInheritTheMachinesLanguageNotTheirStates() {
        DefinitionException e = refusal(json("""
        {'StartAt': 'M', 'States': {
          'M': {'Type': 'Map', 'QueryLanguage': 'JSONata', 'Next': 'P', 'ItemProcessor': {
                  'QueryLanguage': 'JSONata', 'StartAt': 'I', 'States': {
                    'I': {'Type': 'Pass', 'Output': '{% 1 %}', 'End': true}}}},
          'P': {'Type': 'Parallel', 'QueryLanguage': 'JSONata', 'End': true, 'Branches': [
                  {'StartAt': 'B', 'States': {'B': {'Type': 'Pass', 'End': true}}}]}}}
        """));
        assertThat(e.problems())
                .containsExactlyInAnyOrder(
                        "SCHEMA_VALIDATION_FAILED: Field 'QueryLanguage' is not supported at /States/M/ItemProcessor",
                        "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONPath', but field 'Output' is only"
                                + " supported for the 'JSONata' QueryLanguage at /States/M/ItemProcessor/States/I");
    }

    @Test
    void aScopeWithNoTerminalStateIsRefusedWithoutALocation() {
        DefinitionException e = refusal(json("""
        {'StartAt': 'A', 'States': {
          'A': {'Type': 'Pass', 'Next': 'B'},
          'B': {'Type': 'Pass', 'Next': 'A'},
          'C': {'Type': 'Pass', 'Next': 'Missing'}}}
        """));
        assertThat(e.problems())
                .containsExactly(
                        "MISSING_TRANSITION_TARGET: Missing 'Next' target: Missing at /States/C/Next",
                        "MISSING_END_STATE: Workflow has no terminal state at null");
    }
}
