package com.ccs.workflows.localrunner.definition;

import com.ccs.workflows.localrunner.json.Json;
import com.ccs.workflows.localrunner.paths.ReferencePaths;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses an ASL document once into immutable records, collecting every problem (AWS reports them together)
 * instead of stopping at the first. Cross-state checks (targets, reachability) are in {@link DefinitionValidator}.
 */
public final class DefinitionParser {
    private static final Set<String> TYPES =
            Set.of("Pass", "Task", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map");
    private static final List<String> JSONPATH_ONLY =
            List.of("InputPath", "Parameters", "ResultSelector", "ResultPath", "OutputPath", "ItemsPath");
    private static final List<String> JSONATA_ONLY = List.of("Arguments", "Output", "Items");

    private final List<String> problems = new ArrayList<>();

    private DefinitionParser() {}

    /** Parses and validates; throws {@link DefinitionException} listing every problem. */
    public static StateMachineDefinition parse(String json) {
        JsonNode root;
        try {
            root = Json.parse(json);
        } catch (IllegalArgumentException e) {
            throw new DefinitionException(List.of("INVALID_JSON_DESCRIPTION: " + e.getMessage()));
        }
        return parse(root);
    }

    public static StateMachineDefinition parse(JsonNode root) {
        DefinitionParser parser = new DefinitionParser();
        if (!root.isObject()) {
            throw new DefinitionException(
                    List.of("SCHEMA_VALIDATION_FAILED: The definition must be a JSON object at /"));
        }
        QueryLanguage ql = QueryLanguage.JSONPATH;
        if (root.has("QueryLanguage")) {
            ql = parser.queryLanguage(root.get("QueryLanguage"), "/QueryLanguage", ql);
        }
        Program program = parser.program(root, "", ql);
        Integer timeout = parser.optionalInt(root, "TimeoutSeconds", "");
        if (program != null) {
            new DefinitionValidator(parser.problems).validate(program, "");
        }
        if (!parser.problems.isEmpty()) {
            throw new DefinitionException(parser.problems);
        }
        return new StateMachineDefinition(program, timeout, root.path("Comment").asText(null), root);
    }

    private Program program(JsonNode node, String at, QueryLanguage ql) {
        String startAt = node.path("StartAt").isTextual() ? node.get("StartAt").textValue() : null;
        if (startAt == null) {
            problem("SCHEMA_VALIDATION_FAILED: These fields are required: [StartAt]", at.isEmpty() ? "/" : at);
        }
        JsonNode statesNode = node.get("States");
        if (statesNode == null || !statesNode.isObject()) {
            problem("SCHEMA_VALIDATION_FAILED: These fields are required: [States]", at.isEmpty() ? "/" : at);
            return null;
        }
        Map<String, State> states = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = statesNode.properties().iterator();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            State state = state(e.getKey(), e.getValue(), at + "/States/" + e.getKey(), ql);
            if (state != null) {
                states.put(e.getKey(), state);
            }
        }
        return new Program(startAt, Collections.unmodifiableMap(states), ql);
    }

    private State state(String name, JsonNode node, String at, QueryLanguage inherited) {
        if (!node.isObject()) {
            problem("SCHEMA_VALIDATION_FAILED: A state must be a JSON object", at);
            return null;
        }
        String type = node.path("Type").asText(null);
        if (type == null) {
            problem("SCHEMA_VALIDATION_FAILED: These fields are required: [Type]", at);
            return null;
        }
        if (!TYPES.contains(type)) {
            problem("SCHEMA_VALIDATION_FAILED: The value for the field 'Type' must be one of " + TYPES, at + "/Type");
            return null;
        }
        QueryLanguage ql = node.has("QueryLanguage")
                ? queryLanguage(node.get("QueryLanguage"), at + "/QueryLanguage", inherited)
                : inherited;
        checkLanguageFields(node, ql, at);
        node.fieldNames().forEachRemaining(field -> {
            if (!StateFields.allowed(type, field)) {
                problem(
                        "SCHEMA_VALIDATION_FAILED: The field '" + field + "' is not supported by Step Functions for a "
                                + type + " state",
                        at + "/" + field);
            }
        });
        StateCommon common = common(name, type, node, at, ql);
        return switch (type) {
            case "Pass" -> new PassState(common, node.get("Result"));
            case "Succeed" -> new SucceedState(common);
            case "Fail" ->
                new FailState(
                        common,
                        text(node, "Error"),
                        pathOrIntrinsic(node, "ErrorPath", at),
                        text(node, "Cause"),
                        pathOrIntrinsic(node, "CausePath", at));
            case "Wait" -> wait(common, node, at);
            case "Choice" -> choice(common, node, at);
            case "Task" -> task(common, node, at);
            case "Parallel" -> parallel(common, node, at, ql);
            case "Map" -> map(common, node, at, ql);
            default -> throw new IllegalStateException(type);
        };
    }

