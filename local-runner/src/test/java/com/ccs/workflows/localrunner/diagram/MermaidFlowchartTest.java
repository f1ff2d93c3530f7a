package com.ccs.workflows.localrunner.diagram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ccs.workflows.localrunner.json.Json;
import org.junit.jupiter.api.Test;

class MermaidFlowchartTest {

    @Test
    void statesAreBoxesNamedAsInTheDefinitionWithTheirTypesShape() {
        String chart = MermaidFlowchart.render(Json.parse("""
        {"StartAt": "Check Order", "States": {
          "Check Order": {"Type": "Choice", "Choices": [
            {"Variable": "$.total", "NumericLessThanPath": "$.limit", "Next": "Take \\"Small\\" Order"}],
            "Default": "Reject"},
          "Take \\"Small\\" Order": {"Type": "Pass", "Next": "Charge"},
          "Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Done"},
          "Done": {"Type": "Succeed"},
          "Reject": {"Type": "Fail", "Error": "TooLarge"}}}
        """));

        assertThat(chart)
                .startsWith("flowchart TD\n  start((Start))\n")
                .contains(
                        "  check_order{\"Check Order\"}\n",
                        "  take_small_order(\"Take #quot;Small#quot; Order\")\n",
                        "  charge[\"Charge\"]\n",
                        "  done([\"Done\"])\n",
                        "  reject([\"Reject\"])\n",
                        "  start --> check_order\n",
                        "  check_order -->|\"$.total #lt; $.limit\"| take_small_order\n",
                        "  check_order -->|\"otherwise\"| reject\n",
                        "  take_small_order --> charge\n",
                        "  charge --> done\n",
                        "  done --> finish\n",
                        "  class reject failed\n",
                        "  class done succeeded\n");
    }

    @Test
    void aRuleIsLabelledByItsCommentOrItsConditionAndRulesToOneStateShareAnEdge() {
        String chart = MermaidFlowchart.render(Json.parse("""
        {"QueryLanguage": "JSONata", "StartAt": "Validate", "States": {
          "Validate": {"Type": "Choice", "Choices": [
            {"Comment": "no id", "Condition": "{% $not($exists($states.input.id)) %}", "Next": "Reject"},
            {"Condition": "{% $states.input.size > 10 %}", "Next": "Reject"},
            {"Condition": "{% $states.input.description.text.language = 'en' and $states.input.description.text.length > 0 %}",
             "Next": "Accept"},
            {"And": [{"Variable": "$.a", "StringEquals": "x"}, {"Not": {"Variable": "$.b", "IsPresent": true}}],
             "Next": "Accept"}],
            "Default": "Accept"},
          "Accept": {"Type": "Pass", "End": true},
          "Reject": {"Type": "Fail"}}}
        """));

        assertThat(chart)
                .contains(
                        "  validate -->|\"no id<br/>$states.input.size #gt; 10\"| reject\n",
                        "  validate -->|\"$states.input.description.text.language = 'en' and $states.input.descri…<br/>"
                                + "($.a = #quot;x#quot;) and (not ($.b is present))<br/>otherwise\"| accept\n",
                        "  accept --> finish\n");
    }

    @Test
    void aParallelStateHoldsABoxPerBranchAndCatchesAreLabelledWithTheirErrors() {
        String chart = MermaidFlowchart.render(Json.parse("""
        {"StartAt": "Respond", "States": {
          "Respond": {"Type": "Parallel", "Branches": [
              {"StartAt": "Call", "States": {
                "Call": {"Type": "Task", "Resource": "r", "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Called Off"}],
                  "End": true},
                "Called Off": {"Type": "Pass", "End": true}}},
              {"StartAt": "Write", "States": {"Write": {"Type": "Task", "Resource": "r", "End": true}}}],
            "Catch": [{"ErrorEquals": ["States.Timeout"], "Next": "Late"},
                      {"ErrorEquals": ["A.Error", "B.Error"], "Next": "Late"}],
            "Next": "Done"},
          "Late": {"Type": "Fail"},
          "Done": {"Type": "Pass", "End": true}}}
        """));

        assertThat(chart)
                .contains(
                        """
          subgraph respond["Respond"]
            subgraph respond_branch_1[" "]
              call["Call"]
              called_off("Called Off")
            end
            subgraph respond_branch_2[" "]
              write["Write"]
            end
          end
        """,
                        "  call -->|\"catch States.ALL\"| called_off\n",
                        "  respond -->|\"catch States.Timeout<br/>catch A.Error, B.Error\"| late\n",
                        "  respond --> done\n")
                .doesNotContain("call --> finish", "write --> finish");
    }

    @Test
    void aStateNamedAfterAMermaidKeywordOrAnotherStatesIdGetsAnIdOfItsOwn() {
        String chart = MermaidFlowchart.render(Json.parse("""
        {"StartAt": "End", "States": {"End": {"Type": "Pass", "Next": "end!"}, "end!": {"Type": "Succeed"}}}"""));

        assertThat(chart)
                .contains(
                        "  s_end(\"End\")\n",
                        "  s_end_2([\"end!\"])\n",
                        "  s_end --> s_end_2\n",
                        "  s_end_2 --> finish\n");
    }

    @Test
    void aTransitionToAMissingStateIsAnError() {
        assertThatThrownBy(() -> MermaidFlowchart.render(Json.parse("""
        {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}}}""")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"B\"");
    }
}
