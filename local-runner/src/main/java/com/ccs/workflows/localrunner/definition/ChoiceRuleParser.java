package com.ccs.workflows.localrunner.definition;

import com.ccs.workflows.localrunner.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Parses a Choice state's branches and their rules: JSONata Conditions, or JSONPath comparisons and And/Or/Not. */
final class ChoiceRuleParser {
    private final FieldReader fields;

    ChoiceRuleParser(FieldReader fields) {
        this.fields = fields;
    }

    ChoiceState choice(StateCommon common, JsonNode node, String at) {
        JsonNode choices = node.get("Choices");
        List<ChoiceState.Branch> branches = new ArrayList<>();
        if (choices == null || !choices.isArray() || choices.isEmpty()) {
            fields.problem("SCHEMA_VALIDATION_FAILED: These fields are required: [Choices]", at);
        } else {
            for (int i = 0; i < choices.size(); i++) {
                JsonNode c = choices.get(i);
                String cat = at + "/Choices[" + i + "]";
                if (!c.has("Next")) {
                    fields.problem("SCHEMA_VALIDATION_FAILED: These fields are required: [Next]", cat);
                }
                ChoiceRule rule = rule(c, cat, common.queryLanguage());
                branches.add(
                        new ChoiceState.Branch(rule, c.path("Next").asText(null), c.get("Assign"), c.get("Output")));
            }
        }
        return new ChoiceState(
                common, List.copyOf(branches), node.path("Default").asText(null));
    }

    private ChoiceRule rule(JsonNode node, String at, QueryLanguage ql) {
        if (ql == QueryLanguage.JSONATA) {
            if (!node.has("Condition")) {
                fields.problem("SCHEMA_VALIDATION_FAILED: These fields are required: [Condition]", at);
            }
            return new ChoiceRule.Condition(node.get("Condition"));
        }
        if (node.has("And") || node.has("Or")) {
            String op = node.has("And") ? "And" : "Or";
            List<ChoiceRule> rules = new ArrayList<>();
            JsonNode list = node.get(op);
            for (int i = 0; i < list.size(); i++) {
                rules.add(rule(list.get(i), at + "/" + op + "[" + i + "]", ql));
            }
            return op.equals("And") ? new ChoiceRule.And(List.copyOf(rules)) : new ChoiceRule.Or(List.copyOf(rules));
        }
        if (node.has("Not")) {
            return new ChoiceRule.Not(rule(node.get("Not"), at + "/Not", ql));
        }
        String variable = node.path("Variable").asText(null);
        if (variable == null) {
            fields.problem("SCHEMA_VALIDATION_FAILED: These fields are required: [Variable]", at);
        } else {
            fields.checkPath(variable, at + "/Variable");
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String field = names.next();
            Comparator comparator = Comparator.byField(field);
            if (comparator == null) {
                continue;
            }
            JsonNode operand = node.get(field);
            if (field.endsWith("Path") && comparator.hasPathForm()) {
                fields.checkPath(operand.asText(), at + "/" + field);
                return new ChoiceRule.Comparison(variable, comparator, null, operand.asText());
            }
            return new ChoiceRule.Comparison(variable, comparator, operand, null);
        }
        fields.problem("SCHEMA_VALIDATION_FAILED: No comparison operator found in the Choice rule", at);
        return new ChoiceRule.Comparison(variable, Comparator.IS_PRESENT, Json.NODES.booleanNode(true), null);
    }
}