    private StateCommon common(String name, String type, JsonNode node, String at, QueryLanguage ql) {
        boolean end = node.path("End").asBoolean(false);
        String next = node.path("Next").asText(null);
        boolean terminalType = type.equals("Succeed") || type.equals("Fail") || type.equals("Choice");
        if (!terminalType && (next == null) == !end) {
            problem("SCHEMA_VALIDATION_FAILED: Exactly one of the fields 'Next' or 'End' must be set", at);
        }
        if (type.equals("Choice") && (node.has("Next") || node.has("End"))) {
            problem("SCHEMA_VALIDATION_FAILED: Choice states do not support the fields 'Next' and 'End'", at);
        }
        JsonNode parameters = ql == QueryLanguage.JSONATA ? node.get("Arguments") : node.get("Parameters");
        if (type.equals("Map") && ql == QueryLanguage.JSONPATH) {
            parameters = null; // a Map's Parameters is its (legacy) ItemSelector
        }
        if (parameters != null && ql == QueryLanguage.JSONPATH) {
            checkTemplate(parameters, at + "/Parameters");
        }
        JsonNode resultSelector = node.get("ResultSelector");
        if (resultSelector != null) {
            checkTemplate(resultSelector, at + "/ResultSelector");
        }
        return new StateCommon(
                name,
                type,
                ql,
                next,
                end,
                path(node, "InputPath", at, "$"),
                parameters,
                resultSelector,
                path(node, "ResultPath", at, "$"),
                path(node, "OutputPath", at, "$"),
                node.get("Assign"),
                node.get("Output"));
    }

    private WaitState wait(StateCommon common, JsonNode node, String at) {
        int set = 0;
        for (String f : List.of("Seconds", "Timestamp", "SecondsPath", "TimestampPath")) {
            set += node.has(f) ? 1 : 0;
        }
        if (set != 1) {
            problem(
                    "SCHEMA_VALIDATION_FAILED: A Wait state must set exactly one of Seconds, Timestamp, SecondsPath,"
                            + " TimestampPath",
                    at);
        }
        return new WaitState(
                common,
                node.get("Seconds"),
                node.get("Timestamp"),
                path(node, "SecondsPath", at, null),
                path(node, "TimestampPath", at, null));
    }

