package com.ccs.workflows.localrunner.states;

import com.ccs.workflows.localrunner.definition.ChoiceRule;
import com.ccs.workflows.localrunner.definition.Comparator;
import com.ccs.workflows.localrunner.errors.RuntimeFailure;
import com.ccs.workflows.localrunner.json.Json;
import com.ccs.workflows.localrunner.jsonata.JsonataEvaluator;
import com.ccs.workflows.localrunner.jsonata.JsonataScope;
import com.ccs.workflows.localrunner.paths.Bindings;
import com.ccs.workflows.localrunner.paths.ReferencePaths;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.regex.Pattern;

/** Evaluates Choice rules. A comparison between mismatched types is simply false, as in AWS. */
final class ChoiceEvaluator {
    private ChoiceEvaluator() {}

    static boolean matches(ChoiceRule rule, Bindings bindings, JsonataScope jsonata) {
        return switch (rule) {
            case ChoiceRule.And and -> and.rules().stream().allMatch(r -> matches(r, bindings, jsonata));
            case ChoiceRule.Or or -> or.rules().stream().anyMatch(r -> matches(r, bindings, jsonata));
            case ChoiceRule.Not not -> !matches(not.rule(), bindings, jsonata);
            case ChoiceRule.Condition c -> condition(c.condition(), jsonata);
            case ChoiceRule.Comparison c -> compare(c, bindings);
        };
    }

    private static boolean condition(JsonNode condition, JsonataScope scope) {
        JsonNode value = JsonataEvaluator.isExpression(condition)
                ? JsonataEvaluator.required(condition.textValue(), scope, "Condition")
                : condition;
        if (!value.isBoolean()) {
            throw RuntimeFailure.query("The JSONata expression '"
                    + (condition.isTextual() ? JsonataEvaluator.body(condition.textValue()) : condition.toString())
                    + "' specified for the field 'Condition' returned an unexpected result type. Expected 'boolean', but was '"
                    + Json.typeName(value) + "' for value: " + Json.write(value));
        }
        return value.booleanValue();
    }

    private static boolean compare(ChoiceRule.Comparison c, Bindings bindings) {
        Comparator op = c.comparator();
        JsonNode value = ReferencePaths.find(c.variable(), bindings);
        if (value == null) {
            if (op.kind() == Comparator.Kind.TYPE_TEST) {
                return op == Comparator.IS_PRESENT && !c.operand().asBoolean();
            }
            throw RuntimeFailure.runtime("Invalid path '" + c.variable() + "': The choice state's condition path "
                    + "references an invalid value.");
        }
        JsonNode operand = c.operand();
        if (c.operandPath() != null) {
            operand = ReferencePaths.find(c.operandPath(), bindings);
            if (operand == null) {
                throw RuntimeFailure.runtime("Invalid path '" + c.operandPath()
                        + "': The choice state's condition path " + "references an invalid value.");
            }
        }
        return switch (op.kind()) {
            case TYPE_TEST -> typeTest(op, value) == operand.asBoolean();
            case STRING ->
                value.isTextual()
                        && operand.isTextual()
                        && relation(op, value.textValue().compareTo(operand.textValue()));
            case MATCHES ->
                value.isTextual() && operand.isTextual() && globMatches(operand.textValue(), value.textValue());
            case NUMERIC ->
                value.isNumber()
                        && operand.isNumber()
                        && relation(op, value.decimalValue().compareTo(operand.decimalValue()));
            case BOOLEAN -> value.isBoolean() && operand.isBoolean() && value.booleanValue() == operand.booleanValue();
            case TIMESTAMP -> {
                Instant left = value.isTextual() ? WaitHandler.timestamp(value.textValue()) : null;
                Instant right = operand.isTextual() ? WaitHandler.timestamp(operand.textValue()) : null;
                yield left != null && right != null && relation(op, left.compareTo(right));
            }
        };
    }

    private static boolean typeTest(Comparator op, JsonNode value) {
        return switch (op) {
            case IS_NULL -> value.isNull();
            case IS_PRESENT -> true;
            case IS_NUMERIC -> value.isNumber();
            case IS_STRING -> value.isTextual();
            case IS_BOOLEAN -> value.isBoolean();
            case IS_TIMESTAMP -> value.isTextual() && WaitHandler.timestamp(value.textValue()) != null;
            default -> throw new IllegalStateException(op.name());
        };
    }

    private static boolean relation(Comparator op, int cmp) {
        return switch (op.relation()) {
            case EQ -> cmp == 0;
            case LT -> cmp < 0;
            case GT -> cmp > 0;
            case LE -> cmp <= 0;
            case GE -> cmp >= 0;
        };
    }

    /** StringMatches: {@code *} matches any run of characters, {@code \*} a literal star. */
    static boolean globMatches(String pattern, String text) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '*') {
                regex.append(".*");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(text).matches();
    }
}
