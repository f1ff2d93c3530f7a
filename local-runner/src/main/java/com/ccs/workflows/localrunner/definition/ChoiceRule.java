package com.ccs.workflows.localrunner.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A Choice rule as a tree of operators. */
public sealed interface ChoiceRule {

    record And(List<ChoiceRule> rules) implements ChoiceRule {}

    record Or(List<ChoiceRule> rules) implements ChoiceRule {}

    record Not(ChoiceRule rule) implements ChoiceRule {}

    /**
     * {@code Variable <op> operand}. For a *Path operator {@code operandPath} holds the reference and
     * {@code operand} is null; for Is* tests {@code operand} is the expected boolean.
     */
    record Comparison(String variable, Comparator comparator, JsonNode operand, String operandPath)
            implements ChoiceRule {}

    /** JSONata {@code Condition}: a {@code {% %}} expression or a literal boolean. */
    record Condition(JsonNode condition) implements ChoiceRule {}
}
