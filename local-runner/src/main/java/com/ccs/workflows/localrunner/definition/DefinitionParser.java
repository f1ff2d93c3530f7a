package com.ccs.workflows.localrunner.definition;

import com.ccs.workflows.localrunner.json.Json;
import com.ccs.workflows.localrunner.jsonata.JsonataEvaluator;
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
 * instead of stopping at the first. This class reads the document's structure and each state type's fields;
 * Choice rules are in {@link ChoiceRuleParser}, Retry and Catch in {@link RetryCatchParser}, checked paths and
 * values in {@link FieldReader}, and cross-state checks (targets, reachability) in {@link DefinitionValidator}.
 */
public final class DefinitionParser {
    private static final Set<String> TYPES =
            Set.of("Pass", "Task", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map");
    private static final List<String> JSONPATH_ONLY =
            List.of("InputPath", "Parameters", "ResultSelector", "ResultPath", "OutputPath", "ItemsPath");
    private static final List<String> JSONATA_ONLY = List.of("Arguments", "Output", "Items");

    private final FieldReader fields = new FieldReader();
    /** The machine's own language, which the states of its branches and item processors inherit, as on AWS. */
    private QueryLanguage machineLanguage = QueryLanguage.JSONPATH;

    private final ChoiceRuleParser choices = new ChoiceRuleParser(fields);
    private final RetryCatchParser handlers = new RetryCatchParser(fields);

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
            ql = parser.fields.queryLanguage(root.get("QueryLanguage"), "/QueryLanguage", ql);
        }
        parser.machineLanguage = ql;
        Program program = parser.program(root, "", ql);
        Integer timeout = parser.fields.optionalInt(root, "TimeoutSeconds", "");
        if (program != null) {
            new DefinitionValidator(parser.fields.problems()).validate(program, "");
        }
        if (!parser.fields.problems().isEmpty()) {
            throw new DefinitionException(parser.fields.problems());
        }
        return new StateMachineDefinition(program, timeout, root.path("Comment").asText(null), root);
    }

    private Program program(JsonNode node, String at, QueryLanguage ql) {
        String startAt = node.path("StartAt").isTextual() ? node.get("StartAt").textValue() : null;
        if (startAt == null) {
            fields.problem("SCHEMA_VALIDATION_FAILED: These fields are required: [StartAt]", at.isEmpty() ? "/" : at);
        }
        JsonNode statesNode = node.get("States");
        if (statesNode == null || !statesNode.isObject()) {
            fields.problem("SCHEMA_VALIDATION_FAILED: These fields are required: [States]", at.isEmpty() ? "/" : at);
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
            fields.problem("SCHEMA_VALIDATION_FAILED: A state must be a JSON object", at);
            return null;
        }
        String type = node.path("Type").asText(null);
        if (type == null) {
            fields.problem("SCHEMA_VALIDATION_FAILED: These fields are required: [Type]", at);
            return null;
        }
        if (!TYPES.contains(type)) {
            fields.problem(
                    "SCHEMA_VALIDATION_FAILED: The value for the field 'Type' must be one of " + TYPES, at + "/Type");
            return null;
        }
        QueryLanguage ql = node.has("QueryLanguage")
                ? fields.queryLanguage(node.get("QueryLanguage"), at + "/QueryLanguage", inherited)
                : inherited;
        if (machineLanguage == QueryLanguage.JSONATA && ql == QueryLanguage.JSONPATH) {
            fields.problem(
                    "SCHEMA_VALIDATION_FAILED: 'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole"
                            + " state machine",
                    at);
        }
        checkLanguageFields(node, ql, at);
        if (ql == QueryLanguage.JSONATA) {
            checkExpressions(node, at);
        }
        node.fieldNames().forEachRemaining(field -> {
            if (!StateFields.allowed(type, field)) {
                fields.problem("SCHEMA_VALIDATION_FAILED: Field '" + field + "' is not supported", at);
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
                        fields.pathOrIntrinsic(node, "ErrorPath", at),
                        text(node, "Cause"),
                        fields.pathOrIntrinsic(node, "CausePath", at));
            case "Wait" -> wait(common, node, at);
            case "Choice" -> choices.choice(common, node, at);
            case "Task" -> task(common, node, at);
            case "Parallel" -> parallel(common, node, at);
            case "Map" -> map(common, node, at, ql);
            default -> throw new IllegalStateException(type);
        };
    }

    private StateCommon common(String name, String type, JsonNode node, String at, QueryLanguage ql) {
        boolean end = node.path("End").asBoolean(false);
        String next = node.path("Next").asText(null);
        boolean terminalType = type.equals("Succeed") || type.equals("Fail") || type.equals("Choice");
        if (!terminalType && (next == null) == !end) {
            fields.problem("SCHEMA_VALIDATION_FAILED: Exactly one of the fields 'Next' or 'End' must be set", at);
        }
        if (type.equals("Choice") && (node.has("Next") || node.has("End"))) {
            fields.problem("SCHEMA_VALIDATION_FAILED: Choice states do not support the fields 'Next' and 'End'", at);
        }
        JsonNode parameters = ql == QueryLanguage.JSONATA ? node.get("Arguments") : node.get("Parameters");
        if (type.equals("Map") && ql == QueryLanguage.JSONPATH) {
            parameters = null; // a Map's Parameters is its (legacy) ItemSelector
        }
        if (parameters != null && ql == QueryLanguage.JSONPATH) {
            fields.checkTemplate(parameters, at + "/Parameters");
        }
        JsonNode resultSelector = node.get("ResultSelector");
        if (resultSelector != null) {
            fields.checkTemplate(resultSelector, at + "/ResultSelector");
        }
        return new StateCommon(
                name,
                type,
                ql,
                next,
                end,
                fields.path(node, "InputPath", at, "$"),
                parameters,
                resultSelector,
                fields.path(node, "ResultPath", at, "$"),
                fields.path(node, "OutputPath", at, "$"),
                node.get("Assign"),
                node.get("Output"));
    }

    private WaitState wait(StateCommon common, JsonNode node, String at) {
        int set = 0;
        for (String f : List.of("Seconds", "Timestamp", "SecondsPath", "TimestampPath")) {
            set += node.has(f) ? 1 : 0;
        }
        if (set != 1) {
            fields.problem(
                    "SCHEMA_VALIDATION_FAILED: A Wait state must set exactly one of Seconds, Timestamp, SecondsPath,"
                            + " TimestampPath",
                    at);
        }
        return new WaitState(
                common,
                node.get("Seconds"),
                node.get("Timestamp"),
                fields.path(node, "SecondsPath", at, null),
                fields.path(node, "TimestampPath", at, null));
    }

    private TaskState task(StateCommon common, JsonNode node, String at) {
        String resource = node.path("Resource").asText(null);
        if (resource == null) {
            fields.problem("SCHEMA_VALIDATION_FAILED: These fields are required: [Resource]", at);
        }
        return new TaskState(
                common,
                resource,
                fields.timeout(node, "TimeoutSeconds", at),
                fields.timeout(node, "HeartbeatSeconds", at),
                node.get("Credentials"),
                handlers.retriers(node, at),
                handlers.catchers(node, at));
    }

    private ParallelState parallel(StateCommon common, JsonNode node, String at) {
        JsonNode branches = node.get("Branches");
        List<Program> programs = new ArrayList<>();
        if (branches == null || !branches.isArray() || branches.isEmpty()) {
            fields.problem("SCHEMA_VALIDATION_FAILED: These fields are required: [Branches]", at);
        } else {
            for (int i = 0; i < branches.size(); i++) {
                Program p = program(branches.get(i), at + "/Branches[" + i + "]", machineLanguage);
                if (p != null) {
                    programs.add(p);
                }
            }
        }
        return new ParallelState(
                common, List.copyOf(programs), handlers.retriers(node, at), handlers.catchers(node, at));
    }

    private MapState map(StateCommon common, JsonNode node, String at, QueryLanguage ql) {
        String field = node.has("ItemProcessor") ? "ItemProcessor" : "Iterator";
        Program processor = null;
        if (!node.has(field)) {
            fields.problem("SCHEMA_VALIDATION_FAILED: These fields are required: [ItemProcessor]", at);
        } else {
            if (node.get(field).has("QueryLanguage")) {
                fields.problem("SCHEMA_VALIDATION_FAILED: Field 'QueryLanguage' is not supported", at + "/" + field);
            }
            processor = program(node.get(field), at + "/" + field, machineLanguage);
        }
        JsonNode selector = node.has("ItemSelector") ? node.get("ItemSelector") : node.get("Parameters");
        if (selector != null && ql == QueryLanguage.JSONPATH) {
            fields.checkTemplate(selector, at + "/ItemSelector");
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
                fields.path(node, "ItemsPath", at, "$"),
                node.get("Items"),
                selector,
                node.get("MaxConcurrency"),
                fields.path(node, "MaxConcurrencyPath", at, null),
                node.get("ToleratedFailureCount"),
                fields.path(node, "ToleratedFailureCountPath", at, null),
                node.get("ToleratedFailurePercentage"),
                fields.path(node, "ToleratedFailurePercentagePath", at, null),
                "DISTRIBUTED"
                        .equals(node.path(field)
                                .path("ProcessorConfig")
                                .path("Mode")
                                .asText()),
                distributed,
                handlers.retriers(node, at),
                handlers.catchers(node, at));
    }

    private void checkLanguageFields(JsonNode node, QueryLanguage ql, String at) {
        List<String> forbidden = ql == QueryLanguage.JSONATA ? JSONPATH_ONLY : JSONATA_ONLY;
        for (String f : forbidden) {
            if (node.has(f)) {
                String set = ql == QueryLanguage.JSONATA ? "JSONata" : "JSONPath";
                String other = ql == QueryLanguage.JSONATA ? "JSONPath" : "JSONata";
                fields.problem(
                        "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to '" + set + "', but field '" + f
                                + "' is only supported for the '" + other + "' QueryLanguage",
                        at);
            }
        }
    }

    /**
     * Checks each {@code {% %}} string of a JSONata state as AWS does when a definition is created: the programs
     * of its branches and item processor are states of their own, and comments are text.
     */
    private void checkExpressions(JsonNode state, String at) {
        state.properties().forEach(field -> {
            String name = field.getKey();
            if (name.equals("Choices") || name.equals("Catch")) {
                for (int i = 0; i < field.getValue().size(); i++) {
                    JsonNode element = field.getValue().get(i);
                    String elementAt = at + "/" + name + "[" + i + "]";
                    element.properties().forEach(e -> {
                        if (!e.getKey().equals("Comment")) {
                            checkExpressionsIn(e.getValue(), elementAt + "/" + e.getKey(), name.equals("Catch"));
                        }
                    });
                }
            } else if (!NOT_EXPRESSIONS.contains(name)) {
                checkExpressionsIn(field.getValue(), at + "/" + name, false);
            }
        });
    }

    private static final Set<String> NOT_EXPRESSIONS = Set.of("Comment", "Branches", "ItemProcessor", "Iterator");

    /** {@code inCatcher}: the expression belongs to a catcher, which alone has {@code $states.errorOutput}. */
    private void checkExpressionsIn(JsonNode node, String at, boolean inCatcher) {
        if (node.isTextual() && JsonataEvaluator.isExpression(node.textValue())) {
            JsonataEvaluator.definitionProblems(node.textValue(), inCatcher)
                    .forEach(problem -> fields.problem(problem, at));
        } else if (node.isObject()) {
            node.properties().forEach(e -> checkExpressionsIn(e.getValue(), at + "/" + e.getKey(), inCatcher));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkExpressionsIn(node.get(i), at + "[" + i + "]", inCatcher);
            }
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
