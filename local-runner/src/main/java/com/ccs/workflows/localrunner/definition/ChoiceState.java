package com.ccs.workflows.localrunner.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Choice: the first matching rule names the next state, else {@code defaultNext}, else States.NoChoiceMatched. */
public record ChoiceState(StateCommon common, List<Branch> choices, String defaultNext) implements State {

    /** A top-level rule with its target and the variables/output it sets when taken. */
    public record Branch(ChoiceRule rule, String next, JsonNode assign, JsonNode output) {}
}