    private ChoiceState choice(StateCommon common, JsonNode node, String at) {
        JsonNode choices = node.get("Choices");
        List<ChoiceState.Branch> branches = new ArrayList<>();
        if (choices == null || !choices.isArray() || choices.isEmpty()) {
            problem("SCHEMA_VALIDATION_FAILED: These fields are required: [Choices]", at);
        } else {
            for (int i = 0; i < choices.size(); i++) {
                JsonNode c = choices.get(i);
                String cat = at + "/Choices[" + i + "]";
                if (!c.has("Next")) {
                    problem("SCHEMA_VALIDATION_FAILED: These fields are required: [Next]", cat);
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
                problem("SCHEMA_VALIDATION_FAILED: These fields are required: [Condition]", at);
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
            problem("SCHEMA_VALIDATION_FAILED: These fields are required: [Variable]", at);
        } else {
            checkPath(variable, at + "/Variable");
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
                checkPath(operand.asText(), at + "/" + field);
                return new ChoiceRule.Comparison(variable, comparator, null, operand.asText());
            }
            return new ChoiceRule.Comparison(variable, comparator, operand, null);
        }
        problem("SCHEMA_VALIDATION_FAILED: No comparison operator found in the Choice rule", at);
        return new ChoiceRule.Comparison(variable, Comparator.IS_PRESENT, Json.NODES.booleanNode(true), null);
    }

    private TaskState task(StateCommon common, JsonNode node, String at) {
        String resource = node.path("Resource").asText(null);
        if (resource == null) {
            problem("SCHEMA_VALIDATION_FAILED: These fields are required: [Resource]", at);
        }
        return new TaskState(
                common,
                resource,
                timeout(node, "TimeoutSeconds", at),
                timeout(node, "HeartbeatSeconds", at),
                node.get("Credentials"),
                retriers(node, at),
                catchers(node, at));
    }

    private ParallelState parallel(StateCommon common, JsonNode node, String at, QueryLanguage ql) {
        JsonNode branches = node.get("Branches");
        List<Program> programs = new ArrayList<>();
        if (branches == null || !branches.isArray() || branches.isEmpty()) {
            problem("SCHEMA_VALIDATION_FAILED: These fields are required: [Branches]", at);
        } else {
            for (int i = 0; i < branches.size(); i++) {
                Program p = program(branches.get(i), at + "/Branches[" + i + "]", ql);
                if (p != null) {
                    programs.add(p);
                }
            }
        }
        return new ParallelState(common, List.copyOf(programs), retriers(node, at), catchers(node, at));
    }

    private MapState map(StateCommon common, JsonNode node, String at, QueryLanguage ql) {
        String field = node.has("ItemProcessor") ? "ItemProcessor" : "Iterator";
        Program processor = null;
        if (!node.has(field)) {
            problem("SCHEMA_VALIDATION_FAILED: These fields are required: [ItemProcessor]", at);
        } else {
            processor = program(node.get(field), at + "/" + field, ql);
        }
        JsonNode selector = node.has("ItemSelector") ? node.get("ItemSelector") : node.get("Parameters");
        if (selector != null && ql == QueryLanguage.JSONPATH) {
            checkTemplate(selector, at + "/ItemSelector");
        }
        JsonNode distributed = null;
        if (node.has("ItemReader") || node.has("ResultWriter") || node.has("ItemBatcher")) {
            distributed = Json.object();
            for (String f : List.of("ItemReader", "ResultWriter", "ItemBatcher")) {
                if (node.has(f)) {
                    ((ObjectNode) distributed).set(f, node.get(f));
                }
            }
        }
        return new MapState(
                common,
                processor,
                path(node, "ItemsPath", at, "$"),
                node.get("Items"),
                selector,
                node.get("MaxConcurrency"),
                path(node, "MaxConcurrencyPath", at, null),
                node.get("ToleratedFailureCount"),
                path(node, "ToleratedFailureCountPath", at, null),
                node.get("ToleratedFailurePercentage"),
                path(node, "ToleratedFailurePercentagePath", at, null),
                "DISTRIBUTED"
                        .equals(node.path(field)
                                .path("ProcessorConfig")
                                .path("Mode")
                                .asText()),
                distributed,
                retriers(node, at),
                catchers(node, at));
    }

    private List<Retrier> retriers(JsonNode node, String at) {
        JsonNode retry = node.get("Retry");
        if (retry == null) {
            return List.of();
        }
        List<Retrier> out = new ArrayList<>();
        for (int i = 0; i < retry.size(); i++) {
            JsonNode r = retry.get(i);
            String rat = at + "/Retry[" + i + "]";
            List<String> errors = errorEquals(r, rat);
            int maxAttempts = r.path("MaxAttempts").asInt(3);
            double backoff = r.path("BackoffRate").asDouble(2.0);
            int interval = r.path("IntervalSeconds").asInt(1);
            if (interval < 1 || maxAttempts < 0 || backoff < 1.0) {
                problem(
                        "SCHEMA_VALIDATION_FAILED: IntervalSeconds must be >= 1, MaxAttempts >= 0 and BackoffRate >= 1.0",
                        rat);
            }
            String jitter = r.path("JitterStrategy").asText("NONE");
            if (!jitter.equals("NONE") && !jitter.equals("FULL")) {
                problem(
                        "SCHEMA_VALIDATION_FAILED: The value for the field 'JitterStrategy' must be one of [FULL, NONE]",
                        rat + "/JitterStrategy");
            }
            Integer maxDelay =
                    r.has("MaxDelaySeconds") ? r.get("MaxDelaySeconds").asInt() : null;
            out.add(new Retrier(errors, interval, maxAttempts, backoff, maxDelay, jitter.equals("FULL")));
        }
        checkStatesAllLast(out.stream().map(Retrier::errorEquals).toList(), at + "/Retry");
        return List.copyOf(out);
    }

    private List<Catcher> catchers(JsonNode node, String at) {
        JsonNode catches = node.get("Catch");
        if (catches == null) {
            return List.of();
        }
        List<Catcher> out = new ArrayList<>();
        for (int i = 0; i < catches.size(); i++) {
            JsonNode c = catches.get(i);
            String cat = at + "/Catch[" + i + "]";
            List<String> errors = errorEquals(c, cat);
            if (!c.path("Next").isTextual()) {
                problem("SCHEMA_VALIDATION_FAILED: These fields are required: [Next]", cat);
            }
            out.add(new Catcher(
                    errors,
                    c.path("Next").asText(null),
                    path(c, "ResultPath", cat, "$"),
                    c.get("Output"),
                    c.get("Assign")));
        }
        checkStatesAllLast(out.stream().map(Catcher::errorEquals).toList(), at + "/Catch");
        return List.copyOf(out);
    }

    private List<String> errorEquals(JsonNode node, String at) {
        JsonNode errors = node.get("ErrorEquals");
        if (errors == null || !errors.isArray() || errors.isEmpty()) {
            problem("SCHEMA_VALIDATION_FAILED: These fields are required: [ErrorEquals]", at);
            return List.of();
        }
        List<String> out = new ArrayList<>();
        errors.forEach(e -> out.add(e.asText()));
        if (out.contains("States.ALL") && out.size() > 1) {
            problem("SCHEMA_VALIDATION_FAILED: States.ALL must appear alone in ErrorEquals", at + "/ErrorEquals");
        }
        return List.copyOf(out);
    }

    private void checkStatesAllLast(List<List<String>> entries, String at) {
        for (int i = 0; i < entries.size() - 1; i++) {
            if (entries.get(i).contains("States.ALL")) {
                problem("SCHEMA_VALIDATION_FAILED: States.ALL must be the last entry", at + "[" + i + "]");
            }
        }
    }

    private TimeoutSpec timeout(JsonNode node, String field, String at) {
        JsonNode value = node.get(field);
        String path = path(node, field + "Path", at, null);
        if (value != null && path != null) {
            problem("SCHEMA_VALIDATION_FAILED: Only one of '" + field + "' and '" + field + "Path' may be set", at);
        }
        if (value != null && value.isNumber() && value.asLong() <= 0) {
            problem(
                    "SCHEMA_VALIDATION_FAILED: The value for the field '" + field + "' must be positive",
                    at + "/" + field);
        }
        return value == null && path == null ? TimeoutSpec.NONE : new TimeoutSpec(value, path);
    }

    private QueryLanguage queryLanguage(JsonNode node, String at, QueryLanguage fallback) {
        try {
            return QueryLanguage.parse(node.asText());
        } catch (IllegalArgumentException e) {
            problem(
                    "SCHEMA_VALIDATION_FAILED: The value for the field 'QueryLanguage' must be one of [JSONPath, JSONata]",
                    at);
            return fallback;
        }
    }

    private void checkLanguageFields(JsonNode node, QueryLanguage ql, String at) {
        List<String> forbidden = ql == QueryLanguage.JSONATA ? JSONPATH_ONLY : JSONATA_ONLY;
        for (String f : forbidden) {
            if (node.has(f)) {
                problem(
                        "SCHEMA_VALIDATION_FAILED: The field '" + f + "' is not supported when the QueryLanguage is "
                                + (ql == QueryLanguage.JSONATA ? "JSONata" : "JSONPath"),
                        at + "/" + f);
            }
        }
    }

    /** Reads a JSONPath field: default when absent, null for JSON null, validated otherwise. */
    private String path(JsonNode node, String field, String at, String absent) {
        if (!node.has(field)) {
            return absent;
        }
        JsonNode value = node.get(field);
        if (value.isNull()) {
            return null;
        }
        checkPath(value.asText(), at + "/" + field);
        return value.asText();
    }

    private String pathOrIntrinsic(JsonNode node, String field, String at) {
        JsonNode value = node.get(field);
        if (value != null && value.isTextual() && value.textValue().startsWith("States.")) {
            return value.textValue();
        }
        return path(node, field, at, null);
    }

    private void checkPath(String path, String at) {
        String error = ReferencePaths.syntaxError(path);
        if (error != null) {
            problem("INVALID_JSON_PATH: " + error, at);
        }
    }

    /** Every {@code "key.$"} of a payload template must hold a valid path or intrinsic function. */
    private void checkTemplate(JsonNode template, String at) {
        if (template.isObject()) {
            template.properties().forEach(e -> {
                if (e.getKey().endsWith(".$") && e.getValue().isTextual()) {
                    String text = e.getValue().textValue();
                    if (!text.startsWith("States.")) {
                        checkPath(text, at + "/" + e.getKey());
                    }
                } else {
                    checkTemplate(e.getValue(), at + "/" + e.getKey());
                }
            });
        } else if (template.isArray()) {
            for (int i = 0; i < template.size(); i++) {
                checkTemplate(template.get(i), at + "[" + i + "]");
            }
        }
    }

    private Integer optionalInt(JsonNode node, String field, String at) {
        JsonNode value = node.get(field);
        if (value == null) {
            return null;
        }
        if (!value.canConvertToInt()) {
            problem(
                    "SCHEMA_VALIDATION_FAILED: The value for the field '" + field + "' must be an integer",
                    at + "/" + field);
            return null;
        }
        return value.intValue();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private void problem(String message, String at) {
        problems.add(message + " at " + (at.isEmpty() ? "/" : at));
    }
}
